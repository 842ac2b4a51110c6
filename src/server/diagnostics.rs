//! One lint run of a project, as the editor sees it: the same findings `cohere lint` reports
//! (the same load, analysis and [`lint`] call), turned into LSP diagnostics per file, with the
//! quick fixes each finding allows.

use super::convert::{LineIndex, path_to_uri};
use crate::analysis::{Analysis, analyze};
use crate::diagnostic::{Category, RuleMeta};
use crate::finding::{Cx, Finding, Severity};
use crate::lint::{LintOptions, lint};
use crate::project::{LoadError, LoadRequest, Workspace, load};
use crate::source::{FileId, Origin, SourceFile};
use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What the server shows for one file.
#[derive(Debug)]
pub struct FileReport {
    /// The file's URI.
    pub uri: Uri,
    /// Its diagnostics, in the order `cohere lint` lists the findings.
    pub diagnostics: Vec<Diagnostic>,
    /// The quick fixes, one per diagnostic that allows any (same order).
    pub fixes: Vec<Fix>,
}

/// What can be done about one finding from the editor.
#[derive(Clone, Debug)]
pub struct Fix {
    /// The diagnostic the fix is for.
    pub diagnostic: Diagnostic,
    /// The rule.
    pub rule: &'static str,
    /// The did-you-mean: text to write in place of the finding's range.
    pub replacement: Option<String>,
    /// Where a suppression comment goes (the start of the finding's line) and the indentation
    /// to give it; `None` for document findings, which are corrected rather than suppressed.
    pub suppression: Option<(Position, String)>,
}

/// The outcome of one lint run of a project, kept to answer hovers, definitions, completions
/// and code actions until the next run.
pub struct Snapshot {
    /// What was loaded.
    pub workspace: Workspace,
    /// Its analysis.
    pub analysis: Analysis,
    /// What to show, by the file's path on disk (as loaded); files without findings are absent.
    pub files: BTreeMap<PathBuf, FileReport>,
}

/// Whether the editor offers to suppress a finding of `rule`. A document finding (a syntax
/// error, an unknown field or id, a malformed suppression) is a mistake to correct, not a
/// trade-off to accept with a reason; the analysis findings are the ones suppressions are for.
fn suppressible(rule: &RuleMeta) -> bool {
    rule.category != Category::Document
}

/// Loads, analyses and lints as `cohere lint` does, and words the findings for the editor.
/// `uri_of` gives the URI to publish a file's diagnostics under (the one the client opened it
/// with, for open documents).
pub fn check(
    request: &LoadRequest,
    uri_of: &dyn Fn(&Path) -> Option<Uri>,
) -> Result<Snapshot, LoadError> {
    let workspace = load(request)?;
    let analysis = analyze(&workspace.model, &workspace.settings);
    let outcome = lint(&workspace, &analysis, &LintOptions::default());
    let cx = Cx {
        model: &workspace.model,
        analysis: &analysis,
    };
    let mut files: BTreeMap<PathBuf, FileReport> = BTreeMap::new();
    let mut places = Places {
        workspace: &workspace,
        uri_of,
        uris: BTreeMap::new(),
        indices: BTreeMap::new(),
    };
    for finding in &outcome.findings {
        let source = workspace.sources.get(finding.location.file);
        let Some(path) = on_disk(source) else {
            // Findings sit in the repository's files; a built-in file has nowhere to show one.
            continue;
        };
        let Some(uri) = places.uri(finding.location.file) else {
            continue;
        };
        let (diagnostic, fix) = diagnostic(&mut places, cx, finding);
        let report = files
            .entry(path.to_path_buf())
            .or_insert_with(|| FileReport {
                uri,
                diagnostics: Vec::new(),
                fixes: Vec::new(),
            });
        report.diagnostics.push(diagnostic);
        report.fixes.extend(fix);
    }
    drop(outcome);
    Ok(Snapshot {
        workspace,
        analysis,
        files,
    })
}

/// The URIs and line indices of the files findings point into, each made once per run.
struct Places<'a> {
    workspace: &'a Workspace,
    uri_of: &'a dyn Fn(&Path) -> Option<Uri>,
    uris: BTreeMap<FileId, Option<Uri>>,
    indices: BTreeMap<FileId, LineIndex>,
}

