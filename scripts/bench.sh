#!/usr/bin/env bash
# End-to-end benchmarks: builds cohere in release, generates repositories of 10,000 and 100,000
# measures (scripts/bench-gen, seed 7), and records `cohere lint` in several formats and
# `cohere report` — wall time and peak memory with GNU time — beside the parse floor (every
# YAML file parsed by serde-saphyr into a generic value, one core, crates/bench-gen/src/parse_floor.rs)
# timed in the same run, with the ratio. A single
# small draft is linted including process start (hyperfine where available, else repeated
# runs). Memory per finding is counted by the allocator (crates/bench-gen/src/finding_memory.rs:
# the bytes freed when the lint outcome is dropped, over the findings). The load of the machine
# is recorded before and after. The results replace the block
# between the bench.sh markers in BENCHMARKS.md.
#
#   scripts/bench.sh                   # 10,000 and 100,000 measures
#   SIZES="1000 10000" scripts/bench.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
sizes="${SIZES:-10000 100000}"
seed="${SEED:-7}"
work="${BENCH_DIR:-$root/target/bench}"
mkdir -p "$work"

if [ ! -x /usr/bin/time ] || ! /usr/bin/time -v true >/dev/null 2>&1; then
    echo "GNU time is missing: installing Debian's 'time'" >&2
    apt-get install -y time >/dev/null
fi
if ! command -v hyperfine >/dev/null 2>&1; then
    apt-get install -y hyperfine >/dev/null 2>&1 || echo "hyperfine unavailable: timing repeated runs instead" >&2
fi

cargo build --release --quiet --locked --package cohere --package cohere-bench-gen
cohere="$root/target/release/cohere"
parse_floor="$root/target/release/parse-floor"
bench_gen="$root/scripts/bench-gen"
has_report=no
if "$cohere" report --help >/dev/null 2>&1; then
    has_report=yes
fi

# Runs a command under GNU time; prints "seconds max-rss-MiB exit-code".
measure() {
    local log
    log="$(mktemp)"
    local code=0
    /usr/bin/time -v -o "$log" "$@" >"$work/out" 2>"$work/err" || code=$?
    local wall rss
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")"
    rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")"
    rm -f "$log"
    # h:mm:ss or m:ss.ss to seconds
    local seconds
    seconds="$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')"
    printf '%s %s %s\n' "$seconds" "$((rss / 1024))" "$code"
}

results="$work/results.md"
{
    echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC') by \`scripts/bench.sh\`."
    echo
    echo "| machine | |"
    echo "|---|---|"
    echo "| cores (nproc) | $(nproc) |"
    echo "| CPU | $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo) |"
    echo "| memory | $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) |"
    echo "| rustc | $(rustc --version) |"
    echo "| cohere | $(git rev-parse --short HEAD 2>/dev/null || echo unknown) |"
    echo "| load average before (1, 5, 15 min) | $(cut -d' ' -f1-3 /proc/loadavg) |"
    echo
    echo "Seed $seed. *floor*: the parse floor of the same files, timed just before; *× floor*: wall time over it."
    echo
    echo "| measures | files | YAML | command | findings | output | wall time | floor | × floor | peak memory | memory per finding |"
    echo "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"
} >"$results"

