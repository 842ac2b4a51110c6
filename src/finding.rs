//! Findings: what the rules report, where, how sure, and why.
//!
//! A finding has one primary location in a YAML file, related locations with labels, a help
//! line, a severity and (separately) a confidence, and structured evidence: the path through the
//! interaction graph that caused it, with each edge's score and sources.

use crate::model::Score;
use crate::model::vocabulary::Confidence;
use crate::rules::{Category, RuleMeta};
use crate::source::{Location, SourceMap};
use serde::Serialize;
use std::cmp::Ordering;
use std::fmt;

/// How much a finding matters. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Should be looked at.
    Warning,
    /// Must be resolved (or accepted with a recorded reason).
    Error,
}

impl Severity {
    /// The word used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A location with a short label saying what is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub location: Location,
    /// What is there ("this measure pushes `sdg:3.8` down").
    pub text: String,
}

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

/// One thing a rule found.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
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

impl Finding {
    /// A finding of `rule` at `location`, with the rule's default severity and high confidence.
    pub fn new(rule: &'static RuleMeta, location: Location, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.default_severity,
            confidence: Confidence::High,
            message: message.into(),
            primary: Label {
                location,
                text: String::new(),
            },
            related: Vec::new(),
            help: None,
            notes: Vec::new(),
            evidence: Vec::new(),
            key: Vec::new(),
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
        self.primary.text = text.into();
        self
    }

    /// Adds a related location.
    pub fn related(mut self, location: Location, text: impl Into<String>) -> Self {
        self.related.push(Label {
            location,
            text: text.into(),
        });
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the help line if there is one.
    pub fn maybe_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Adds a note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds an evidence path.
    pub fn evidence(mut self, path: EvidencePath) -> Self {
        self.evidence.push(path);
        self
    }

    /// Sets the identity by meaning.
    pub fn key<I, S>(mut self, parts: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.key = parts.into_iter().map(Into::into).collect();
        self
    }

    /// The rule's category.
    pub fn category(&self) -> Category {
        self.rule.category
    }

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
pub fn sort_findings(findings: &mut [Finding], sources: &SourceMap) {
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
}

fn compare(a: &Finding, b: &Finding, rank: &[usize]) -> Ordering {
    let path = |f: &Finding| rank.get(f.primary.location.file.0 as usize).copied();
    path(a)
        .cmp(&path(b))
        .then(a.primary.location.span.cmp(&b.primary.location.span))
        .then(a.rule.id.cmp(b.rule.id))
        .then(a.message.cmp(&b.message))
        .then(a.key.cmp(&b.key))
}
