//! JSON output, version 1: a stable contract, built from its own shapes.
//!
//! ```json
//! {"version": 1,
//!  "findings": [{"rule", "category", "severity", "confidence", "message", "help",
//!                "location": {"path", "line", "column", "end_line", "end_column"},
//!                "related": [{"path", "line", "column", "label"}],
//!                "evidence": [{"strength", "steps": [...]}], "notes", "fingerprint"}],
//!  "suppressed": [...same shape, plus "reason" and "suppressed_at"...],
//!  "summary": {"error", "warning", "info", "suppressed", "baselined", "stale_baseline"}}
//! ```
//! Fields may be added in version 1; none are removed or change meaning without a new version.

use super::RenderContext;
use crate::finding::{EvidencePath, Finding, Rendered};
use crate::lint::Suppressed;
use crate::source::{Location, SourceMap};
use serde::Serialize;
use std::io::Write;

/// The contract's version.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    findings: Stream<'a, Finding>,
    suppressed: Stream<'a, Suppressed>,
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    error: usize,
    warning: usize,
    info: usize,
    suppressed: usize,
    /// Findings the baseline holds (not listed).
    baselined: usize,
    /// Baseline entries that nothing matches any more.
    stale_baseline: usize,
}

/// A finding in JSON.
#[derive(Serialize)]
pub struct JsonFinding<'a> {
    rule: &'static str,
    category: &'static str,
    severity: &'static str,
    confidence: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    location: JsonLocation,
    related: Vec<JsonRelated<'a>>,
    evidence: Vec<JsonPath<'a>>,
    notes: &'a [String],
    /// Identity by meaning (not by line): stable across edits that move the finding.
    fingerprint: String,
}

#[derive(Serialize)]
struct JsonSuppressed<'a> {
    #[serde(flatten)]
    finding: JsonFinding<'a>,
    reason: &'a str,
    suppressed_at: JsonLocation,
}

/// A location in JSON: path as cohere shows it (relative to the repository), 1-based line and
/// column.
#[derive(Serialize)]
pub struct JsonLocation {
    /// The file's display path.
    pub path: String,
    /// First line, from 1.
    pub line: u32,
    /// First column, from 1, in characters.
    pub column: u32,
    /// Last line, from 1.
    pub end_line: u32,
    /// The column one past the last character, from 1, in characters.
    pub end_column: u32,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: String,
    line: u32,
    column: u32,
    label: &'a str,
}

#[derive(Serialize)]
struct JsonPath<'a> {
    strength: f64,
    steps: Vec<JsonStep<'a>>,
}

#[derive(Serialize)]
struct JsonStep<'a> {
    kind: crate::finding::StepKind,
    from: &'a str,
    to: &'a str,
    score: i8,
    score_name: &'static str,
    context: Option<&'a str>,
    evidence: &'a [String],
    path: String,
    line: u32,
    column: u32,
}

/// The location of a span, resolved.
pub fn location(sources: &SourceMap, location: Location) -> JsonLocation {
    let resolved = sources.resolve(location);
    JsonLocation {
        path: resolved.path,
        line: resolved.start.line,
        column: resolved.start.column,
        end_line: resolved.end.line,
        end_column: resolved.end.column,
    }
}

/// A stable fingerprint of a finding's meaning (rule, file, ids), as 16 hex digits.
pub fn fingerprint(sources: &SourceMap, finding: &Rendered) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(finding.identity(sources).as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

fn path<'a>(sources: &SourceMap, path: &'a EvidencePath) -> JsonPath<'a> {
    JsonPath {
        strength: (path.strength * 1000.0).round() / 1000.0,
        steps: path
            .steps
            .iter()
            .map(|step| {
                let at = sources.resolve(step.location);
                JsonStep {
                    kind: step.kind,
                    from: &step.from,
                    to: &step.to,
                    score: step.score.value(),
                    score_name: step.score.name(),
                    context: step.context,
                    evidence: &step.evidence,
                    path: at.path,
                    line: at.start.line,
                    column: at.start.column,
                }
            })
            .collect(),
    }
}

/// A finding in the JSON shape (shared with the report's JSON).
pub fn finding<'a>(sources: &'a SourceMap, finding: &'a Rendered) -> JsonFinding<'a> {
    JsonFinding {
        rule: finding.rule.id,
        category: finding.rule.category.as_str(),
        severity: finding.severity.as_str(),
        confidence: finding.confidence.as_str(),
        message: &finding.message,
        help: finding.help.as_deref(),
        location: location(sources, finding.primary.location),
        related: finding
            .related
            .iter()
            .map(|label| {
                let at = sources.resolve(label.location);
                JsonRelated {
                    path: at.path,
                    line: at.start.line,
                    column: at.start.column,
                    label: &label.text,
                }
            })
            .collect(),
        evidence: finding.evidence.iter().map(|p| path(sources, p)).collect(),
        notes: &finding.notes,
        fingerprint: fingerprint(sources, finding),
    }
}

/// The findings of a list, each rendered when the serializer reaches it: the JSON is written
/// finding by finding, never held whole.
struct Stream<'a, T> {
    items: &'a [T],
    context: &'a RenderContext<'a>,
}

impl Serialize for Stream<'_, Finding> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.items.len()))?;
        let cx = self.context.cx;
        super::for_each_rendered(
            self.items,
            |f| f.render_ids(cx),
            |_, rendered| seq.serialize_element(&finding(self.context.sources, &rendered)),
        )?;
        seq.end()
    }
}

impl Serialize for Stream<'_, Suppressed> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let sources = self.context.sources;
        let mut seq = serializer.serialize_seq(Some(self.items.len()))?;
        let cx = self.context.cx;
        super::for_each_rendered(
            self.items,
            |s| s.finding.render_ids(cx),
            |s, rendered| {
                seq.serialize_element(&JsonSuppressed {
                    finding: finding(sources, &rendered),
                    reason: &s.reason,
                    suppressed_at: location(sources, s.comment),
                })
            },
        )?;
        seq.end()
    }
}

/// Writes the JSON document, pretty-printed, with a final newline, finding by finding.
pub fn write(context: &RenderContext<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let outcome = context.outcome;
    let output = Output {
        version: VERSION,
        findings: Stream {
            items: &outcome.findings,
            context,
        },
        suppressed: Stream {
            items: &outcome.suppressed,
            context,
        },
        summary: Summary {
            error: outcome.counts.error,
            warning: outcome.counts.warning,
            info: outcome.counts.info,
            suppressed: outcome.suppressed.len(),
            baselined: outcome.baselined.len(),
            stale_baseline: outcome
                .stale_baseline
                .iter()
                .map(|e| e.count as usize)
                .sum(),
        },
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, &output).map_err(std::io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Renders the JSON document as a string (for tests and small outputs).
pub fn render(context: &RenderContext<'_>) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(context, &mut out);
    String::from_utf8(out).unwrap_or_default()
}
