//! A diff as text, JSON (version 1) and Markdown.

use super::{Analysed, Change, Diff, RankChange, SideFinding, SideKind, VERSION};
use crate::analysis::coverage::Share;
use crate::lint::Counts;
use crate::output::json::{JsonFinding, finding as json_finding};
use crate::output::markdown::{cell, code, prose};
use serde::Serialize;
use std::fmt::Write as _;

/// The most findings listed in text and Markdown (all are in JSON).
const MAX_LISTED: usize = 100;

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn counts(counts: Counts) -> String {
    format!(
        "{}, {}, {} info",
        plural(counts.error, "error"),
        plural(counts.warning, "warning"),
        counts.info
    )
}

fn side_name(side: &Analysed<'_>) -> String {
    match &side.side.kind {
        SideKind::Directory => format!("{} (directory)", side.side.spec),
        SideKind::Revision { commit } => format!("{} (revision {commit})", side.side.spec),
    }
}

fn located(finding: &SideFinding<'_>) -> String {
    finding
        .workspace
        .sources
        .resolve(finding.finding.primary.location)
        .to_string()
}

fn index(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_string(), |v| format!("{v:.1}"))
}

fn index_change(change: &Change<Option<f64>>) -> String {
    match (change.base, change.head) {
        (Some(base), Some(head)) => {
            let delta = round(head - base, 1);
            if delta == 0.0 {
                "unchanged".to_string()
            } else {
                format!("{delta:+.1}")
            }
        }
        _ => "n/a".to_string(),
    }
}

fn share(share: &Share) -> String {
    if share.required == 0 {
        "nothing required".to_string()
    } else {
        format!(
            "{} of {} ({:.0}%)",
            share.direct,
            share.required,
            100.0 * share.direct_share()
        )
    }
}

fn share_change(change: &Change<Share>) -> String {
    let delta = 100.0 * (change.head.direct_share() - change.base.direct_share());
    let delta = round(delta, 1);
    if delta == 0.0 {
        "unchanged".to_string()
    } else {
        format!("{delta:+.1} points")
    }
}

fn round(value: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    let rounded = (value * scale).round() / scale;
    // No `-0.0` in output.
    if rounded == 0.0 { 0.0 } else { rounded }
}

fn rank(change: &RankChange) -> String {
    match (change.base, change.head) {
        (None, Some(head)) => format!("came into play at rank {head}"),
        (Some(base), None) => format!("left play (was rank {base})"),
        (Some(base), Some(head)) if head < base => {
            format!("rank {base} → {head} (up {})", base - head)
        }
        (Some(base), Some(head)) => format!("rank {base} → {head} (down {})", head - base),
        (None, None) => String::new(),
    }
}

/// Changed frameworks: (prefix, before, after).
fn changed_frameworks<'d>(diff: &'d Diff<'_>) -> Vec<(&'d str, String, String)> {
    diff.coverage
        .by_framework
        .iter()
        .filter(|(_, change)| change.base != change.head)
        .map(|(prefix, change)| {
            let show = |s: &Option<Share>| s.as_ref().map_or("none required".to_string(), share);
            (prefix.as_str(), show(&change.base), show(&change.head))
        })
        .collect()
}

/// `error → warning`, or the severity when only the message changed.
fn severity_change(base: &SideFinding<'_>, head: &SideFinding<'_>) -> String {
    if base.finding.severity == head.finding.severity {
        head.finding.severity.to_string()
    } else {
        format!("{} → {}", base.finding.severity, head.finding.severity)
    }
}

