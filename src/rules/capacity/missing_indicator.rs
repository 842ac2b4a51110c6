//! `missing-indicator`: a measure nobody can monitor (statistical capacity).

use crate::finding::{Finding, Severity};
use crate::rules::{Category, Context, RuleMeta};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "missing-indicator",
    category: Category::Capacity,
    default_severity: Severity::Warning,
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
    for measure in &context.model.measures {
        if measure.indicators.is_empty() {
            out.push(
                Finding::new(&META, measure.location, format!("`{}` has no monitoring indicator", measure.id))
                    .label("nothing says how progress will be measured")
                    .help("add `indicators:` with a framework indicator (e.g. `sdg:10.7.1`) or `{name: …}`")
                    .key([measure.id.to_string()]),
            );
        }
    }
}
