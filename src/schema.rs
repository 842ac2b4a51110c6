//! JSON Schema (draft-07) of the documents, for editors: yaml-language-server validates and
//! completes a YAML file against it (`# yaml-language-server: $schema=cohere.schema.json`).
//!
//! The schemas are generated from the very types the loader reads ([`crate::document`]), so
//! they cannot drift from it: unknown fields are `additionalProperties: false`, required fields
//! are `required`, the closed vocabularies are enumerations with their descriptions, rule levels
//! in the project file list every rule id and category. Two adjustments make the schema accept
//! exactly what the loader accepts:
//!
//! - where text is expected, the loader reads any plain scalar as written (`id: 10.7` is the
//!   text `10.7`), so text fields also accept numbers and booleans;
//! - the schema of every document kind (`--document all`) is one of the five kinds, told apart
//!   by their required kind key (`policy`, `framework`, `knowledge-base`, `institutions`,
//!   `bibliography`).
//!
//! Editors see a score such as `1.5` or `high` as invalid, as cohere does (`invalid-score`).

use crate::document::bibliography::BibliographyDoc;
use crate::document::framework::FrameworkDoc;
use crate::document::institutions::InstitutionsDoc;
use crate::document::knowledge_base::KnowledgeBaseDoc;
use crate::document::policy::PolicyDoc;
use crate::document::project::ProjectDoc;
use schemars::generate::{SchemaGenerator, SchemaSettings};
use serde_json::{Map, Value, json};

/// Which document a schema describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaDocument {
    /// `policy: …`
    Policy,
    /// `framework: …`
    Framework,
    /// `knowledge-base: …`
    KnowledgeBase,
    /// `institutions: …`
    Institutions,
    /// `bibliography: …`
    Bibliography,
    /// The project file, `cohere.yaml`.
    Project,
    /// Any of the five kinds of document (not the project file).
    All,
}

/// The JSON Schema of `document`.
pub fn schema(document: SchemaDocument) -> Value {
    let mut generator = SchemaSettings::draft07().into_generator();
    let mut schema = match document {
        SchemaDocument::Policy => generator.root_schema_for::<PolicyDoc>().to_value(),
        SchemaDocument::Framework => generator.root_schema_for::<FrameworkDoc>().to_value(),
        SchemaDocument::KnowledgeBase => generator.root_schema_for::<KnowledgeBaseDoc>().to_value(),
        SchemaDocument::Institutions => generator.root_schema_for::<InstitutionsDoc>().to_value(),
        SchemaDocument::Bibliography => generator.root_schema_for::<BibliographyDoc>().to_value(),
        SchemaDocument::Project => generator.root_schema_for::<ProjectDoc>().to_value(),
        SchemaDocument::All => all(&mut generator),
    };
    accept_scalars_as_text(&mut schema);
    schema
}

fn all(generator: &mut SchemaGenerator) -> Value {
    let kinds = [
        generator.subschema_for::<PolicyDoc>().to_value(),
        generator.subschema_for::<FrameworkDoc>().to_value(),
        generator.subschema_for::<KnowledgeBaseDoc>().to_value(),
        generator.subschema_for::<InstitutionsDoc>().to_value(),
        generator.subschema_for::<BibliographyDoc>().to_value(),
    ];
    let definitions = generator.take_definitions(true);
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "cohere document",
        "description": "A cohere document: a policy, a framework, a knowledge base, an institutions list or a bibliography, told apart by its first key (`policy`, `framework`, `knowledge-base`, `institutions` or `bibliography`). The project file, cohere.yaml, has a schema of its own.",
        "oneOf": kinds,
        "definitions": definitions,
    })
}

/// Lets text fields take numbers and booleans too, as the loader does.
fn accept_scalars_as_text(value: &mut Value) {
    match value {
        Value::Object(object) => {
            widen_text_type(object);
            object.values_mut().for_each(accept_scalars_as_text);
        }
        Value::Array(items) => items.iter_mut().for_each(accept_scalars_as_text),
        _ => {}
    }
}

fn widen_text_type(schema: &mut Map<String, Value>) {
    // A constant, an enumeration or a pattern is a word, not free text.
    if ["const", "enum", "pattern", "format"]
        .iter()
        .any(|k| schema.contains_key(*k))
    {
        return;
    }
    let Some(ty) = schema.get_mut("type") else {
        return;
    };
    match ty {
        Value::String(name) if name == "string" => {
            *ty = json!(["string", "number", "boolean"]);
        }
        Value::Array(names) if names.iter().any(|n| n == "string") => {
            for extra in ["number", "boolean"] {
                if !names.iter().any(|n| n == extra) {
                    names.push(json!(extra));
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_closed_and_text_takes_scalars() {
        let policy = schema(SchemaDocument::Policy);
        assert_eq!(policy["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(policy["additionalProperties"], false);
        assert_eq!(policy["required"], json!(["policy", "title", "level"]));
        assert_eq!(
            policy["properties"]["policy"]["type"],
            json!(["string", "number", "boolean"])
        );
        let measure = &policy["definitions"]["MeasureDoc"];
        assert_eq!(measure["additionalProperties"], false);
        let all = schema(SchemaDocument::All);
        assert_eq!(all["oneOf"].as_array().map(Vec::len), Some(5));
    }

    #[test]
    fn rule_levels_name_every_rule_and_category() {
        let project = schema(SchemaDocument::Project);
        let rules = &project["definitions"]["RuleLevels"];
        assert_eq!(rules["additionalProperties"], false);
        assert!(rules["properties"]["direct-conflict"].is_object());
        assert!(rules["properties"]["coherence"].is_object());
    }
}