for n in $sizes; do
    repo="$work/repo-$n"
    if [ ! -f "$repo/cohere.yaml" ]; then
        rm -rf "$repo"
        "$bench_gen" --measures "$n" --seed "$seed" --out "$repo" 2>/dev/null
    fi
    files="$(find "$repo" -name '*.yaml' | wc -l)"
    bytes="$(du -sb "$repo" | cut -f1)"
    mib="$(awk -v b="$bytes" 'BEGIN {printf "%.1f MiB", b / 1048576}')"
    # The heap the findings hold, counted by the allocator (the same for every format).
    per="$("$root/target/release/finding-memory" "$repo" | sed -E 's/.*: ([0-9]+) B per finding.*/\1 B/')"
    formats="concise json sarif"
    if [ "$n" -le 10000 ]; then formats="text $formats"; fi
    for format in $formats; do
        floor="$("$parse_floor" "$repo" | awk '{print $1}')"
        read -r seconds rss _ < <(cd "$repo" && measure "$cohere" lint --format "$format" --fail-on never)
        findings="$(grep -Eo '^[0-9]+ errors?, [0-9]+ warnings?, [0-9]+ info' "$work/err" | awk '{print $1 + $3 + $5}')"
        out="$(stat -c %s "$work/out" | awk '{printf "%.1f MiB", $1 / 1048576}')"
        ratio="$(awk -v s="$seconds" -v f="$floor" 'BEGIN {printf "%.1f", s / f}')"
        echo "| $n | $files | $mib | \`lint --format $format\` | $findings | $out | ${seconds} s | ${floor} s | ${ratio} | ${rss} MiB | $per |" >>"$results"
        echo "lint $n --format $format: ${seconds} s (floor ${floor} s), ${rss} MiB" >&2
        rm -f "$work/out"
    done
    if [ "$has_report" = yes ]; then
        rm -rf "$work/report-$n"
        read -r seconds rss code < <(cd "$repo" && measure "$cohere" report --out "$work/report-$n")
        findings="$(cat "$work/out" "$work/err" | grep -Eo '[0-9]+ errors?, [0-9]+ warnings?, [0-9]+ info' | head -1 | awk '{print $1 + $3 + $5}')"
        out="$(du -sb "$work/report-$n" 2>/dev/null | awk '{printf "%.1f MiB", $1 / 1048576}')"
        status=""
        if [ "$code" != 0 ]; then status=" (exit $code)"; fi
        echo "| $n | $files | $mib | \`report\`$status | $findings | $out | ${seconds} s | | | ${rss} MiB | |" >>"$results"
        echo "report $n: ${seconds} s, ${rss} MiB" >&2
    fi
done
if [ "$has_report" = no ]; then
    echo >>"$results"
    echo "\`cohere report\` does not exist in this build: not measured." >>"$results"
fi

# A single draft policy, linted alone with the embedded frameworks, including process start.
draft_repo="$work/draft-repo"
rm -rf "$draft_repo"
"$bench_gen" --measures 30 --seed 7 --out "$draft_repo" 2>/dev/null
draft="$(find "$draft_repo/policies" -name '*.yaml' ! -name institutions.yaml | sort | head -1)"
cp "$draft" "$work/draft.yaml"
measures_in_draft="$(grep -c '^  - id: ' "$work/draft.yaml")"
{
    echo
    echo "A single draft of $measures_in_draft measures, \`cohere lint --isolated draft.yaml\` (the embedded frameworks and knowledge base, no project), including process start:"
    echo
} >>"$results"
if command -v hyperfine >/dev/null 2>&1; then
    (cd "$work" && hyperfine --warmup 5 --runs 50 -N --export-markdown "$work/draft.md" \
        "$cohere lint --isolated --fail-on never draft.yaml" >/dev/null 2>&1) || true
    sed 's#'"$cohere"'#cohere#' "$work/draft.md" >>"$results"
else
    times=()
    for _ in $(seq 50); do
        start="$(date +%s%N)"
        (cd "$work" && "$cohere" lint --isolated --fail-on never draft.yaml >/dev/null 2>&1) || true
        times+=("$(( ($(date +%s%N) - start) / 1000 ))")
    done
    median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)] / 1000}')"
    echo "median of 50 runs: ${median} ms" >>"$results"
fi
read -r seconds rss _ < <(cd "$work" && measure "$cohere" lint --isolated --fail-on never draft.yaml)
echo >>"$results"
echo "Peak memory of the draft run: ${rss} MiB." >>"$results"
echo >>"$results"
echo "Load average after (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)." >>"$results"

# Replace the generated block of BENCHMARKS.md.
python3 - "$root/BENCHMARKS.md" "$results" <<'EOF'
import sys
path, results = sys.argv[1], sys.argv[2]
begin, end = "<!-- bench.sh:begin -->", "<!-- bench.sh:end -->"
text = open(path).read() if __import__("os").path.exists(path) else f"# Benchmarks\n\n{begin}\n{end}\n"
new = open(results).read()
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w").write(f"{head}{begin}\n{new}\n{end}{tail}")
EOF
cat "$results"