/// The diff as text for a terminal.
pub fn text(diff: &Diff<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "cohere diff: {} → {}",
        side_name(diff.base),
        side_name(diff.head)
    );
    let added = diff.added_counts();
    let _ = writeln!(
        out,
        "\nfindings: {} added ({}), {} resolved{}",
        diff.added.len(),
        counts(added),
        diff.resolved.len(),
        match diff.changed.len() {
            0 => String::new(),
            n => format!(", {n} changed"),
        }
    );
    for (title, list) in [("added", &diff.added), ("resolved", &diff.resolved)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{title}:");
        for finding in list.iter().take(MAX_LISTED) {
            let _ = writeln!(
                out,
                "  {}[{}] {}: {}",
                finding.finding.severity,
                finding.finding.rule.id,
                located(finding),
                finding.finding.message
            );
        }
        if list.len() > MAX_LISTED {
            let _ = writeln!(
                out,
                "  … and {} more (`--format json` lists them all)",
                list.len() - MAX_LISTED
            );
        }
    }
    if !diff.changed.is_empty() {
        out.push_str("changed:\n");
        for (base, head) in diff.changed.iter().take(MAX_LISTED) {
            let _ = writeln!(
                out,
                "  {}[{}] {}: {}",
                severity_change(base, head),
                head.finding.rule.id,
                located(head),
                head.finding.message
            );
            if base.finding.message != head.finding.message {
                let _ = writeln!(out, "    was: {}", base.finding.message);
            }
        }
        if diff.changed.len() > MAX_LISTED {
            let _ = writeln!(
                out,
                "  … and {} more (`--format json` lists them all)",
                diff.changed.len() - MAX_LISTED
            );
        }
    }
    let _ = writeln!(
        out,
        "\ncoherence index: {} → {} ({})",
        index(diff.coherence_index.base),
        index(diff.coherence_index.head),
        index_change(&diff.coherence_index)
    );
    let targets = &diff.coverage.targets;
    let _ = writeln!(
        out,
        "required targets reached directly: {} → {} ({})",
        share(&targets.base),
        share(&targets.head),
        share_change(targets)
    );
    for (prefix, before, after) in changed_frameworks(diff) {
        let _ = writeln!(out, "  {prefix}: {before} → {after}");
    }
    if diff.influence.is_empty() {
        out.push_str("influence ranks of the targets in play: unchanged\n");
    } else {
        out.push_str("influence ranks of the targets in play:\n");
        for change in &diff.influence {
            let _ = writeln!(
                out,
                "  {} ({}): {}",
                change.target,
                change.title,
                rank(change)
            );
        }
    }
    out
}

