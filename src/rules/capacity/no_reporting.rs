//! `no-reporting`: a policy none of whose measures reports back (political capacity).

use crate::finding::{Finding, Severity};
use crate::model::vocabulary::Audience;
use crate::rules::{Category, Context, RuleMeta};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "no-reporting",
    category: Category::Capacity,
    default_severity: Severity::Warning,
    summary: "a policy none of whose measures reports back to parliament or the public",
    what: "Finds policies in which no measure lists `parliament` or `public` under \
           `reports-to:`.",
    why: "Political capacity means reporting back: to parliament, which holds the government to \
          account, and to the public, whose consent migration policy depends on. The GCM's \
          whole-of-society principle names parliamentarians; a policy that never reports back \
          cannot be corrected by them.",
    fix: "Give the policy a measure (or extend one) that reports on progress to parliament or \
          publishes results, and list it under `reports-to: [parliament]`.",
};

/// Reports policies that never report back.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    for policy in &model.policies {
        if policy.measures.is_empty() {
            continue;
        }
        let reports = policy.measures.iter().any(|&m| {
            model
                .measure(m)
                .reports_to
                .iter()
                .any(|a| matches!(a, Audience::Parliament | Audience::Public))
        });
        if !reports {
            out.push(
                Finding::new(
                    &META,
                    policy.location,
                    format!("no measure of `{}` reports back to parliament or the public", policy.id),
                )
                .label(match policy.measures.len() {
                    1 => "its one measure does not report back".to_string(),
                    n => format!("{n} measures, none reporting back"),
                })
                .help("add `reports-to: [parliament]` to the measure that reports on progress, or add such a measure")
                .key([policy.id.to_string()]),
            );
        }
    }
}
