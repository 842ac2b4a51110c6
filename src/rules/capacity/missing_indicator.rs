//! `missing-indicator`: a measure nobody can monitor (statistical capacity).

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Names, Violation};
use crate::model::MeasureIdx;
use crate::rules::Context;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "missing-indicator",
    category: Category::Capacity,
    default_severity: Severity::Warning,
    section: Section::Capacity,
    headline: None,
    summary: "a measure with no monitoring indicator",
    what: "Finds measures that list no `indicators:` — neither a framework indicator such as \
           `sdg:10.7.1` nor one of the policy's own (`{name: …}`).",
    why: "Statistical capacity is the first of the four capacities: without an indicator nobody \
          will know whether the measure worked, and a conflict or synergy found today cannot be \
          checked tomorrow. SDG target 17.18 asks for data disaggregated by migratory status for \
          the same reason.",
    fix: "Add at least one indicator, preferably a framework indicator (`cohere show sdg:10.7` \
          lists the indicators of a target), or one of your own with its data source.",
};

/// Reports measures without indicators.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    for (m, measure) in context.model.measures.iter().enumerate() {
        if measure.indicators.is_empty() {
            out.push(Finding::of(
                &META,
                measure.location,
                MissingIndicator(MeasureIdx::new(m)),
            ));
        }
    }
}

/// A measure without an indicator.
#[derive(Debug)]
struct MissingIndicator(MeasureIdx);

impl Violation for MissingIndicator {
    fn message(&self, _: Cx<'_>, names: &dyn Names) -> String {
        format!("{} has no monitoring indicator", names.measure(self.0))
    }

    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        "nothing says how progress will be measured".to_string()
    }

    fn help(&self, _: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(format!(
            "add {} with a framework indicator (e.g. {}) or {}",
            names.code("indicators:"),
            names.written("sdg:10.7.1"),
            names.code("{name: …}")
        ))
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        vec![cx.model.measure(self.0).id.to_string()]
    }
}
