//! The parse floor of `scripts/bench.sh`: reads every YAML file under a directory and parses
//! each with serde-saphyr into a generic value, on one core, and prints the seconds it took.
//! No tool that reads the same files can be faster than this; cohere's time is reported as a
//! multiple of it. `cargo run --release -p cohere-bench-gen --bin parse-floor -- DIR`
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::Instant;

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("a directory"));
    let mut files = Vec::new();
    yaml_files(&dir, &mut files);
    files.sort();
    let started = Instant::now();
    let mut bytes = 0;
    let mut values = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("UTF-8 text");
        bytes += text.len();
        // A project file or a policy: one document each in the generated workload.
        let value: serde_json::Value = serde_saphyr::from_str(&text).expect("valid YAML");
        values += usize::from(!value.is_null());
    }
    println!(
        "{:.3} s for {} files ({bytes} bytes, {values} documents)",
        started.elapsed().as_secs_f64(),
        files.len()
    );
}
