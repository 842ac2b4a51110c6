//! `self-interaction`: an interaction from an element (or measure) to itself.

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::Finding;
use crate::source::Location;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "self-interaction",
    category: Category::Document,
    default_severity: Severity::Error,
    section: Section::AllFindings,
    headline: None,
    summary: "an interaction whose two ends are the same",
    what: "Finds knowledge-base interactions whose `from` and `to` are the same element, and \
           measure interactions whose `with` names the measure itself.",
    why: "A target's effect on itself is not an interaction: it would create a one-step cycle \
          that inflates influence scores (the diagonal of a cross-impact matrix is zero by \
          definition) and reports a feedback loop that does not exist.",
    fix: "Point the interaction at the element or measure that is actually affected, or remove \
          it.",
};

/// A finding for an interaction from `id` to itself.
pub fn finding(id: &str, location: Location) -> Finding {
    Finding::new(&META, location, format!("`{id}` interacts with itself"))
        .label("the interaction starts and ends here")
        .help("point it at the element or measure that is affected, or remove it")
        .key([id.to_string()])
}
