//! The generator writes the same bytes it wrote as `cohere bench-gen`, before it left cohere.
//!
//! Each digest below is the SHA-256 of the listing `find . -type f | LC_ALL=C sort | xargs
//! sha256sum` run in the output directory: one `<sha256>  ./<path>` line per file, in path
//! order. They were recorded with `cohere bench-gen` (commit cc1d5a9, the last with the
//! subcommand), and recorded again when issue 13 changed the built-in frameworks the generator
//! draws from (new groups and the `rights` framework, all SDG indicators, a larger knowledge
//! base): the generator is unchanged, so repositories stay comparable for a given data set.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every file under `dir`, relative to it with `/`, in byte order.
fn files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap();
                let parts: Vec<_> = relative.iter().map(|p| p.to_str().unwrap()).collect();
                found.push((parts.join("/"), path));
            }
        }
    }
    found.sort();
    found
}

/// What `sha256sum` prints for the files under `dir`, in path order.
fn listing(dir: &Path) -> String {
    files(dir)
        .iter()
        .map(|(relative, path)| {
            format!(
                "{}  ./{relative}\n",
                sha256_hex(&std::fs::read(path).unwrap())
            )
        })
        .collect()
}

/// Runs `bench-gen --measures N --seed S --out DIR`, which must succeed.
fn bench_gen(measures: usize, seed: u64, out: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_bench-gen"))
        .args(["--measures", &measures.to_string()])
        .args(["--seed", &seed.to_string()])
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!("wrote {measures} measures in ")),
        "{stderr}"
    );
}

#[test]
fn the_output_is_byte_identical_to_cohere_bench_gen() {
    // (measures, seed, digest of the listing).
    let recorded = [
        (
            0,
            1,
            "98bbb4cc464cb905cf3b989bbe813190cd9f94fe8cef8adcfdd86876b247700a",
        ),
        (
            10,
            7,
            "2468bc445d6046e3ab4b9a570152e2a2b79e43ced4ad70062fffdb9554aad3a2",
        ),
        (
            60,
            9,
            "5402be2f1071fb0f359663401a94230d73837047a0b5843cfe3c931bd727ed24",
        ),
        (
            500,
            3,
            "1322bf3834d1bbbc1982c1d732bf64e52aec35faece3a3545d6e6ae6909e42a6",
        ),
        (
            1000,
            7,
            "c8cd7a7ead781d2e2820ce251a8e391b44a1271e4ffe19dc045ec4029e439574",
        ),
    ];
    for (measures, seed, digest) in recorded {
        let dir = tempfile::tempdir().unwrap();
        bench_gen(measures, seed, dir.path());
        let listing = listing(dir.path());
        assert_eq!(
            sha256_hex(listing.as_bytes()),
            digest,
            "--measures {measures} --seed {seed} wrote other bytes:\n{listing}"
        );
    }
}

#[test]
fn the_smallest_repository_holds_these_files() {
    // The listing itself for 10 measures and seed 7, so that a change shows which file moved.
    let dir = tempfile::tempdir().unwrap();
    bench_gen(10, 7, dir.path());
    assert_eq!(
        listing(dir.path()),
        "644bd2931cdb20b4a6464c959100a056be5d6b99d5f5ac139f95a729d7b1e6ec  ./cohere.yaml\n\
         fb890db49e2dbec0f0c02af60b2188da2fafdbe2f6530d2cb72301952b18690e  ./knowledge/interactions.yaml\n\
         6309a96401984781b3b401faa2a5fb875d73e17b85147596a2bd60282242aae0  ./policies/institutions.yaml\n\
         44e41381cfcae2f55f8b7737c61d2a03085553c9a1bb64948fe85d07ea84676b  ./policies/southland/southland-diaspora-1.yaml\n"
    );
}

#[test]
fn the_seed_defaults_to_1_and_a_bad_directory_is_an_error() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    bench_gen(60, 1, a.path());
    let status = Command::new(env!("CARGO_BIN_EXE_bench-gen"))
        .args(["--measures", "60", "--out"])
        .arg(b.path())
        .output()
        .unwrap();
    assert!(status.status.success());
    assert_eq!(listing(a.path()), listing(b.path()));

    // A file where the directory should be: exit 2 and a message naming the path.
    let file = a.path().join("cohere.yaml");
    let output = Command::new(env!("CARGO_BIN_EXE_bench-gen"))
        .args(["--measures", "10", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: cannot write to `") && stderr.contains("cohere.yaml"),
        "{stderr}"
    );
}
