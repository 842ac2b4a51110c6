//! The report as JSON, version 2: a stable contract for other tools.
//!
//! `{"version": 2, "title", "language", "date", "summary", "brief", "conflict_groups",
//! "conflict_totals", "conflict_targets", "policy_matrix", "policies", "costs", "synergies",
//! "coverage", "influence", "network", "heat_map", "findings", "listed", "suppressed",
//! "methodology", "provenance"}` — the report model's fields, with the network's nodes and
//! edges instead of its SVG.
//!
//! Each finding the report shows is written once, in `findings` (in the order of the files,
//! each with its `number`, its place among all findings from 1, and its paths and evidence);
//! the sections refer to findings by that number (`conflict_groups[].pairs.items[].finding`,
//! `costs.findings.items`, `synergies.items[].finding`, `coverage.gaps.items`,
//! `coverage.capacity_findings.items`, `listed.items`, `summary.key_findings[].number`). The
//! network diagram's `left_out` nodes are named up to 500 and counted. A list cut at a length
//! is `{"items": […], "more": N}`, N the number left out; `cohere lint --format json` lists
//! every finding. Version 1 embedded each finding whole in every section that named it, so
//! that a large portfolio's report.json wrote its conflicts twice over.
//!
//! Fields may be added in version 2; none are removed or change meaning without a new version.

use super::Report;
use serde::Serialize;

/// The contract's version.
pub const VERSION: u32 = 2;

#[derive(Serialize)]
struct Versioned<'a> {
    version: u32,
    #[serde(flatten)]
    report: &'a Report,
}

/// Renders the report as pretty JSON with a final newline.
pub fn render(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(&Versioned {
        version: VERSION,
        report,
    })
    .unwrap_or_else(|error| format!("{{\"version\": {VERSION}, \"error\": \"{error}\"}}"));
    text.push('\n');
    text
}
