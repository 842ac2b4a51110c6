//! The report as JSON, version 1: a stable contract for other tools.
//!
//! `{"version": 1, "title", "language", "date", "summary", "policies", "conflicts", "costs",
//! "synergies", "coverage", "influence", "network", "heat_map", "findings", "suppressed",
//! "methodology", "provenance"}` — the report model's fields, with the network's nodes and
//! edges instead of its SVG. Fields may be added in version 1; none are removed or change
//! meaning without a new version.

use super::Report;
use serde::Serialize;

/// The contract's version.
pub const VERSION: u32 = 1;

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
