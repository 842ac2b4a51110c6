//! `cohere diff`: what a change does to a policy repository's coherence.
//!
//! Both sides are analysed and linted as `cohere lint` would in their directory (each with its
//! own `cohere.yaml`). Then:
//!
//! - findings are matched by identity ([`crate::baseline::identity`]: rule, path, ids — not
//!   lines), so a finding that only moved is neither added nor resolved; one whose severity or
//!   message changed is listed as changed (an error downgraded to a warning must show), and so
//!   is a finding without ids whose message changed at the same place;
//! - the coherence index ([`crate::analysis::coherence_index`]) and the share of required
//!   targets that measures reach directly ([`crate::analysis::coverage`]) are compared;
//! - the influence of the targets in play ([`crate::analysis::influence`]) is ranked on both
//!   sides, and the targets whose rank changed, that came into play or that left it are listed.
//!
//! The cross-impact matrix of each side is built as `cohere rank` builds it: from the
//! interactions recorded for `any` and for the side's default perspective (`perspective:` in its
//! cohere.yaml); with no default perspective, from those recorded for `any` only.

mod render;
pub mod source;

use crate::analysis::Analysis;
use crate::analysis::coverage::Share;
use crate::analysis::influence::{CrossImpact, influence, targets_in_play};
use crate::baseline;
use crate::finding::{Finding, Severity};
use crate::lint::{Counts, LintOutcome};
use crate::model::vocabulary::Perspective;
use crate::project::Workspace;
use serde::Serialize;
use std::collections::BTreeMap;

pub use render::{json, markdown, text};
pub use source::{Side, SideKind, SourceError};

/// The version of the JSON shape of a diff.
pub const VERSION: u32 = 1;

/// One side, analysed.
pub struct Analysed<'a> {
    /// The side.
    pub side: &'a Side,
    /// Its workspace.
    pub workspace: &'a Workspace,
    /// Its analysis.
    pub analysis: &'a Analysis,
    /// Its lint outcome.
    pub outcome: &'a LintOutcome,
}

/// A finding of one side, with the workspace it belongs to.
#[derive(Clone, Copy)]
pub struct SideFinding<'a> {
    /// The finding.
    pub finding: &'a Finding,
    /// Its workspace (for paths and lines).
    pub workspace: &'a Workspace,
}

/// A number on both sides.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Change<T> {
    /// Before.
    pub base: T,
    /// After.
    pub head: T,
}

/// The share of required targets reached directly, on both sides.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoverageChange {
    /// All required targets.
    pub targets: Change<Share>,
    /// Per framework prefix (required targets and principles).
    pub by_framework: BTreeMap<String, Change<Option<Share>>>,
}

/// A target whose influence rank changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RankChange {
    /// The target's id.
    pub target: String,
    /// Its short title.
    pub title: String,
    /// Its rank before (1 = most influential), or `None` if it was not in play.
    pub base: Option<usize>,
    /// Its rank after, or `None` if it left play.
    pub head: Option<usize>,
    /// Its total influence before.
    pub base_total: Option<f64>,
    /// Its total influence after.
    pub head_total: Option<f64>,
}

/// What changed between two sides.
pub struct Diff<'a> {
    /// Before.
    pub base: &'a Analysed<'a>,
    /// After.
    pub head: &'a Analysed<'a>,
    /// Findings of the head side that the base side does not have, sorted.
    pub added: Vec<SideFinding<'a>>,
    /// Findings of the base side that the head side no longer has, sorted.
    pub resolved: Vec<SideFinding<'a>>,
    /// The same finding on both sides, with another severity or message: (base, head).
    pub changed: Vec<(SideFinding<'a>, SideFinding<'a>)>,
    /// The coherence index (None where no two effects meet).
    pub coherence_index: Change<Option<f64>>,
    /// Coverage.
    pub coverage: CoverageChange,
    /// Targets whose influence rank changed, entered or left play: by head rank, then id.
    pub influence: Vec<RankChange>,
}

impl Diff<'_> {
    /// Counts of the added findings by severity.
    pub fn added_counts(&self) -> Counts {
        Counts::of(self.added.iter().map(|f| f.finding))
    }

    /// Counts of the resolved findings by severity.
    pub fn resolved_counts(&self) -> Counts {
        Counts::of(self.resolved.iter().map(|f| f.finding))
    }

    /// Whether the change adds findings at or above `severity`, or raises one to it.
    pub fn adds_at_least(&self, severity: Severity) -> bool {
        self.added_counts().at_least(severity) > 0
            || self.changed.iter().any(|(base, head)| {
                head.finding.severity >= severity && base.finding.severity < severity
            })
    }
}

/// Compares two analysed sides.
pub fn diff<'a>(base: &'a Analysed<'a>, head: &'a Analysed<'a>) -> Diff<'a> {
    let (added, resolved, changed) = match_findings(base, head);
    Diff {
        base,
        head,
        added,
        resolved,
        changed,
        coherence_index: Change {
            base: index(base.workspace, base.analysis),
            head: index(head.workspace, head.analysis),
        },
        coverage: coverage(base, head),
        influence: ranks(base.workspace, head.workspace),
    }
}

fn index(workspace: &Workspace, analysis: &Analysis) -> Option<f64> {
    analysis.coherence(&workspace.model).overall.index()
}

