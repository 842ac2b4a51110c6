//! The policy document: a strategy, law, programme or agreement, and its measures.

use super::{AnyScalar, Checked, Items, Located, SchemaProblem};
use crate::vocabulary::{
    Audience, Confidence, Instrument, Level, Perspective, Status, When, Where,
};
use crate::yaml::{Entry, Node, Value};
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;

/// `policy: <id>` — a policy document and its measures.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(title = "cohere policy", deny_unknown_fields)]
pub struct PolicyDoc {
    /// The policy's id, unique in the repository.
    pub policy: Located<String>,
    /// Its title.
    pub title: Located<String>,
    /// The jurisdiction that adopts it.
    #[serde(default)]
    pub jurisdiction: Option<Located<String>>,
    /// How far it reaches.
    pub level: Checked<Located<Level>>,
    /// Which side of migration the jurisdiction is on (default: the project's).
    #[serde(default)]
    pub perspective: Checked<Located<Perspective>>,
    /// Draft or adopted (default `draft`).
    #[serde(default)]
    pub status: Checked<Located<Status>>,
    /// The institution that owns the policy.
    #[serde(default)]
    pub owner: Option<Located<String>>,
    /// For bilateral and regional policies: the jurisdictions bound by it.
    #[serde(default)]
    pub parties: Vec<Located<String>>,
    /// What the policy is for.
    #[serde(default)]
    pub description: Option<Located<String>>,
    /// The measures.
    #[serde(default)]
    pub measures: Items<Located<MeasureDoc>>,
}

/// One measure of a policy.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub struct MeasureDoc {
    /// Its id, unique in the policy; other policies refer to it as `<policy>/<id>`.
    pub id: Located<String>,
    /// Its title.
    pub title: Located<String>,
    /// What it does.
    #[serde(default)]
    pub description: Option<Located<String>>,
    /// The sector it belongs to (health, labour, security, …).
    #[serde(default)]
    pub sector: Option<Located<String>>,
    /// What kind of instrument it is.
    #[serde(default)]
    pub instrument: Checked<Located<Instrument>>,
    /// The institution that leads it.
    #[serde(default)]
    pub lead: Checked<Located<String>>,
    /// Institutions that take part.
    #[serde(default)]
    pub partners: Vec<Located<String>>,
    /// The groups the measure concerns (`group:…`).
    #[serde(default)]
    pub groups: Vec<Located<String>>,
    /// Its effects on framework elements.
    #[serde(default)]
    pub effects: Items<Located<EffectDoc>>,
    /// Principles it upholds.
    #[serde(default)]
    pub upholds: Vec<Located<String>>,
    /// Principles or objectives it strains.
    #[serde(default)]
    pub strains: Vec<Located<String>>,
    /// Capacities it builds (`capacity:…`).
    #[serde(default)]
    pub builds: Vec<Located<String>>,
    /// How progress is monitored: framework indicators (`sdg:10.7.1`) or `{name: …}`.
    #[serde(default)]
    pub indicators: Items<Located<IndicatorDoc>>,
    /// Whom it reports back to.
    #[serde(default)]
    pub reports_to: Items<Located<Audience>>,
    /// Groups it leaves out of targets.
    #[serde(default)]
    pub excludes: Items<Located<ExclusionDoc>>,
    /// Explicit interactions with other measures.
    #[serde(default)]
    pub interactions: Items<Located<MeasureInteractionDoc>>,
}

/// The effect of a measure on a framework element.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub struct EffectDoc {
    /// The element affected.
    pub target: Located<String>,
    /// Nilsson scale, -3 (cancelling) to +3 (indivisible).
    pub score: Located<AnyScalar>,
    /// Where the effect falls (default `here`).
    #[serde(default, rename = "where")]
    pub where_: Checked<Located<Where>>,
    /// When it falls (default `now`).
    #[serde(default)]
    pub when: Checked<Located<When>>,
    /// Why the measure has this effect.
    #[serde(default)]
    pub rationale: Option<Located<String>>,
    /// Citations backing the judgement.
    #[serde(default)]
    pub evidence: Vec<Located<String>>,
    /// How sure the judgement is (default `medium`).
    #[serde(default)]
    pub confidence: Checked<Located<Confidence>>,
    /// Who bears the effect (`group:…`).
    #[serde(default)]
    pub groups: Vec<Located<String>>,
}

/// A group a measure leaves out of some targets.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub struct ExclusionDoc {
    /// The group left out.
    pub group: Located<String>,
    /// The targets it is left out of.
    pub from: Vec<Located<String>>,
    /// Why.
    #[serde(default)]
    pub rationale: Option<Located<String>>,
}

