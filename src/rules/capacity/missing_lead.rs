//! `missing-lead`: a measure no institution leads (institutional capacity).

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Names, Violation};
use crate::model::MeasureIdx;
use crate::rules::Context;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "missing-lead",
    category: Category::Capacity,
    default_severity: Severity::Warning,
    section: Section::Capacity,
    headline: None,
    summary: "a measure with no lead institution",
    what: "Finds measures with no `lead:` institution.",
    why: "Institutional capacity — whole-of-government coordination — needs someone to \
          coordinate: a measure without a lead has no one to answer for it, and cohere cannot \
          tell whether its conflicts with other measures are coordinated (see \
          `uncoordinated-conflict`).",
    fix: "Name the lead institution with `lead:` (an id from the institutions document).",
};

/// Reports measures without a lead.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    for (m, measure) in context.model.measures.iter().enumerate() {
        if measure.lead.is_none() && !measure.lead_written {
            out.push(Finding::of(
                &META,
                measure.location,
                MissingLead(MeasureIdx::new(m)),
            ));
        }
    }
}

/// A measure without a lead.
#[derive(Debug)]
struct MissingLead(MeasureIdx);

impl Violation for MissingLead {
    fn message(&self, _: Cx<'_>, names: &dyn Names) -> String {
        format!("{} has no lead institution", names.measure(self.0))
    }

    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        "nobody is named to lead this measure".to_string()
    }

    fn help(&self, _: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(format!(
            "add {} with the id of the institution that answers for it",
            names.code("lead:")
        ))
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        vec![cx.model.measure(self.0).id.to_string()]
    }
}
