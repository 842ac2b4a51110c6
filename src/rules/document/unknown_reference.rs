//! `unknown-reference`: an id that does not resolve, with a did-you-mean.

use crate::diagnostic::{Category, Help, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Names, Violation};
use crate::source::Location;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "unknown-reference",
    category: Category::Document,
    default_severity: Severity::Error,
    section: Section::AllFindings,
    headline: None,
    summary: "a reference to an element, measure or institution that does not exist",
    what: "Finds references that do not resolve: an effect's target, a principle, a group, a \
           capacity, an indicator, a lead institution, a coordination mechanism's member, or \
           another measure. It suggests the closest existing id (`sdg:10.8` → `sdg:10.7`), and \
           says when the id's framework is not loaded. It also finds references to the wrong \
           kind of thing, such as a group where a target is expected.",
    why: "An effect on a target that does not exist is an effect on nothing: the measure's \
          contribution silently disappears from every analysis, and a coverage gap may be \
          reported that the author believes closed.",
    fix: "Correct the id (`cohere show ID` looks one up; `cohere frameworks` lists what is \
          loaded), or load the framework it belongs to in cohere.yaml.",
};

/// A reference to `id`, expected to be a `what`, that resolves to nothing (`actual` is `None`)
/// or to something else; with the did-you-mean, if any.
#[derive(Debug)]
pub struct UnknownReference {
    what: String,
    id: String,
    actual: Option<String>,
    help: Option<Help>,
}

impl Violation for UnknownReference {
    fn message(&self, _: Cx<'_>, names: &dyn Names) -> String {
        let id = names.written(&self.id);
        match &self.actual {
            None => format!("unknown {} {id}", self.what),
            Some(actual) => format!(
                "{id} is {}, not {}",
                with_article(actual),
                with_article(&self.what)
            ),
        }
    }
    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        match &self.actual {
            None => "not defined anywhere cohere looked".to_string(),
            Some(_) => format!("expected {}", with_article(&self.what)),
        }
    }
    fn help(&self, _: Cx<'_>, _: &dyn Names) -> Option<String> {
        self.help.as_ref().map(|help| help.text.clone())
    }
    fn replacement(&self, _: Cx<'_>) -> Option<String> {
        self.help.as_ref()?.replacement.clone()
    }
    fn key(&self, _: Cx<'_>) -> Vec<String> {
        vec![self.what.clone(), self.id.clone()]
    }
}

/// A finding for a reference to `id` (expected to be a `what`) that does not resolve.
pub fn finding(what: &str, id: &str, location: Location, help: Option<Help>) -> Finding {
    let facts = UnknownReference {
        what: what.to_string(),
        id: id.to_string(),
        actual: None,
        help,
    };
    Finding::of(&META, location, facts)
}

/// A finding for a reference to `id`, which exists but is not a `what`.
pub fn wrong_kind(
    what: &str,
    id: &str,
    actual: &str,
    location: Location,
    help: Option<Help>,
) -> Finding {
    let facts = UnknownReference {
        what: what.to_string(),
        id: id.to_string(),
        actual: Some(actual.to_string()),
        help,
    };
    Finding::of(&META, location, facts)
}

/// `a target`, `an indicator`.
fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}
