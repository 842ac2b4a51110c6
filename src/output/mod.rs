//! Renderers of lint results, one per format, over one outcome.
//!
//! Machine formats (JSON, SARIF, JUnit, GitHub) are versioned contracts built from their own
//! serializable shapes, not dumps of internal types. All are deterministic.

pub mod concise;
pub mod github;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::finding::{Cx, EvidencePath, Rendered, Step, StepKind};
use crate::lint::LintOutcome;
use crate::source::{Location, Origin, SourceMap};

/// An output format of `cohere lint`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// rustc-style diagnostics with source snippets.
    Text,
    /// One line per finding.
    Concise,
    /// JSON, version 1.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML, for test-report viewers.
    Junit,
    /// Markdown, for job summaries and pull-request comments.
    Markdown,
}

/// What renderers need.
pub struct RenderContext<'a> {
    /// The files, for paths and snippets.
    pub sources: &'a SourceMap,
    /// The lint outcome.
    pub outcome: &'a LintOutcome,
    /// The model and analysis the findings' words are made from.
    pub cx: Cx<'a>,
    /// Whether to colour the text output.
    pub color: bool,
}

/// Writes the outcome in `format` to `out`, finding by finding for the formats that list every
/// finding (text, concise, JSON, SARIF): memory grows with the findings' facts, not their text.
pub fn write(
    format: Format,
    context: &RenderContext<'_>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Text => text::write(context, out),
        Format::Concise => concise::write(context, out),
        Format::Json => json::write(context, out),
        Format::Sarif => sarif::write(context, out),
        Format::Github => out.write_all(github::render(context).as_bytes()),
        Format::Junit => out.write_all(junit::render(context).as_bytes()),
        Format::Markdown => out.write_all(markdown::render(context).as_bytes()),
    }
}

/// Words `items` on every core, a batch at a time, and hands each one's words to `each` in the
/// items' order: the words are made in parallel, the bytes written in order by the caller (a
/// serializer's sequence), and only one batch of words is held at once.
pub(crate) fn for_each_rendered<T: Sync, E>(
    items: &[T],
    render: impl Fn(&T) -> Rendered + Sync,
    mut each: impl FnMut(&T, Rendered) -> Result<(), E>,
) -> Result<(), E> {
    const PART: usize = 256;
    let workers = crate::parallel::workers(8);
    if workers <= 1 || items.len() < 2 * PART {
        for item in items {
            each(item, render(item))?;
        }
        return Ok(());
    }
    for batch in items.chunks(PART * workers * 4) {
        let parts: Vec<&[T]> = batch.chunks(PART).collect();
        let words = crate::parallel::map_in_order(&parts, workers, |part| {
            part.iter().map(&render).collect::<Vec<Rendered>>()
        });
        for (item, rendered) in batch.iter().zip(words.into_iter().flatten()) {
            each(item, rendered)?;
        }
    }
    Ok(())
}

/// Renders the outcome in `format` as a string (for tests and small outputs).
pub fn render(format: Format, context: &RenderContext<'_>) -> String {
    match format {
        Format::Text => text::render(context),
        Format::Concise => concise::render(context),
        Format::Json => json::render(context),
        Format::Sarif => sarif::render(context),
        Format::Github => github::render(context),
        Format::Junit => junit::render(context),
        Format::Markdown => markdown::render(context),
    }
}

/// Whether a location is in a file of the repository (not one compiled into cohere).
pub fn in_repository(sources: &SourceMap, location: Location) -> bool {
    sources.get(location.file).origin != Origin::BuiltIn
}

/// Where to anchor a finding for tools that can only point into the repository (SARIF, GitHub
/// annotations): its primary location, or, when that is in a built-in file, its first related
/// location in the repository (and the primary itself when it has none).
pub fn repository_anchor(sources: &SourceMap, finding: &Rendered) -> Location {
    if in_repository(sources, finding.primary.location) {
        return finding.primary.location;
    }
    finding
        .related
        .iter()
        .map(|label| label.location)
        .find(|&location| in_repository(sources, location))
        .unwrap_or(finding.primary.location)
}

/// A step of an evidence path in words: `sdg:10.7 → sdg:3.c (-2 counteracting, origin)`.
pub fn describe_step(step: &Step) -> String {
    let kind = match step.kind {
        StepKind::Effect => "effect",
        StepKind::Interaction => "interaction",
        StepKind::Link => "link",
        StepKind::MeasureInteraction => "declared interaction",
    };
    let context = step.context.map(|c| format!(", {c}")).unwrap_or_default();
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
        for source in step.evidence.iter() {
            if !sources.contains(&source.as_str()) {
                sources.push(source);
            }
        }
    }
    sources
}

