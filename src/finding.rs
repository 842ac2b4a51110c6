//! Findings: what the rules report, where, how sure, and why — as facts.
//!
//! A [`Finding`] holds the rule, the severity, the confidence, the primary location and the
//! rule's typed facts (a [`Violation`]: indices into the model and the propagation). Its words
//! are written beside the rule, in the violation's methods, and made only when an output asks:
//! [`Finding::render`] gives a [`Rendered`] finding — message, labels, help, notes, evidence
//! paths, key — through a [`Names`] interface that says how things are named to the audience
//! (`` `ids` `` in backticks for lint outputs, titles for the report).

use crate::analysis::Analysis;
pub use crate::analysis::evidence::{EvidencePath, Step, StepKind};
pub use crate::diagnostic::Severity;
use crate::diagnostic::{Category, Help, RuleMeta};
use crate::model::{
    ElementIdx, FrameworkIdx, InstitutionIdx, MeasureIdx, MechanismIdx, Model, PolicyIdx,
};
use crate::source::{Location, SourceMap};
use crate::vocabulary::Confidence;
use std::cmp::Ordering;
use std::fmt;

/// A location with a short label saying what is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub location: Location,
    /// What is there ("this measure pushes `sdg:3.8` down").
    pub text: String,
}

/// How things are named to an audience: the one interface through which findings are worded.
pub trait Names {
    /// A measure.
    fn measure(&self, measure: MeasureIdx) -> String;
    /// An element (target, principle, group, …).
    fn element(&self, element: ElementIdx) -> String;
    /// An element with its title beside it.
    fn element_with_title(&self, element: ElementIdx) -> String;
    /// A policy.
    fn policy(&self, policy: PolicyIdx) -> String;
    /// An institution.
    fn institution(&self, institution: InstitutionIdx) -> String;
    /// A coordination mechanism.
    fn mechanism(&self, mechanism: MechanismIdx) -> String;
    /// A framework (SDGs, GCM, …).
    fn framework(&self, framework: FrameworkIdx) -> String;
    /// Something the reader types: a key, a comment (`` `# cohere: allow(…)` ``).
    fn code(&self, text: &str) -> String;
    /// An id as written in a document, which may name nothing.
    fn written(&self, id: &str) -> String;
    /// Whether the readers write the YAML (and so want advice in its terms: fields, cohere.yaml,
    /// commands), rather than read a report on it.
    fn for_authors(&self) -> bool {
        true
    }
}

/// Names as lint outputs give them: every id in backticks (`` `nl-health/recruit-nurses` ``).
pub struct Ids<'a>(pub &'a Model);

impl Names for Ids<'_> {
    fn measure(&self, measure: MeasureIdx) -> String {
        format!("`{}`", self.0.measure(measure).id)
    }
    fn element(&self, element: ElementIdx) -> String {
        format!("`{}`", self.0.element(element).id)
    }
    fn element_with_title(&self, element: ElementIdx) -> String {
        let e = self.0.element(element);
        format!("`{}` ({})", e.id, e.title)
    }
    fn policy(&self, policy: PolicyIdx) -> String {
        format!("`{}`", self.0.policy(policy).id)
    }
    fn institution(&self, institution: InstitutionIdx) -> String {
        format!("`{}`", self.0.institution(institution).id)
    }
    fn mechanism(&self, mechanism: MechanismIdx) -> String {
        format!("`{}`", self.0.mechanism(mechanism).id)
    }
    fn framework(&self, framework: FrameworkIdx) -> String {
        format!("`{}`", self.0.framework(framework).id)
    }
    fn code(&self, text: &str) -> String {
        format!("`{text}`")
    }
    fn written(&self, id: &str) -> String {
        format!("`{id}`")
    }
}

/// What a violation's words may read: the model and the analysis of the run.
#[derive(Clone, Copy)]
pub struct Cx<'a> {
    /// The validated model.
    pub model: &'a Model,
    /// The analysis.
    pub analysis: &'a Analysis,
}

