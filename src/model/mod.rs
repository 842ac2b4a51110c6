//! The validated model: every reference resolved, every score on the scale.
//!
//! This is the "validate" stage's output. Entities live in vectors and refer to each other by
//! typed indices ([`ElementIdx`], [`MeasureIdx`], …); their textual ids are newtypes
//! ([`ElementId`], [`MeasureId`], …). Everything that a finding can be about keeps its
//! location. [`build`] turns documents into a model and reports the document rules' findings.

pub mod build;
mod ids;
mod score;
pub use crate::vocabulary;
pub mod vocabularies;

pub use ids::*;
pub use score::Score;

use crate::document::Located;
use crate::source::{FileId, Location, Span};
use std::collections::HashMap;
use vocabulary::{Audience, Confidence, Instrument, Level, Perspective, Status, When, Where};

/// A framework: a named set of reference elements.
#[derive(Clone, Debug)]
pub struct Framework {
    /// Its prefix (`sdg`).
    pub id: FrameworkId,
    /// Its name.
    pub title: String,
    /// Its source document.
    pub source: String,
    /// The edition used.
    pub version: Option<String>,
    /// Its source documents in the bibliography.
    pub sources: Vec<ReferenceIdx>,
    /// What it is.
    pub description: Option<String>,
    /// Its elements, in file order.
    pub elements: Vec<ElementIdx>,
    /// Where its header is.
    pub location: Location,
}

/// A reference element: an SDG target, a GCM objective, a principle, a group, …
#[derive(Clone, Debug)]
pub struct Element {
    /// Its full id (`sdg:10.7`).
    pub id: ElementId,
    /// Its framework.
    pub framework: FrameworkIdx,
    /// Its kind (`goal`, `target`, `indicator`, `principle`, …).
    pub kind: String,
    /// Its short title.
    pub title: String,
    /// A longer description.
    pub description: Option<String>,
    /// The element it nests under.
    pub parent: Option<ElementIdx>,
    /// Its tags.
    pub tags: Vec<String>,
    /// Words that suggest a measure concerns it.
    pub keywords: Vec<String>,
    /// The sectors whose measures usually act on it: its own, or else its parent's.
    pub sectors: Vec<String>,
    /// Related elements.
    pub links: Vec<ElementIdx>,
    /// The published sources it rests on (the treaty articles of a floor element, …).
    pub sources: Vec<ReferenceIdx>,
    /// Those sources as full references, with the pinpoints written (`art. 33`).
    pub citations: Texts,
    /// Where its id is written.
    pub location: Location,
}

impl Element {
    /// Whether it carries `tag`.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }
}

/// A knowledge base: a file of interactions.
#[derive(Clone, Debug)]
pub struct KnowledgeBase {
    /// Its id.
    pub id: KnowledgeBaseId,
    /// Its name.
    pub title: String,
    /// What it covers.
    pub description: Option<String>,
    /// Its interactions.
    pub interactions: Vec<InteractionIdx>,
    /// Where its header is.
    pub location: Location,
}

/// A published source in a bibliography, cited by its id.
#[derive(Clone, Debug)]
pub struct Reference {
    /// Its id (`nilsson-griggs-visbeck-2016`).
    pub id: String,
    /// The authors, or the body that published it.
    pub authors: String,
    /// Its title.
    pub title: String,
    /// The year of publication.
    pub year: String,
    /// The journal, with volume and pages.
    pub journal: Option<String>,
    /// The publisher or issuing body.
    pub publisher: Option<String>,
    /// Its DOI.
    pub doi: Option<String>,
    /// A stable address.
    pub url: Option<String>,
    /// A note printed with it.
    pub note: Option<String>,
    /// How it was checked to exist.
    pub verified: Option<String>,
    /// Where its id is written.
    pub location: Location,
}

impl Reference {
    /// The full reference as one line, with a pinpoint (`objective 5, para. 21`) if one is
    /// given: authors (year). Title. Journal or publisher. [pinpoint] DOI or URL.
    pub fn cite(&self, pinpoint: Option<&str>) -> String {
        let mut text = self.citation();
        if let Some(pinpoint) = pinpoint {
            let at = text.rfind(" http").unwrap_or(text.len());
            text.insert_str(at, &format!(" Cited: {pinpoint}."));
        }
        text
    }

