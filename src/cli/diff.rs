//! `cohere diff BASE HEAD`.

use super::args::{DiffArgs, DiffFormat, FailOn};
use super::common;
use super::{FINDINGS, SUCCESS};
use anyhow::{Context as _, Result};
use cohere::diff::{self, Analysed, Side};
use cohere::finding::Severity;
use cohere::lint::{LintOptions, lint};

pub fn run(args: DiffArgs) -> Result<u8> {
    let cwd = std::env::current_dir().context("cannot read the working directory")?;
    let base = Side::prepare(&args.base, &cwd)?;
    let head = Side::prepare(&args.head, &cwd)?;
    let load = |side: &Side| {
        cohere::project::load(&side.request())
            .with_context(|| format!("cannot analyse `{}`", side.spec))
    };
    let (base_workspace, head_workspace) = (load(&base)?, load(&head)?);
    let base_analysis = cohere::analysis::analyze(&base_workspace.model, &base_workspace.settings);
    let head_analysis = cohere::analysis::analyze(&head_workspace.model, &head_workspace.settings);
    let options = LintOptions::default();
    let base_outcome = lint(&base_workspace, &base_analysis, &options);
    let head_outcome = lint(&head_workspace, &head_analysis, &options);
    let before = Analysed {
        side: &base,
        workspace: &base_workspace,
        analysis: &base_analysis,
        outcome: &base_outcome,
    };
    let after = Analysed {
        side: &head,
        workspace: &head_workspace,
        analysis: &head_analysis,
        outcome: &head_outcome,
    };
    let change = diff::diff(&before, &after);
    let text = match args.format {
        DiffFormat::Text => diff::text(&change),
        DiffFormat::Json => diff::json(&change),
        DiffFormat::Markdown => diff::markdown(&change),
    };
    common::emit(&text, args.output.as_deref())?;
    let added = change.added_counts();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    eprintln!(
        "{} added ({}, {}, {} info), {} resolved",
        plural(change.added.len(), "finding"),
        plural(added.error, "error"),
        plural(added.warning, "warning"),
        added.info,
        change.resolved.len()
    );
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| change.adds_at_least(t));
    Ok(if failed { FINDINGS } else { SUCCESS })
}