/// A rule's typed facts about one finding, and the words for them. Written in the rule's file;
/// every method but `message` has a default for rules that say nothing more.
pub trait Violation: fmt::Debug + Send + Sync {
    /// One lower-case sentence: what is wrong.
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String;
    /// What is at the primary location.
    fn label(&self, _cx: Cx<'_>, _names: &dyn Names) -> String {
        String::new()
    }
    /// Other places involved.
    fn related(&self, _cx: Cx<'_>, _names: &dyn Names) -> Vec<Label> {
        Vec::new()
    }
    /// How to fix it.
    fn help(&self, _cx: Cx<'_>, _names: &dyn Names) -> Option<String> {
        None
    }
    /// Further facts.
    fn notes(&self, _cx: Cx<'_>, _names: &dyn Names) -> Vec<String> {
        Vec::new()
    }
    /// What to write at the primary location instead, when the help names it (a
    /// did-you-mean): the language server offers it as a quick fix.
    fn replacement(&self, _cx: Cx<'_>) -> Option<String> {
        None
    }
    /// The paths through the graph behind it, expanded from the propagation.
    fn evidence(&self, _cx: Cx<'_>) -> Vec<EvidencePath> {
        Vec::new()
    }
    /// Its identity by meaning (ids, not line numbers): fingerprints, baselines, diffs. Empty
    /// for findings identified by their message.
    fn key(&self, _cx: Cx<'_>) -> Vec<String> {
        Vec::new()
    }
}

/// A finding worded when it is found, for rules whose facts are their words (the YAML
/// parser's and the schema's messages, an invalid score): the same words for every audience.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Worded {
    message: String,
    label: String,
    related: Vec<Label>,
    help: Option<String>,
    replacement: Option<String>,
    notes: Vec<String>,
    evidence: Vec<EvidencePath>,
    key: Vec<String>,
}

impl Violation for Worded {
    fn message(&self, _: Cx<'_>, _: &dyn Names) -> String {
        self.message.clone()
    }
    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        self.label.clone()
    }
    fn related(&self, _: Cx<'_>, _: &dyn Names) -> Vec<Label> {
        self.related.clone()
    }
    fn help(&self, _: Cx<'_>, _: &dyn Names) -> Option<String> {
        self.help.clone()
    }
    fn replacement(&self, _: Cx<'_>) -> Option<String> {
        self.replacement.clone()
    }
    fn notes(&self, _: Cx<'_>, _: &dyn Names) -> Vec<String> {
        self.notes.clone()
    }
    fn evidence(&self, _: Cx<'_>) -> Vec<EvidencePath> {
        self.evidence.clone()
    }
    fn key(&self, _: Cx<'_>) -> Vec<String> {
        self.key.clone()
    }
}

/// What a finding holds besides its rule, severity, confidence and location.
#[derive(Debug)]
pub enum Facts {
    /// Worded when found.
    Worded(Box<Worded>),
    /// Typed facts, worded when rendered.
    Typed(Box<dyn Violation>),
}

/// One thing a rule found.
#[derive(Debug)]
pub struct Finding {
    /// The rule that found it.
    pub rule: &'static RuleMeta,
    /// How much it matters.
    pub severity: Severity,
    /// How sure the rule is.
    pub confidence: Confidence,
    /// The place the finding is about.
    pub location: Location,
    /// The rule's facts.
    pub facts: Facts,
}

impl Finding {
    /// A finding of `rule` at `location` with typed facts, the rule's default severity and
    /// high confidence.
    pub fn of(
        rule: &'static RuleMeta,
        location: Location,
        facts: impl Violation + 'static,
    ) -> Self {
        Finding {
            rule,
            severity: rule.default_severity,
            confidence: Confidence::High,
            location,
            facts: Facts::Typed(Box::new(facts)),
        }
    }

