//! The project file, `cohere.yaml`, at the root of a policy repository.

use super::Located;
use crate::model::vocabulary::Perspective;
use schemars::JsonSchema;
use serde::Deserialize;

/// The project file: what to load, how strict to be, what the portfolio must cover.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "cohere project file (cohere.yaml)", deny_unknown_fields)]
pub struct ProjectDoc {
    /// The repository's name, shown in reports.
    #[serde(default)]
    pub name: Option<Located<String>>,
    /// The default perspective of policies that do not state one.
    #[serde(default)]
    pub perspective: Option<Located<Perspective>>,
    /// Frameworks to load: built-in names (`sdg`, `gcm`, …) or paths to YAML files, relative
    /// to this file and inside its directory (default: every built-in framework).
    #[serde(default)]
    pub frameworks: Option<Vec<Located<String>>>,
    /// Knowledge bases to load: built-in names (`migration`) or paths to YAML files, relative
    /// to this file and inside its directory (default: every built-in knowledge base).
    #[serde(default)]
    pub knowledge_bases: Option<Vec<Located<String>>>,
    /// Globs of the repository's documents, relative to this file (default `**/*.yaml`, `**/*.yml`).
    #[serde(default)]
    pub policies: Option<Vec<Located<String>>>,
    /// Globs to leave out.
    #[serde(default)]
    pub exclude: Vec<Located<String>>,
    /// Extra sectors, beyond the built-in list.
    #[serde(default)]
    pub sectors: Vec<Located<String>>,
    /// Rule levels by rule id or category: `error`, `warning`, `info` or `off`.
    #[serde(default)]
    pub rules: RuleLevels,
    /// Rule levels for some paths only.
    #[serde(default)]
    pub overrides: Vec<Located<OverrideDoc>>,
    /// What the portfolio must cover.
    #[serde(default)]
    pub require: Option<RequireDoc>,
    /// The floor of minimum standards no measure may counteract (element ids).
    #[serde(default)]
    pub floor: Option<Vec<Located<String>>>,
    /// Numbers the analyses use.
    #[serde(default)]
    pub thresholds: Option<ThresholdsDoc>,
    /// Report settings.
    #[serde(default)]
    pub report: Option<ReportDoc>,
    /// Bounds on what one input file may cost.
    #[serde(default)]
    pub limits: Option<LimitsDoc>,
}

/// `direct-conflict: error`, `coverage: off`, …: levels by rule id or category, in order.
#[derive(Debug, Default)]
pub struct RuleLevels(pub Vec<(Located<String>, Located<RuleLevelWord>)>);

impl<'de> Deserialize<'de> for RuleLevels {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairsVisitor;
        impl<'de> serde::de::Visitor<'de> for PairsVisitor {
            type Value = RuleLevels;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a mapping of rule ids or categories to levels")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RuleLevels, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(RuleLevels(pairs))
            }
        }
        deserializer.deserialize_map(PairsVisitor)
    }
}

impl JsonSchema for RuleLevels {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RuleLevels".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // Every rule id and category, so that editors complete them; anything else is an error,
        // as it is for cohere (exit 2).
        let level = generator.subschema_for::<RuleLevelWord>().to_value();
        let mut properties = serde_json::Map::new();
        for rule in crate::rules::RULES {
            let mut schema = level.clone();
            if let Some(object) = schema.as_object_mut() {
                let description = format!(
                    "{} ({}, default {})",
                    rule.meta.summary,
                    rule.meta.category.as_str(),
                    rule.meta.default_severity
                );
                object.insert("description".into(), description.into());
            }
            properties.insert(rule.meta.id.to_string(), schema);
        }
        for category in crate::rules::Category::ALL {
            let mut schema = level.clone();
            if let Some(object) = schema.as_object_mut() {
                let description = format!("every rule of the `{}` category", category.as_str());
                object.insert("description".into(), description.into());
            }
            properties.insert(category.as_str().to_string(), schema);
        }
        schemars::json_schema!({
            "type": "object",
            "description": "Levels by rule id or category: error | warning | info | off. A rule id beats its category.",
            "properties": properties,
            "additionalProperties": false
        })
    }
}

/// A rule level as written in the project file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RuleLevelWord {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report as information.
    Info,
    /// Do not run the rule.
    Off,
}

/// Rule levels that apply to some paths only.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub struct OverrideDoc {
    /// Globs, relative to the project file.
    pub paths: Vec<Located<String>>,
    /// Rule levels for those paths.
    pub rules: RuleLevels,
}

/// Coverage requirements.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub struct RequireDoc {
    /// Element ids that some measure must reach (default: every element tagged `migration`).
    #[serde(default)]
    pub targets: Option<Vec<Located<String>>>,
    /// Principles some measure must uphold (default: MiGOF principles and GCM guiding principles).
    #[serde(default)]
    pub principles: Option<Vec<Located<String>>>,
    /// Policy domains some measure must serve (default: every element tagged `policy-domain`).
    #[serde(default)]
    pub domains: Option<Vec<Located<String>>>,
}

/// Numbers the analyses use.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub struct ThresholdsDoc {
    /// How many knowledge-base hops effects propagate (default 2).
    #[serde(default)]
    pub path_depth: Option<Located<u32>>,
    /// The weakest indirect effect still reported, as a product of scores / 3 (default 0.2).
    #[serde(default)]
    pub path_strength: Option<Located<f64>>,
    /// The spread of assessors' scores that makes an interaction contested (default 3).
    #[serde(default)]
    pub contested_spread: Option<Located<u32>>,
    /// Measures listed in one finding before the rest are counted (default 10).
    #[serde(default)]
    pub max_listed_measures: Option<Located<u32>>,
}

/// Report settings.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub struct ReportDoc {
    /// The report's title.
    #[serde(default)]
    pub title: Option<Located<String>>,
    /// The report's language tag (default `en`).
    #[serde(default)]
    pub language: Option<Located<String>>,
    /// The most nodes drawn in the network diagram (default 60).
    #[serde(default)]
    pub max_diagram_nodes: Option<Located<u32>>,
}

/// Bounds on what one input file may cost.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub struct LimitsDoc {
    /// Largest file read, in bytes (default 33554432: 32 MiB).
    #[serde(default)]
    pub max_file_bytes: Option<Located<u64>>,
    /// Deepest nesting of lists and mappings (default 64).
    #[serde(default)]
    pub max_depth: Option<Located<u32>>,
    /// Most nodes in one file, counting alias expansions (default 2000000).
    #[serde(default)]
    pub max_nodes: Option<Located<u32>>,
    /// Most aliases in one file (default 10000).
    #[serde(default)]
    pub max_aliases: Option<Located<u32>>,
}
