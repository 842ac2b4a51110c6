//! `duplicate-id`: two things of one kind share an id.

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::Finding;
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

/// A finding for `id` (a `what`) defined again at `location`, first defined at `first`.
pub fn finding(what: &str, id: &str, location: Location, first: Location) -> Finding {
    Finding::new(
        &META,
        location,
        format!("{what} `{id}` is defined more than once"),
    )
    .label("defined again here")
    .related(first, "first defined here")
    .help("rename one of them, or merge them")
    .key([what.to_string(), id.to_string()])
}
