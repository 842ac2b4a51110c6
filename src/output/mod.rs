//! Renderers of lint results, one per format, over one outcome.
//!
//! Machine formats (JSON, SARIF, JUnit, GitHub) are versioned contracts built from their own
//! serializable shapes, not dumps of internal types. All are deterministic.

pub mod concise;
pub mod json;
pub mod text;

use crate::finding::{EvidencePath, Finding, Step, StepKind};
use crate::lint::LintOutcome;
use crate::source::SourceMap;

/// An output format of `cohere lint`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// rustc-style diagnostics with source snippets.
    Text,
    /// One line per finding.
    Concise,
    /// JSON, version 1.
    Json,
}

/// What renderers need.
pub struct RenderContext<'a> {
    /// The files, for paths and snippets.
    pub sources: &'a SourceMap,
    /// The lint outcome.
    pub outcome: &'a LintOutcome,
    /// Whether to colour the text output.
    pub color: bool,
}

/// Renders the outcome in `format`.
pub fn render(format: Format, context: &RenderContext<'_>) -> String {
    match format {
        Format::Text => text::render(context),
        Format::Concise => concise::render(context),
        Format::Json => json::render(context),
    }
}

/// A step of an evidence path in words: `sdg:10.7 → sdg:3.c (-2 counteracting, origin)`.
pub fn describe_step(step: &Step) -> String {
    let kind = match step.kind {
        StepKind::Effect => "effect",
        StepKind::Interaction => "interaction",
        StepKind::MeasureInteraction => "declared interaction",
    };
    let context = step
        .context
        .as_deref()
        .map(|c| format!(", {c}"))
        .unwrap_or_default();
    format!(
        "{} → {} ({} {}, {kind}{context})",
        step.from,
        step.to,
        step.score,
        step.score.name()
    )
}

/// An evidence path in one line, with its strength.
pub fn describe_path(path: &EvidencePath) -> String {
    let steps: Vec<String> = path.steps.iter().map(describe_step).collect();
    format!("{} [strength {:+.2}]", steps.join("; "), path.strength)
}

/// The sources behind a path, deduplicated, in order.
pub fn path_sources(path: &EvidencePath) -> Vec<&str> {
    let mut sources: Vec<&str> = Vec::new();
    for step in &path.steps {
        for source in &step.evidence {
            if !sources.contains(&source.as_str()) {
                sources.push(source);
            }
        }
    }
    sources
}

/// The findings of an outcome, for renderers that list them.
pub fn findings<'a>(context: &'a RenderContext<'_>) -> &'a [Finding] {
    &context.outcome.findings
}
