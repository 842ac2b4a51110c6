//! Documents as written: the typed, located shapes of the YAML files (SPEC §3).
//!
//! This is the "parse" stage. Types here mirror the YAML one to one and carry spans
//! ([`Located`]); references are still text. [`crate::model`] validates them into the model.
//! The document kind is told by the first key: `framework`, `knowledge-base`, `bibliography`,
//! `policy` or `institutions`; the project file is `cohere.yaml`.

pub mod bibliography;
mod de;
pub mod framework;
pub mod institutions;
pub mod knowledge_base;
mod located;
pub mod policy;
pub mod problem;
pub mod project;

pub use de::{SchemaProblem, read};
pub use located::{AnyScalar, Checked, Items, Located};

use crate::diagnostic::Help;
use crate::suggest::did_you_mean;
use crate::yaml::Node;

/// Any document cohere reads besides the project file.
#[derive(Clone, Debug)]
pub enum Document {
    /// `bibliography: …`
    Bibliography(bibliography::BibliographyDoc),
    /// `framework: …`
    Framework(framework::FrameworkDoc),
    /// `knowledge-base: …`
    KnowledgeBase(knowledge_base::KnowledgeBaseDoc),
    /// `policy: …`
    Policy(policy::PolicyDoc),
    /// `institutions: …`
    Institutions(institutions::InstitutionsDoc),
}

/// The keys that tell a document's kind, in the order they are looked for.
pub const KIND_KEYS: [&str; 5] = [
    "policy",
    "framework",
    "knowledge-base",
    "bibliography",
    "institutions",
];

/// Reads one YAML document, telling its kind by its keys. Returns the document if it could be
/// read, and every schema problem found (a document may be read and still have problems).
pub fn read_document(node: &Node) -> (Option<Document>, Vec<SchemaProblem>) {
    let Some(entries) = node.as_map() else {
        let help = match node.as_seq() {
            Some(_) => "a document is a mapping that starts with `policy:`, `framework:`, `knowledge-base:`, `bibliography:` or `institutions:`; if this list holds measures, put it under `measures:` in a policy: `policy: my-policy`, `title: …`, then `measures:` with the list indented below it".to_string(),
            None => kind_help(),
        };
        return (
            None,
            vec![SchemaProblem {
                message: format!(
                    "expected a mapping at the top of the document, found {}",
                    node.describe()
                ),
                span: node.span,
                help: Some(Help::words(help)),
            }],
        );
    };
    let kind = entries
        .iter()
        .filter_map(|e| e.key_text())
        .find(|key| KIND_KEYS.contains(key));
    match kind {
        Some("policy") => {
            let (node, mut misplaced) = policy::recover_misplaced(node);
            let (document, mut problems) =
                convert(read::<policy::PolicyDoc>(&node), Document::Policy);
            misplaced.append(&mut problems);
            (document, misplaced)
        }
        Some("framework") => convert(read::<framework::FrameworkDoc>(node), Document::Framework),
        Some("knowledge-base") => convert(
            read::<knowledge_base::KnowledgeBaseDoc>(node),
            Document::KnowledgeBase,
        ),
        Some("bibliography") => convert(
            read::<bibliography::BibliographyDoc>(node),
            Document::Bibliography,
        ),
        Some(_) => {
            let (node, mut misplaced) = institutions::recover_misplaced(node);
            let (document, mut problems) = convert(
                read::<institutions::InstitutionsDoc>(&node),
                Document::Institutions,
            );
            misplaced.append(&mut problems);
            (document, misplaced)
        }
        None => {
            let first = entries.first();
            let suggestion = first
                .and_then(|e| e.key_text())
                .and_then(|key| did_you_mean(key, KIND_KEYS));
            (
                None,
                vec![SchemaProblem {
                    message: "cannot tell what kind of document this is".to_string(),
                    span: first.map(|e| e.key.span).unwrap_or(node.span),
                    help: Some(match suggestion {
                        Some(key) => Help::did_you_mean(key),
                        None => Help::words(kind_help()),
                    }),
                }],
            )
        }
    }
}

fn convert<T>(
    (value, problems): (Option<T>, Vec<SchemaProblem>),
    wrap: fn(T) -> Document,
) -> (Option<Document>, Vec<SchemaProblem>) {
    (value.map(wrap), problems)
}

fn kind_help() -> String {
    "a document starts with `policy:`, `framework:`, `knowledge-base:`, `bibliography:` or `institutions:`; the project file is named `cohere.yaml`".to_string()
}

#[cfg(test)]
mod tests;
