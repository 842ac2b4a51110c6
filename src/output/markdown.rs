//! Markdown, for `$GITHUB_STEP_SUMMARY` and pull-request comments.
//!
//! A heading with the counts, a table of findings (severity, rule, location, message), the
//! details of each finding (related locations, help, notes, evidence paths) in a collapsible
//! block, and the suppressed findings with their reasons. Long lists are cut so that the result
//! stays under GitHub's size limits (65 536 characters for a comment): the table after
//! [`MAX_ROWS`] rows, the details after [`MAX_DETAILS`] findings, each with a line saying how
//! many more there are.

use super::{RenderContext, describe_path, path_sources};
use crate::finding::{Ids, Rendered};
use crate::source::SourceMap;
use std::fmt::Write as _;

/// The most rows a table shows.
pub const MAX_ROWS: usize = 200;
/// The most findings whose details are shown.
pub const MAX_DETAILS: usize = 50;

/// Renders the Markdown summary.
pub fn render(context: &RenderContext<'_>) -> String {
    let sources = context.sources;
    let outcome = context.outcome;
    let counts = outcome.counts;
    let mut out = String::from("## cohere\n\n");
    if counts.total() == 0 {
        out.push_str("No findings");
    } else {
        let _ = write!(
            out,
            "{}, {}, {} info",
            plural(counts.error, "error"),
            plural(counts.warning, "warning"),
            counts.info
        );
    }
    if let Some(aside) = outcome.set_aside() {
        let _ = write!(out, " ({aside})");
    }
    out.push_str(".\n");

    if !outcome.findings.is_empty() {
        out.push_str("\n| severity | rule | location | message |\n|---|---|---|---|\n");
        for finding in outcome.findings.iter().take(MAX_ROWS) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                finding.severity,
                code(finding.rule.id),
                cell(&code(&sources.resolve(finding.location).to_string())),
                cell(&prose(&finding.message(context.cx, &Ids(context.cx.model)))),
            );
        }
        more(&mut out, outcome.findings.len(), MAX_ROWS, "findings");

        let _ = write!(out, "\n<details><summary>Details</summary>\n\n");
        for (i, finding) in outcome.findings.iter().take(MAX_DETAILS).enumerate() {
            details(&mut out, sources, i + 1, &finding.render_ids(context.cx));
        }
        more(
            &mut out,
            outcome.findings.len(),
            MAX_DETAILS,
            "findings not detailed here",
        );
        out.push_str("</details>\n");
    }

    if !outcome.suppressed.is_empty() {
        out.push_str(
            "\n### Suppressed\n\n| rule | location | message | reason |\n|---|---|---|---|\n",
        );
        for suppressed in outcome.suppressed.iter().take(MAX_ROWS) {
            let finding = &suppressed.finding;
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                code(finding.rule.id),
                cell(&code(&sources.resolve(finding.location).to_string())),
                cell(&prose(&finding.message(context.cx, &Ids(context.cx.model)))),
                cell(&prose(&suppressed.reason)),
            );
        }
        more(
            &mut out,
            outcome.suppressed.len(),
            MAX_ROWS,
            "suppressed findings",
        );
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A line saying how many of `total` were left out after the first `shown`.
fn more(out: &mut String, total: usize, shown: usize, what: &str) {
    if total > shown {
        let _ = write!(
            out,
            "\n…and {} more {what}; run `cohere lint` for the full list.\n",
            total - shown
        );
    }
}

fn details(out: &mut String, sources: &SourceMap, number: usize, finding: &Rendered) {
    let at = sources.resolve(finding.primary.location);
    let _ = write!(
        out,
        "#### {number}. {}[{}] {}\n\n",
        finding.severity,
        finding.rule.id,
        line(&prose(&finding.message))
    );
    let _ = write!(out, "- {}", code(&at.to_string()));
    if !finding.primary.text.trim().is_empty() {
        let _ = write!(out, ": {}", line(&prose(&finding.primary.text)));
    }
    out.push('\n');
    for label in &finding.related {
        let _ = writeln!(
            out,
            "- {}: {}",
            code(&sources.resolve(label.location).to_string()),
            line(&prose(&label.text))
        );
    }
    if let Some(help) = &finding.help {
        let _ = writeln!(out, "- help: {}", line(&prose(help)));
    }
    for note in &finding.notes {
        let _ = writeln!(out, "- note: {}", line(&prose(note)));
    }
    for path in &finding.evidence {
        let _ = writeln!(out, "- path: {}", line(&prose(&describe_path(path))));
        let cited = path_sources(path);
        if !cited.is_empty() {
            let _ = writeln!(out, "  - evidence: {}", line(&prose(&cited.join("; "))));
        }
    }
    out.push('\n');
}

