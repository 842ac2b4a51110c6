//! `uncovered-domain`: a MiGOF / SDG 10.7.2 policy domain with no measure.

use super::{counted, gap_finding, gaps_by_framework};
use crate::finding::{Finding, Severity};
use crate::rules::{Category, Context, RuleMeta};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "uncovered-domain",
    category: Category::Coverage,
    default_severity: Severity::Warning,
    summary: "a migration policy domain (MiGOF / SDG 10.7.2) with no measure",
    what: "Finds the policy domains the portfolio is required to serve — by default the six \
           domains of SDG indicator 10.7.2, which follow the MiGOF principles and objectives — \
           that no measure serves. A measure serves a domain when it advances or upholds the \
           domain itself, or an element linked to it (a GCM objective or SDG target linked to a \
           MiGOF domain). It runs when a project file declares a portfolio that has a measure, and \
           gives one finding per framework listing the domains missing.",
    why: "Indicator 10.7.2 asks governments, domain by domain, whether they have well-managed \
          migration policies; a domain with no measure is a domain in which the country will \
          report that it \"requires further progress\".",
    fix: "Add a measure for the domain, link existing measures to the GCM objectives or SDG \
          targets of the domain, or narrow `require: domains:` in cohere.yaml.",
};

/// Reports policy domains no measure serves, one finding per framework.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let coverage = &context.analysis.coverage;
    let gaps = gaps_by_framework(context, &coverage.domains, |r| {
        coverage.serving(r.element).is_empty()
    });
    for (framework, gaps) in &gaps {
        let message = format!(
            "no measure serves {}",
            counted(context, gaps, "policy domain", framework)
        );
        let Some(mut finding) = gap_finding(
            context,
            &META,
            gaps,
            message,
            "the policy domains of SDG indicator 10.7.2",
            "domains",
            "add a measure that advances {}, or an element linked to {}",
        ) else {
            continue;
        };
        for requirement in gaps {
            let model = context.model;
            let linked: Vec<String> = model
                .elements
                .iter()
                .filter(|e| e.links.contains(&requirement.element) && e.kind != "indicator")
                .take(5)
                .map(|e| format!("`{}`", e.id))
                .collect();
            if !linked.is_empty() {
                finding = finding.note(format!(
                    "elements linked to `{}` include {}",
                    model.element(requirement.element).id,
                    linked.join(", ")
                ));
            }
        }
        out.push(finding);
    }
}
