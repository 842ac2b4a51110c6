//! Evidence: the chain of edges through the interaction graph behind an effect, with each
//! edge's score, context and sources, as findings carry it.

use crate::model::Score;
use crate::source::Location;
use serde::Serialize;

/// What kind of edge a step of an evidence path follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// A measure's declared effect on an element.
    Effect,
    /// A knowledge-base interaction between two elements.
    Interaction,
    /// A declared counterpart: two elements that name each other under `links`.
    Link,
    /// A declared interaction between two measures.
    MeasureInteraction,
}

/// One edge of an evidence path.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// What the edge is.
    pub kind: StepKind,
    /// The id of the node it leaves (a measure id or an element id).
    pub from: String,
    /// The id of the node it reaches.
    pub to: String,
    /// Its score.
    pub score: Score,
    /// The context it holds in: for interactions the perspective (`origin`, `any`, …), for
    /// effects where and when they fall (`elsewhere, later`).
    pub context: Option<&'static str>,
    /// Its sources, shared with the model.
    pub evidence: crate::model::Texts,
    /// Where it is written.
    pub location: Location,
}

/// A chain of edges through the interaction graph that explains a finding.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidencePath {
    /// The edges, in order.
    pub steps: Vec<Step>,
    /// The product of the normalised scores (score / 3) along the path.
    pub strength: f64,
}
