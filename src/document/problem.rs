//! Problems in the documents, as facts: what loading and validation found wrong, typed, with
//! where. The document rules (`src/rules/document/`) turn each into a finding with its wording;
//! the loaders below the rules layer never build findings themselves.

use super::{AnyScalar, SchemaProblem};
use crate::diagnostic::Help;
use crate::source::{FileId, Location};
use crate::yaml::YamlError;

/// A problem found while reading or validating a document.
#[derive(Clone, Debug, PartialEq)]
pub enum DocumentProblem {
    /// The file is not valid YAML (rule `yaml-syntax`).
    YamlSyntax {
        /// Where reading stopped.
        location: Location,
        /// What the parser said.
        error: YamlError,
    },
    /// A document's shape does not match its schema (rule `schema`).
    Schema {
        /// The file.
        file: FileId,
        /// What does not match.
        problem: SchemaProblem,
    },
    /// A value is out of the range its field allows (rule `schema`).
    SchemaValue {
        /// Where.
        location: Location,
        /// What is wrong.
        message: String,
        /// How to fix it.
        help: Option<Help>,
    },
    /// An id is declared twice (rule `duplicate-id`).
    DuplicateId {
        /// What kind of thing (`policy`, `element`, …).
        what: String,
        /// The id.
        id: String,
        /// The second declaration.
        location: Location,
        /// The first.
        first: Location,
    },
    /// A reference resolves to nothing (rule `unknown-reference`).
    UnknownReference {
        /// What kind of thing was expected.
        what: String,
        /// The id written.
        id: String,
        /// Where.
        location: Location,
        /// The did-you-mean, if any.
        help: Option<Help>,
    },
    /// A reference resolves to the wrong kind of thing (rule `unknown-reference`).
    WrongKind {
        /// What kind of thing was expected.
        what: String,
        /// The id written.
        id: String,
        /// What it is.
        actual: String,
        /// Where.
        location: Location,
        /// What to write instead, if cohere can tell.
        help: Option<Help>,
    },
    /// A score off the scale (rule `invalid-score`).
    InvalidScore {
        /// Where.
        location: Location,
        /// The value written.
        value: AnyScalar,
    },
    /// An interaction of something with itself (rule `self-interaction`).
    SelfInteraction {
        /// The id.
        id: String,
        /// Where.
        location: Location,
    },
}

impl DocumentProblem {
    /// A file that is not valid YAML.
    pub fn yaml_syntax(location: Location, error: &YamlError) -> Self {
        DocumentProblem::YamlSyntax {
            location,
            error: error.clone(),
        }
    }

    /// A document that does not match its schema.
    pub fn schema(file: FileId, problem: &SchemaProblem) -> Self {
        DocumentProblem::Schema {
            file,
            problem: problem.clone(),
        }
    }

    /// A value out of range.
    pub fn schema_value(location: Location, message: String, help: Option<Help>) -> Self {
        DocumentProblem::SchemaValue {
            location,
            message,
            help,
        }
    }

    /// An id declared twice.
    pub fn duplicate_id(what: &str, id: &str, location: Location, first: Location) -> Self {
        DocumentProblem::DuplicateId {
            what: what.to_string(),
            id: id.to_string(),
            location,
            first,
        }
    }

    /// A reference to nothing.
    pub fn unknown_reference(what: &str, id: &str, location: Location, help: Option<Help>) -> Self {
        DocumentProblem::UnknownReference {
            what: what.to_string(),
            id: id.to_string(),
            location,
            help,
        }
    }

    /// A reference to the wrong kind of thing.
    pub fn wrong_kind(
        what: &str,
        id: &str,
        actual: &str,
        location: Location,
        help: Option<Help>,
    ) -> Self {
        DocumentProblem::WrongKind {
            what: what.to_string(),
            id: id.to_string(),
            actual: actual.to_string(),
            location,
            help,
        }
    }

    /// A score off the scale.
    pub fn invalid_score(location: Location, value: &AnyScalar) -> Self {
        DocumentProblem::InvalidScore {
            location,
            value: value.clone(),
        }
    }

    /// An interaction of something with itself.
    pub fn self_interaction(id: &str, location: Location) -> Self {
        DocumentProblem::SelfInteraction {
            id: id.to_string(),
            location,
        }
    }
}
