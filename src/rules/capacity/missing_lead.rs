//! `missing-lead`: a measure no institution leads (institutional capacity).

use crate::finding::{Finding, Severity};
use crate::rules::{Category, Context, RuleMeta};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "missing-lead",
    category: Category::Capacity,
    default_severity: Severity::Warning,
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
    for measure in &context.model.measures {
        if measure.lead.is_none() && !measure.lead_written {
            out.push(
                Finding::new(
                    &META,
                    measure.location,
                    format!("`{}` has no lead institution", measure.id),
                )
                .label("nobody is named to lead this measure")
                .help("add `lead:` with the id of the institution that answers for it")
                .key([measure.id.to_string()]),
            );
        }
    }
}
