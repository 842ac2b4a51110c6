//! rustc-style diagnostics: the source line with a caret under the node, labels for related
//! locations, a help line, and the evidence path as notes.

use super::{RenderContext, describe_path, path_sources};
use crate::finding::{Finding, Severity};
use crate::source::{FileId, SourceMap, Span};
use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet, normalize_untrusted_str};
use std::borrow::Cow;

/// Lines of distance under which two annotations in one file share a snippet.
const CLUSTER_LINES: u32 = 6;

/// Renders every finding, separated by blank lines.
pub fn render(context: &RenderContext<'_>) -> String {
    let renderer = if context.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    let findings = &context.outcome.findings;
    let render_all = |part: &[Finding]| {
        let mut out = String::new();
        for finding in part {
            out.push_str(&render_finding(&renderer, context.sources, finding));
            out.push_str("\n\n");
        }
        out
    };
    // Each finding renders on its own: share them out among the cores, in contiguous parts
    // joined in order, when there are enough to pay for the threads.
    let workers = crate::parallel::workers(8);
    let mut out = if workers <= 1 || findings.len() < 256 {
        render_all(findings)
    } else {
        let chunk = findings.len().div_ceil(workers * 4);
        let parts: Vec<&[Finding]> = findings.chunks(chunk).collect();
        let rendered = crate::parallel::map_in_order(&parts, workers, |part| render_all(part));
        let mut out = String::with_capacity(rendered.iter().map(String::len).sum());
        for part in rendered {
            out.push_str(&part);
        }
        out
    };
    out.push_str(&error_recap(context));
    out
}

/// Errors followed by other findings are listed again at the end, one line each, so that a
/// screenful of warnings never hides the one error that fails the run.
fn error_recap(context: &RenderContext<'_>) -> String {
    const LISTED: usize = 10;
    let findings = &context.outcome.findings;
    let Some(last_error) = findings.iter().rposition(|f| f.severity == Severity::Error) else {
        return String::new();
    };
    if last_error + 1 == findings.len() {
        return String::new();
    }
    let errors: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    let mut out = format!(
        "{} above, among {} findings:\n",
        match errors.len() {
            1 => "the error".to_string(),
            n => format!("the {n} errors"),
        },
        findings.len()
    );
    for finding in errors.iter().take(LISTED) {
        let location = context.sources.resolve(finding.primary.location);
        out.push_str(&format!(
            "  {location}: error[{}] {}\n",
            finding.rule.id,
            clean(&finding.message)
        ));
    }
    if errors.len() > LISTED {
        out.push_str(&format!("  … and {} more\n", errors.len() - LISTED));
    }
    out.push('\n');
    out
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

struct Mark<'a> {
    file: FileId,
    span: Span,
    primary: bool,
    label: &'a str,
}

/// Renders one finding.
pub fn render_finding(renderer: &Renderer, sources: &SourceMap, finding: &Finding) -> String {
    let title = clean(&finding.message);
    let mut group = Group::with_title(
        level(finding.severity)
            .primary_title(title)
            .id(finding.rule.id),
    );
    let mut marks = vec![Mark {
        file: finding.primary.location.file,
        span: finding.primary.location.span,
        primary: true,
        label: &finding.primary.text,
    }];
    marks.extend(finding.related.iter().map(|label| Mark {
        file: label.location.file,
        span: label.location.span,
        primary: false,
        label: &label.text,
    }));
    // One snippet per cluster of nearby marks in a file; the primary's file first.
    let mut files: Vec<FileId> = Vec::new();
    for mark in &marks {
        if !files.contains(&mark.file) {
            files.push(mark.file);
        }
    }
    for file in files {
        let source = sources.get(file);
        let mut in_file: Vec<&Mark> = marks.iter().filter(|m| m.file == file).collect();
        in_file.sort_by_key(|m| m.span.start);
        let mut clusters: Vec<Vec<&Mark>> = Vec::new();
        for mark in in_file {
            let line = source.line_col(mark.span.start).line;
            let joins = clusters.last().is_some_and(|cluster| {
                let last = cluster
                    .last()
                    .map_or(0, |m| source.line_col(m.span.end).line);
                line <= last + CLUSTER_LINES
            });
            if joins {
                if let Some(cluster) = clusters.last_mut() {
                    cluster.push(mark);
                }
            } else {
                clusters.push(vec![mark]);
            }
        }
        // The primary's cluster comes first.
        clusters.sort_by_key(|cluster| !cluster.iter().any(|m| m.primary));
        for cluster in clusters {
            let first = cluster
                .iter()
                .map(|m| source.line_col(m.span.start).line)
                .min()
                .unwrap_or(1);
            let last = cluster
                .iter()
                .map(|m| source.line_col(m.span.end.max(m.span.start)).line)
                .max()
                .unwrap_or(first);
            let range = source.lines_range(first, last);
            let text = source.slice(range);
            let mut snippet = Snippet::source(text)
                .line_start(first as usize)
                .path(source.display_path.clone())
                .fold(true);
            for mark in cluster {
                let start = mark
                    .span
                    .start
                    .saturating_sub(range.start)
                    .min(text.len() as u32) as usize;
                let end =
                    (mark.span.end.saturating_sub(range.start) as usize).clamp(start, text.len());
                // Point at one character at least, so the caret shows.
                let end = if end == start {
                    text[start..]
                        .chars()
                        .next()
                        .map_or(start, |c| start + c.len_utf8())
                } else {
                    end
                };
                let kind = if mark.primary {
                    AnnotationKind::Primary
                } else {
                    AnnotationKind::Context
                };
                snippet = snippet.annotation(kind.span(start..end).label(clean(mark.label)));
            }
            group = group.element(snippet);
        }
    }
    let mut report: Vec<Group> = vec![group];
    if let Some(help) = &finding.help {
        report.push(Group::with_title(Level::HELP.secondary_title(clean(help))));
    }
    for note in &finding.notes {
        report.push(Group::with_title(Level::NOTE.secondary_title(clean(note))));
    }
    for path in &finding.evidence {
        let mut note = format!("path: {}", describe_path(path));
        let cited = path_sources(path);
        if !cited.is_empty() {
            note.push_str("\n  evidence: ");
            note.push_str(&cited.join("; "));
        }
        report.push(Group::with_title(
            Level::NOTE.secondary_title(clean(&note).into_owned()),
        ));
    }
    renderer.render(&report)
}

/// Text from the user's files may contain control characters; show them, do not run them.
fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().any(|c| c.is_control() && c != '\n') {
        Cow::Owned(normalize_untrusted_str(text))
    } else {
        Cow::Borrowed(text)
    }
}