    /// A finding of `rule` at `location` worded now, with the rule's default severity and high
    /// confidence; the builder methods below add to its words.
    pub fn new(rule: &'static RuleMeta, location: Location, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.default_severity,
            confidence: Confidence::High,
            location,
            facts: Facts::Worded(Box::new(Worded {
                message: message.into(),
                ..Worded::default()
            })),
        }
    }

    fn worded(&mut self) -> &mut Worded {
        match &mut self.facts {
            Facts::Worded(worded) => worded,
            Facts::Typed(_) => unreachable!("the builder methods are for worded findings"),
        }
    }

    /// Sets the severity.
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Sets the confidence.
    pub fn confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = confidence;
        self
    }

    /// Labels the primary location.
    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.worded().label = text.into();
        self
    }

    /// Adds a related location.
    pub fn related(mut self, location: Location, text: impl Into<String>) -> Self {
        self.worded().related.push(Label {
            location,
            text: text.into(),
        });
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.worded().help = Some(help.into());
        self
    }

    /// Sets the help line if there is one.
    pub fn maybe_help(mut self, help: Option<String>) -> Self {
        self.worded().help = help;
        self
    }

    /// Sets the help line and the replacement it proposes, if there is help.
    pub fn maybe_advice(mut self, help: Option<Help>) -> Self {
        let worded = self.worded();
        worded.help = help.as_ref().map(|h| h.text.clone());
        worded.replacement = help.and_then(|h| h.replacement);
        self
    }

    /// Adds a note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.worded().notes.push(note.into());
        self
    }

    /// Adds an evidence path.
    pub fn evidence(mut self, path: EvidencePath) -> Self {
        self.worded().evidence.push(path);
        self
    }

    /// Sets the identity by meaning.
    pub fn key<I, S>(mut self, parts: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.worded().key = parts.into_iter().map(Into::into).collect();
        self
    }

    /// The rule's category.
    pub fn category(&self) -> Category {
        self.rule.category
    }

    fn violation(&self) -> &dyn Violation {
        match &self.facts {
            Facts::Worded(worded) => worded.as_ref(),
            Facts::Typed(typed) => typed.as_ref(),
        }
    }

    /// The message, for `names`.
    pub fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        self.violation().message(cx, names)
    }

    /// The help line, for `names`.
    pub fn help_line(&self, cx: Cx<'_>, names: &dyn Names) -> Option<String> {
        self.violation().help(cx, names)
    }

    /// What to write at the finding's place instead, if its help names it.
    pub fn replacement(&self, cx: Cx<'_>) -> Option<String> {
        self.violation().replacement(cx)
    }

    /// The related locations, for `names`.
    pub fn related_labels(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<Label> {
        self.violation().related(cx, names)
    }

    /// The identity by meaning.
    pub fn key_parts(&self, cx: Cx<'_>) -> Vec<String> {
        self.violation().key(cx)
    }

    /// The evidence paths, expanded.
    pub fn evidence_paths(&self, cx: Cx<'_>) -> Vec<EvidencePath> {
        self.violation().evidence(cx)
    }

    /// The finding in words, for `names`.
    pub fn render(&self, cx: Cx<'_>, names: &dyn Names) -> Rendered {
        let facts = self.violation();
        Rendered {
            rule: self.rule,
            severity: self.severity,
            confidence: self.confidence,
            message: facts.message(cx, names),
            primary: Label {
                location: self.location,
                text: facts.label(cx, names),
            },
            related: facts.related(cx, names),
            help: facts.help(cx, names),
            notes: facts.notes(cx, names),
            evidence: facts.evidence(cx),
            key: facts.key(cx),
        }
    }

    /// The finding as lint outputs word it (ids in backticks).
    pub fn render_ids(&self, cx: Cx<'_>) -> Rendered {
        self.render(cx, &Ids(cx.model))
    }

    /// A stable text identity: rule, path of the primary file, and key (or, for a finding
    /// without a key, its message).
    pub fn identity(&self, cx: Cx<'_>, sources: &SourceMap) -> String {
        let path = &sources.get(self.location.file).display_path;
        let mut identity = format!("{}|{}", self.rule.id, path);
        let key = self.key_parts(cx);
        for part in &key {
            identity.push('|');
            identity.push_str(part);
        }
        if key.is_empty() {
            identity.push('|');
            identity.push_str(&self.message(cx, &Ids(cx.model)));
        }
        identity
    }
}