/// The diff as Markdown, for job summaries and pull-request comments.
pub fn markdown(diff: &Diff<'_>) -> String {
    let mut out = String::from("## cohere diff\n\n");
    let _ = writeln!(
        out,
        "{} → {}\n",
        code(&side_name(diff.base)),
        code(&side_name(diff.head))
    );
    let _ = writeln!(
        out,
        "**{} added** ({}), **{} resolved**{}.\n",
        plural(diff.added.len(), "finding"),
        counts(diff.added_counts()),
        diff.resolved.len(),
        match diff.changed.len() {
            0 => String::new(),
            n => format!(", **{n} changed**"),
        }
    );
    out.push_str("| | before | after | change |\n|---|---|---|---|\n");
    let _ = writeln!(
        out,
        "| coherence index | {} | {} | {} |",
        index(diff.coherence_index.base),
        index(diff.coherence_index.head),
        index_change(&diff.coherence_index)
    );
    let targets = &diff.coverage.targets;
    let _ = writeln!(
        out,
        "| required targets reached directly | {} | {} | {} |",
        share(&targets.base),
        share(&targets.head),
        share_change(targets)
    );
    for (prefix, before, after) in changed_frameworks(diff) {
        let _ = writeln!(
            out,
            "| {} required elements reached | {before} | {after} | |",
            code(prefix)
        );
    }
    for (title, list) in [
        ("Added findings", &diff.added),
        ("Resolved findings", &diff.resolved),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "\n### {title}\n\n| severity | rule | location | message |\n|---|---|---|---|\n"
        );
        for finding in list.iter().take(MAX_LISTED) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                finding.finding.severity,
                code(finding.finding.rule.id),
                cell(&code(&located(finding))),
                cell(&prose(&finding.finding.message))
            );
        }
        if list.len() > MAX_LISTED {
            let _ = writeln!(out, "\n… and {} more.", list.len() - MAX_LISTED);
        }
    }
    if !diff.changed.is_empty() {
        out.push_str(
            "\n### Changed findings\n\n| severity | rule | location | message | before |\n|---|---|---|---|---|\n",
        );
        for (base, head) in diff.changed.iter().take(MAX_LISTED) {
            let before = if base.finding.message == head.finding.message {
                String::new()
            } else {
                prose(&base.finding.message)
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                severity_change(base, head),
                code(head.finding.rule.id),
                cell(&code(&located(head))),
                cell(&prose(&head.finding.message)),
                cell(&before)
            );
        }
        if diff.changed.len() > MAX_LISTED {
            let _ = writeln!(out, "\n… and {} more.", diff.changed.len() - MAX_LISTED);
        }
    }
    if !diff.influence.is_empty() {
        out.push_str(
            "\n### Influence ranks of the targets in play\n\n| target | change |\n|---|---|\n",
        );
        for change in &diff.influence {
            let _ = writeln!(
                out,
                "| {} {} | {} |",
                code(&change.target),
                cell(&prose(&change.title)),
                rank(change)
            );
        }
    }
    out
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    version: u32,
    base: JsonSide<'a>,
    head: JsonSide<'a>,
    summary: JsonSummary,
    added: Vec<JsonFinding<'a>>,
    resolved: Vec<JsonFinding<'a>>,
    /// The same finding on both sides with another severity or message.
    changed: Vec<JsonChanged<'a>>,
    coherence_index: JsonChange,
    coverage: &'a super::CoverageChange,
    influence: &'a [RankChange],
}

#[derive(Serialize)]
struct JsonChanged<'a> {
    base: JsonFinding<'a>,
    head: JsonFinding<'a>,
}

#[derive(Serialize)]
struct JsonSide<'a> {
    spec: &'a str,
    #[serde(flatten)]
    kind: &'a SideKind,
    findings: Counts,
}

#[derive(Serialize)]
struct JsonSummary {
    added: Counts,
    resolved: Counts,
}

#[derive(Serialize)]
struct JsonChange {
    base: Option<f64>,
    head: Option<f64>,
    change: Option<f64>,
}

/// The diff as JSON (version 1), pretty-printed, with a final newline.
pub fn json(diff: &Diff<'_>) -> String {
    fn side<'s>(side: &'s Analysed<'_>) -> JsonSide<'s> {
        JsonSide {
            spec: &side.side.spec,
            kind: &side.side.kind,
            findings: side.outcome.counts,
        }
    }
    fn findings<'s>(list: &[SideFinding<'s>]) -> Vec<JsonFinding<'s>> {
        list.iter()
            .map(|f| json_finding(&f.workspace.sources, f.finding))
            .collect()
    }
    let (base, head) = (diff.coherence_index.base, diff.coherence_index.head);
    let output = JsonDiff {
        version: VERSION,
        base: side(diff.base),
        head: side(diff.head),
        summary: JsonSummary {
            added: diff.added_counts(),
            resolved: diff.resolved_counts(),
        },
        added: findings(&diff.added),
        resolved: findings(&diff.resolved),
        changed: diff
            .changed
            .iter()
            .map(|(base, head)| JsonChanged {
                base: json_finding(&base.workspace.sources, base.finding),
                head: json_finding(&head.workspace.sources, head.finding),
            })
            .collect(),
        coherence_index: JsonChange {
            base: base.map(|v| round(v, 3)),
            head: head.map(|v| round(v, 3)),
            change: base.zip(head).map(|(b, h)| round(h - b, 3)),
        },
        coverage: &diff.coverage,
        influence: &diff.influence,
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}
