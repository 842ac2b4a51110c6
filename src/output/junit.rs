//! JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines…).
//!
//! One `<testsuite>` per rule with findings (in the rules' documentation order), one
//! `<testcase>` per rule and file (`classname` the file, `name` the rule id). A test case with
//! findings fails with one `<failure>` listing them all, its `type` the highest severity among
//! them; a test case whose findings are all suppressed is `<skipped>`, with the reasons. With
//! nothing found the report holds one passing test case, `cohere`, so it is never empty.

use super::{RenderContext, repository_anchor};
use crate::finding::Rendered;
use crate::lint::Suppressed;
use crate::rules::RULES;
use crate::source::SourceMap;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The findings of one rule in one file.
#[derive(Default)]
struct Case<'a> {
    findings: Vec<Rendered>,
    suppressed: Vec<(Rendered, &'a Suppressed)>,
}

/// Rule (documentation order, id) → file → case.
type Suites<'a> = BTreeMap<(usize, &'static str), BTreeMap<String, Case<'a>>>;

/// Renders the JUnit report.
pub fn render(context: &RenderContext<'_>) -> String {
    let sources = context.sources;
    let mut suites: Suites<'_> = BTreeMap::new();
    let case = |finding: &Rendered| {
        let order = RULES
            .iter()
            .position(|rule| rule.meta.id == finding.rule.id)
            .unwrap_or(usize::MAX);
        let path = sources
            .get(repository_anchor(sources, finding).file)
            .display_path
            .clone();
        (order, finding.rule.id, path)
    };
    // Grouped by rule and file, so rendered first: JUnit is not a format for very large runs.
    for finding in &context.outcome.findings {
        let finding = finding.render_ids(context.cx);
        let (order, id, path) = case(&finding);
        let entry = suites.entry((order, id)).or_default().entry(path);
        entry.or_default().findings.push(finding);
    }
    for suppressed in &context.outcome.suppressed {
        let finding = suppressed.finding.render_ids(context.cx);
        let (order, id, path) = case(&finding);
        let entry = suites.entry((order, id)).or_default().entry(path);
        entry.or_default().suppressed.push((finding, suppressed));
    }

    let mut body = String::new();
    let (mut tests, mut failures, mut skipped) = (0, 0, 0);
    for ((_, rule), cases) in &suites {
        let suite_failures = cases.values().filter(|c| !c.findings.is_empty()).count();
        let suite_skipped = cases.len() - suite_failures;
        tests += cases.len();
        failures += suite_failures;
        skipped += suite_skipped;
        let _ = writeln!(
            body,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{suite_failures}\" errors=\"0\" \
             skipped=\"{suite_skipped}\">",
            attribute(rule),
            cases.len()
        );
        for (path, case) in cases {
            write_case(&mut body, sources, rule, path, case);
        }
        body.push_str("  </testsuite>\n");
    }
    if suites.is_empty() {
        tests = 1;
        body.push_str(
            "  <testsuite name=\"cohere\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n\
             \x20   <testcase classname=\"cohere\" name=\"cohere\"/>\n\
             \x20 </testsuite>\n",
        );
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"cohere\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" \
         skipped=\"{skipped}\">\n{body}</testsuites>\n"
    )
}

fn write_case(out: &mut String, sources: &SourceMap, rule: &str, path: &str, case: &Case<'_>) {
    let _ = write!(
        out,
        "    <testcase classname=\"{}\" name=\"{}\"",
        attribute(path),
        attribute(rule)
    );
    if let Some(worst) = case.findings.iter().map(|f| f.severity).max() {
        let first = &case.findings[0].message;
        let message = match case.findings.len() {
            1 => first.clone(),
            n => format!("{first} (and {} more)", n - 1),
        };
        let mut details = String::new();
        for finding in &case.findings {
            describe(&mut details, sources, finding);
        }
        for (finding, suppressed) in &case.suppressed {
            describe(&mut details, sources, finding);
            let _ = writeln!(details, "  suppressed: {}", suppressed.reason);
        }
        let _ = writeln!(
            out,
            ">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>",
            attribute(&message),
            worst.as_str(),
            text(&details)
        );
    } else if !case.suppressed.is_empty() {
        let reasons: Vec<&str> = case
            .suppressed
            .iter()
            .map(|(_, s)| s.reason.as_str())
            .collect();
        let _ = writeln!(
            out,
            ">\n      <skipped message=\"{}\"/>\n    </testcase>",
            attribute(&format!("suppressed: {}", reasons.join("; ")))
        );
    } else {
        out.push_str("/>\n");
    }
}