/// Text as a table cell: pipes escaped (GitHub unescapes `\|` even inside code spans) and
/// line breaks as `<br>`.
pub fn cell(text: &str) -> String {
    line(text).replace('|', "\\|")
}

/// Text on one line of Markdown: line breaks as `<br>`.
pub fn line(text: &str) -> String {
    text.replace("\r\n", "<br>").replace(['\r', '\n'], "<br>")
}

/// A message as Markdown: `code spans` kept, and outside them the characters that would start
/// HTML or an entity escaped, so that text from the user's files shows as written. Control
/// characters other than line breaks are dropped.
pub fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            '&' if !in_code => out.push_str("&amp;"),
            '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A code span that holds any text: delimited by more backticks than the text's longest run.
pub fn code(text: &str) -> String {
    let fence = "`".repeat(crate::rules::longest_backtick_run(text) + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Finding;
    use crate::lint::{Counts, LintOutcome};
    use crate::rules::document::unknown_reference;
    use crate::source::{Location, Span};

    #[test]
    fn cells_escape_pipes_and_line_breaks() {
        assert_eq!(cell("a | b\nc\r\nd"), "a \\| b<br>c<br>d");
        assert_eq!(cell(&code("x|y")), "`x\\|y`");
    }

    #[test]
    fn prose_escapes_html_outside_code_spans_only() {
        assert_eq!(prose("<b> & `<b> & c` \u{1}"), "&lt;b&gt; &amp; `<b> & c` ");
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code("plain"), "`plain`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
    }

    #[test]
    fn the_sample_has_a_row_per_finding_and_its_suppression() {
        let sample = crate::output::tests::sample();
        let text = render(&sample.context());
        assert!(
            text.starts_with("## cohere\n\n2 errors, 1 warning, 1 info (1 suppressed).\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "| error | `unknown-reference` | `policies/draft.yaml:9:17` | unknown target or \
                 principle `sdg:10.8` |"
            ),
            "{text}"
        );
        assert!(
            text.contains("100% of `a,b`: done<br>next \\| &lt;tag&gt; &amp;"),
            "{text}"
        );
        assert!(
            text.contains(
                "| `unknown-reference` | `policies/draft.yaml:4:1` | unknown perspective | \
                 accepted by cabinet decision 2026/14 |"
            ),
            "{text}"
        );
        assert!(
            text.contains("- `builtin:frameworks/sdg.yaml:2:5`: first defined here"),
            "{text}"
        );
    }

    #[test]
    fn long_tables_are_cut_with_a_count_of_the_rest() {
        let mut sample = crate::output::tests::sample();
        let file = sample.outcome.findings[0].location.file;
        let findings: Vec<Finding> = (0..MAX_ROWS + 5)
            .map(|i| {
                Finding::new(
                    &unknown_reference::META,
                    Location::new(file, Span::new(0, 6)),
                    format!("finding {i}"),
                )
            })
            .collect();
        sample.outcome = LintOutcome {
            counts: Counts::of(&findings),
            findings,
            suppressed: Vec::new(),
            ..LintOutcome::default()
        };
        let text = render(&sample.context());
        let rows = text.lines().filter(|l| l.starts_with("| error |")).count();
        assert_eq!(rows, MAX_ROWS);
        assert!(text.contains("…and 5 more findings; run `cohere lint` for the full list."));
        let details = text.lines().filter(|l| l.starts_with("#### ")).count();
        assert_eq!(details, MAX_DETAILS);
        assert!(text.contains("…and 155 more findings not detailed here;"));
    }

    #[test]
    fn nothing_found_says_so() {
        let mut sample = crate::output::tests::sample();
        sample.outcome = LintOutcome {
            findings: Vec::new(),
            suppressed: Vec::new(),
            counts: Counts::default(),
            ..LintOutcome::default()
        };
        assert_eq!(render(&sample.context()), "## cohere\n\nNo findings.\n");
    }
}
