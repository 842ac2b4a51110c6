//! `uncovered-domain`: a MiGOF / SDG 10.7.2 policy domain with no measure.

use super::{Gaps, gaps_by_framework};
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
           MiGOF domain). It runs when a project file declares a portfolio that has a measure, and \
           gives one finding per framework listing the domains missing.",
    why: "Indicator 10.7.2 asks governments, domain by domain, whether they have well-managed \
          migration policies; a domain with no measure is a domain in which the country will \
          report that it \"requires further progress\".",
    fix: "Add a measure for the domain, link existing measures to the GCM objectives or SDG \
          targets of the domain, or narrow `require: domains:` in cohere.yaml.",
};

/// Required policy domains of one framework that no measure serves, each with (up to five of)
/// the elements linked to it, through which a measure would serve it.
#[derive(Debug)]
pub struct Unserved {
    gaps: Gaps,
    linked: Vec<(ElementIdx, Vec<ElementIdx>)>,
}

impl Violation for Unserved {
    fn message(&self, _: Cx<'_>, names: &dyn Names) -> String {
        format!(
            "no measure serves {}",
            self.gaps.counted(names, "policy domain")
        )
    }
    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        self.gaps
            .label("the policy domains of SDG indicator 10.7.2")
    }
    fn help(&self, cx: Cx<'_>, names: &dyn Names) -> Option<String> {
        let them = self.gaps.them(names);
        let remedy = if names.for_authors() {
            format!("add a measure that advances {them}, or an element linked to {them}")
        } else {
            format!("add a measure that serves {them}")
        };
        Some(self.gaps.help(cx, names, &remedy, "domains"))
    }
    fn notes(&self, _: Cx<'_>, names: &dyn Names) -> Vec<String> {
        let mut notes = self.gaps.notes(names);
        for (domain, linked) in &self.linked {
            let linked: Vec<String> = linked.iter().map(|e| names.element(*e)).collect();
            notes.push(format!(
                "elements linked to {} include {}",
                names.element(*domain),
                linked.join(", ")
            ));
        }
        notes
    }
    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        self.gaps.key(cx)
    }
}

/// Reports policy domains no measure serves, one finding per framework.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    let coverage = &context.analysis.coverage;
    let gaps = gaps_by_framework(context, &coverage.domains, |r| {
        coverage.serving(r.element).is_empty()
    });
    for gaps in gaps.values() {
        let Some((location, gaps)) = Gaps::of(context, gaps) else {
            continue;
        };
        let linked = gaps
            .elements
            .iter()
            .map(|&domain| {
                let linked: Vec<ElementIdx> = model
                    .elements
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.links.contains(&domain) && e.kind != "indicator")
                    .take(5)
                    .map(|(i, _)| ElementIdx::new(i))
                    .collect();
                (domain, linked)
            })
            .filter(|(_, linked)| !linked.is_empty())
            .collect();
        out.push(Finding::of(&META, location, Unserved { gaps, linked }));
    }
}