/// A finding in words, for one audience: what an output writes.
#[derive(Clone, Debug, PartialEq)]
pub struct Rendered {
    /// The rule that found it.
    pub rule: &'static RuleMeta,
    /// How much it matters.
    pub severity: Severity,
    /// How sure the rule is.
    pub confidence: Confidence,
    /// One lower-case sentence: what is wrong.
    pub message: String,
    /// The place the finding is about.
    pub primary: Label,
    /// Other places involved.
    pub related: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// Further facts (lists of measures, formulas).
    pub notes: Vec<String>,
    /// Paths through the graph behind the finding.
    pub evidence: Vec<EvidencePath>,
    /// The finding's identity by meaning (ids, not line numbers): used for fingerprints,
    /// baselines, suppressions and diffs.
    pub key: Vec<String>,
}

impl Rendered {
    /// A stable text identity: rule, path of the primary file, and key.
    pub fn identity(&self, sources: &SourceMap) -> String {
        let path = &sources.get(self.primary.location.file).display_path;
        let mut identity = format!("{}|{}", self.rule.id, path);
        for part in &self.key {
            identity.push('|');
            identity.push_str(part);
        }
        if self.key.is_empty() {
            identity.push('|');
            identity.push_str(&self.message);
        }
        identity
    }
}

/// Sorts findings deterministically: by file path, position, rule, then message.
pub fn sort_findings(findings: &mut [Finding], sources: &SourceMap, cx: Cx<'_>) {
    // Files ranked by path once (equal paths, equal ranks), so that the sort compares numbers,
    // not paths: with 100,000 findings, comparing paths was most of the sort.
    let mut paths: Vec<&str> = sources
        .iter()
        .map(|(_, f)| f.display_path.as_str())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    let rank: Vec<usize> = sources
        .iter()
        .map(|(_, f)| paths.binary_search(&f.display_path.as_str()).unwrap_or(0))
        .collect();
    findings.sort_by(|a, b| compare(a, b, &rank));
    // Findings of one rule at one place are told apart by their words: rendered only for
    // those runs, which are short and rare.
    let mut start = 0;
    while start < findings.len() {
        let mut end = start + 1;
        while end < findings.len() && compare(&findings[start], &findings[end], &rank).is_eq() {
            end += 1;
        }
        if end - start > 1 {
            let names = Ids(cx.model);
            let mut run: Vec<(String, Vec<String>, usize)> = (start..end)
                .map(|i| {
                    (
                        findings[i].message(cx, &names),
                        findings[i].key_parts(cx),
                        i,
                    )
                })
                .collect();
            run.sort();
            let order: Vec<usize> = run.into_iter().map(|(_, _, i)| i).collect();
            apply_order(&mut findings[start..end], &order, start);
        }
        start = end;
    }
}

/// Reorders `slice` (which starts at `offset` in its vector) so that its `i`-th element is the
/// one that was at `order[i]`.
fn apply_order(slice: &mut [Finding], order: &[usize], offset: usize) {
    let mut taken: Vec<Option<Finding>> = Vec::with_capacity(slice.len());
    for finding in slice.iter_mut() {
        let placeholder = Finding {
            rule: finding.rule,
            severity: finding.severity,
            confidence: finding.confidence,
            location: finding.location,
            facts: Facts::Worded(Box::default()),
        };
        taken.push(Some(std::mem::replace(finding, placeholder)));
    }
    for (place, &from) in slice.iter_mut().zip(order) {
        if let Some(finding) = taken[from - offset].take() {
            *place = finding;
        }
    }
}

fn compare(a: &Finding, b: &Finding, rank: &[usize]) -> Ordering {
    let path = |f: &Finding| rank.get(f.location.file.0 as usize).copied();
    path(a)
        .cmp(&path(b))
        .then(a.location.span.cmp(&b.location.span))
        .then(a.rule.id.cmp(b.rule.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A finding is its facts: the rule, severity, confidence, location and a pointer to the
    /// rule's indices. A run of a million findings holds tens of megabytes of them, not the
    /// gigabytes their words and evidence take once rendered.
    #[test]
    fn a_finding_is_small() {
        assert!(size_of::<Finding>() <= 48, "{} bytes", size_of::<Finding>());
    }
}