/// An explicit interaction between two measures.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(deny_unknown_fields)]
pub struct MeasureInteractionDoc {
    /// The other measure: `<id>` in the same policy or `<policy>/<id>`.
    pub with: Located<String>,
    /// Nilsson scale: how this measure affects the other.
    pub score: Located<AnyScalar>,
    /// Why.
    #[serde(default)]
    pub rationale: Option<Located<String>>,
    /// Citations.
    #[serde(default)]
    pub evidence: Vec<Located<String>>,
}

/// A monitoring indicator: a framework indicator's id, or one of the policy's own.
#[derive(Clone, Debug, PartialEq, JsonSchema)]
#[schemars(untagged)]
pub enum IndicatorDoc {
    /// A framework indicator, by id (`sdg:10.7.1`).
    Element(String),
    /// An indicator of the policy's own.
    Own(OwnIndicator),
}

/// An indicator defined in the policy.
#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct OwnIndicator {
    /// What is measured.
    pub name: String,
    /// Who produces the data.
    #[serde(default)]
    pub source: Option<String>,
    /// The value at the start.
    #[serde(default)]
    pub baseline: Option<String>,
    /// The value aimed for.
    #[serde(default)]
    pub target: Option<String>,
}

impl<'de> Deserialize<'de> for IndicatorDoc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IndicatorVisitor;
        impl<'de> Visitor<'de> for IndicatorVisitor {
            type Value = IndicatorDoc;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an indicator id or `{name: …}`")
            }
            fn visit_str<E>(self, v: &str) -> Result<IndicatorDoc, E> {
                Ok(IndicatorDoc::Element(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<IndicatorDoc, E> {
                Ok(IndicatorDoc::Element(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<IndicatorDoc, E> {
                Ok(IndicatorDoc::Element(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<IndicatorDoc, A::Error> {
                OwnIndicator::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(IndicatorDoc::Own)
            }
        }
        deserializer.deserialize_any(IndicatorVisitor)
    }
}

/// Moves effects written in a measure's `indicators:` list (an item with a `score:`, appended
/// to the wrong list) to its `effects:`, with one problem each that names the mistake, so that
/// the item's fields unknown to an indicator are not reported one by one.
pub fn recover_misplaced(node: &Node) -> (Node, Vec<SchemaProblem>) {
    let mut problems = Vec::new();
    let mut node = node.clone();
    let Value::Map(entries) = &mut node.value else {
        return (node, problems);
    };
    for entry in entries.iter_mut() {
        if entry.key_text() != Some("measures") {
            continue;
        }
        let Value::Seq(measures) = &mut entry.value.value else {
            continue;
        };
        for measure in measures.iter_mut() {
            let Value::Map(fields) = &mut measure.value else {
                continue;
            };
            let mut moved = Vec::new();
            let mut indicators_key = None;
            for field in fields.iter_mut() {
                if field.key_text() != Some("indicators") {
                    continue;
                }
                indicators_key = Some(field.key.span);
                if let Value::Seq(items) = &mut field.value.value {
                    let (effects, indicators): (Vec<Node>, Vec<Node>) = std::mem::take(items)
                        .into_iter()
                        .partition(|item| item.get("score").is_some());
                    *items = indicators;
                    moved = effects;
                }
            }
            if moved.is_empty() {
                continue;
            }
            for item in &moved {
                let target = item
                    .get("target")
                    .and_then(Node::text)
                    .map(|t| format!(" on `{t}`"))
                    .unwrap_or_default();
                problems.push(SchemaProblem {
                    message: format!(
                        "an effect{target} is in the list of `indicators:` (it has a `score:`)"
                    ),
                    span: item.span,
                    help: Some(crate::diagnostic::Help::words(
                        "move it into the measure's `effects:` list; an indicator is an id (`sdg:10.7.2`) or `{name: …}`",
                    )),
                });
            }
            match fields
                .iter_mut()
                .find(|f| f.key_text() == Some("effects"))
                .map(|f| &mut f.value.value)
            {
                Some(Value::Seq(effects)) => effects.append(&mut moved),
                Some(_) => {}
                None => {
                    let span = indicators_key.unwrap_or(measure.span);
                    fields.push(Entry {
                        key: Node {
                            span,
                            value: Value::Str("effects".to_string()),
                        },
                        value: Node {
                            span,
                            value: Value::Seq(moved),
                        },
                    });
                }
            }
        }
    }
    (node, problems)
}
