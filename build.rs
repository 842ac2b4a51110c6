#![allow(clippy::expect_used)] // A build script that cannot write its output must stop.

//! Compiles the rule fixtures (tests/fixtures/rules/<rule>/{fail,pass}/*) into the binary, so
//! that `cohere explain` shows the same examples the tests check.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
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
