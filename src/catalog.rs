//! What is loaded, and what is known about one element: the data behind `cohere frameworks` and
//! `cohere show`, as serializable views (the JSON of those commands is built from them).

use crate::graph::InteractionGraph;
use crate::model::{ElementIdx, InteractionIdx, Model};
use serde::Serialize;
use std::collections::BTreeMap;

/// A framework, counted.
#[derive(Debug, Serialize)]
pub struct FrameworkSummary {
    /// Its prefix.
    pub id: String,
    /// Its name.
    pub title: String,
    /// Its source document.
    pub source: String,
    /// The edition used.
    pub version: Option<String>,
    /// Element counts by kind.
    pub elements: BTreeMap<String, usize>,
}

/// A knowledge base, counted.
#[derive(Debug, Serialize)]
pub struct KnowledgeBaseSummary {
    /// Its id.
    pub id: String,
    /// Its name.
    pub title: String,
    /// How many interactions it holds.
    pub interactions: usize,
    /// What they are: by sign, perspective and confidence, how many are sourced.
    pub statistics: KnowledgeBaseStatistics,
}

/// Counts over a knowledge base's interactions, so that a reader can see how it leans.
#[derive(Debug, Default, Serialize)]
pub struct KnowledgeBaseStatistics {
    /// By sign of the score: `positive`, `zero`, `negative`.
    pub by_sign: BTreeMap<&'static str, usize>,
    /// By score on the 7-point scale (`-3` … `3`).
    pub by_score: BTreeMap<i8, usize>,
    /// By perspective: `origin`, `transit`, `destination`, `any`.
    pub by_perspective: BTreeMap<&'static str, usize>,
    /// By confidence: `low`, `medium`, `high`.
    pub by_confidence: BTreeMap<&'static str, usize>,
    /// Marked `contested: true` (the literature disagrees).
    pub contested: usize,
    /// Negative, or contested, or both.
    pub negative_or_contested: usize,
    /// Their share of all interactions (0 to 1, three decimals).
    pub negative_or_contested_share: f64,
    /// With at least one citation (a `sources:` id or `evidence:` text).
    pub with_evidence: usize,
    /// Their share of all interactions (0 to 1, three decimals).
    pub evidence_share: f64,
    /// Bibliography entries cited by id, counted once each.
    pub distinct_sources: usize,
    /// With individual assessors' scores.
    pub with_assessments: usize,
}

/// Counts `kb`'s interactions.
pub fn statistics(model: &Model, kb: &crate::model::KnowledgeBase) -> KnowledgeBaseStatistics {
    let mut stats = KnowledgeBaseStatistics::default();
    let mut sources = std::collections::BTreeSet::new();
    for &idx in &kb.interactions {
        let interaction = model.interaction(idx);
        let score = interaction.score.value();
        let sign = match score {
            s if s > 0 => "positive",
            0 => "zero",
            _ => "negative",
        };
        *stats.by_sign.entry(sign).or_default() += 1;
        *stats.by_score.entry(score).or_default() += 1;
        *stats
            .by_perspective
            .entry(interaction.perspective.as_str())
            .or_default() += 1;
        *stats
            .by_confidence
            .entry(interaction.confidence.as_str())
            .or_default() += 1;
        stats.contested += usize::from(interaction.contested);
        stats.negative_or_contested += usize::from(score < 0 || interaction.contested);
        stats.with_evidence += usize::from(!interaction.evidence.is_empty());
        stats.with_assessments += usize::from(!interaction.assessments.is_empty());
        sources.extend(interaction.sources.iter().copied());
    }
    stats.distinct_sources = sources.len();
    let share = |n: usize| match kb.interactions.len() {
        0 => 0.0,
        total => (n as f64 / total as f64 * 1000.0).round() / 1000.0,
    };
    stats.negative_or_contested_share = share(stats.negative_or_contested);
    stats.evidence_share = share(stats.with_evidence);
    stats
}

/// Everything loaded.
#[derive(Debug, Serialize)]
pub struct Catalog {
    /// Frameworks, in load order.
    pub frameworks: Vec<FrameworkSummary>,
    /// Knowledge bases, in load order.
    pub knowledge_bases: Vec<KnowledgeBaseSummary>,
}

/// Summarises what the model holds.
pub fn catalog(model: &Model) -> Catalog {
    Catalog {
        frameworks: model
            .frameworks
            .iter()
            .map(|framework| {
                let mut elements = BTreeMap::new();
                for &idx in &framework.elements {
                    *elements.entry(model.element(idx).kind.clone()).or_insert(0) += 1;
                }
                FrameworkSummary {
                    id: framework.id.to_string(),
                    title: framework.title.clone(),
                    source: framework.source.clone(),
                    version: framework.version.clone(),
                    elements,
                }
            })
            .collect(),
        knowledge_bases: model
            .knowledge_bases
            .iter()
            .map(|kb| KnowledgeBaseSummary {
                id: kb.id.to_string(),
                title: kb.title.clone(),
                interactions: kb.interactions.len(),
                statistics: statistics(model, kb),
            })
            .collect(),
    }
}

/// An element named with its title.
#[derive(Debug, Serialize)]
pub struct ElementRef {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
}

impl ElementRef {
    fn of(model: &Model, idx: ElementIdx) -> Self {
        let element = model.element(idx);
        ElementRef {
            id: element.id.to_string(),
            title: element.title.clone(),
        }
    }
}

/// One assessor's score.
#[derive(Debug, Serialize)]
pub struct AssessmentView {
    /// Who.
    pub assessor: String,
    /// Their score.
    pub score: i8,
}

