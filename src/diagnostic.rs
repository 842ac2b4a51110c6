//! The diagnostic vocabulary: severities, rule categories and rule metadata.
//!
//! The bottom layer: it imports nothing of cohere, so every layer above (settings, loading,
//! analysis, rules, outputs) can name a rule or a severity without depending on the rules
//! themselves. Each rule declares its [`RuleMeta`] in its own file under `src/rules/`; the rules
//! layer hands the list down as a [`Catalog`] to the layers that only need to know which rules
//! exist (the settings, to check `rules:` in cohere.yaml).

use serde::Serialize;
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

/// The families of rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// The documents themselves: syntax, shape, references.
    Document,
    /// Conflicts, trade-offs and synergies between measures and goals.
    Coherence,
    /// What the portfolio leaves out.
    Coverage,
    /// The four capacities: statistical, analytical, institutional, political.
    Capacity,
    /// Who is left behind, and who bears costs without a voice.
    Equity,
    /// Coordination, partnership and the floor of minimum standards.
    Governance,
    /// The knowledge base's sources and agreement.
    Evidence,
    /// Links the measures could make.
    Suggestion,
}

impl Category {
    /// Every category, in order.
    pub const ALL: [Category; 8] = [
        Category::Document,
        Category::Coherence,
        Category::Coverage,
        Category::Capacity,
        Category::Equity,
        Category::Governance,
        Category::Evidence,
        Category::Suggestion,
    ];

    /// The category's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Document => "document",
            Category::Coherence => "coherence",
            Category::Coverage => "coverage",
            Category::Capacity => "capacity",
            Category::Equity => "equity",
            Category::Governance => "governance",
            Category::Evidence => "evidence",
            Category::Suggestion => "suggestion",
        }
    }

    /// The category with this name.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// How much the category matters to a reader of the report's summary: coherence,
    /// governance and equity first.
    pub fn summary_rank(self) -> u8 {
        match self {
            Category::Coherence => 0,
            Category::Governance => 1,
            Category::Equity => 2,
            Category::Coverage => 3,
            Category::Capacity => 4,
            Category::Evidence => 5,
            Category::Document => 6,
            Category::Suggestion => 7,
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The section of the report that details a rule's findings (every finding is also listed
/// under "All findings").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Conflicts and trade-offs.
    Conflicts,
    /// Who bears the costs.
    Costs,
    /// Synergies and who should coordinate.
    Synergies,
    /// The coverage gaps, beside the coverage grid.
    Gaps,
    /// The capacity findings, beside the capacities.
    Capacity,
    /// No section of its own: only the list of all findings.
    AllFindings,
}

/// The headline count of the report's summary that a rule's findings add to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Headline {
    /// Direct conflicts.
    DirectConflicts,
    /// Indirect conflicts.
    IndirectConflicts,
    /// Trade-offs within one measure.
    TradeOffs,
    /// Costs felt in other countries.
    Spillovers,
    /// Costs felt later.
    DeferredCosts,
    /// Synergies.
    Synergies,
    /// Coverage gaps.
    Gaps,
}

/// What a rule is, declared once in the rule's file.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleMeta {
    /// Stable kebab-case id naming the problem.
    pub id: &'static str,
    /// Its family.
    pub category: Category,
    /// The severity of its findings unless configured otherwise (some rules raise it with the
    /// magnitude of what they find).
    pub default_severity: Severity,
    /// The report section that details its findings.
    pub section: Section,
    /// The summary's headline count its findings add to, if any.
    pub headline: Option<Headline>,
    /// One line: what it finds.
    pub summary: &'static str,
    /// What it finds, in detail.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// How to fix what it finds.
    pub fix: &'static str,
}

/// The rules a run knows, as metadata in documentation order: made by the rules layer
/// (`cohere::rules::CATALOG`) and handed down to the layers below it.
#[derive(Clone, Copy, Debug)]
pub struct Catalog(pub &'static [&'static RuleMeta]);

impl Catalog {
    /// The rule with this id.
    pub fn rule(self, id: &str) -> Option<&'static RuleMeta> {
        self.0.iter().copied().find(|meta| meta.id == id)
    }

    /// Every rule, in documentation order.
    pub fn iter(self) -> impl Iterator<Item = &'static RuleMeta> {
        self.0.iter().copied()
    }

    /// A rule's place in the documentation order (`usize::MAX` for a rule not listed).
    pub fn position(self, id: &str) -> usize {
        self.0
            .iter()
            .position(|meta| meta.id == id)
            .unwrap_or(usize::MAX)
    }
}

/// How to fix a problem: the words shown under `help:`, and, when cohere can tell, the text
/// that should stand at the finding's place instead (a did-you-mean), which an editor offers
/// as a quick fix. Made in one place, so the words and the replacement cannot disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Help {
    /// The advice, in lower case.
    pub text: String,
    /// What to write at the finding's place instead, if cohere knows.
    pub replacement: Option<String>,
}

impl Help {
    /// Advice without a replacement.
    pub fn words(text: impl Into<String>) -> Self {
        Help {
            text: text.into(),
            replacement: None,
        }
    }

    /// "did you mean `meant`?", replacing what was written with `meant`.
    pub fn did_you_mean(meant: &str) -> Self {
        Help {
            text: format!("did you mean `{meant}`?"),
            replacement: Some(meant.to_string()),
        }
    }

    /// A did-you-mean whose words say more than the id suggested.
    pub fn meant(meant: &str, text: String) -> Self {
        Help {
            text,
            replacement: Some(meant.to_string()),
        }
    }
}

/// Words alone: a did-you-mean is made with [`Help::did_you_mean`], so that it carries its
/// replacement.
impl From<String> for Help {
    fn from(text: String) -> Self {
        Help::words(text)
    }
}

impl From<&str> for Help {
    fn from(text: &str) -> Self {
        Help::words(text)
    }
}
