#![allow(clippy::expect_used)] // A build script that cannot write its output must stop.

//! Compiles into the binary:
//! - the rule fixtures (tests/fixtures/rules/<rule>/{fail,pass}/*), so that `cohere explain`
//!   shows the same examples the tests check;
//! - the parsed trees of the built-in frameworks (frameworks/**/*.yaml), so that a run decodes
//!   them instead of parsing them (src/yaml/binary.rs). A built-in file that does not parse
//!   stops the build here, with the parser's message.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

// The run's own YAML tree and its binary form, compiled here too so the trees are the same.
#[allow(dead_code)]
mod source {
    include!("src/source/span.rs");
}
#[allow(dead_code)]
#[path = "src/yaml/binary.rs"]
mod binary;
#[allow(dead_code)]
#[path = "src/yaml/tree.rs"]
mod tree;

fn main() {
    rule_examples();
    built_in_trees();
}

/// Parses every built-in file and writes its trees to `$OUT_DIR/trees/<path>.tree`.
fn built_in_trees() {
    println!("cargo::rerun-if-changed=src/yaml/tree.rs");
    println!("cargo::rerun-if-changed=src/yaml/binary.rs");
    println!("cargo::rerun-if-changed=src/source/span.rs");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("trees");
    let mut dirs = vec![Path::new("frameworks").to_path_buf()];
    while let Some(dir) = dirs.pop() {
        println!("cargo::rerun-if-changed={}", dir.display());
        let mut entries: Vec<_> = fs::read_dir(&dir)
            .expect("frameworks/ is readable")
            .flatten()
            .map(|entry| entry.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|ext| ext != "yaml") {
                continue;
            }
            println!("cargo::rerun-if-changed={}", path.display());
            let text = fs::read_to_string(&path).expect("a built-in file is UTF-8");
            // No byte-order mark in the built-ins; a run's parse strips one and offsets spans.
            assert!(
                !text.starts_with('\u{feff}'),
                "{}: remove the byte-order mark",
                path.display()
            );
            // The built-ins are cohere's own files: generous bounds, not a user's limits.
            let budget = tree::Budget {
                max_depth: 1024,
                max_nodes: usize::MAX / 8,
                max_aliases: 1 << 20,
                max_file_bytes: usize::MAX / 4,
            };
            let documents = match tree::parse(&text, 0, &budget) {
                Ok(documents) => documents,
                Err(error) => panic!("{}: {error}", path.display()),
            };
            let target = out.join(format!("{}.tree", path.display()));
            fs::create_dir_all(target.parent().expect("a parent")).expect("create trees/");
            fs::write(&target, binary::encode(&documents)).expect("write a tree");
        }
    }
}

/// Writes `$OUT_DIR/rule_examples.rs`.
fn rule_examples() {
    let root = Path::new("tests/fixtures/rules");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut entries = Vec::new();
    if let Ok(rules) = fs::read_dir(root) {
        for rule in rules.flatten() {
            let rule_name = rule.file_name().to_string_lossy().into_owned();
            for (dir, passing) in [("fail", false), ("pass", true)] {
                let dir_path = rule.path().join(dir);
                println!("cargo::rerun-if-changed={}", dir_path.display());
                let Ok(files) = fs::read_dir(&dir_path) else {
                    continue;
                };
                for file in files.flatten() {
                    let name = file.file_name().to_string_lossy().into_owned();
                    if name.ends_with(".yaml") || name.ends_with(".yml") {
                        let path = fs::canonicalize(file.path()).expect("fixture path");
                        entries.push((rule_name.clone(), passing, name, path));
                    }
                }
            }
        }
    }
    // Deterministic order: rule, failing before passing, cohere.yaml first, then by name.
    entries.sort_by(|a, b| {
        (a.0.as_str(), a.1, a.2 != "cohere.yaml", a.2.as_str()).cmp(&(
            b.0.as_str(),
            b.1,
            b.2 != "cohere.yaml",
            b.2.as_str(),
        ))
    });
    let mut code = String::from(
        "/// Every rule example, from the fixtures.\npub static EXAMPLES: &[Example] = &[\n",
    );
    for (rule, passing, name, path) in entries {
        writeln!(
            code,
            "    Example {{ rule: {rule:?}, passing: {passing}, name: {name:?}, text: include_str!({:?}) }},",
            path.display().to_string()
        )
        .expect("write");
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("rule_examples.rs");
    fs::write(out, code).expect("write rule_examples.rs");
}
