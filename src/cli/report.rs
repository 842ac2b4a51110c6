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
    let analysis = cohere::analysis::analyze(&workspace);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    let options = ReportOptions { date: args.date };
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
