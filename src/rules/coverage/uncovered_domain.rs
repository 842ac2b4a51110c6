//! `uncovered-domain`: a MiGOF / SDG 10.7.2 policy domain with no measure.

use super::{requirement_label, requirement_location};
use crate::analysis::coverage::Requirement;
use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Names, Violation};
use crate::model::ElementIdx;
use crate::rules::Context;

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
    let coverage = &context.analysis.coverage;
    for (index, requirement) in coverage.domains.iter().enumerate() {
        let Some(location) = requirement_location(context, requirement) else {
            return;
        };
        if !coverage.serving(requirement.element).is_empty() {
            continue;
        }
        out.push(Finding::of(&META, location, UncoveredDomain(index as u32)));
    }
}

/// The required domain at this position of the coverage's domains.
#[derive(Debug)]
struct UncoveredDomain(u32);

impl UncoveredDomain {
    fn requirement<'a>(&self, cx: Cx<'a>) -> &'a Requirement {
        &cx.analysis.coverage.domains[self.0 as usize]
    }
}

impl Violation for UncoveredDomain {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        format!(
            "no measure serves the policy domain {}",
            names.element_with_title(self.requirement(cx).element)
        )
    }

    fn label(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        requirement_label(
            self.requirement(cx),
            &format!("tagged {}", names.code("policy-domain")),
        )
    }

    fn help(&self, cx: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(format!(
            "add a measure that advances {} or one of the elements linked to it",
            names.element(self.requirement(cx).element)
        ))
    }

    fn notes(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<String> {
        let domain = self.requirement(cx).element;
        let linked: Vec<String> = cx
            .model
            .elements
            .iter()
            .enumerate()
            .filter(|(_, e)| e.links.contains(&domain) && e.kind != "indicator")
            .take(5)
            .map(|(i, _)| names.element(ElementIdx::new(i)))
            .collect();
        if linked.is_empty() {
            Vec::new()
        } else {
            vec![format!(
                "elements linked to it include {}",
                linked.join(", ")
            )]
        }
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        vec![
            cx.model
                .element(self.requirement(cx).element)
                .id
                .to_string(),
        ]
    }
}