/// A small outcome with the cases the renderers must handle: a single-line span, a span over
/// several lines, a related location in a built-in file, text that needs escaping, every
/// severity, and a suppressed finding.
#[cfg(test)]
pub(crate) mod tests {
    use super::RenderContext;
    use crate::analysis::Analysis;
    use crate::finding::{Cx, Finding, Severity};
    use crate::lint::{Counts, LintOutcome, Suppressed};
    use crate::model::Model;
    use crate::rules::document::{duplicate_id, schema, unknown_reference, unused_suppression};
    use crate::source::{Location, Origin, SourceFile, SourceMap, Span};
    use std::sync::Arc;

    pub(crate) const DRAFT: &str = "\
policy: labour-mobility
title: Labour mobility programme
level: national
perspective: destination
measures:
  - id: seasonal-visa
    title: Seasonal worker visa
    effects:
      - target: sdg:10.8
        score: 2
";

    pub(crate) struct Sample {
        pub sources: SourceMap,
        pub outcome: LintOutcome,
        pub model: Model,
        pub analysis: Analysis,
    }

    impl Sample {
        pub(crate) fn context(&self) -> RenderContext<'_> {
            RenderContext {
                sources: &self.sources,
                outcome: &self.outcome,
                cx: Cx {
                    model: &self.model,
                    analysis: &self.analysis,
                },
                color: false,
            }
        }
    }

    fn at(text: &str, needle: &str, len: usize) -> Span {
        let start = text.find(needle).unwrap();
        Span::new(start as u32, (start + len) as u32)
    }

    pub(crate) fn sample() -> Sample {
        let mut sources = SourceMap::default();
        let builtin = sources.add(SourceFile::new(
            "builtin:frameworks/sdg.yaml".into(),
            Origin::BuiltIn,
            Arc::from("framework: sdg\n  - id: \"10.7\"\n"),
        ));
        let draft = sources.add(SourceFile::new(
            "policies/draft.yaml".into(),
            Origin::Disk,
            Arc::from(DRAFT),
        ));
        let here = |needle: &str, len: usize| Location::new(draft, at(DRAFT, needle, len));
        let unknown = Finding::new(
            &unknown_reference::META,
            here("sdg:10.8", 8),
            "unknown target or principle `sdg:10.8`",
        )
        .label("not defined anywhere cohere looked")
        .help("did you mean `sdg:10.7`?")
        .key(["sdg:10.8"]);
        let duplicate = Finding::new(
            &duplicate_id::META,
            here("seasonal-visa", 13),
            "measure `labour-mobility/seasonal-visa` is defined more than once",
        )
        .label("defined again here")
        .related(
            Location::new(builtin, Span::new(19, 21)),
            "first defined here",
        )
        .related(here("labour-mobility", 15), "in this policy")
        .help("rename one of them, or merge them")
        .key(["measure", "seasonal-visa"]);
        // From `- id: seasonal-visa` to the end of `title: …`: two lines.
        let start = DRAFT.find("- id: seasonal-visa").unwrap();
        let end = DRAFT.find("\n    effects").unwrap();
        let multiline = Finding::new(
            &schema::META,
            Location::new(draft, Span::new(start as u32, end as u32)),
            "measure has no `lead`",
        )
        .severity(Severity::Warning)
        .label("this measure")
        .key(["lead", "seasonal-visa"]);
        let awkward = Finding::new(
            &unused_suppression::META,
            here("title", 5),
            "100% of `a,b`: done\r\nnext | <tag> & \"quoted\" 'it' \u{1}",
        )
        .severity(Severity::Info)
        .help("line one\nline two")
        .note("a note")
        .key(["awkward"]);
        let hidden = Finding::new(
            &unknown_reference::META,
            here("perspective", 11),
            "unknown perspective",
        )
        .key(["perspective"]);
        let mut findings = vec![duplicate, unknown, multiline, awkward];
        let model = Model::default();
        let analysis = crate::analysis::analyze(&model, &crate::config::Settings::default());
        crate::finding::sort_findings(
            &mut findings,
            &sources,
            Cx {
                model: &model,
                analysis: &analysis,
            },
        );
        let counts = Counts::of(&findings);
        Sample {
            outcome: LintOutcome {
                findings,
                suppressed: vec![Suppressed {
                    finding: hidden,
                    reason: "accepted by cabinet decision 2026/14".into(),
                    comment: here("destination", 11),
                }],
                counts,
                ..LintOutcome::default()
            },
            sources,
            model,
            analysis,
        }
    }
}
