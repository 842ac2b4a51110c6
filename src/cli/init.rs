//! `cohere init [DIR]`.

use super::SUCCESS;
use super::args::InitArgs;
use super::common;
use anyhow::{Result, bail};
use cohere::init::scaffold;

pub fn run(args: InitArgs) -> Result<u8> {
    let files = scaffold();
    // Check everything first: either the whole scaffold is written or nothing is.
    let existing: Vec<&str> = files
        .iter()
        .filter(|f| args.dir.join(f.path).exists())
        .map(|f| f.path)
        .collect();
    if !existing.is_empty() {
        bail!(
            "refusing to overwrite {} in `{}`\n  help: move {} away, or run `cohere init` in another directory",
            existing
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", "),
            args.dir.display(),
            if existing.len() == 1 { "it" } else { "them" }
        );
    }
    for file in &files {
        common::create_atomically(&args.dir.join(file.path), file.text.as_bytes())?;
    }
    eprintln!("created a policy repository in `{}`:", args.dir.display());
    for file in &files {
        eprintln!("  {}", file.path);
    }
    eprintln!(
        "next: copy templates/policy.yaml to policies/<your-policy>.yaml, edit it, then run `cohere lint`; `cohere explain RULE` says what a finding means"
    );
    Ok(SUCCESS)
}