/// A knowledge-base interaction, for display.
#[derive(Debug, Serialize)]
pub struct InteractionView {
    /// The element that acts.
    pub from: ElementRef,
    /// The element acted on.
    pub to: ElementRef,
    /// The score.
    pub score: i8,
    /// The score's name on the scale.
    pub score_name: &'static str,
    /// Where it holds.
    pub perspective: &'static str,
    /// How sure.
    pub confidence: &'static str,
    /// The knowledge base.
    pub knowledge_base: String,
    /// Why.
    pub rationale: Option<String>,
    /// Sources.
    pub evidence: Vec<String>,
    /// Whether the literature disagrees on it.
    pub contested: bool,
    /// What in the sources supports the score.
    pub basis: Option<String>,
    /// Individual scores.
    pub assessments: Vec<AssessmentView>,
}

fn interaction_view(model: &Model, idx: InteractionIdx) -> InteractionView {
    let interaction = model.interaction(idx);
    InteractionView {
        from: ElementRef::of(model, interaction.from),
        to: ElementRef::of(model, interaction.to),
        score: interaction.score.value(),
        score_name: interaction.score.name(),
        perspective: interaction.perspective.as_str(),
        confidence: interaction.confidence.as_str(),
        knowledge_base: model.knowledge_bases[interaction.knowledge_base.index()]
            .id
            .to_string(),
        rationale: interaction.rationale.clone(),
        evidence: interaction.evidence.to_vec(),
        contested: interaction.contested,
        basis: interaction.basis.clone(),
        assessments: interaction
            .assessments
            .iter()
            .map(|a| AssessmentView {
                assessor: a.assessor.clone(),
                score: a.score.value(),
            })
            .collect(),
    }
}

/// A measure's effect on the element shown.
#[derive(Debug, Serialize)]
pub struct EffectView {
    /// The measure's id.
    pub measure: String,
    /// The measure's title.
    pub title: String,
    /// The score.
    pub score: i8,
    /// Where the effect falls.
    #[serde(rename = "where")]
    pub where_: &'static str,
    /// When it falls.
    pub when: &'static str,
}

/// Everything known about one element.
#[derive(Debug, Serialize)]
pub struct ElementView {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: String,
    /// Its framework's prefix.
    pub framework: String,
    /// Its framework's name.
    pub framework_title: String,
    /// Its framework's source.
    pub source: String,
    /// The published sources it rests on, as full references: its own (the binding
    /// instruments of a floor element, …), or else its framework's.
    pub sources: Vec<String>,
    /// Its description.
    pub description: Option<String>,
    /// The element it nests under.
    pub parent: Option<ElementRef>,
    /// The elements nested under it.
    pub children: Vec<ElementRef>,
    /// Its tags.
    pub tags: Vec<String>,
    /// Its keywords.
    pub keywords: Vec<String>,
    /// The elements it links to.
    pub links: Vec<ElementRef>,
    /// The elements that link to it.
    pub linked_from: Vec<ElementRef>,
    /// Interactions out of it.
    pub interactions_out: Vec<InteractionView>,
    /// Interactions into it.
    pub interactions_in: Vec<InteractionView>,
    /// Measures with an effect on it.
    pub effects: Vec<EffectView>,
}

/// Everything known about `idx`.
pub fn element_view(model: &Model, graph: &InteractionGraph, idx: ElementIdx) -> ElementView {
    let element = model.element(idx);
    let framework = model.framework(element.framework);
    let related = |pred: &dyn Fn(&crate::model::Element) -> bool| -> Vec<ElementRef> {
        model
            .elements
            .iter()
            .enumerate()
            .filter(|(_, e)| pred(e))
            .map(|(i, _)| ElementRef::of(model, ElementIdx::new(i)))
            .collect()
    };
    let mut interactions_out: Vec<_> = graph.interactions_from(idx).collect();
    interactions_out.sort();
    let mut interactions_in: Vec<_> = graph.interactions_into(idx).collect();
    interactions_in.sort();
    let mut effects: Vec<_> = graph.effects_on(idx).collect();
    effects.sort();
    ElementView {
        id: element.id.to_string(),
        title: element.title.clone(),
        kind: element.kind.clone(),
        framework: framework.id.to_string(),
        framework_title: framework.title.clone(),
        source: framework.source.clone(),
        sources: if element.citations.is_empty() {
            framework
                .sources
                .iter()
                .map(|&r| model.reference(r).citation())
                .collect()
        } else {
            element.citations.to_vec()
        },
        description: element.description.clone(),
        parent: element.parent.map(|p| ElementRef::of(model, p)),
        children: related(&|e| e.parent == Some(idx)),
        tags: element.tags.clone(),
        keywords: element.keywords.clone(),
        links: element
            .links
            .iter()
            .map(|&l| ElementRef::of(model, l))
            .collect(),
        linked_from: related(&|e| e.links.contains(&idx)),
        interactions_out: interactions_out
            .into_iter()
            .map(|i| interaction_view(model, i))
            .collect(),
        interactions_in: interactions_in
            .into_iter()
            .map(|i| interaction_view(model, i))
            .collect(),
        effects: effects
            .into_iter()
            .map(|(measure, effect)| {
                let m = model.measure(measure);
                let e = &m.effects[effect];
                EffectView {
                    measure: m.id.to_string(),
                    title: m.title.clone(),
                    score: e.score.value(),
                    where_: e.where_.as_str(),
                    when: e.when.as_str(),
                }
            })
            .collect(),
    }
}