/// `path:line:col: message`, then its related locations and help, indented.
fn describe(out: &mut String, sources: &SourceMap, finding: &Rendered) {
    let at = sources.resolve(finding.primary.location);
    let _ = writeln!(out, "{at}: {}", finding.message);
    for label in &finding.related {
        let _ = writeln!(out, "  {}: {}", sources.resolve(label.location), label.text);
    }
    if let Some(help) = &finding.help {
        let _ = writeln!(out, "  help: {help}");
    }
}

/// Escapes text for element content: the five special characters, and characters XML 1.0
/// does not allow at all (most control characters) removed.
pub fn text(text: &str) -> String {
    escape(text, false)
}

/// Escapes text for an attribute value: as element content, and line breaks and tabs as
/// character references, which attribute-value normalization would otherwise turn into spaces.
pub fn attribute(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            c if allowed_in_xml(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// XML 1.0's `Char` production (Rust's `char` already excludes surrogates).
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{Counts, LintOutcome};

    #[test]
    fn the_five_special_characters_are_escaped() {
        assert_eq!(
            text("a & b < c > d \"e\" 'f'"),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;"
        );
    }

    #[test]
    fn characters_xml_forbids_are_removed() {
        assert_eq!(text("bell\u{7} nul\u{0} esc\u{1b}"), "bell nul esc");
        assert_eq!(text("not a char: \u{FFFE}\u{FFFF}"), "not a char: ");
        assert_eq!(text("tab\tline\nemoji 🦀"), "tab\tline\nemoji 🦀");
        // A carriage return would be normalised away by parsers; a reference keeps it.
        assert_eq!(text("a\r\nb"), "a&#13;\nb");
    }

    #[test]
    fn attributes_keep_line_breaks_as_references() {
        assert_eq!(attribute("one\ntwo\tthree"), "one&#10;two&#9;three");
    }

    #[test]
    fn one_case_per_rule_and_file_with_the_suppressed_skipped() {
        let sample = crate::output::tests::sample();
        let xml = render(&sample.context());
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
        assert!(
            xml.contains(
                "<testsuites name=\"cohere\" tests=\"4\" failures=\"4\" errors=\"0\" skipped=\"0\">"
            ),
            "{xml}"
        );
        // The suppressed finding shares its rule and file with a reported one: it is listed.
        assert!(
            xml.contains("suppressed: accepted by cabinet decision 2026/14"),
            "{xml}"
        );
        assert!(!xml.contains('\u{1}'), "{xml}");
        assert!(xml.contains("done&#13;\nnext | &lt;tag&gt; &amp; &quot;quoted&quot;"));
    }

    #[test]
    fn a_case_with_only_suppressed_findings_is_skipped() {
        let mut sample = crate::output::tests::sample();
        sample
            .outcome
            .findings
            .retain(|f| f.rule.id != "unknown-reference");
        sample.outcome.counts = Counts::of(&sample.outcome.findings);
        let xml = render(&sample.context());
        assert!(
            xml.contains(
                "<testcase classname=\"policies/draft.yaml\" name=\"unknown-reference\">\n      \
                 <skipped message=\"suppressed: accepted by cabinet decision 2026/14\"/>"
            ),
            "{xml}"
        );
        assert!(xml.contains("skipped=\"1\">"), "{xml}");
    }

    #[test]
    fn nothing_found_is_one_passing_case() {
        let mut sample = crate::output::tests::sample();
        sample.outcome = LintOutcome {
            findings: Vec::new(),
            suppressed: Vec::new(),
            counts: Counts::default(),
            ..LintOutcome::default()
        };
        assert_eq!(
            render(&sample.context()),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <testsuites name=\"cohere\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n  \
             <testsuite name=\"cohere\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n    \
             <testcase classname=\"cohere\" name=\"cohere\"/>\n  \
             </testsuite>\n\
             </testsuites>\n"
        );
    }
}
