//! GitHub Actions workflow commands: one annotation per finding.
//!
//! ```text
//! ::error file=draft.yaml,line=9,col=17,endLine=9,endColumn=25,title=cohere(unknown-reference)::unknown target…
//! ```
//!
//! Values are escaped as the Actions runner unescapes them. Columns are left out of annotations
//! that span several lines, which GitHub rejects. GitHub shows at most 10 annotations of each
//! kind per step, so at most 10 errors, 10 warnings and 10 notices are printed (9 notices when
//! some are left out, to leave room for the closing notice that says how many and where to find
//! them all).

use super::{RenderContext, repository_anchor};
use crate::finding::{Rendered, Severity};
use crate::source::SourceMap;
use std::fmt::Write as _;

/// How many annotations of one kind GitHub shows per step.
pub const MAX_PER_KIND: usize = 10;

/// Renders the workflow commands: at most [`MAX_PER_KIND`] annotations of each kind, and a
/// closing notice if any were left out.
pub fn render(context: &RenderContext<'_>) -> String {
    let cap = MAX_PER_KIND;
    let findings = &context.outcome.findings;
    let count = |severity: Severity| findings.iter().filter(|f| f.severity == severity).count();
    let left_out: usize = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|severity| count(severity).saturating_sub(cap))
        .sum();
    // The closing notice is a notice too: it must fit under the cap.
    let notice_cap = if left_out > 0 {
        cap.saturating_sub(1)
    } else {
        cap
    };
    let mut shown = [0usize; 3];
    let mut hidden = 0;
    let mut out = String::new();
    for finding in findings {
        let (slot, limit) = match finding.severity {
            Severity::Error => (0, cap),
            Severity::Warning => (1, cap),
            Severity::Info => (2, notice_cap),
        };
        if shown[slot] < limit {
            shown[slot] += 1;
            out.push_str(&annotation(
                context.sources,
                &finding.render_ids(context.cx),
            ));
            out.push('\n');
        } else {
            hidden += 1;
        }
    }
    if hidden > 0 {
        let _ = writeln!(
            out,
            "::notice title={}::{}",
            escape_property("cohere"),
            escape_data(&format!(
                "{hidden} more {} not shown (GitHub shows at most {cap} annotations of each \
                 kind per step); run `cohere lint --format sarif` for the full list",
                if hidden == 1 { "finding" } else { "findings" }
            ))
        );
    }
    out
}

