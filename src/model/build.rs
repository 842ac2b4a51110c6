//! The validate stage: documents in, model and document findings out.
//!
//! References are resolved in dependency order: framework elements (and their links), then
//! knowledge-base interactions, institutions and mechanisms, policies and measures, and last the
//! explicit interactions between measures (which may point into any policy). Anything that does
//! not resolve is reported and left out of the model, so the analyses only see what is sound.

use super::vocabulary::{Confidence, Level, Perspective, Status, When, Where};
use super::*;
use crate::diagnostic::Help;
use crate::document::bibliography::BibliographyDoc;
use crate::document::framework::{ElementDoc, FrameworkDoc};
use crate::document::institutions::InstitutionsDoc;
use crate::document::knowledge_base::KnowledgeBaseDoc;
use crate::document::policy::{IndicatorDoc, MeasureDoc, PolicyDoc};
use crate::document::problem::DocumentProblem;
use crate::document::{AnyScalar, Checked, Document, Located};
use crate::suggest::did_you_mean;
use std::collections::hash_map::Entry as MapEntry;
use std::collections::{HashMap, HashSet};

/// Sectors a measure may name without declaring them in cohere.yaml.
pub const BUILT_IN_SECTORS: &[&str] = &[
    "migration",
    "labour",
    "health",
    "education",
    "social-protection",
    "housing",
    "security",
    "justice",
    "foreign-affairs",
    "development",
    "finance",
    "trade",
    "statistics",
    "environment",
    "gender",
    "children",
    "local-government",
    "agriculture",
    "digital",
];

/// Kinds of element that describe people or capacities, not goals a measure can move.
const NON_GOAL_KINDS: &[&str] = &["group", "capacity", "indicator"];

/// A document and the file it came from.
#[derive(Debug)]
pub struct SourcedDocument {
    /// The file.
    pub file: FileId,
    /// The document.
    pub document: Document,
}

/// Settings the validation needs from the project file.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// The perspective of policies that do not state one.
    pub default_perspective: Option<Perspective>,
    /// Sectors allowed beyond [`BUILT_IN_SECTORS`].
    pub extra_sectors: Vec<String>,
}

/// Validates documents into a model. Document-rule findings are returned beside it.
pub fn build(
    documents: Vec<SourcedDocument>,
    options: &BuildOptions,
) -> (Model, Vec<DocumentProblem>) {
    let mut builder = Builder {
        model: Model::default(),
        problems: Vec::new(),
        options,
        sectors: BUILT_IN_SECTORS
            .iter()
            .map(|s| s.to_string())
            .chain(options.extra_sectors.iter().cloned())
            .collect(),
        element_locations: HashMap::new(),
        implicit_institutions: true,
    };
    let mut bibliographies = Vec::new();
    let mut frameworks = Vec::new();
    let mut knowledge_bases = Vec::new();
    let mut institutions = Vec::new();
    let mut policies = Vec::new();
    for SourcedDocument { file, document } in documents {
        match document {
            Document::Bibliography(doc) => bibliographies.push((file, doc)),
            Document::Framework(doc) => frameworks.push((file, doc)),
            Document::KnowledgeBase(doc) => knowledge_bases.push((file, doc)),
            Document::Institutions(doc) => institutions.push((file, doc)),
            Document::Policy(doc) => policies.push((file, doc)),
        }
    }
    for (file, doc) in &bibliographies {
        builder.add_bibliography(*file, doc);
    }
    let mut pending_links = Vec::new();
    for (file, doc) in &frameworks {
        builder.add_framework(*file, doc, &mut pending_links);
    }
    builder.resolve_links(pending_links);
    for (file, doc) in &knowledge_bases {
        builder.add_knowledge_base(*file, doc);
    }
    builder.implicit_institutions = institutions.is_empty();
    builder.model.institutions_declared = !institutions.is_empty();
    for (file, doc) in &institutions {
        builder.add_institutions(*file, doc);
    }
    let mut pending_interactions = Vec::new();
    for (file, doc) in &policies {
        builder.add_policy(*file, doc, &mut pending_interactions);
    }
    builder.resolve_measure_interactions(pending_interactions);
    builder.model.index_measure_places();
    (builder.model, builder.problems)
}

struct Builder<'a> {
    model: Model,
    problems: Vec<DocumentProblem>,
    options: &'a BuildOptions,
    sectors: Vec<String>,
    element_locations: HashMap<String, Location>,
    /// With no institutions document, institution ids are taken as written.
    implicit_institutions: bool,
}

/// Whether a measure read is added to the model, or only checked (a duplicate's contents).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    Add,
    CheckOnly,
}

/// What an element reference must point at.
#[derive(Clone, Copy)]
enum Expect {
    /// A goal, target, objective or principle: anything a measure can move.
    Goal,
    /// An element of kind `group`.
    Group,
    /// An element of kind `capacity`.
    Capacity,
    /// An element of kind `indicator`.
    Indicator,
    /// What a knowledge-base interaction joins: a target, principle or objective, or an
    /// indicator (the outcome it measures, such as deaths on migratory routes).
    Outcome,
    /// Anything.
    Any,
}

