//! The framework document: a named set of reference elements (SDG targets, GCM objectives, …).

use super::{Items, Located};
use schemars::JsonSchema;
use serde::Deserialize;

/// `framework: <prefix>` — a framework of reference elements.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "cohere framework", deny_unknown_fields)]
pub struct FrameworkDoc {
    /// The prefix of every element id in the framework (`sdg` gives `sdg:10.7`).
    pub framework: Located<String>,
    /// The framework's name.
    pub title: Located<String>,
    /// The source document: a UN symbol, a resolution, a citation.
    pub source: Located<String>,
    /// The edition of the source used.
    #[serde(default)]
    pub version: Option<Located<String>>,
    /// The source documents, by the id of a bibliography entry.
    #[serde(default)]
    pub sources: Vec<Located<String>>,
    /// What the framework is, in a sentence or two.
    #[serde(default)]
    pub description: Option<Located<String>>,
    /// The kind of element at each nesting depth (`[goal, target, indicator]`), so nested
    /// elements need not repeat `kind`.
    #[serde(default)]
    pub levels: Vec<Located<String>>,
    /// The elements (which may nest).
    #[serde(default)]
    pub elements: Items<Located<ElementDoc>>,
}

/// One element of a framework.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub struct ElementDoc {
    /// The local id; the full id is `<prefix>:<id>`.
    pub id: Located<String>,
    /// What kind of element this is (goal, target, indicator, principle, objective, group, …).
    /// May be left out where the framework's `levels` give it.
    #[serde(default)]
    pub kind: Option<Located<String>>,
    /// A short title in the project's own words.
    pub title: Located<String>,
    /// A longer description.
    #[serde(default)]
    pub description: Option<Located<String>>,
    /// Tags the rules use: `migration`, `for-all`, `floor`, `policy-domain`, `no-vote`.
    #[serde(default)]
    pub tags: Vec<Located<String>>,
    /// Words and phrases that suggest a measure concerns this element (`unlinked-target`).
    #[serde(default)]
    pub keywords: Vec<Located<String>>,
    /// Full ids of related elements in any framework.
    #[serde(default)]
    pub links: Vec<Located<String>>,
    /// The published sources it rests on, by the id of a bibliography entry.
    #[serde(default)]
    pub sources: Vec<Located<String>>,
    /// Child elements.
    #[serde(default)]
    pub elements: Items<Located<ElementDoc>>,
}