    /// The full reference as one line: authors (year). Title. Journal or publisher. DOI or URL.
    pub fn citation(&self) -> String {
        let mut text = format!("{} ({}). {}.", self.authors, self.year, self.title);
        for part in [&self.journal, &self.publisher].into_iter().flatten() {
            text.push(' ');
            text.push_str(part);
            text.push('.');
        }
        if let Some(note) = &self.note {
            text.push(' ');
            text.push_str(note);
            text.push('.');
        }
        if let Some(doi) = &self.doi {
            text.push_str(" https://doi.org/");
            text.push_str(doi);
        } else if let Some(url) = &self.url {
            text.push(' ');
            text.push_str(url);
        }
        text
    }
}

/// One assessor's score of an interaction.
#[derive(Clone, Debug)]
pub struct Assessment {
    /// Who scored.
    pub assessor: String,
    /// Their score.
    pub score: Score,
    /// Where it is written.
    pub location: Location,
}

/// A scored, directed interaction between two elements.
#[derive(Clone, Debug)]
pub struct Interaction {
    /// The element that acts.
    pub from: ElementIdx,
    /// The element acted on.
    pub to: ElementIdx,
    /// How progress on `from` affects `to`.
    pub score: Score,
    /// Where it holds.
    pub perspective: Perspective,
    /// How sure the knowledge base is.
    pub confidence: Confidence,
    /// Why.
    pub rationale: Option<String>,
    /// Sources: the free-text citations, then the full reference of each cited id.
    pub evidence: Texts,
    /// The bibliography entries it cites by id (`sources:`).
    pub sources: Vec<ReferenceIdx>,
    /// Whether the literature disagrees on its sign or strength.
    pub contested: bool,
    /// What in the sources supports the score.
    pub basis: Option<String>,
    /// Individual assessors' scores.
    pub assessments: Vec<Assessment>,
    /// The knowledge base it comes from.
    pub knowledge_base: KnowledgeBaseIdx,
    /// Where the interaction's `from` is written.
    pub location: Location,
    /// Where its score is written.
    pub score_location: Location,
}

/// An institution.
#[derive(Clone, Debug)]
pub struct Institution {
    /// Its id.
    pub id: InstitutionId,
    /// Its name.
    pub name: String,
    /// Its jurisdiction.
    pub jurisdiction: Option<String>,
    /// Its sector.
    pub sector: Option<String>,
    /// The mechanisms it sits in.
    pub mechanisms: Vec<MechanismIdx>,
    /// Where its id is written.
    pub location: Location,
}

/// A coordination mechanism.
#[derive(Clone, Debug)]
pub struct Mechanism {
    /// Its id.
    pub id: MechanismId,
    /// Its name.
    pub name: String,
    /// Its level.
    pub level: Option<Level>,
    /// Its members.
    pub members: Vec<InstitutionIdx>,
    /// Where its id is written.
    pub location: Location,
}

/// A policy document.
#[derive(Clone, Debug)]
pub struct Policy {
    /// Its id.
    pub id: PolicyId,
    /// Its title.
    pub title: String,
    /// The jurisdiction that adopts it.
    pub jurisdiction: Option<String>,
    /// How far it reaches.
    pub level: Level,
    /// Its jurisdiction's perspective.
    pub perspective: Perspective,
    /// Whether `perspective:` is written with a word cohere could not read (already reported):
    /// the policy is then analysed in every arena, so the findings that depend on where its
    /// effects fall are not reported until the word is corrected.
    pub perspective_unread: bool,
    /// Draft or adopted.
    pub status: Status,
    /// The owning institution.
    pub owner: Option<InstitutionIdx>,
    /// The jurisdictions bound (bilateral and regional policies).
    pub parties: Vec<String>,
    /// What it is for.
    pub description: Option<String>,
    /// Its measures.
    pub measures: Vec<MeasureIdx>,
    /// Its file.
    pub file: FileId,
    /// Where its id is written.
    pub location: Location,
}