impl Expect {
    fn noun(self) -> &'static str {
        match self {
            Expect::Goal => "target or principle",
            Expect::Group => "group",
            Expect::Capacity => "capacity",
            Expect::Indicator => "indicator",
            Expect::Outcome => "target, principle or indicator",
            Expect::Any => "element",
        }
    }

    fn accepts(self, element: &Element) -> bool {
        match self {
            Expect::Goal => !NON_GOAL_KINDS.contains(&element.kind.as_str()),
            Expect::Group => element.kind == "group",
            Expect::Capacity => element.kind == "capacity",
            Expect::Indicator => element.kind == "indicator",
            Expect::Outcome => !["group", "capacity"].contains(&element.kind.as_str()),
            Expect::Any => true,
        }
    }
}

struct PendingLink {
    element: ElementIdx,
    file: FileId,
    link: Located<String>,
}

struct PendingMeasureInteraction {
    measure: MeasureIdx,
    with: Located<String>,
    score: Score,
    rationale: Option<String>,
    evidence: Vec<String>,
}

fn text(value: &Option<Located<String>>) -> Option<String> {
    value.as_ref().map(|v| v.value.trim().to_string())
}

fn texts(values: &[Located<String>]) -> Vec<String> {
    values.iter().map(|v| v.value.trim().to_string()).collect()
}

fn valid_local_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

