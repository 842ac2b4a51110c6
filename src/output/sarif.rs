//! SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
//!
//! One run whose driver lists every rule (not only those found), each with its documentation
//! and examples, and one result per finding, suppressed findings included with their
//! `suppressions`. Results carry a full region, related locations, and a partial fingerprint
//! built from the finding's meaning (rule, file, ids), so that code scanning recognises a finding
//! after edits move it.
//!
//! The shapes below are this format's own: a small subset of the SARIF object model, enough for
//! what cohere reports. `uri`s are the paths cohere shows (relative to the git work tree that
//! holds the project, the repository root), resolved against `%SRCROOT%`. Files compiled into cohere
//! (`builtin:…`) are not in the repository; locations there are named in the message instead.

use super::{RenderContext, in_repository, json, repository_anchor};
use crate::finding::{Label, Rendered, Severity};
use crate::rules::{self, RULES, RuleMeta};
use crate::source::{Location, SourceMap};
use serde::Serialize;
use std::collections::BTreeMap;

/// The JSON schema of SARIF 2.1.0.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The SARIF version.
pub const VERSION: &str = "2.1.0";
/// The key of cohere's fingerprint in `partialFingerprints`; bump the suffix if its meaning
/// changes, so that code scanning does not match old alerts with new ones.
pub const FINGERPRINT_KEY: &str = "cohereFingerprint/v1";
/// Where the tool is documented.
pub const INFORMATION_URI: &str = "https://github.com/cohere-policy/cohere";
/// Where the rules are documented, one anchor per rule id.
const RULES_URI: &str = "https://github.com/cohere-policy/cohere/blob/main/docs/rules.md";
/// The base that relative `uri`s resolve against: the root of the analysed repository.
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    /// cohere counts columns in characters (Unicode code points), not UTF-16 units.
    column_kind: &'static str,
    results: Results<'a>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    /// Left out when it would only repeat the id (SARIF 3.49.7: a name identical to the id
    /// must be omitted; the validator compares without case).
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    short_description: Text,
    full_description: Text,
    help: Help,
    help_uri: String,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<SarifLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    properties: ResultProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: SnippetRegion,
    /// The whole lines around the region, so that viewers without the file show some context.
    #[serde(skip_serializing_if = "Option::is_none")]
    context_region: Option<ContextRegion>,
}

#[derive(Serialize)]
struct SnippetRegion {
    #[serde(flatten)]
    region: Region,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ContextRegion {
    start_line: u32,
    end_line: u32,
    snippet: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

/// A region in SARIF's terms: 1-based lines and columns, `end_column` one past the last
/// character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    /// First line.
    pub start_line: u32,
    /// First column.
    pub start_column: u32,
    /// Last line.
    pub end_line: u32,
    /// One past the last column.
    pub end_column: u32,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    justification: String,
}

#[derive(Serialize)]
struct ResultProperties {
    confidence: &'static str,
    category: &'static str,
}

/// The results: the findings, then the suppressed findings, each rendered when the serializer
/// reaches it.
struct Results<'a> {
    context: &'a RenderContext<'a>,
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let outcome = self.context.outcome;
        let sources = self.context.sources;
        let cx = self.context.cx;
        let mut seq =
            serializer.serialize_seq(Some(outcome.findings.len() + outcome.suppressed.len()))?;
        super::for_each_rendered(
            &outcome.findings,
            |finding| finding.render_ids(cx),
            |_, rendered| seq.serialize_element(&result(sources, &rendered, None)),
        )?;
        super::for_each_rendered(
            &outcome.suppressed,
            |s| s.finding.render_ids(cx),
            |s, rendered| seq.serialize_element(&result(sources, &rendered, Some(&s.reason))),
        )?;
        seq.end()
    }
}