impl Places<'_> {
    /// The URI of a file on disk; `None` for built-in files.
    fn uri(&mut self, file: FileId) -> Option<Uri> {
        let (workspace, uri_of) = (self.workspace, self.uri_of);
        self.uris
            .entry(file)
            .or_insert_with(|| uri_of(on_disk(workspace.sources.get(file))?))
            .clone()
    }

    /// The LSP range of a location.
    fn range(&mut self, location: crate::source::Location) -> Range {
        let text = &self.workspace.sources.get(location.file).text;
        self.indices
            .entry(location.file)
            .or_insert_with(|| LineIndex::new(text))
            .range(text, location.span)
    }

    /// The line index of a file.
    fn index(&mut self, file: FileId) -> &LineIndex {
        let text = &self.workspace.sources.get(file).text;
        self.indices
            .entry(file)
            .or_insert_with(|| LineIndex::new(text))
    }
}

/// A file's path on disk, for files read from disk.
pub fn on_disk(source: &SourceFile) -> Option<&Path> {
    match source.origin {
        Origin::Disk => source.disk_path.as_deref(),
        Origin::BuiltIn | Origin::Refused => None,
    }
}

fn diagnostic(places: &mut Places<'_>, cx: Cx<'_>, finding: &Finding) -> (Diagnostic, Option<Fix>) {
    let workspace = places.workspace;
    let rendered = finding.render_ids(cx);
    let source = workspace.sources.get(finding.location.file);
    let range = places.range(finding.location);
    // The message is the finding as `cohere lint` words it; help and notes follow on their own
    // lines, as in the text output. Related places in the repository's files are related
    // information the editor links; those in built-in files (knowledge-base interactions) have
    // no file to open, so they are named in the message.
    let mut message = rendered.message.clone();
    let mut related = Vec::new();
    for label in &rendered.related {
        match places.uri(label.location.file) {
            Some(uri) => {
                related.push(DiagnosticRelatedInformation {
                    location: Location::new(uri, places.range(label.location)),
                    message: label.text.clone(),
                });
            }
            None => {
                let at = workspace.sources.resolve(label.location);
                message.push_str(&format!("\n{at}: {}", label.text));
            }
        }
    }
    if let Some(help) = &rendered.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    for note in &rendered.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    let diagnostic = Diagnostic {
        range,
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(finding.rule.id.to_string())),
        code_description: None,
        source: Some("cohere".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    };
    let replacement = finding
        .replacement(cx)
        .filter(|meant| meant != source.slice(finding.location.span))
        .filter(|_| !finding.location.span.range().is_empty());
    let suppression = suppressible(finding.rule).then(|| {
        let line_start = Position::new(range.start.line, 0);
        let offset = places
            .index(finding.location.file)
            .offset(&source.text, line_start) as usize;
        let line = source.text[offset..].lines().next().unwrap_or("");
        let indent: String = line.chars().take_while(|c| *c == ' ').collect();
        // A list item's comment goes at the dash's column, so that it covers the item.
        (line_start, indent)
    });
    let fix = (replacement.is_some() || suppression.is_some()).then(|| Fix {
        diagnostic: diagnostic.clone(),
        rule: finding.rule.id,
        replacement,
        suppression,
    });
    (diagnostic, fix)
}

/// A diagnostic for a project that cannot be loaded at all (`cohere lint` exits 2): on the
/// project file, at the place the error names, or at its start.
pub fn load_error(error: &LoadError) -> Diagnostic {
    let (range, message) = match error {
        LoadError::Config {
            line,
            column,
            error,
            text,
            ..
        } => {
            let index = LineIndex::new(text);
            let at = Position::new(line.saturating_sub(1), 0);
            // The error's column counts characters; the editor's, UTF-16 units.
            let offset = index.offset(text, at) as usize;
            let line_text = text[offset..].lines().next().unwrap_or("");
            let prefix: String = line_text
                .chars()
                .take(column.saturating_sub(1) as usize)
                .collect();
            let start = Position::new(at.line, prefix.encode_utf16().count() as u32);
            let mut message = error.message.clone();
            if let Some(help) = &error.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            (Range::new(start, start), message)
        }
        other => (Range::default(), other.to_string()),
    };
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: None,
        code_description: None,
        source: Some("cohere".to_string()),
        message: format!("cohere cannot check this project: {message}"),
        related_information: None,
        tags: None,
        data: None,
    }
}

/// A diagnostic for a run that failed inside cohere: a bug, reported where it is seen.
pub fn internal_error() -> Diagnostic {
    Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: None,
        code_description: None,
        source: Some("cohere".to_string()),
        message: "cohere failed while checking this project (a bug: the server's standard error \
                  has the details; please report it)"
            .to_string(),
        related_information: None,
        tags: None,
        data: None,
    }
}

/// The URI of a path, for files no client named.
pub fn default_uri(path: &Path) -> Option<Uri> {
    path_to_uri(path)
}