/// The workflow command of one finding.
pub fn annotation(sources: &SourceMap, finding: &Rendered) -> String {
    let command = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let anchor = repository_anchor(sources, finding);
    let at = sources.resolve(anchor);
    let mut properties = vec![
        ("file", at.path.clone()),
        ("line", at.start.line.to_string()),
    ];
    let one_line = at.end.line <= at.start.line;
    if one_line {
        properties.push(("col", at.start.column.to_string()));
    }
    properties.push(("endLine", at.end.line.max(at.start.line).to_string()));
    if one_line {
        properties.push(("endColumn", at.end.column.max(at.start.column).to_string()));
    }
    properties.push(("title", format!("cohere({})", finding.rule.id)));
    let properties: Vec<String> = properties
        .into_iter()
        .map(|(key, value)| format!("{key}={}", escape_property(&value)))
        .collect();

    let mut message = finding.message.clone();
    let labels = std::iter::once(&finding.primary).chain(&finding.related);
    for label in labels.filter(|l| l.location != anchor && !l.text.trim().is_empty()) {
        let _ = write!(
            message,
            "\n{}: {}",
            label.text,
            sources.resolve(label.location)
        );
    }
    if let Some(help) = &finding.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    format!(
        "::{command} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// Escapes a command's message as the runner expects: `%`, CR and LF.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as a message, and also `:` and `,`, which delimit properties.
pub fn escape_property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape_data(text).chars() {
        match c {
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Finding;
    use crate::lint::{Counts, LintOutcome};
    use crate::rules::document::unknown_reference;
    use crate::source::{Location, Span};

    #[test]
    fn messages_escape_percent_and_line_breaks() {
        assert_eq!(escape_data("100%\r\nnext"), "100%25%0D%0Anext");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(escape_property("builtin:a,b%\n"), "builtin%3Aa%2Cb%25%0A");
        assert_eq!(escape_property("cohere(schema)"), "cohere(schema)");
    }

    #[test]
    fn a_single_line_span_has_columns() {
        let sample = crate::output::tests::sample();
        let text = render(&sample.context());
        assert!(
            text.contains(
                "::error file=policies/draft.yaml,line=9,col=17,endLine=9,endColumn=25,\
                 title=cohere(unknown-reference)::unknown target or principle `sdg:10.8`%0Ahelp: \
                 did you mean `sdg:10.7`?\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_span_over_several_lines_has_no_columns() {
        let sample = crate::output::tests::sample();
        let text = render(&sample.context());
        let line = text
            .lines()
            .find(|l| l.contains("title=cohere(schema)"))
            .unwrap();
        assert_eq!(
            line,
            "::warning file=policies/draft.yaml,line=6,endLine=7,title=cohere(schema)::\
             measure has no `lead`"
        );
    }

    #[test]
    fn built_in_related_locations_are_named_in_the_message() {
        let sample = crate::output::tests::sample();
        let text = render(&sample.context());
        let line = text
            .lines()
            .find(|l| l.contains("title=cohere(duplicate-id)"))
            .unwrap();
        assert!(line.starts_with("::error file=policies/draft.yaml,line=6,col=9,"));
        assert!(
            line.contains("%0Afirst defined here: builtin:frameworks/sdg.yaml:2:5%0A"),
            "{line}"
        );
    }

    #[test]
    fn every_annotation_is_one_line_with_escaped_text() {
        let sample = crate::output::tests::sample();
        let text = render(&sample.context());
        // Four findings, nothing left out, the suppressed one not annotated.
        assert_eq!(text.lines().count(), 4, "{text}");
        assert!(text.lines().all(|l| l.starts_with("::")), "{text}");
        assert!(
            text.contains("::notice file=policies/draft.yaml,line=2,col=1,endLine=2,endColumn=6,"),
            "{text}"
        );
        assert!(text.contains("100%25 of `a,b`: done%0D%0Anext"), "{text}");
    }

    fn many(errors: usize, warnings: usize, notices: usize) -> crate::output::tests::Sample {
        let mut sample = crate::output::tests::sample();
        let file = sample.outcome.findings[0].location.file;
        let mut findings = Vec::new();
        for (severity, n) in [
            (Severity::Error, errors),
            (Severity::Warning, warnings),
            (Severity::Info, notices),
        ] {
            for i in 0..n {
                findings.push(
                    Finding::new(
                        &unknown_reference::META,
                        Location::new(file, Span::new(0, 6)),
                        format!("{severity} {i}"),
                    )
                    .severity(severity),
                );
            }
        }
        sample.outcome = LintOutcome {
            counts: Counts::of(&findings),
            findings,
            suppressed: Vec::new(),
            ..LintOutcome::default()
        };
        sample
    }

    fn kinds(text: &str) -> [usize; 3] {
        let count = |prefix: &str| text.lines().filter(|l| l.starts_with(prefix)).count();
        [count("::error "), count("::warning "), count("::notice ")]
    }

    #[test]
    fn at_most_ten_of_each_kind_then_a_closing_notice() {
        let text = render(&many(12, 3, 0).context());
        assert_eq!(kinds(&text), [10, 3, 1], "{text}");
        let last = text.lines().last().unwrap();
        assert_eq!(
            last,
            "::notice title=cohere::2 more findings not shown (GitHub shows at most 10 \
             annotations of each kind per step); run `cohere lint --format sarif` for the full \
             list"
        );
    }

    #[test]
    fn the_closing_notice_fits_under_the_cap_of_notices() {
        let text = render(&many(0, 0, 15).context());
        // Nine notices and the closing notice: ten, all shown by GitHub.
        assert_eq!(kinds(&text), [0, 0, 10], "{text}");
        assert!(
            text.lines()
                .last()
                .unwrap()
                .contains("6 more findings not shown")
        );
        let text = render(&many(11, 0, 10).context());
        assert_eq!(kinds(&text), [10, 0, 10], "{text}");
        assert!(
            text.lines()
                .last()
                .unwrap()
                .contains("2 more findings not shown")
        );
    }

    #[test]
    fn no_closing_notice_when_everything_is_shown() {
        let text = render(&many(10, 10, 10).context());
        assert_eq!(kinds(&text), [10, 10, 10], "{text}");
        assert!(!text.contains("not shown"));
        assert_eq!(render(&many(0, 0, 0).context()), "");
    }
}
