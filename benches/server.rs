//! The language server's latency: from a one-file change notification to the diagnostics it
//! causes, on the example repository (`cargo bench --bench server`).
//!
//! The built `cohere server` is spoken to over its stdin and stdout, as an editor speaks to it,
//! with every file of a copy of `policies/` open. Each iteration changes one score of
//! `southland/remittance-programme.yaml` (alternately 2 and 1, so that every change is real and
//! changes findings) and times until the server has published the diagnostics of that file
//! (which it publishes first), or of every file of the run. The time covers the debounce,
//! reading the closed files, parsing what changed, validation, analysis, every rule, and the
//! JSON-RPC round trip for the whole project. The target (issue 18) is 50 ms.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../tests/common/mod.rs"]
mod common;

use common::{copy_dir, uri};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Server {
    fn send(&mut self, message: Value) {
        common::send_message(&mut self.stdin, &message);
    }

    fn read(&mut self) -> Value {
        common::read_message(&mut self.stdout)
    }

    /// Reads until the response to request `id`.
    fn until_response(&mut self, id: i64) {
        while self.read()["id"] != id {}
    }

    /// Reads until diagnostics are published.
    fn until_published_any(&mut self) {
        while self.read()["method"] != "textDocument/publishDiagnostics" {}
    }

    /// Reads until diagnostics for `uri` are published; returns how many files' diagnostics
    /// were read, that one included.
    fn until_published(&mut self, uri: &str) -> usize {
        let mut read = 0;
        loop {
            let message = self.read();
            if message["method"] == "textDocument/publishDiagnostics" {
                read += 1;
                if message["params"]["uri"] == uri {
                    return read;
                }
            }
        }
    }
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap().join("policies");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("policies"),
        &root,
    );
    let mut files = Vec::new();
    yaml_files(&root, &mut files);
    files.sort();

    let mut child = Command::new(env!("CARGO_BIN_EXE_cohere"))
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut server = Server {
        stdin: child.stdin.take().unwrap(),
        stdout: BufReader::new(child.stdout.take().unwrap()),
        child,
    };
    server.send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    server.until_response(1);
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri(file), "languageId": "yaml", "version": 1, "text": text}}}));
    }
    // The first run loads and parses everything (the built-in frameworks included).
    server.send(json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri(&files[0])}, "position": {"line": 0, "character": 0}}}));
    server.until_response(2);

    let changed = root.join("southland/remittance-programme.yaml");
    let changed_uri = uri(&changed);
    let original = std::fs::read_to_string(&changed).unwrap();
    let needle = "score: 2";
    assert!(original.contains(needle));
    let variants = [original.replacen(needle, "score: 1", 1), original.clone()];
    let mut version = 1;
    let change = |server: &mut Server, version: i32| {
        let text = &variants[version as usize % 2];
        server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": changed_uri, "version": version}, "contentChanges": [{"text": text}]}}));
    };
    // How many files' diagnostics a change to each variant publishes (a request after the
    // change is answered after its run, so the publications before the answer are the run's).
    let mut publications = [0usize; 2];
    for _ in 0..2 {
        version += 1;
        change(&mut server, version);
        server.send(json!({"jsonrpc": "2.0", "id": 1000 + version, "method": "textDocument/hover", "params": {"textDocument": {"uri": changed_uri}, "position": {"line": 0, "character": 0}}}));
        loop {
            let message = server.read();
            if message["method"] == "textDocument/publishDiagnostics" {
                publications[version as usize % 2] += 1;
            } else if message["id"] == 1000 + version {
                break;
            }
        }
    }
    assert!(publications.iter().all(|&n| n > 1), "{publications:?}");

    let mut group = c.benchmark_group("server");
    group.sample_size(50);
    group.bench_function("one-file change to the diagnostics of that file", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                version += 1;
                let start = Instant::now();
                change(&mut server, version);
                let read = server.until_published(&changed_uri);
                total += start.elapsed();
                // The rest of the run's publications, untimed.
                for _ in read..publications[version as usize % 2] {
                    server.until_published_any();
                }
            }
            total
        })
    });
    group.bench_function(
        "one-file change to the diagnostics of every file (example repository)",
        |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    version += 1;
                    let start = Instant::now();
                    change(&mut server, version);
                    for _ in 0..publications[version as usize % 2] {
                        server.until_published_any();
                    }
                    total += start.elapsed();
                }
                total
            })
        },
    );
    group.finish();

    server.send(json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}));
    server.until_response(3);
    server.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let status = server.child.wait().unwrap();
    assert!(status.success());
}

criterion_group! {
    name = server;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = benches
}
criterion_main!(server);
