//! `cohere report`.

use super::SUCCESS;
use super::args::ReportArgs;
use super::common;
use anyhow::Result;
use cohere::lint::{LintOptions, lint};
use cohere::report::{self, ReportOptions};

pub fn run(args: ReportArgs) -> Result<u8> {
    // Refuse an output directory planted as a link before any work.
    for name in report::FILES {
        cohere::output_file::check_target(&args.out.join(name))?;
    }
    let workspace = common::load(&args.paths, &args.project)?;
    let analysis = cohere::analysis::analyze(&workspace.model, &workspace.settings);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    let date = match args.date {
        Some(date) => Some(date),
        None => report_date(&args, &workspace)?,
    };
    let options = ReportOptions { date };
    let model = report::build(&workspace, &analysis, &outcome, &options);
    let files = report::render(&model);
    report::write(&args.out, &files)?;
    let index = report::index_text(model.summary.index);
    let counts = &model.summary.counts;
    let plural = |n: usize, word: &str| match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    };
    eprintln!(
        "wrote {} (index.html, report.md, report.json): coherence index {index}; {}, {}, {} info",
        args.out.display(),
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
        counts.info
    );
    // The report is the product: findings do not make it fail.
    Ok(SUCCESS)
}

/// The report's date when `--date` is not given: `SOURCE_DATE_EPOCH`, else the last commit
/// that changed the project's files (its output directory left out), else none.
fn report_date(
    args: &ReportArgs,
    workspace: &cohere::project::Workspace,
) -> Result<Option<String>> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    if let Some(date) = report::date::from_source_date_epoch(epoch.as_deref())? {
        return Ok(Some(date));
    }
    let cwd = std::env::current_dir()?;
    let root = match (&workspace.project, args.paths.first()) {
        (Some(project), _) => project.root.clone(),
        (None, Some(path)) if cwd.join(path).is_dir() => cwd.join(path),
        (None, Some(path)) => cwd
            .join(path)
            .parent()
            .map_or_else(|| cwd.clone(), std::path::Path::to_path_buf),
        (None, None) => cwd.clone(),
    };
    let root = root.canonicalize().unwrap_or(root);
    let out = cwd.join(&args.out);
    let out = out.canonicalize().unwrap_or(out);
    let exclude = out
        .strip_prefix(&root)
        .ok()
        .filter(|p| !p.as_os_str().is_empty());
    Ok(report::date::last_commit(&root, exclude))
}
