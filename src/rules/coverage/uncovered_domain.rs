//! `uncovered-domain`: a MiGOF / SDG 10.7.2 policy domain with no measure.

use super::{requirement_label, requirement_location};
use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::Finding;
use crate::rules::Context;
use crate::rules::support::element_with_title;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "uncovered-domain",
    category: Category::Coverage,
    default_severity: Severity::Warning,
    section: Section::Gaps,
    headline: Some(Headline::Gaps),
    summary: "a migration policy domain (MiGOF / SDG 10.7.2) with no measure",
    what: "Finds the policy domains the portfolio is required to serve — by default the six \
           domains of SDG indicator 10.7.2, which follow the MiGOF principles and objectives — \
           that no measure serves. A measure serves a domain when it advances or upholds the \
           domain itself, or an element linked to it (a GCM objective or SDG target linked to a \
           MiGOF domain). It runs when a project file declares a portfolio.",
    why: "Indicator 10.7.2 asks governments, domain by domain, whether they have well-managed \
          migration policies; a domain with no measure is a domain in which the country will \
          report that it \"requires further progress\".",
    fix: "Add a measure for the domain, link existing measures to the GCM objectives or SDG \
          targets of the domain, or narrow `require: domains:` in cohere.yaml.",
};

/// Reports domains nobody serves.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    let coverage = &context.analysis.coverage;
    for requirement in &coverage.domains {
        let Some(location) = requirement_location(context, requirement) else {
            return;
        };
        if !coverage.serving(requirement.element).is_empty() {
            continue;
        }
        let element = model.element(requirement.element);
        let linked: Vec<String> = model
            .elements
            .iter()
            .filter(|e| e.links.contains(&requirement.element) && e.kind != "indicator")
            .take(5)
            .map(|e| format!("`{}`", e.id))
            .collect();
        let mut finding = Finding::new(
            &META,
            location,
            format!(
                "no measure serves the policy domain {}",
                element_with_title(model, requirement.element)
            ),
        )
        .label(requirement_label(requirement, "tagged `policy-domain`"))
        .help(format!(
            "add a measure that advances `{}` or one of the elements linked to it",
            element.id
        ))
        .key([element.id.to_string()]);
        if !linked.is_empty() {
            finding = finding.note(format!(
                "elements linked to it include {}",
                linked.join(", ")
            ));
        }
        out.push(finding);
    }
}
