//! The coherence report for parliaments and the public: one model, three renderers.
//!
//! [`build`] computes a [`Report`] from the workspace, the analysis and the lint outcome; the
//! renderers ([`html`], [`markdown`], [`json`]) only read it, so the HTML and the Markdown say
//! the same things. [`write()`] puts all three in a directory atomically: each file is written to
//! a temporary file beside it and renamed over the old one only once all three are complete, so
//! a failed run leaves the previous report as it was and no half-written file behind.
//!
//! Nothing in the report depends on the clock, the machine or the order of a hash map: the same
//! input gives the same bytes (a date is printed only when one is given).

pub mod date;
pub mod html;
pub mod json;
pub mod markdown;
pub mod model;
pub mod plain;
pub mod story;

pub use model::{Report, ReportOptions, build};

use std::path::{Path, PathBuf};

/// The files of a report, with their names in the output directory.
pub const FILES: [&str; 3] = ["index.html", "report.md", "report.json"];

/// Renders the three files: (name, contents).
pub fn render(report: &Report) -> [(&'static str, String); 3] {
    [
        (FILES[0], html::render(report)),
        (FILES[1], markdown::render(report)),
        (FILES[2], json::render(report)),
    ]
}

/// Why a report could not be written.
pub use crate::output_file::WriteError;

/// Writes `files` into `dir` (created if needed), all or nothing as far as the file system
/// allows ([`crate::output_file::write_files`]): a failed run leaves the previous report as it
/// was, and no file is written through a symbolic link.
pub fn write(dir: &Path, files: &[(&str, String)]) -> Result<(), WriteError> {
    let targets: Vec<PathBuf> = files.iter().map(|(name, _)| dir.join(name)).collect();
    let staged: Vec<(&Path, &[u8])> = targets
        .iter()
        .zip(files)
        .map(|(target, (_, text))| (target.as_path(), text.as_bytes()))
        .collect();
    crate::output_file::write_files(&staged)
}

/// How many of the nodes left out of the diagram are named in its caption.
pub const MAX_NAMED_LEFT_OUT: usize = 30;

/// A strength or index with its sign: `+0.44`, `−0.44` (a true minus sign), `0.00`.
pub fn signed(value: f64) -> String {
    if value > 0.0 {
        format!("+{value:.2}")
    } else if value < 0.0 {
        format!("\u{2212}{:.2}", -value)
    } else {
        "0.00".to_string()
    }
}

/// An index value, or a dash when it is not defined.
pub fn index_text(index: Option<f64>) -> String {
    index.map_or_else(|| "n/a".to_string(), |i| format!("{i:.1}"))
}

/// A share as a whole percentage.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// A score in words: `+2 reinforcing`.
pub fn score_words(score: i8) -> String {
    let name = crate::model::Score::new(i64::from(score)).map_or("", |s| s.name());
    format!("{} {name}", crate::diagram::score_label(score))
}

/// How an element is reached, in words.
pub fn reached_words(reached: crate::analysis::coverage::Reached) -> &'static str {
    match reached {
        crate::analysis::coverage::Reached::Directly => "reached directly",
        crate::analysis::coverage::Reached::Indirectly => "reached through the knowledge base",
        crate::analysis::coverage::Reached::Not => "not reached",
    }
}

/// The headings of the report's sections, in order: both renderers use them.
pub mod headings {
    /// The brief, first.
    pub const SUMMARY: &str = "In brief";
    /// The policies.
    pub const POLICIES: &str = "Policies reported on";
    /// Conflicts, grouped.
    pub const CONFLICTS: &str = "Conflicts and trade-offs";
    /// The policy matrix and the index by policy and by sectors.
    pub const BETWEEN: &str = "Where policies pull apart and together";
    /// Costs.
    pub const COSTS: &str = "Who bears the costs";
    /// Synergies.
    pub const SYNERGIES: &str = "Synergies: who should coordinate";
    /// Coverage.
    pub const COVERAGE: &str = "Gaps in coverage";
    /// Influence.
    pub const INFLUENCE: &str = "Influence ranking of the targets";
    /// The heat map.
    pub const HEAT_MAP: &str = "Cross-impact heat map";
    /// Appendix A.
    pub const FINDINGS: &str = "Appendix A. All findings";
    /// Appendix B.
    pub const NETWORK: &str = "Appendix B. Network diagram";
    /// Appendix C.
    pub const METHODOLOGY: &str = "Appendix C. Methodology";
    /// Appendix D.
    pub const PROVENANCE: &str = "Appendix D. Provenance";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_use_a_true_minus() {
        assert_eq!(signed(0.444), "+0.44");
        assert_eq!(signed(-0.444), "\u{2212}0.44");
        assert_eq!(signed(0.0), "0.00");
        assert_eq!(index_text(None), "n/a");
        assert_eq!(index_text(Some(87.54)), "87.5");
    }

    #[test]
    fn a_failed_write_keeps_the_previous_report_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[("index.html", "old".into()), ("report.md", "old".into())],
        )
        .unwrap();
        std::fs::remove_file(dir.path().join("report.md")).unwrap();
        std::fs::create_dir(dir.path().join("report.md")).unwrap();
        let result = write(
            dir.path(),
            &[("index.html", "new".into()), ("report.md", "new".into())],
        );
        assert!(result.is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("index.html")).unwrap(),
            "old"
        );
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| !n.starts_with(".cohere-report-")),
            "{names:?}"
        );
    }
}
