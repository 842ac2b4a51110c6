//! `invalid-suppression`: a suppression comment without a reason, or naming no known rule.

use crate::config::Selector;
use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Names, Violation};
use crate::source::Location;
use crate::suppression::Suppression;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "invalid-suppression",
    category: Category::Document,
    default_severity: Severity::Error,
    section: Section::AllFindings,
    headline: None,
    summary: "a suppression comment without a reason, or naming an unknown rule",
    what: "Finds `# cohere: allow(…)` comments that give no reason after `--`, that name a rule \
           or category cohere does not know, or that are not of the form \
           `# cohere: allow(rule-id, …) -- reason`. Such a comment suppresses nothing.",
    why: "A suppression records a decision: that a conflict or gap is known and accepted. \
          Without a reason, the next reader cannot tell a considered decision (\"accepted by \
          cabinet decision 2026/14\") from a silenced warning, and parliament cannot hold anyone \
          to it.",
    fix: "Write `# cohere: allow(rule-id) -- the reason, with a reference to the decision`. \
          `cohere rules` lists rule ids and categories.",
};

/// What is wrong with a suppression comment.
#[derive(Debug)]
pub enum InvalidSuppression {
    /// It cannot be read (what the reader said).
    Malformed(String),
    /// It names a rule or category that does not exist (with the did-you-mean).
    UnknownRule {
        /// What it names.
        rule: String,
        /// How to fix it.
        help: String,
    },
    /// It gives no reason.
    NoReason,
}

impl Violation for InvalidSuppression {
    fn message(&self, _: Cx<'_>, names: &dyn Names) -> String {
        match self {
            Self::Malformed(problem) => format!("malformed suppression: {problem}"),
            Self::UnknownRule { rule, .. } => {
                format!("unknown rule or category {}", names.code(rule))
            }
            Self::NoReason => "suppression without a reason".to_string(),
        }
    }
    fn label(&self, _: Cx<'_>, names: &dyn Names) -> String {
        match self {
            Self::Malformed(_) => String::new(),
            Self::UnknownRule { .. } => "suppresses nothing".to_string(),
            Self::NoReason => format!("add {} here", names.code("-- reason")),
        }
    }
    fn help(&self, _: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(match self {
            Self::Malformed(_) => {
                format!("write {}", names.code("# cohere: allow(rule-id) -- reason"))
            }
            Self::UnknownRule { help, .. } => help.clone(),
            Self::NoReason => format!(
                "record why the finding is accepted, e.g. {}",
                names.code("-- accepted by cabinet decision 2026/14")
            ),
        })
    }
    fn key(&self, _: Cx<'_>) -> Vec<String> {
        match self {
            Self::Malformed(_) => Vec::new(),
            Self::UnknownRule { rule, .. } => vec!["unknown-rule".to_string(), rule.clone()],
            Self::NoReason => vec!["no-reason".to_string()],
        }
    }
}

/// The problems with a suppression comment, one finding each.
pub fn check(suppression: &Suppression) -> Vec<Finding> {
    let comment = &suppression.comment;
    let at = |span| Location::new(suppression.file, span);
    if let Some(problem) = &comment.malformed {
        let facts = InvalidSuppression::Malformed(problem.clone());
        return vec![Finding::of(&META, at(comment.span), facts)];
    }
    let mut findings = Vec::new();
    for rule in &comment.rules {
        if Selector::parse(&rule.value, crate::rules::CATALOG).is_none() {
            let facts = InvalidSuppression::UnknownRule {
                rule: rule.value.clone(),
                help: Selector::unknown_help(&rule.value, crate::rules::CATALOG),
            };
            findings.push(Finding::of(&META, at(rule.span), facts));
        }
    }
    if comment.reason.is_none() {
        findings.push(Finding::of(
            &META,
            at(comment.span),
            InvalidSuppression::NoReason,
        ));
    }
    findings
}