/// Renders the SARIF log as a string (for tests and small outputs).
pub fn render(context: &RenderContext<'_>) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(context, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the SARIF log, pretty-printed, with a final newline, result by result.
pub fn write(context: &RenderContext<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let results = Results { context };
    let log = Log {
        schema: SCHEMA,
        version: VERSION,
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "cohere",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules: RULES.iter().map(|rule| descriptor(rule.meta)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, &log).map_err(std::io::Error::other)?;
    std::io::Write::write_all(&mut out, b"\n")?;
    std::io::Write::flush(&mut out)
}

/// The SARIF level of a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `unknown-reference` → `UnknownReference`.
pub fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

fn descriptor(meta: &'static RuleMeta) -> ReportingDescriptor {
    let name = pascal_case(meta.id);
    ReportingDescriptor {
        id: meta.id,
        name: (!name.eq_ignore_ascii_case(meta.id)).then_some(name),
        short_description: Text {
            text: meta.summary.to_string(),
        },
        full_description: Text {
            text: meta.what.to_string(),
        },
        help: Help {
            text: rules::explain(meta),
            markdown: rules::explain_markdown(meta, 3),
        },
        help_uri: format!("{RULES_URI}#{}", meta.id),
        default_configuration: Configuration {
            level: level(meta.default_severity),
        },
        properties: RuleProperties {
            tags: vec![meta.category.as_str()],
        },
    }
}

fn result(sources: &SourceMap, finding: &Rendered, suppressed: Option<&str>) -> SarifResult {
    let anchor = repository_anchor(sources, finding);
    let labels = std::iter::once(&finding.primary).chain(&finding.related);
    let mut related = Vec::new();
    let mut elsewhere = Vec::new();
    let mut anchor_label = None;
    for label in labels {
        if label.location == anchor && anchor_label.is_none() {
            anchor_label = Some(label.text.as_str());
        } else if in_repository(sources, label.location) {
            related.push(SarifLocation {
                id: Some(related.len() + 1),
                physical_location: physical(sources, label.location, false),
                message: non_empty(&label.text),
            });
        } else {
            elsewhere.push(describe_elsewhere(sources, label));
        }
    }
    let mut message = finding.message.clone();
    for line in elsewhere {
        message.push('\n');
        message.push_str(&line);
    }
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    SarifResult {
        rule_id: finding.rule.id,
        rule_index: RULES
            .iter()
            .position(|rule| rule.meta.id == finding.rule.id),
        level: level(finding.severity),
        message: Text { text: message },
        locations: vec![SarifLocation {
            id: None,
            physical_location: physical(sources, anchor, true),
            message: anchor_label.and_then(non_empty),
        }],
        related_locations: related,
        partial_fingerprints: BTreeMap::from([(
            FINGERPRINT_KEY,
            json::fingerprint(sources, finding),
        )]),
        suppressions: suppressed
            .map(|reason| Suppression {
                kind: "inSource",
                justification: reason.to_string(),
            })
            .into_iter()
            .collect(),
        properties: ResultProperties {
            confidence: finding.confidence.as_str(),
            category: finding.rule.category.as_str(),
        },
    }
}

fn non_empty(text: &str) -> Option<Text> {
    (!text.trim().is_empty()).then(|| Text {
        text: text.to_string(),
    })
}

/// A label in a file outside the repository, in words: `first defined here: builtin:…:3:5`.
fn describe_elsewhere(sources: &SourceMap, label: &Label) -> String {
    let at = sources.resolve(label.location);
    if label.text.trim().is_empty() {
        format!("see {at}")
    } else {
        format!("{}: {at}", label.text)
    }
}

/// A location with its region; `context` adds the snippet and the surrounding lines (for the
/// result's own location, not for related ones, to keep the log small).
fn physical(sources: &SourceMap, location: Location, context: bool) -> PhysicalLocation {
    let at = json::location(sources, location);
    let in_repository = in_repository(sources, location);
    let region = region(at.line, at.column, at.end_line, at.end_column);
    let file = sources.get(location.file);
    let snippet = context
        .then(|| file.slice(location.span))
        .and_then(non_empty);
    let context_region = context.then(|| {
        let lines = file.lines_range(region.start_line, region.end_line);
        ContextRegion {
            start_line: region.start_line,
            end_line: region.end_line,
            snippet: Text {
                text: file.slice(lines).to_string(),
            },
        }
    });
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: if in_repository {
                uri(&at.path)
            } else {
                at.path.clone()
            },
            uri_base_id: in_repository.then_some(SRCROOT),
        },
        region: SnippetRegion { region, snippet },
        context_region,
    }
}

/// A valid SARIF region from resolved positions: lines and columns at least 1, and the end
/// never before the start.
pub fn region(line: u32, column: u32, end_line: u32, end_column: u32) -> Region {
    let start_line = line.max(1);
    let start_column = column.max(1);
    let (end_line, end_column) = if end_line < start_line {
        (start_line, start_column)
    } else if end_line == start_line {
        (end_line, end_column.max(start_column))
    } else {
        (end_line, end_column.max(1))
    };
    Region {
        start_line,
        start_column,
        end_line,
        end_column,
    }
}

