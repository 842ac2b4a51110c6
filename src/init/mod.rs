//! `cohere init`: the files of a new policy repository.
//!
//! The scaffold is a commented project file with every setting's default shown, an institutions
//! document, a policy template (not analysed) whose one measure shows every field, a GitHub Actions workflow
//! using cohere's action, and the JSON Schemas the files' yaml-language-server modelines point
//! to. The templates are files in this folder, so they read as what they are; tests check that
//! they load cleanly and that the defaults they show are the real ones.

use crate::schema::{SchemaDocument, schema};

/// The project file.
pub const PROJECT: &str = include_str!("cohere.yaml");
/// The institutions document.
pub const INSTITUTIONS: &str = include_str!("institutions.yaml");
/// The policy template.
pub const POLICY: &str = include_str!("policy-template.yaml");
/// The CI workflow.
pub const WORKFLOW: &str = include_str!("workflow.yml");

/// One file of the scaffold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScaffoldFile {
    /// Its path, relative to the repository's root, with `/`.
    pub path: &'static str,
    /// Its text.
    pub text: String,
}

/// The files of a new policy repository, in the order they are written.
pub fn scaffold() -> Vec<ScaffoldFile> {
    let schema_text = |document| {
        let mut text = serde_json::to_string_pretty(&schema(document)).unwrap_or_default();
        text.push('\n');
        text
    };
    vec![
        ScaffoldFile {
            path: "cohere.yaml",
            text: PROJECT.to_string(),
        },
        ScaffoldFile {
            path: "institutions.yaml",
            text: INSTITUTIONS.to_string(),
        },
        ScaffoldFile {
            path: "templates/policy.yaml",
            text: POLICY.to_string(),
        },
        ScaffoldFile {
            path: ".github/workflows/cohere.yml",
            text: WORKFLOW.to_string(),
        },
        ScaffoldFile {
            path: "cohere.schema.json",
            text: schema_text(SchemaDocument::All),
        },
        ScaffoldFile {
            path: "cohere.project.schema.json",
            text: schema_text(SchemaDocument::Project),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{EffectiveSettings, Settings};
    use crate::document::project::ProjectDoc;
    use crate::yaml::{Limits, parse_documents};

    fn settings(text: &str) -> Settings {
        let nodes = parse_documents(text, &Limits::default()).unwrap();
        let (doc, problems) = crate::document::read::<ProjectDoc>(&nodes[0]);
        assert!(problems.is_empty(), "{problems:?}");
        Settings::from_document(doc.unwrap()).unwrap()
    }

    /// Uncomments the settings shown with their defaults: lines `#key:` and `#  key:` (prose
    /// is `# text`, examples are indented further: `#   rules:`).
    fn uncommented(text: &str) -> String {
        text.lines()
            .map(|line| match line.strip_prefix('#') {
                Some(rest) if rest.starts_with(|c: char| c.is_ascii_lowercase()) => rest,
                Some(rest)
                    if rest.starts_with("  ")
                        && rest[2..].starts_with(|c: char| c.is_ascii_lowercase()) =>
                {
                    rest
                }
                _ => line,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_defaults_shown_in_the_project_file_are_the_real_ones() {
        let as_written = settings(PROJECT);
        let text = uncommented(PROJECT);
        assert!(text.contains("\nthresholds:\n  path-depth: 2"), "{text}");
        let with_defaults = settings(&text);
        let view = |s: &Settings| serde_json::to_value(EffectiveSettings::new(s, None)).unwrap();
        assert_eq!(view(&with_defaults), view(&as_written));
        // And only the name, the perspective and the template left out differ from the
        // built-in defaults.
        let mut defaults = view(&Settings::default());
        defaults["name"] = view(&as_written)["name"].clone();
        defaults["perspective"] = "destination".into();
        defaults["exclude"] = serde_json::json!(["templates/**"]);
        assert_eq!(view(&as_written), defaults);
    }

    #[test]
    fn the_project_file_shows_every_setting() {
        let schema = schema(SchemaDocument::Project);
        for key in schema["properties"].as_object().unwrap().keys() {
            let shown = [
                format!("\n{key}:"),
                format!("\n#{key}:"),
                format!("#   {key}:"),
            ];
            assert!(
                shown.iter().any(|s| PROJECT.contains(s.as_str())),
                "cohere.yaml template does not show `{key}`"
            );
        }
    }
}
