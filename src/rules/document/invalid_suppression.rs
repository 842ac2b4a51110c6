//! `invalid-suppression`: a suppression comment without a reason, or naming no known rule.

use crate::config::Selector;
use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::Finding;
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

/// The problems with a suppression comment, one finding each.
pub fn check(suppression: &Suppression) -> Vec<Finding> {
    let comment = &suppression.comment;
    let at = |span| Location::new(suppression.file, span);
    let mut findings = Vec::new();
    if let Some(problem) = &comment.malformed {
        findings.push(
            Finding::new(
                &META,
                at(comment.span),
                format!("malformed suppression: {problem}"),
            )
            .help("write `# cohere: allow(rule-id) -- reason`"),
        );
        return findings;
    }
    for rule in &comment.rules {
        if Selector::parse(&rule.value, crate::rules::CATALOG).is_none() {
            findings.push(
                Finding::new(
                    &META,
                    at(rule.span),
                    format!("unknown rule or category `{}`", rule.value),
                )
                .label("suppresses nothing")
                .help(Selector::unknown_help(&rule.value, crate::rules::CATALOG))
                .key(["unknown-rule".to_string(), rule.value.clone()]),
            );
        }
    }
    if comment.reason.is_none() {
        findings.push(
            Finding::new(&META, at(comment.span), "suppression without a reason")
                .label("add `-- reason` here")
                .help("record why the finding is accepted, e.g. `-- accepted by cabinet decision 2026/14`")
                .key(["no-reason".to_string()]),
        );
    }
    findings
}