/// A display path as a URI reference: `/` separators, and every byte outside RFC 3986's
/// unreserved characters percent-encoded. Absolute paths become `file://` URIs.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for &byte in path.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    if path.starts_with('/') {
        format!("file://{out}")
    } else if path.as_bytes().get(1) == Some(&b':') {
        // A Windows path with a drive letter: keep the colon, as file URIs do.
        format!("file:///{}", out.replacen("%3A", ":", 1))
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_start_at_one_and_never_end_before_they_start() {
        assert_eq!(region(0, 0, 0, 0), region(1, 1, 1, 1));
        let r = region(0, 0, 0, 0);
        assert!(r.start_line >= 1 && r.start_column >= 1);
        // An end before the start (on the same line or an earlier one) collapses to the start.
        assert_eq!(region(5, 9, 5, 3), region(5, 9, 5, 9));
        assert_eq!(region(5, 9, 4, 20), region(5, 9, 5, 9));
        // A span over several lines may end left of where it started.
        assert_eq!(
            region(5, 9, 7, 2),
            Region {
                start_line: 5,
                start_column: 9,
                end_line: 7,
                end_column: 2
            }
        );
        assert_eq!(region(5, 9, 7, 0).end_column, 1);
    }

    #[test]
    fn every_region_of_the_sample_is_valid() {
        let sample = super::super::tests::sample();
        let text = render(&sample.context());
        let log: serde_json::Value = serde_json::from_str(&text).unwrap();
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert!(!results.is_empty());
        let mut regions = 0;
        for result in results {
            let locations = result["locations"]
                .as_array()
                .unwrap()
                .iter()
                .chain(result["relatedLocations"].as_array().into_iter().flatten());
            for location in locations {
                let region = &location["physicalLocation"]["region"];
                let get = |key: &str| region[key].as_u64().unwrap();
                assert!(get("startLine") >= 1 && get("startColumn") >= 1, "{region}");
                assert!(get("endLine") >= get("startLine"), "{region}");
                if get("endLine") == get("startLine") {
                    assert!(get("endColumn") >= get("startColumn"), "{region}");
                }
                regions += 1;
            }
        }
        assert!(regions >= 3);
    }

    #[test]
    fn built_in_locations_are_named_in_the_message_not_located() {
        let sample = super::super::tests::sample();
        let text = render(&sample.context());
        assert!(!text.contains("\"uri\": \"builtin:"), "{text}");
        assert!(
            text.contains("first defined here: builtin:frameworks/sdg.yaml:2:5"),
            "{text}"
        );
    }

    #[test]
    fn suppressed_findings_are_results_with_a_justification() {
        let sample = super::super::tests::sample();
        let log: serde_json::Value = serde_json::from_str(&render(&sample.context())).unwrap();
        let results = log["runs"][0]["results"].as_array().unwrap();
        let suppressed: Vec<_> = results
            .iter()
            .filter(|r| r.get("suppressions").is_some())
            .collect();
        assert_eq!(suppressed.len(), 1);
        assert_eq!(suppressed[0]["suppressions"][0]["kind"], "inSource");
        assert_eq!(
            suppressed[0]["suppressions"][0]["justification"],
            "accepted by cabinet decision 2026/14"
        );
    }

    #[test]
    fn every_rule_is_described_with_its_examples() {
        let sample = super::super::tests::sample();
        let log: serde_json::Value = serde_json::from_str(&render(&sample.context())).unwrap();
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        assert_eq!(rules.len(), RULES.len());
        for (rule, registered) in rules.iter().zip(RULES) {
            assert_eq!(rule["id"], registered.meta.id);
            let markdown = rule["help"]["markdown"].as_str().unwrap();
            assert!(markdown.contains("```yaml\n"), "{markdown}");
        }
    }

    #[test]
    fn names_are_pascal_case_and_uris_are_encoded() {
        assert_eq!(pascal_case("unknown-reference"), "UnknownReference");
        assert_eq!(pascal_case("schema"), "Schema");
        assert_eq!(uri("a b/c#d.yaml"), "a%20b/c%23d.yaml");
        assert_eq!(uri("dir\\é.yaml"), "dir/%C3%A9.yaml");
        assert_eq!(uri("/abs/p.yaml"), "file:///abs/p.yaml");
        assert_eq!(uri("C:\\p.yaml"), "file:///C:/p.yaml");
        assert_eq!(rules::code_fence("a ```` b"), "`````");
        assert_eq!(rules::code_fence("plain"), "```");
    }
}