/// A measure's effect on an element.
#[derive(Clone, Debug)]
pub struct Effect {
    /// The element affected.
    pub target: ElementIdx,
    /// How much, on the Nilsson scale.
    pub score: Score,
    /// Where it falls.
    pub where_: Where,
    /// When it falls.
    pub when: When,
    /// Why.
    pub rationale: Option<String>,
    /// Sources.
    pub evidence: Texts,
    /// How sure.
    pub confidence: Confidence,
    /// Who bears it.
    pub groups: Vec<ElementIdx>,
    /// Where the effect's `target` is written.
    pub location: Location,
    /// Where its score is written.
    pub score_location: Location,
}

/// An indicator that monitors a measure.
#[derive(Clone, Debug)]
pub enum Indicator {
    /// A framework indicator.
    Element(ElementIdx),
    /// The policy's own.
    Own {
        /// What is measured.
        name: String,
    },
}

/// A group left out of some targets.
#[derive(Clone, Debug)]
pub struct Exclusion {
    /// The group.
    pub group: ElementIdx,
    /// The targets.
    pub from: Vec<Located<ElementIdx>>,
    /// Why.
    pub rationale: Option<String>,
    /// Where the group is written.
    pub location: Location,
}

/// An explicit interaction between two measures.
#[derive(Clone, Debug)]
pub struct MeasureInteraction {
    /// The other measure.
    pub with: MeasureIdx,
    /// How this measure affects it.
    pub score: Score,
    /// Why.
    pub rationale: Option<String>,
    /// Sources.
    pub evidence: Texts,
    /// Where `with` is written.
    pub location: Location,
}

/// A measure of a policy.
#[derive(Clone, Debug)]
pub struct Measure {
    /// Its qualified id (`policy/measure`).
    pub id: MeasureId,
    /// Its policy.
    pub policy: PolicyIdx,
    /// Its title.
    pub title: String,
    /// What it does.
    pub description: Option<String>,
    /// Its sector.
    pub sector: Option<String>,
    /// Its instrument.
    pub instrument: Option<Instrument>,
    /// The lead institution.
    pub lead: Option<InstitutionIdx>,
    /// Whether `lead:` is written, even when what it names could not be read or resolved
    /// (already reported): such a measure is not reported as having no lead as well.
    pub lead_written: bool,
    /// Partner institutions.
    pub partners: Vec<InstitutionIdx>,
    /// The groups it concerns.
    pub groups: Vec<ElementIdx>,
    /// Its effects.
    pub effects: Vec<Effect>,
    /// Principles upheld.
    pub upholds: Vec<Located<ElementIdx>>,
    /// Principles or objectives strained.
    pub strains: Vec<Located<ElementIdx>>,
    /// Capacities built.
    pub builds: Vec<Located<ElementIdx>>,
    /// Monitoring indicators.
    pub indicators: Vec<Indicator>,
    /// Whom it reports to.
    pub reports_to: Vec<Audience>,
    /// Groups left out.
    pub excludes: Vec<Exclusion>,
    /// Explicit interactions with other measures.
    pub interactions: Vec<MeasureInteraction>,
    /// Its file.
    pub file: FileId,
    /// Where its id is written.
    pub location: Location,
    /// The whole measure, from its first key to its last value.
    pub span: Span,
}

impl Measure {
    /// A location in the measure's file.
    pub fn at(&self, span: Span) -> Location {
        Location::new(self.file, span)
    }
}

/// Texts written once and shared by every finding that cites them (sources, mostly): cloning
/// one is a reference count, not a copy.
pub type Texts = std::sync::Arc<[String]>;

/// Everything loaded and validated: frameworks, knowledge bases, institutions, policies.
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// Frameworks.
    pub frameworks: Vec<Framework>,
    /// Framework elements.
    pub elements: Vec<Element>,
    /// Knowledge bases.
    pub knowledge_bases: Vec<KnowledgeBase>,
    /// Knowledge-base interactions.
    pub interactions: Vec<Interaction>,
    /// Bibliography entries, cited by interactions and framework elements.
    pub references: Vec<Reference>,
    /// Institutions.
    pub institutions: Vec<Institution>,
    /// Coordination mechanisms.
    pub mechanisms: Vec<Mechanism>,
    /// Policies.
    pub policies: Vec<Policy>,
    /// Measures.
    pub measures: Vec<Measure>,
    /// Whether an institutions document was loaded. Without one, institutions are known only
    /// by the ids measures give, and nothing is known of their coordination mechanisms.
    pub institutions_declared: bool,
    element_index: HashMap<String, ElementIdx>,
    reference_index: HashMap<String, ReferenceIdx>,
    measure_index: HashMap<String, MeasureIdx>,
    policy_index: HashMap<String, PolicyIdx>,
    institution_index: HashMap<String, InstitutionIdx>,
    /// Measures by file and start of their text, for [`Model::measure_at`].
    measure_places: Vec<(FileId, u32, MeasureIdx)>,
}

