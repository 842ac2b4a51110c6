//! The knowledge-base document: scored, sourced interactions between framework elements.

use super::{AnyScalar, Checked, Items, Located};
use crate::vocabulary::{Confidence, Perspective};
use schemars::JsonSchema;
use serde::Deserialize;

/// `knowledge-base: <id>` — interactions between framework elements.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "cohere knowledge base", deny_unknown_fields)]
pub struct KnowledgeBaseDoc {
    /// The knowledge base's id.
    pub knowledge_base: Located<String>,
    /// Its name.
    pub title: Located<String>,
    /// What it covers.
    #[serde(default)]
    pub description: Option<Located<String>>,
    /// The interactions.
    #[serde(default)]
    pub interactions: Items<Located<InteractionDoc>>,
}

/// A directed, scored interaction: progress on `from` affects progress on `to`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub struct InteractionDoc {
    /// The element that acts.
    pub from: Located<String>,
    /// The element acted on.
    pub to: Located<String>,
    /// Nilsson scale, -3 (cancelling) to +3 (indivisible).
    pub score: Located<AnyScalar>,
    /// The context the interaction holds in (default `any`).
    #[serde(default)]
    pub perspective: Checked<Located<Perspective>>,
    /// How sure the knowledge base is (default `medium`).
    #[serde(default)]
    pub confidence: Checked<Located<Confidence>>,
    /// Why: the mechanism, in the project's own words.
    #[serde(default)]
    pub rationale: Option<Located<String>>,
    /// Citations written out: author or body, title, year.
    #[serde(default)]
    pub evidence: Vec<Located<String>>,
    /// Citations by the id of a bibliography entry (`bibliography:` documents).
    #[serde(default)]
    pub sources: Vec<Located<String>>,
    /// What in the sources supports the sign and strength (a published score, or the finding
    /// the score rests on), for reviewers.
    #[serde(default)]
    pub basis: Option<Located<String>>,
    /// Whether the literature disagrees on the sign or strength (the rationale says how).
    #[serde(default)]
    pub contested: Option<Located<bool>>,
    /// Individual assessors' scores, as recorded in a scoring workshop.
    #[serde(default)]
    pub assessments: Items<Located<AssessmentDoc>>,
}

/// One assessor's score for an interaction.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub struct AssessmentDoc {
    /// Who scored.
    pub assessor: Located<String>,
    /// Their score.
    pub score: Located<AnyScalar>,
}
