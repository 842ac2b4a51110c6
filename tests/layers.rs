//! The layers of ARCHITECTURE.md run one way: no module of `src/` imports a module of a higher
//! layer. Read from the `crate::` paths of every file (comments aside).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::path::Path;

/// The layer of a top-level module, as ARCHITECTURE.md lists them.
fn layer(module: &str) -> Option<u8> {
    Some(match module {
        "diagnostic" | "vocabulary" | "source" | "suggest" | "parallel" | "builtin" => 0,
        "yaml" | "document" | "suppression" => 1,
        "model" | "config" | "project" => 2,
        "graph" | "analysis" | "catalog" => 3,
        "rules" | "finding" | "lint" | "baseline" => 4,
        "output" | "output_file" | "report" | "diagram" | "diff" | "schema" | "init" | "server" => {
            5
        }
        _ => return None,
    })
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_imports_a_higher_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    all.sort();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for path in all {
        let relative = path.strip_prefix(&src).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        // The binary and the crate root sit above every layer.
        let Some(from) = layer(&top) else {
            assert!(
                ["cli", "main", "lib"].contains(&top.as_str()),
                "{}: a module in no layer: add it to ARCHITECTURE.md and to this test",
                relative.display()
            );
            continue;
        };
        checked += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for (at, _) in line.match_indices("crate::") {
                let target: String = line[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if let Some(to) = layer(&target)
                    && to > from
                {
                    wrong.push(format!(
                        "{}: `{top}` (layer {from}) imports `{target}` (layer {to})",
                        relative.display()
                    ));
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} files read");
    assert!(wrong.is_empty(), "{wrong:#?}");
}
