//! `self-interaction`: an interaction from an element (or measure) to itself.

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Names, Violation};
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

/// An interaction from an element or measure to itself.
#[derive(Debug)]
pub struct SelfInteraction {
    id: String,
}

impl Violation for SelfInteraction {
    fn message(&self, _: Cx<'_>, names: &dyn Names) -> String {
        format!("{} interacts with itself", names.written(&self.id))
    }
    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        "the interaction starts and ends here".to_string()
    }
    fn help(&self, _: Cx<'_>, _: &dyn Names) -> Option<String> {
        Some("point it at the element or measure that is affected, or remove it".to_string())
    }
    fn key(&self, _: Cx<'_>) -> Vec<String> {
        vec![self.id.clone()]
    }
}

/// A finding for an interaction from `id` to itself.
pub fn finding(id: &str, location: Location) -> Finding {
    Finding::of(&META, location, SelfInteraction { id: id.to_string() })
}
