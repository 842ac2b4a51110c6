//! Document rules: problems in the YAML files themselves, found while reading and validating.

pub mod duplicate_id;
pub mod invalid_score;
pub mod invalid_suppression;
pub mod schema;
pub mod self_interaction;
pub mod unknown_reference;
pub mod unused_suppression;
pub mod yaml_syntax;

use crate::document::problem::DocumentProblem;
use crate::finding::Finding;

/// The finding of the document rule that owns `problem`, in that rule's words.
pub fn finding(problem: &DocumentProblem) -> Finding {
    match problem {
        DocumentProblem::YamlSyntax { location, error } => yaml_syntax::finding(*location, error),
        DocumentProblem::Schema { file, problem } => schema::finding(*file, problem),
        DocumentProblem::SchemaValue {
            location,
            message,
            help,
        } => schema::value_finding(*location, message.clone(), help.clone()),
        DocumentProblem::DuplicateId {
            what,
            id,
            location,
            first,
        } => duplicate_id::finding(what, id, *location, *first),
        DocumentProblem::UnknownReference {
            what,
            id,
            location,
            help,
        } => unknown_reference::finding(what, id, *location, help.clone()),
        DocumentProblem::WrongKind {
            what,
            id,
            actual,
            location,
            help,
        } => unknown_reference::wrong_kind(what, id, actual, *location, help.clone()),
        DocumentProblem::InvalidScore { location, value } => {
            invalid_score::finding(*location, value)
        }
        DocumentProblem::SelfInteraction { id, location } => {
            self_interaction::finding(id, *location)
        }
    }
}
