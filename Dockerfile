# cohere in a container, for CI systems that run images rather than install tools:
#
#   docker build -t cohere .
#   docker run --rm -v "$PWD:/repo:ro" cohere lint              # the repository in the current directory
#   docker run --rm -v "$PWD:/repo" --user "$(id -u):$(id -g)" cohere report policies/ --out reports/
#
# Two stages: the Rust toolchain builds the release binary (Cargo.lock as committed, the
# frameworks compiled in), and the runtime is Debian slim with that one binary, run as an
# unprivileged user in /repo, where the policy repository is mounted. The image carries no git
# and no Graphviz: `cohere diff` between two git revisions needs git (compare two checked-out
# directories instead, or build FROM this image and add it), and `cohere graph --engine dot`
# needs Graphviz (the default, `auto`, falls back to the built-in layout).
# No `# syntax=` line: the builder's own BuildKit frontend is enough, nothing more is pulled.

ARG RUST_VERSION=1.95
ARG DEBIAN_RELEASE=trixie

FROM rust:${RUST_VERSION}-slim-${DEBIAN_RELEASE} AS builder
WORKDIR /src
COPY . .
# The caches speed up rebuilds on one machine; the binary is copied out of the cached target/.
# Symbols are stripped, as in the wheel and the release archives.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    CARGO_PROFILE_RELEASE_STRIP=symbols cargo build --release --locked -p cohere \
    && install -m 0755 target/release/cohere /usr/local/bin/cohere

FROM debian:${DEBIAN_RELEASE}-slim
LABEL org.opencontainers.image.title="cohere" \
      org.opencontainers.image.description="Policy coherence analysis for migration governance and the 2030 Agenda" \
      org.opencontainers.image.source="https://github.com/cohere-policy/cohere" \
      org.opencontainers.image.licenses="MIT OR Apache-2.0"
RUN useradd --system --uid 10001 --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin cohere
COPY --from=builder /usr/local/bin/cohere /usr/local/bin/cohere
USER 10001:10001
WORKDIR /repo
ENTRYPOINT ["cohere"]
CMD ["lint"]