/// Findings on one side and not the other, as multisets of identities, and those on both
/// sides whose severity or message changed.
#[allow(clippy::type_complexity)]
fn match_findings<'a>(
    base: &'a Analysed<'a>,
    head: &'a Analysed<'a>,
) -> (
    Vec<SideFinding<'a>>,
    Vec<SideFinding<'a>>,
    Vec<(SideFinding<'a>, SideFinding<'a>)>,
) {
    type Identity = (String, String, Vec<String>);
    let side_finding = |side: &'a Analysed<'a>, finding: &'a Finding| SideFinding {
        finding,
        workspace: side.workspace,
    };
    let mut waiting: BTreeMap<Identity, std::collections::VecDeque<&'a Finding>> = BTreeMap::new();
    for finding in &base.outcome.findings {
        waiting
            .entry(baseline::identity(base.workspace, finding))
            .or_default()
            .push_back(finding);
    }
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for finding in &head.outcome.findings {
        let identity = baseline::identity(head.workspace, finding);
        match waiting
            .get_mut(&identity)
            .and_then(|queue| queue.pop_front())
        {
            Some(before) => {
                if before.severity != finding.severity || before.message != finding.message {
                    changed.push((side_finding(base, before), side_finding(head, finding)));
                }
            }
            None => added.push(side_finding(head, finding)),
        }
    }
    let mut resolved: Vec<SideFinding<'a>> = base
        .outcome
        .findings
        .iter()
        .filter(|finding| {
            waiting
                .get(&baseline::identity(base.workspace, finding))
                .is_some_and(|queue| queue.iter().any(|f| std::ptr::eq(*f, *finding)))
        })
        .map(|finding| side_finding(base, finding))
        .collect();
    // A finding identified by its message (it has no ids) whose message changed: the same
    // rule, file and source text on both sides is the same finding.
    let place = |f: &SideFinding<'_>| {
        let location = f.finding.primary.location;
        let text = f
            .workspace
            .sources
            .get(location.file)
            .text
            .get(location.span.range());
        (
            f.finding.rule.id,
            baseline::path(f.workspace, location.file),
            text.map(str::to_string),
        )
    };
    let mut i = 0;
    while i < added.len() {
        let key = place(&added[i]);
        let keyless = added[i].finding.key.is_empty();
        let pair = resolved.iter().position(|r| {
            keyless && r.finding.key.is_empty() && key.2.is_some() && place(r) == key
        });
        match pair {
            Some(j) => {
                let before = resolved.remove(j);
                let after = added.remove(i);
                changed.push((before, after));
            }
            None => i += 1,
        }
    }
    (added, resolved, changed)
}

fn coverage(base: &Analysed<'_>, head: &Analysed<'_>) -> CoverageChange {
    let targets = |side: &Analysed<'_>| {
        let coverage = &side.analysis.coverage;
        let mut share = Share::default();
        for requirement in &coverage.targets {
            share.required += 1;
            match coverage.reached(requirement.element) {
                crate::analysis::coverage::Reached::Directly => {
                    share.direct += 1;
                    share.direct_or_indirect += 1;
                }
                crate::analysis::coverage::Reached::Indirectly => share.direct_or_indirect += 1,
                crate::analysis::coverage::Reached::Not => {}
            }
        }
        share
    };
    let mut by_framework: BTreeMap<String, Change<Option<Share>>> = BTreeMap::new();
    for (prefix, share) in base.analysis.coverage.by_framework(&base.workspace.model) {
        by_framework
            .entry(prefix)
            .or_insert(Change {
                base: None,
                head: None,
            })
            .base = Some(share);
    }
    for (prefix, share) in head.analysis.coverage.by_framework(&head.workspace.model) {
        by_framework
            .entry(prefix)
            .or_insert(Change {
                base: None,
                head: None,
            })
            .head = Some(share);
    }
    CoverageChange {
        targets: Change {
            base: targets(base),
            head: targets(head),
        },
        by_framework,
    }
}

/// Influence of the targets in play on one side: id → (rank, total, title).
fn influence_by_id(workspace: &Workspace) -> BTreeMap<String, (usize, f64, String)> {
    let model = &workspace.model;
    let elements = targets_in_play(model);
    let perspective = workspace.settings.default_perspective;
    let admits =
        |recorded: Perspective| recorded == Perspective::Any || Some(recorded) == perspective;
    let matrix = CrossImpact::from_model(model, &elements, admits);
    influence(&matrix)
        .into_iter()
        .zip(&elements)
        .map(|(figures, &element)| {
            let title = model.element(element).title.clone();
            (figures.id, (figures.rank, figures.total, title))
        })
        .collect()
}

fn ranks(base: &Workspace, head: &Workspace) -> Vec<RankChange> {
    let before = influence_by_id(base);
    let after = influence_by_id(head);
    let mut ids: Vec<&String> = before.keys().chain(after.keys()).collect();
    ids.sort();
    ids.dedup();
    let mut changes: Vec<RankChange> = ids
        .into_iter()
        .filter_map(|id| {
            let (b, a) = (before.get(id), after.get(id));
            if b.map(|x| x.0) == a.map(|x| x.0) {
                return None;
            }
            Some(RankChange {
                target: id.clone(),
                title: a.or(b).map(|x| x.2.clone()).unwrap_or_default(),
                base: b.map(|x| x.0),
                head: a.map(|x| x.0),
                base_total: b.map(|x| x.1),
                head_total: a.map(|x| x.1),
            })
        })
        .collect();
    // Targets in play after come first, by rank; those that left, last.
    changes.sort_by(|x, y| {
        (x.head.is_none(), x.head, x.base, &x.target).cmp(&(
            y.head.is_none(),
            y.head,
            y.base,
            &y.target,
        ))
    });
    changes
}
