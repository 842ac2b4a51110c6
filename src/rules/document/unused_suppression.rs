//! `unused-suppression`: a suppression comment that no longer matches any finding.

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Names, Violation};
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

/// A suppression comment whose rules (or categories) matched no finding.
#[derive(Debug)]
pub struct UnusedSuppression {
    rules: Vec<String>,
}

impl Violation for UnusedSuppression {
    fn message(&self, _: Cx<'_>, names: &dyn Names) -> String {
        let rules: Vec<String> = self.rules.iter().map(|r| names.code(r)).collect();
        format!("suppression of {} matches no finding", rules.join(", "))
    }
    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        "suppresses nothing".to_string()
    }
    fn help(&self, _: Cx<'_>, _: &dyn Names) -> Option<String> {
        Some("remove the comment, or move it onto the node the finding points at".to_string())
    }
    fn key(&self, _: Cx<'_>) -> Vec<String> {
        self.rules.iter().map(|r| format!("`{r}`")).collect()
    }
}

/// A finding for a suppression that matched nothing.
pub fn finding(suppression: &Suppression) -> Finding {
    let rules = suppression
        .comment
        .rules
        .iter()
        .map(|r| r.value.clone())
        .collect();
    Finding::of(
        &META,
        Location::new(suppression.file, suppression.comment.span),
        UnusedSuppression { rules },
    )
}
