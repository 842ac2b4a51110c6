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
    let mut workspace = common::load(&args.paths, &args.project)?;
    // Without a project file, paths would be shown from the working directory (`../..`); a
    // report is published, so they are shown from the directory that holds the inputs.
    if workspace.project.is_none()
        && let Some(root) = common_directory(&args.paths)
    {
        workspace = common::load_from(&args.paths, &args.project, root)?;
    }
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
    // The process ends here: leave freeing the model, the analysis, the findings and the report
    // (over a gigabyte for 100,000 measures, about 2 s of `free`) to the operating system, as
    // `cohere lint` does.
    std::mem::forget((files, model, outcome, analysis, workspace));
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

/// The deepest directory holding every path given (a file counts by its directory).
fn common_directory(paths: &[std::path::PathBuf]) -> Option<std::path::PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let mut common: Option<std::path::PathBuf> = None;
    for path in paths {
        let path = cwd.join(path);
        let path = path.canonicalize().unwrap_or(path);
        let dir = if path.is_dir() {
            path
        } else {
            path.parent()?.to_path_buf()
        };
        common = Some(match common {
            None => dir,
            Some(so_far) => so_far
                .components()
                .zip(dir.components())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect(),
        });
    }
    common
}
