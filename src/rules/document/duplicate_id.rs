//! `duplicate-id`: two things of one kind share an id.

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Label, Names, Violation};
use crate::source::Location;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "duplicate-id",
    category: Category::Document,
    default_severity: Severity::Error,
    section: Section::AllFindings,
    headline: None,
    summary: "two elements, policies, measures, institutions or interactions share an id",
    what: "Finds ids defined twice: two framework elements, two policies, two measures of one \
           policy, two institutions or mechanisms, or the same knowledge-base interaction (same \
           `from`, `to` and perspective) recorded twice.",
    why: "References resolve by id. With two definitions, a reference means whichever cohere \
          happened to read first, and a finding about one may be about the other. The second \
          definition is ignored so the analysis stays deterministic, which is rarely what the \
          author meant.",
    fix: "Rename one of the two, or merge them. Measures only need ids unique within their \
          policy: other policies refer to them as `<policy>/<measure>`.",
};

/// An id (of a `what`: policy, element, …) defined again, and where it was first defined.
#[derive(Debug)]
pub struct DuplicateId {
    what: String,
    id: String,
    first: Location,
}

impl Violation for DuplicateId {
    fn message(&self, _: Cx<'_>, names: &dyn Names) -> String {
        format!(
            "{} {} is defined more than once",
            self.what,
            names.written(&self.id)
        )
    }
    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        "defined again here".to_string()
    }
    fn related(&self, _: Cx<'_>, _: &dyn Names) -> Vec<Label> {
        vec![Label {
            location: self.first,
            text: "first defined here".to_string(),
        }]
    }
    fn help(&self, _: Cx<'_>, _: &dyn Names) -> Option<String> {
        Some("rename one of them, or merge them".to_string())
    }
    fn key(&self, _: Cx<'_>) -> Vec<String> {
        vec![self.what.clone(), self.id.clone()]
    }
}

/// A finding for `id` (a `what`) defined again at `location`, first defined at `first`.
pub fn finding(what: &str, id: &str, location: Location, first: Location) -> Finding {
    let facts = DuplicateId {
        what: what.to_string(),
        id: id.to_string(),
        first,
    };
    Finding::of(&META, location, facts)
}
