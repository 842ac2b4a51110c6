//! `unused-suppression`: a suppression comment that no longer matches any finding.

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::Finding;
use crate::source::Location;
use crate::suppression::Suppression;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "unused-suppression",
    category: Category::Document,
    default_severity: Severity::Warning,
    section: Section::AllFindings,
    headline: None,
    summary: "a suppression comment that suppresses nothing",
    what: "Finds `# cohere: allow(…)` comments that match no finding: the conflict was \
           resolved, the measure changed, or the comment sits on the wrong node.",
    why: "Stale suppressions hide future problems: a comment accepting one trade-off would \
          silently accept the next one on the same measure. Removing them keeps the record of \
          accepted decisions true.",
    fix: "Remove the comment, or move it onto the node the finding points at (a trailing \
          comment covers the largest node starting on its line).",
};

/// A finding for a suppression that matched nothing.
pub fn finding(suppression: &Suppression) -> Finding {
    let names: Vec<_> = suppression
        .comment
        .rules
        .iter()
        .map(|r| format!("`{}`", r.value))
        .collect();
    Finding::new(
        &META,
        Location::new(suppression.file, suppression.comment.span),
        format!("suppression of {} matches no finding", names.join(", ")),
    )
    .label("suppresses nothing")
    .help("remove the comment, or move it onto the node the finding points at")
    .key(names)
}