impl Model {
    /// The element with this full id.
    pub fn element_by_id(&self, id: &str) -> Option<ElementIdx> {
        self.element_index.get(id).copied()
    }

    /// The bibliography entry with this id.
    pub fn reference_by_id(&self, id: &str) -> Option<ReferenceIdx> {
        self.reference_index.get(id).copied()
    }

    /// A bibliography entry.
    pub fn reference(&self, idx: ReferenceIdx) -> &Reference {
        &self.references[idx.index()]
    }

    /// The measure with this qualified id (`policy/measure`).
    pub fn measure_by_id(&self, id: &str) -> Option<MeasureIdx> {
        self.measure_index.get(id).copied()
    }

    /// The measure whose text holds `location` (a binary search: measures' texts do not
    /// overlap).
    pub fn measure_at(&self, location: Location) -> Option<MeasureIdx> {
        let key = (location.file, location.span.start);
        let after = self
            .measure_places
            .partition_point(|&(file, start, _)| (file, start) <= key);
        let &(_, _, measure) = self.measure_places.get(after.checked_sub(1)?)?;
        let m = self.measure(measure);
        (m.file == location.file && m.span.contains(location.span)).then_some(measure)
    }

    /// Builds the index behind [`Model::measure_at`]; called once the measures are in.
    pub(crate) fn index_measure_places(&mut self) {
        self.measure_places = self
            .measures
            .iter()
            .enumerate()
            .map(|(i, m)| (m.file, m.span.start, MeasureIdx::new(i)))
            .collect();
        self.measure_places.sort_unstable();
    }

    /// The policy with this id.
    pub fn policy_by_id(&self, id: &str) -> Option<PolicyIdx> {
        self.policy_index.get(id).copied()
    }

    /// The institution with this id.
    pub fn institution_by_id(&self, id: &str) -> Option<InstitutionIdx> {
        self.institution_index.get(id).copied()
    }

    /// An element.
    pub fn element(&self, idx: ElementIdx) -> &Element {
        &self.elements[idx.index()]
    }

    /// A measure.
    pub fn measure(&self, idx: MeasureIdx) -> &Measure {
        &self.measures[idx.index()]
    }

    /// A policy.
    pub fn policy(&self, idx: PolicyIdx) -> &Policy {
        &self.policies[idx.index()]
    }

    /// An institution.
    pub fn institution(&self, idx: InstitutionIdx) -> &Institution {
        &self.institutions[idx.index()]
    }

    /// A mechanism.
    pub fn mechanism(&self, idx: MechanismIdx) -> &Mechanism {
        &self.mechanisms[idx.index()]
    }

    /// A knowledge-base interaction.
    pub fn interaction(&self, idx: InteractionIdx) -> &Interaction {
        &self.interactions[idx.index()]
    }

    /// A framework.
    pub fn framework(&self, idx: FrameworkIdx) -> &Framework {
        &self.frameworks[idx.index()]
    }

    /// The policy a measure belongs to.
    pub fn policy_of(&self, measure: MeasureIdx) -> &Policy {
        self.policy(self.measure(measure).policy)
    }

    /// Every element id, for suggestions.
    pub fn element_ids(&self) -> impl Iterator<Item = &str> {
        self.elements.iter().map(|e| e.id.as_str())
    }

    /// The mechanisms two institutions share.
    pub fn shared_mechanisms(&self, a: InstitutionIdx, b: InstitutionIdx) -> Vec<MechanismIdx> {
        let theirs = &self.institution(b).mechanisms;
        self.institution(a)
            .mechanisms
            .iter()
            .filter(|m| theirs.contains(m))
            .copied()
            .collect()
    }
}
