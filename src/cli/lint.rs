//! `cohere lint`.

use super::args::{FailOn, LintArgs, LintFormat};
use super::common;
use super::{FINDINGS, SUCCESS};
use anyhow::Context as _;
use anyhow::Result;
use cohere::baseline::{self, Baseline};
use cohere::finding::Severity;
use cohere::lint::{LintOptions, lint};
use cohere::output::{self, Format, RenderContext};
use std::ffi::OsString;
use std::path::Path;

pub fn run(args: LintArgs) -> Result<u8> {
    // Refuse an output planted as a link before any work, and before reading a baseline that
    // is about to be rewritten through it.
    for path in [&args.output, &args.write_baseline].into_iter().flatten() {
        cohere::output_file::check_target(path)?;
    }
    // A baseline being rewritten is read too: its entries outside this run's scope are kept.
    let baseline = match (&args.baseline, &args.write_baseline) {
        (Some(path), _) => Some(read_baseline(path)?),
        (None, Some(path)) if path.exists() => Some(read_baseline(path)?),
        (None, _) => None,
    };
    let options = LintOptions {
        select: common::selectors(&args.select)?,
        ignore: common::selectors(&args.ignore)?,
        baseline,
    };
    let workspace = common::load(&args.paths, &args.project)?;
    let analysis = cohere::analysis::analyze(&workspace);
    let outcome = lint(&workspace, &analysis, &options);
    if let Some(path) = &args.write_baseline {
        let recorded = Baseline::record(
            &workspace,
            outcome.findings.iter().chain(&outcome.baselined),
            options.baseline.as_ref(),
            |rule, at| cohere::lint::rule_reports(&workspace, &options, rule, at),
        );
        common::write_atomically(path, recorded.to_json().as_bytes())?;
        let total: u32 = recorded.entries.iter().map(|e| e.count).sum();
        let this_run = outcome.findings.len() + outcome.baselined.len();
        let mut message = format!(
            "wrote {} to {}",
            plural(this_run, "finding"),
            path.display()
        );
        if total as usize > this_run {
            let kept = total as usize - this_run;
            message.push_str(&format!(
                " (and kept {kept} of files or rules outside this run)"
            ));
        }
        eprintln!("{message}");
        return Ok(SUCCESS);
    }
    let format = match resolve_format(args.format, std::env::var_os("GITHUB_ACTIONS")) {
        LintFormat::Text => Format::Text,
        LintFormat::Concise => Format::Concise,
        LintFormat::Json => Format::Json,
        LintFormat::Sarif => Format::Sarif,
        LintFormat::Github => Format::Github,
        LintFormat::Junit => Format::Junit,
        LintFormat::Markdown => Format::Markdown,
    };
    let color =
        format == Format::Text && args.output.is_none() && common::use_color(args.color, false);
    let context = RenderContext {
        sources: &workspace.sources,
        outcome: &outcome,
        color,
    };
    let rendered = output::render(format, &context);
    common::emit(&rendered, args.output.as_deref())?;
    eprintln!("{}", summary(&outcome, workspace.selected_files().count()));
    if workspace.project.is_some() && workspace.model.measures.is_empty() {
        eprintln!(
            "note: the project has no measure yet, so its coverage is not judged; `cohere init` puts a policy template in templates/policy.yaml to copy into policies/"
        );
    }
    if let (Some(path), Some(baseline)) = (&args.baseline, &options.baseline) {
        report_stale(path, baseline, &outcome.stale_baseline, args.prune_baseline)?;
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| outcome.counts.at_least(t) > 0);
    // The process ends here: leave freeing the model, the analysis, the findings and the output
    // (hundreds of megabytes for a large repository, ~10% of the run) to the operating system.
    std::mem::forget((rendered, outcome, analysis, workspace));
    Ok(if failed { FINDINGS } else { SUCCESS })
}

/// The format asked for, else GitHub annotations inside GitHub Actions (which sets
/// `GITHUB_ACTIONS=true` in every step), else text.
fn resolve_format(asked: Option<LintFormat>, github_actions: Option<OsString>) -> LintFormat {
    match asked {
        Some(format) => format,
        None if github_actions.is_some_and(|v| v == "true") => LintFormat::Github,
        None => LintFormat::Text,
    }
}

fn read_baseline(path: &Path) -> Result<Baseline> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the baseline `{}`", path.display()))?;
    Baseline::parse(&text).map_err(|error| match error {
        baseline::BaselineError::Invalid { .. } => {
            anyhow::anyhow!("invalid baseline {}:{error}", path.display())
        }
        baseline::BaselineError::Version(_) => {
            anyhow::anyhow!("invalid baseline {}: {error}", path.display())
        }
    })
}

/// Reports the stale entries of a baseline on stderr, and prunes them if asked.
fn report_stale(
    path: &Path,
    baseline: &Baseline,
    stale: &[baseline::Entry],
    prune: bool,
) -> Result<()> {
    let count: u32 = stale.iter().map(|e| e.count).sum();
    if count == 0 {
        return Ok(());
    }
    let (entries, verb) = if count == 1 {
        ("1 baseline entry".to_string(), "matches")
    } else {
        (format!("{count} baseline entries"), "match")
    };
    if prune {
        common::write_atomically(path, baseline.pruned(stale).to_json().as_bytes())?;
        eprintln!(
            "removed {entries} that {verb} nothing any more from {}",
            path.display()
        );
        return Ok(());
    }
    eprintln!(
        "note: {entries} in {} {verb} nothing any more (fixed, or suppressed inline):",
        path.display()
    );
    const LISTED: usize = 10;
    for entry in stale.iter().take(LISTED) {
        eprintln!(
            "  {}: {} [{}]",
            entry.path,
            entry.rule,
            entry.key.join(", ")
        );
    }
    if stale.len() > LISTED {
        eprintln!("  … and {} more", stale.len() - LISTED);
    }
    eprintln!("  help: `--prune-baseline` removes them from the file");
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn summary(outcome: &cohere::lint::LintOutcome, files: usize) -> String {
    let counts = outcome.counts;
    let mut text = if counts.total() == 0 {
        "no findings".to_string()
    } else {
        format!(
            "{}, {}, {} info",
            plural(counts.error, "error"),
            plural(counts.warning, "warning"),
            counts.info
        )
    };
    if let Some(aside) = outcome.set_aside() {
        text.push_str(&format!(" ({aside})"));
    }
    text.push_str(&format!(" in {}", plural(files, "file")));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_annotations_are_the_default_only_inside_github_actions() {
        let actions = || Some(OsString::from("true"));
        assert_eq!(resolve_format(None, None), LintFormat::Text);
        assert_eq!(resolve_format(None, actions()), LintFormat::Github);
        assert_eq!(
            resolve_format(None, Some(OsString::from("false"))),
            LintFormat::Text
        );
        assert_eq!(
            resolve_format(Some(LintFormat::Text), actions()),
            LintFormat::Text
        );
        assert_eq!(
            resolve_format(Some(LintFormat::Sarif), None),
            LintFormat::Sarif
        );
    }
}
