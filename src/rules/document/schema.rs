//! `schema`: a value of the wrong type, a missing or unknown field, an unknown word.

use crate::diagnostic::{Category, Help, RuleMeta, Section, Severity};
use crate::document::SchemaProblem;
use crate::finding::Finding;
use crate::source::{FileId, Location};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "schema",
    category: Category::Document,
    default_severity: Severity::Error,
    section: Section::AllFindings,
    headline: None,
    summary: "a document does not have the shape cohere expects",
    what: "Finds fields cohere does not know (with a did-you-mean for typos), required fields \
           that are missing, values of the wrong type (a list where text is expected), and words \
           outside a closed vocabulary (`level: nationl`). An item of a list that cannot be read \
           is left out and reported; the rest of the file is still checked. A key with no value \
           is named as such; an effect appended to `indicators:` and an institution appended \
           under `mechanisms:` are named as misplaced and read where they belong. In cohere.yaml, a \
           framework or knowledge-base path that leaves the project root (absolute, climbing \
           with `..`, or through a symbolic link) or names a file that is not YAML is reported \
           here, and not read.",
    why: "A misspelt field is silently ignored by most YAML tools: a measure's `efects:` would \
          simply have no effects, and every analysis would be wrong without a word. cohere \
          treats every unknown field as an error so that what is written is what is analysed.",
    fix: "Rename or remove the field, add the missing one, or use one of the words listed in \
          the help line. `cohere schema` prints the JSON Schema of every document, which editors \
          with yaml-language-server use to complete and check fields as you type.",
};

/// A finding for a schema problem in `file`.
pub fn finding(file: FileId, problem: &SchemaProblem) -> Finding {
    Finding::new(
        &META,
        Location::new(file, problem.span),
        problem.message.clone(),
    )
    .maybe_advice(problem.help.clone())
}

/// A finding for a problem cohere found after reading (for example an unknown sector).
pub fn value_finding(location: Location, message: String, help: Option<Help>) -> Finding {
    Finding::new(&META, location, message).maybe_advice(help)
}
