//! `no-reporting`: a policy none of whose measures reports back (political capacity).

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Names, Violation};
use crate::model::PolicyIdx;
use crate::rules::Context;
use crate::vocabulary::Audience;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "no-reporting",
    category: Category::Capacity,
    default_severity: Severity::Warning,
    section: Section::Capacity,
    headline: None,
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
    for (p, policy) in model.policies.iter().enumerate() {
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
            out.push(Finding::of(
                &META,
                policy.location,
                NoReporting(PolicyIdx::new(p)),
            ));
        }
    }
}

/// A policy none of whose measures reports back.
#[derive(Debug)]
struct NoReporting(PolicyIdx);

impl Violation for NoReporting {
    fn message(&self, _: Cx<'_>, names: &dyn Names) -> String {
        format!(
            "no measure of {} reports back to parliament or the public",
            names.policy(self.0)
        )
    }

    fn label(&self, cx: Cx<'_>, _: &dyn Names) -> String {
        match cx.model.policy(self.0).measures.len() {
            1 => "its one measure does not report back".to_string(),
            n => format!("{n} measures, none reporting back"),
        }
    }

    fn help(&self, _: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(format!(
            "add {} to the measure that reports on progress, or add such a measure",
            names.code("reports-to: [parliament]")
        ))
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        vec![cx.model.policy(self.0).id.to_string()]
    }
}