impl Builder<'_> {
    fn report(&mut self, problem: DocumentProblem) {
        self.problems.push(problem);
    }

    // --- bibliographies -----------------------------------------------------------------

    fn add_bibliography(&mut self, file: FileId, doc: &BibliographyDoc) {
        for reference in &doc.references {
            let id = reference.id.value.trim();
            let location = Location::new(file, reference.id.span);
            if let Some(first) = self.model.reference_by_id(id) {
                let first = self.model.reference(first).location;
                self.report(DocumentProblem::duplicate_id(
                    "reference",
                    id,
                    location,
                    first,
                ));
                continue;
            }
            let doi = text(&reference.doi);
            let url = text(&reference.url);
            if doi.is_none() && url.is_none() {
                self.report(DocumentProblem::schema_value(
                    location,
                    format!("reference `{id}` has neither a `doi` nor a `url`"),
                    Some("add the DOI, or a stable address where readers can find it".into()),
                ));
            }
            let idx = ReferenceIdx::new(self.model.references.len());
            self.model.reference_index.insert(id.to_string(), idx);
            self.model.references.push(Reference {
                id: id.to_string(),
                authors: reference.authors.value.trim().to_string(),
                title: reference.title.value.trim().to_string(),
                year: reference.year.value.trim().to_string(),
                journal: text(&reference.journal),
                publisher: text(&reference.publisher),
                doi,
                url,
                note: text(&reference.note),
                verified: text(&reference.verified),
                location,
            });
        }
    }

    /// Resolves `sources:` ids, reporting each that is not in a loaded bibliography.
    fn references(&mut self, file: FileId, ids: &[Located<String>]) -> Vec<ReferenceIdx> {
        self.cited(file, ids)
            .into_iter()
            .map(|(idx, _)| idx)
            .collect()
    }

    /// Resolves `sources:` entries — an id, optionally followed by a comma and a pinpoint
    /// (`un-ga-2018-gcm, objective 5, para. 21`) — reporting each id that is not in a loaded
    /// bibliography.
    fn cited<'d>(
        &mut self,
        file: FileId,
        ids: &'d [Located<String>],
    ) -> Vec<(ReferenceIdx, Option<&'d str>)> {
        let mut found: Vec<(ReferenceIdx, Option<&str>)> = Vec::new();
        for reference in ids {
            let (id, pinpoint) = match reference.value.split_once(',') {
                Some((id, pinpoint)) => (id.trim(), Some(pinpoint.trim())),
                None => (reference.value.trim(), None),
            };
            let pinpoint = pinpoint.filter(|p| !p.is_empty());
            if let Some(idx) = self.model.reference_by_id(id) {
                if !found.contains(&(idx, pinpoint)) {
                    found.push((idx, pinpoint));
                }
                continue;
            }
            let help = match did_you_mean(id, self.model.references.iter().map(|r| r.id.as_str())) {
                Some(close) => Help::did_you_mean(close),
                None => "cite an entry of a loaded bibliography (`bibliography:` documents; the built-in one is frameworks/references.yaml), or write the citation under `evidence:`".into(),
            };
            self.report(DocumentProblem::unknown_reference(
                "reference",
                id,
                Location::new(file, reference.span),
                Some(help),
            ));
        }
        found
    }

    // --- frameworks ---------------------------------------------------------------------

    fn add_framework(&mut self, file: FileId, doc: &FrameworkDoc, pending: &mut Vec<PendingLink>) {
        let prefix = doc.framework.value.trim();
        let location = Location::new(file, doc.framework.span);
        if let Some(existing) = self
            .model
            .frameworks
            .iter()
            .find(|f| f.id.as_str() == prefix)
        {
            let first = existing.location;
            self.report(DocumentProblem::duplicate_id(
                "framework",
                prefix,
                location,
                first,
            ));
            return;
        }
        if !valid_local_id(prefix) || prefix.contains('.') {
            self.report(DocumentProblem::schema_value(
                location,
                format!("invalid framework prefix `{prefix}`"),
                Some("use lower-case letters, digits and `-`".into()),
            ));
            return;
        }
        let framework_idx = FrameworkIdx::new(self.model.frameworks.len());
        let sources = self.references(file, &doc.sources);
        self.model.frameworks.push(Framework {
            id: FrameworkId::new(prefix),
            title: doc.title.value.clone(),
            source: doc.source.value.clone(),
            version: text(&doc.version),
            sources,
            description: text(&doc.description),
            elements: Vec::new(),
            location,
        });
        let levels = texts(&doc.levels);
        for element in &doc.elements {
            self.add_element(
                file,
                framework_idx,
                prefix,
                &levels,
                0,
                None,
                element,
                pending,
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn add_element(
        &mut self,
        file: FileId,
        framework: FrameworkIdx,
        prefix: &str,
        levels: &[String],
        depth: usize,
        parent: Option<ElementIdx>,
        doc: &Located<ElementDoc>,
        pending: &mut Vec<PendingLink>,
    ) {
        let local = doc.id.value.trim();
        let location = Location::new(file, doc.id.span);
        if !valid_local_id(local) {
            self.report(DocumentProblem::schema_value(
                location,
                format!("invalid element id `{local}`"),
                Some("use letters, digits, `.`, `-` and `_`; the framework prefix is added".into()),
            ));
            return;
        }
        let full = format!("{prefix}:{local}");
        let kind = match (&doc.kind, levels.get(depth)) {
            (Some(kind), _) => kind.value.trim().to_string(),
            (None, Some(level)) => level.clone(),
            (None, None) => {
                self.report(DocumentProblem::schema_value(
                    location,
                    format!("element `{full}` has no `kind`"),
                    Some("add `kind:` to the element, or `levels:` to the framework".into()),
                ));
                return;
            }
        };
        match self.element_locations.entry(full.clone()) {
            MapEntry::Occupied(first) => {
                let first = *first.get();
                self.report(DocumentProblem::duplicate_id(
                    "element", &full, location, first,
                ));
                return;
            }
            MapEntry::Vacant(slot) => {
                slot.insert(location);
            }
        }
        let cited = self.cited(file, &doc.sources);
        let citations: Vec<String> = cited
            .iter()
            .map(|&(r, at)| self.model.reference(r).cite(at))
            .collect();
        let mut sources: Vec<ReferenceIdx> = Vec::new();
        for (r, _) in cited {
            if !sources.contains(&r) {
                sources.push(r);
            }
        }
        let sectors: Vec<String> = if doc.sectors.is_empty() {
            parent
                .map(|p| self.model.element(p).sectors.clone())
                .unwrap_or_default()
        } else {
            doc.sectors
                .iter()
                .filter_map(|sector| self.sector(file, &Some(sector.clone())))
                .collect()
        };
        let idx = ElementIdx::new(self.model.elements.len());
        self.model.element_index.insert(full.clone(), idx);
        self.model.elements.push(Element {
            id: ElementId::new(full),
            framework,
            kind,
            title: doc.title.value.trim().to_string(),
            description: text(&doc.description),
            parent,
            tags: texts(&doc.tags),
            keywords: doc
                .keywords
                .iter()
                .map(|k| k.value.trim().to_lowercase())
                .collect(),
            sectors,
            links: Vec::new(),
            sources,
            citations: citations.into(),
            location,
        });
        self.model.frameworks[framework.index()].elements.push(idx);
        pending.extend(doc.links.iter().map(|link| PendingLink {
            element: idx,
            file,
            link: link.clone(),
        }));
        for child in &doc.elements {
            self.add_element(
                file,
                framework,
                prefix,
                levels,
                depth + 1,
                Some(idx),
                child,
                pending,
            );
        }
    }

    fn resolve_links(&mut self, pending: Vec<PendingLink>) {
        for PendingLink {
            element,
            file,
            link,
        } in pending
        {
            if let Some(target) = self.element(file, &link, Expect::Any) {
                let links = &mut self.model.elements[element.index()].links;
                if !links.contains(&target) {
                    links.push(target);
                }
            }
        }
    }

    // --- references ---------------------------------------------------------------------

    /// Resolves an element reference, reporting it if it does not resolve or is of the wrong
    /// kind.
    fn element(
        &mut self,
        file: FileId,
        reference: &Located<String>,
        expect: Expect,
    ) -> Option<ElementIdx> {
        let id = reference.value.trim();
        let location = Location::new(file, reference.span);
        if let Some(idx) = self.model.element_by_id(id) {
            let element = self.model.element(idx);
            if expect.accepts(element) {
                return Some(idx);
            }
            let help = self.wrong_kind_help(idx, expect);
            let finding =
                DocumentProblem::wrong_kind(expect.noun(), id, &element.kind, location, help);
            self.report(finding);
            return None;
        }
        let help = self.element_help(id, expect);
        self.report(DocumentProblem::unknown_reference(
            expect.noun(),
            id,
            location,
            Some(help),
        ));
        None
    }

    /// How to fix a reference to an element of the wrong kind: the target above an indicator,
    /// or the field where an element of its kind belongs.
    fn wrong_kind_help(&self, idx: ElementIdx, expect: Expect) -> Option<Help> {
        let element = self.model.element(idx);
        if let Some(parent) = element.parent {
            let parent = self.model.element(parent);
            if expect.accepts(parent) {
                return Some(Help::meant(
                    parent.id.as_str(),
                    format!(
                        "did you mean `{}`? `{}` is one of its indicators, which go under `indicators:`",
                        parent.id, element.id
                    ),
                ));
            }
        }
        let field = match element.kind.as_str() {
            "group" => "`groups:` (of the measure, or of one effect)",
            "capacity" => "`builds:`",
            "indicator" => "`indicators:`",
            _ => return None,
        };
        let article = if element.kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        Some(Help::words(format!(
            "{article} {} goes under {field}",
            element.kind
        )))
    }

    /// The element a common misspelling of an id means: `SDG 8.8`, `sdg 8.8`, `8.8`, `SDG:8.8`,
    /// `refugees` for `group:refugees`, if it exists and is of the kind expected.
    fn normalised(&self, id: &str, expect: Expect) -> Option<String> {
        let compact: String = id.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut candidates = Vec::new();
        match compact.split_once(':') {
            Some((prefix, local)) => {
                candidates.push(format!("{}:{}", prefix.trim().to_lowercase(), local.trim()))
            }
            None => {
                let letters = compact
                    .find(|c: char| !c.is_ascii_alphabetic())
                    .unwrap_or(compact.len());
                let (prefix, local) = compact.split_at(letters);
                let local = local.trim();
                if !prefix.is_empty() && !local.is_empty() {
                    candidates.push(format!("{}:{local}", prefix.to_lowercase()));
                }
                for framework in &self.model.frameworks {
                    candidates.push(format!("{}:{}", framework.id, compact.trim()));
                }
            }
        }
        candidates.into_iter().find(|candidate| {
            candidate != id
                && self
                    .model
                    .element_by_id(candidate)
                    .is_some_and(|idx| expect.accepts(self.model.element(idx)))
        })
    }

    fn element_help(&self, id: &str, expect: Expect) -> Help {
        if let Some(meant) = self.normalised(id, expect) {
            return Help::did_you_mean(&meant);
        }
        let Some((prefix, rest)) = id.split_once(':') else {
            return Help::words(format!(
                "element ids have the form `framework:id`, such as `sdg:10.7`, `gcm:5` or `group:refugees`; `cohere show {id}` looks one up"
            ));
        };
        if !self
            .model
            .frameworks
            .iter()
            .any(|f| f.id.as_str() == prefix)
        {
            let loaded: Vec<_> = self
                .model
                .frameworks
                .iter()
                .map(|f| f.id.as_str())
                .collect();
            return match did_you_mean(prefix, loaded.iter().copied()) {
                Some(close) => {
                    let text =
                        format!("no framework `{prefix}` is loaded; did you mean `{close}`?");
                    // The id in the framework meant, where it names an element that fits.
                    let meant = format!("{close}:{rest}");
                    let fits = self
                        .model
                        .element_by_id(&meant)
                        .is_some_and(|idx| expect.accepts(self.model.element(idx)));
                    if fits {
                        Help::meant(&meant, text)
                    } else {
                        Help::words(text)
                    }
                }
                None => Help::words(format!(
                    "no framework `{prefix}` is loaded (loaded: {}); add it under `frameworks:` in cohere.yaml",
                    loaded.join(", ")
                )),
            };
        }
        // An indicator under a known target (`sdg:8.10` of `sdg:8.10.9`): the target's own
        // indicators are the answer; a guess from another target would mislead.
        if let Some(parent) = id
            .rsplit_once('.')
            .and_then(|(p, _)| self.model.element_by_id(p))
            .filter(|&p| self.model.element(p).kind == "target")
        {
            let children: Vec<&Element> = self
                .model
                .elements
                .iter()
                .filter(|e| e.parent == Some(parent))
                .collect();
            let parent = self.model.element(parent);
            let Some(first) = children.first() else {
                return Help::words(format!(
                    "{} `{}` has nothing nested under it",
                    parent.kind, parent.id
                ));
            };
            let plural = if children.len() == 1 { "" } else { "s" };
            let ids: Vec<String> = children.iter().map(|e| format!("`{}`", e.id)).collect();
            return Help::words(format!(
                "{} `{}` has {} {}{plural}: {}",
                parent.kind,
                parent.id,
                children.len(),
                first.kind,
                ids.join(", ")
            ));
        }
        let candidates = self
            .model
            .elements
            .iter()
            .filter(|e| expect.accepts(e))
            .map(|e| e.id.as_str());
        match did_you_mean(id, candidates) {
            Some(close) => Help::did_you_mean(close),
            None => Help::words(format!(
                "`cohere show {prefix}:…` lists nothing by that id; `cohere frameworks` lists what is loaded"
            )),
        }
    }

    fn elements(
        &mut self,
        file: FileId,
        references: &[Located<String>],
        expect: Expect,
    ) -> Vec<Located<ElementIdx>> {
        references
            .iter()
            .filter_map(|r| {
                self.element(file, r, expect)
                    .map(|idx| Located::new(idx, r.span))
            })
            .collect()
    }

    fn institution(&mut self, file: FileId, reference: &Located<String>) -> Option<InstitutionIdx> {
        let id = reference.value.trim();
        if let Some(idx) = self.model.institution_by_id(id) {
            return Some(idx);
        }
        let location = Location::new(file, reference.span);
        if self.implicit_institutions {
            return Some(self.new_institution(id, id, None, None, location));
        }
        let help = did_you_mean(id, self.model.institutions.iter().map(|i| i.id.as_str()))
            .map(Help::did_you_mean)
            .unwrap_or_else(|| {
                Help::words(format!(
                    "declare `{id}` under `institutions:` in the institutions document (institutions.yaml), with its `name:`"
                ))
            });
        self.report(DocumentProblem::unknown_reference(
            "institution",
            id,
            location,
            Some(help),
        ));
        None
    }

    fn new_institution(
        &mut self,
        id: &str,
        name: &str,
        jurisdiction: Option<String>,
        sector: Option<String>,
        location: Location,
    ) -> InstitutionIdx {
        let idx = InstitutionIdx::new(self.model.institutions.len());
        self.model.institution_index.insert(id.to_string(), idx);
        self.model.institutions.push(Institution {
            id: InstitutionId::new(id),
            name: name.to_string(),
            jurisdiction,
            sector,
            mechanisms: Vec::new(),
            location,
        });
        idx
    }

    fn score(&mut self, file: FileId, value: &Located<AnyScalar>) -> Option<Score> {
        let score = match value.value {
            AnyScalar::Int(i) => Score::new(i),
            _ => None,
        };
        if score.is_none() {
            self.report(DocumentProblem::invalid_score(
                Location::new(file, value.span),
                &value.value,
            ));
        }
        score
    }

    fn sector(&mut self, file: FileId, sector: &Option<Located<String>>) -> Option<String> {
        let sector = sector.as_ref()?;
        let name = sector.value.trim();
        if self.sectors.iter().any(|s| s == name) {
            return Some(name.to_string());
        }
        let help = match did_you_mean(name, self.sectors.iter().map(String::as_str)) {
            Some(close) => Help::meant(
                close,
                format!(
                    "did you mean `{close}`? New sectors are declared under `sectors:` in cohere.yaml"
                ),
            ),
            None => Help::words(format!(
                "sectors are {}; declare new ones under `sectors:` in cohere.yaml",
                self.sectors.join(", ")
            )),
        };
        self.report(DocumentProblem::schema_value(
            Location::new(file, sector.span),
            format!("unknown sector `{name}`"),
            Some(help),
        ));
        None
    }

    // --- knowledge bases ----------------------------------------------------------------

    fn add_knowledge_base(&mut self, file: FileId, doc: &KnowledgeBaseDoc) {
        let id = doc.knowledge_base.value.trim();
        let location = Location::new(file, doc.knowledge_base.span);
        if let Some(existing) = self
            .model
            .knowledge_bases
            .iter()
            .find(|k| k.id.as_str() == id)
        {
            let first = existing.location;
            self.report(DocumentProblem::duplicate_id(
                "knowledge base",
                id,
                location,
                first,
            ));
            return;
        }
        let kb = KnowledgeBaseIdx::new(self.model.knowledge_bases.len());
        self.model.knowledge_bases.push(KnowledgeBase {
            id: KnowledgeBaseId::new(id),
            title: doc.title.value.clone(),
            description: text(&doc.description),
            interactions: Vec::new(),
            location,
        });
        let mut seen: HashMap<(ElementIdx, ElementIdx, Perspective), Location> = self
            .model
            .interactions
            .iter()
            .map(|i| ((i.from, i.to, i.perspective), i.location))
            .collect();
        for interaction in &doc.interactions {
            let from = self.element(file, &interaction.from, Expect::Outcome);
            let to = self.element(file, &interaction.to, Expect::Outcome);
            let score = self.score(file, &interaction.score);
            let assessments: Vec<Assessment> = interaction
                .assessments
                .iter()
                .filter_map(|a| {
                    let score = self.score(file, &a.score)?;
                    Some(Assessment {
                        assessor: a.assessor.value.clone(),
                        score,
                        location: Location::new(file, a.assessor.span),
                    })
                })
                .collect();
            let (Some(from), Some(to), Some(score)) = (from, to, score) else {
                continue;
            };
            let location = Location::new(file, interaction.from.span);
            if from == to {
                let id = self.model.element(from).id.to_string();
                self.report(DocumentProblem::self_interaction(&id, location));
                continue;
            }
            let perspective = interaction
                .perspective
                .valid()
                .map_or(Perspective::Any, |p| p.value);
            match seen.entry((from, to, perspective)) {
                MapEntry::Occupied(first) => {
                    let name = format!(
                        "{} -> {} ({perspective})",
                        self.model.element(from).id,
                        self.model.element(to).id
                    );
                    let first = *first.get();
                    self.report(DocumentProblem::duplicate_id(
                        "interaction",
                        &name,
                        location,
                        first,
                    ));
                    continue;
                }
                MapEntry::Vacant(slot) => {
                    slot.insert(location);
                }
            }
            let cited = self.cited(file, &interaction.sources);
            let evidence: Vec<String> = texts(&interaction.evidence)
                .into_iter()
                .chain(
                    cited
                        .iter()
                        .map(|&(r, at)| self.model.reference(r).cite(at)),
                )
                .collect();
            let mut sources: Vec<ReferenceIdx> = Vec::new();
            for (idx, _) in cited {
                if !sources.contains(&idx) {
                    sources.push(idx);
                }
            }
            let idx = InteractionIdx::new(self.model.interactions.len());
            self.model.interactions.push(Interaction {
                from,
                to,
                score,
                perspective,
                confidence: interaction
                    .confidence
                    .valid()
                    .map_or(Confidence::Medium, |c| c.value),
                rationale: text(&interaction.rationale),
                evidence: evidence.into(),
                sources,
                contested: interaction.contested.as_ref().is_some_and(|c| c.value),
                basis: text(&interaction.basis),
                assessments,
                knowledge_base: kb,
                location,
                score_location: Location::new(file, interaction.score.span),
            });
            self.model.knowledge_bases[kb.index()]
                .interactions
                .push(idx);
        }
    }

    // --- institutions -------------------------------------------------------------------

    fn add_institutions(&mut self, file: FileId, doc: &InstitutionsDoc) {
        for institution in &doc.institutions {
            let id = institution.id.value.trim();
            let location = Location::new(file, institution.id.span);
            if let Some(existing) = self.model.institution_by_id(id) {
                let first = self.model.institution(existing).location;
                self.report(DocumentProblem::duplicate_id(
                    "institution",
                    id,
                    location,
                    first,
                ));
                continue;
            }
            self.new_institution(
                id,
                institution.name.value.trim(),
                text(&institution.jurisdiction),
                text(&institution.sector),
                location,
            );
        }
        let mut seen: HashMap<String, Location> = self
            .model
            .mechanisms
            .iter()
            .map(|m| (m.id.to_string(), m.location))
            .collect();
        for mechanism in &doc.mechanisms {
            let id = mechanism.id.value.trim();
            let location = Location::new(file, mechanism.id.span);
            if let Some(first) = seen.get(id) {
                let first = *first;
                self.report(DocumentProblem::duplicate_id(
                    "mechanism",
                    id,
                    location,
                    first,
                ));
                continue;
            }
            seen.insert(id.to_string(), location);
            let idx = MechanismIdx::new(self.model.mechanisms.len());
            let mut members = Vec::new();
            for member in &mechanism.members {
                if let Some(institution) = self.institution(file, member)
                    && !members.contains(&institution)
                {
                    members.push(institution);
                    self.model.institutions[institution.index()]
                        .mechanisms
                        .push(idx);
                }
            }
            self.model.mechanisms.push(Mechanism {
                id: MechanismId::new(id),
                name: mechanism.name.value.trim().to_string(),
                level: mechanism.level.valid().map(|l| l.value),
                members,
                location,
            });
        }
    }

    // --- policies -----------------------------------------------------------------------

    fn add_policy(
        &mut self,
        file: FileId,
        doc: &PolicyDoc,
        pending: &mut Vec<PendingMeasureInteraction>,
    ) {
        let id = doc.policy.value.trim();
        let location = Location::new(file, doc.policy.span);
        if let Some(existing) = self.model.policy_by_id(id) {
            let first = self.model.policy(existing).location;
            self.report(DocumentProblem::duplicate_id("policy", id, location, first));
            // Its measures are still checked (and left out of the model), so that renaming
            // the policy reveals no error that was there all along.
            for measure in &doc.measures {
                if valid_local_id(measure.id.value.trim()) {
                    self.add_measure(file, existing, id, measure, pending, Keep::CheckOnly);
                }
            }
            return;
        }
        if !valid_local_id(id) {
            self.report(DocumentProblem::schema_value(
                location,
                format!("invalid policy id `{id}`"),
                Some("use letters, digits, `.`, `-` and `_`".into()),
            ));
            return;
        }
        let level = match &doc.level {
            Checked::Valid(level) => level.value,
            Checked::Invalid => Level::National,
            Checked::Missing => {
                self.report(DocumentProblem::schema_value(
                    location,
                    format!("policy `{id}` has no `level`"),
                    Some(
                        "add `level: global`, `regional`, `bilateral`, `national` or `subnational`"
                            .into(),
                    ),
                ));
                Level::National
            }
        };
        let perspective = match (&doc.perspective, self.options.default_perspective) {
            (Checked::Valid(p), _) => p.value,
            (Checked::Invalid, default) => default.unwrap_or(Perspective::Any),
            (Checked::Missing, Some(default)) => default,
            (Checked::Missing, None) => {
                self.report(DocumentProblem::schema_value(
                    location,
                    format!("policy `{id}` does not say which side of migration it is on"),
                    Some("add `perspective: origin`, `transit` or `destination`, or set a default `perspective:` in cohere.yaml".into()),
                ));
                Perspective::Any
            }
        };
        let owner = doc.owner.as_ref().and_then(|o| self.institution(file, o));
        let policy_idx = PolicyIdx::new(self.model.policies.len());
        self.model.policy_index.insert(id.to_string(), policy_idx);
        self.model.policies.push(Policy {
            id: PolicyId::new(id),
            title: doc.title.value.trim().to_string(),
            jurisdiction: text(&doc.jurisdiction),
            level,
            perspective,
            perspective_unread: matches!(doc.perspective, Checked::Invalid),
            status: doc.status.valid().map_or(Status::Draft, |s| s.value),
            owner,
            parties: texts(&doc.parties),
            description: text(&doc.description),
            measures: Vec::new(),
            file,
            location,
        });
        let mut local_ids: HashMap<String, Location> = HashMap::new();
        for measure in &doc.measures {
            let local = measure.id.value.trim();
            let location = Location::new(file, measure.id.span);
            if !valid_local_id(local) {
                self.report(DocumentProblem::schema_value(
                    location,
                    format!("invalid measure id `{local}`"),
                    Some("use letters, digits, `.`, `-` and `_`".into()),
                ));
                continue;
            }
            if let Some(first) = local_ids.get(local) {
                let first = *first;
                let qualified = MeasureId::qualified(id, local);
                self.report(DocumentProblem::duplicate_id(
                    "measure",
                    qualified.as_str(),
                    location,
                    first,
                ));
                // Its contents are still checked, so that renaming it reveals no error that
                // was there all along; it is left out of the model.
                self.add_measure(file, policy_idx, id, measure, pending, Keep::CheckOnly);
                continue;
            }
            local_ids.insert(local.to_string(), location);
            self.add_measure(file, policy_idx, id, measure, pending, Keep::Add);
        }
    }

    fn add_measure(
        &mut self,
        file: FileId,
        policy: PolicyIdx,
        policy_id: &str,
        doc: &Located<MeasureDoc>,
        pending: &mut Vec<PendingMeasureInteraction>,
        keep: Keep,
    ) {
        let idx = MeasureIdx::new(self.model.measures.len());
        let id = MeasureId::qualified(policy_id, doc.id.value.trim());
        let lead = doc.lead.valid().and_then(|l| self.institution(file, l));
        let lead_written = !matches!(doc.lead, Checked::Missing);
        let partners = doc
            .partners
            .iter()
            .filter_map(|p| self.institution(file, p))
            .collect();
        let groups = self
            .elements(file, &doc.groups, Expect::Group)
            .into_iter()
            .map(|g| g.value)
            .collect();
        let mut effects = Vec::new();
        for effect in &doc.effects {
            let target = self.element(file, &effect.target, Expect::Goal);
            let score = self.score(file, &effect.score);
            let groups = self
                .elements(file, &effect.groups, Expect::Group)
                .into_iter()
                .map(|g| g.value)
                .collect();
            let (Some(target), Some(score)) = (target, score) else {
                continue;
            };
            // A side named that is the policy's own is reported, and read as `here`.
            let mut where_ = effect.where_.valid().map_or(Where::Here, |w| w.value);
            if let Some(written) = effect.where_.valid() {
                let perspective = self.model.policy(policy).perspective;
                if written.value.side() == Some(perspective) {
                    where_ = Where::Here;
                    self.report(DocumentProblem::schema_value(
                        Location::new(file, written.span),
                        format!(
                            "`where: {}` names the policy's own side: its `perspective:` is `{perspective}`",
                            written.value
                        ),
                        Some(Help::words(format!(
                            "write `where: here` for an effect in the policy's own {perspective} country, or name the other side (`where: elsewhere` for all of them)"
                        ))),
                    ));
                }
            }
            effects.push(Effect {
                target,
                score,
                where_,
                when: effect.when.valid().map_or(When::Now, |w| w.value),
                rationale: text(&effect.rationale).filter(|r| !r.is_empty()),
                evidence: texts(&effect.evidence).into(),
                confidence: effect
                    .confidence
                    .valid()
                    .map_or(Confidence::Medium, |c| c.value),
                groups,
                location: Location::new(file, effect.target.span),
                score_location: Location::new(file, effect.score.span),
            });
        }
        let upholds = self.elements(file, &doc.upholds, Expect::Goal);
        let strains = self.elements(file, &doc.strains, Expect::Goal);
        let builds = self.elements(file, &doc.builds, Expect::Capacity);
        let mut indicators = Vec::new();
        for indicator in &doc.indicators {
            match &indicator.value {
                IndicatorDoc::Element(id) => {
                    let reference = Located::new(id.clone(), indicator.span);
                    if let Some(element) = self.element(file, &reference, Expect::Indicator) {
                        indicators.push(Indicator::Element(element));
                    }
                }
                IndicatorDoc::Own(own) => indicators.push(Indicator::Own {
                    name: own.name.clone(),
                }),
            }
        }
        let mut excludes = Vec::new();
        for exclusion in &doc.excludes {
            let group = self.element(file, &exclusion.group, Expect::Group);
            let from = self.elements(file, &exclusion.from, Expect::Goal);
            if let Some(group) = group {
                excludes.push(Exclusion {
                    group,
                    from,
                    rationale: text(&exclusion.rationale),
                    location: Location::new(file, exclusion.group.span),
                });
            }
        }
        for interaction in &doc.interactions {
            if let Some(score) = self.score(file, &interaction.score)
                && keep == Keep::Add
            {
                pending.push(PendingMeasureInteraction {
                    measure: idx,
                    with: interaction.with.clone(),
                    score,
                    rationale: text(&interaction.rationale),
                    evidence: texts(&interaction.evidence),
                });
            }
        }
        let sector = self.sector(file, &doc.sector);
        let mut reports_to: Vec<_> = doc.reports_to.iter().map(|r| r.value).collect();
        reports_to.dedup();
        if keep == Keep::CheckOnly {
            return;
        }
        self.model.measure_index.insert(id.to_string(), idx);
        self.model.measures.push(Measure {
            id,
            policy,
            title: doc.title.value.trim().to_string(),
            description: text(&doc.description),
            sector,
            instrument: doc.instrument.valid().map(|i| i.value),
            lead,
            lead_written,
            partners,
            groups,
            effects,
            upholds,
            strains,
            builds,
            indicators,
            reports_to,
            excludes,
            interactions: Vec::new(),
            file,
            location: Location::new(file, doc.id.span),
            span: doc.span,
        });
        self.model.policies[policy.index()].measures.push(idx);
    }

    fn resolve_measure_interactions(&mut self, pending: Vec<PendingMeasureInteraction>) {
        let mut seen = HashSet::new();
        for p in pending {
            let measure = self.model.measure(p.measure);
            let file = measure.file;
            let location = Location::new(file, p.with.span);
            let reference = p.with.value.trim();
            let qualified = if reference.contains('/') {
                reference.to_string()
            } else {
                let policy = &self.model.policy(measure.policy).id;
                format!("{policy}/{reference}")
            };
            let Some(with) = self.model.measure_by_id(&qualified) else {
                let help = did_you_mean(
                    &qualified,
                    self.model.measures.iter().map(|m| m.id.as_str()),
                )
                .map(|close| {
                    // Suggested as the author wrote it: unqualified within the same policy.
                    let policy = format!("{}/", self.model.policy(measure.policy).id);
                    let shown = match close.strip_prefix(&policy) {
                        Some(local) if !reference.contains('/') => local,
                        _ => close,
                    };
                    Help::did_you_mean(shown)
                })
                .unwrap_or_else(|| {
                    Help::words("measures of other policies are named `<policy>/<measure>`")
                });
                self.report(DocumentProblem::unknown_reference(
                    "measure",
                    &qualified,
                    location,
                    Some(help),
                ));
                continue;
            };
            if with == p.measure {
                self.report(DocumentProblem::self_interaction(&qualified, location));
                continue;
            }
            if !seen.insert((p.measure, with)) {
                let name = format!("{} -> {qualified}", self.model.measure(p.measure).id);
                let first = self
                    .model
                    .measure(p.measure)
                    .interactions
                    .iter()
                    .find(|i| i.with == with)
                    .map_or(location, |i| i.location);
                self.report(DocumentProblem::duplicate_id(
                    "interaction",
                    &name,
                    location,
                    first,
                ));
                continue;
            }
            self.model.measures[p.measure.index()]
                .interactions
                .push(MeasureInteraction {
                    with,
                    score: p.score,
                    rationale: p.rationale,
                    evidence: p.evidence.into(),
                    location,
                });
        }
    }
}
