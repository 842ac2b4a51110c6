//! `cohere lint`.

use super::args::{FailOn, LintArgs, LintFormat};
use super::common;
use super::{FINDINGS, SUCCESS};
use anyhow::Result;
use cohere::finding::Severity;
use cohere::lint::{LintOptions, lint};
use cohere::output::{self, Format, RenderContext};
use std::ffi::OsString;

pub fn run(args: LintArgs) -> Result<u8> {
    let options = LintOptions {
        select: common::selectors(&args.select)?,
        ignore: common::selectors(&args.ignore)?,
    };
    let workspace = common::load(&args.paths, &args.project)?;
    let analysis = cohere::analysis::analyze(&workspace);
    let outcome = lint(&workspace, &analysis, &options);
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
    if !outcome.suppressed.is_empty() {
        text.push_str(&format!(" ({} suppressed)", outcome.suppressed.len()));
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
