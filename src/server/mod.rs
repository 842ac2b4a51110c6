//! `cohere server`: a language server over stdio (JSON-RPC, the Language Server Protocol).
//!
//! An editor connected to it shows `cohere lint`'s findings as diagnostics as the user types,
//! and answers hovers, definitions, completions and quick fixes from the same model.
//!
//! - **Projects.** Each open YAML document belongs to the project of the nearest `cohere.yaml`
//!   above it (found as `cohere lint` finds it); documents with none are checked together with
//!   the built-in defaults, as `cohere lint FILE…` checks them. A project is checked whole —
//!   every file its globs select, open or not — so that the editor shows what `cohere lint`
//!   run in that directory reports, and a change in one policy updates the findings it causes
//!   in another.
//! - **Buffers over disk.** The text of an open document is what is checked, saved or not
//!   ([`crate::project::LoadRequest::overlay`]); closed files are read from disk.
//! - **Incremental where it pays.** Parsing is most of a run (the built-in frameworks and
//!   knowledge base are half a megabyte of YAML); each project keeps its files' parses
//!   ([`crate::project::ParseCache`]) and a run parses only the documents whose text changed.
//!   Validation, analysis and the rules run over the whole project every time: a change to one
//!   measure can change findings anywhere, and they take a few milliseconds.
//! - **Debounced.** A change marks its project stale and sets a deadline [`DEBOUNCE`] later;
//!   every change that arrives before it is taken in the same run. A request (hover, …) that
//!   finds a project stale runs it first, so that answers match the text on screen.
//! - **Files on disk.** Closed files are read from disk on every run; when the client can
//!   watch files, the server asks it to report changes to YAML files, and a change (or a save)
//!   checks every project again.
//! - **Diagnostics.** After each run, every file with findings gets its list, and every file
//!   that had findings in the last run and has none now gets an empty one.
//! - **Never dies on input.** A half-typed document is a `yaml-syntax` finding like any other;
//!   a project file that cannot be read is one diagnostic on it (`cohere lint` would exit 2).
//!   Requests that cannot be answered get an empty answer, never an error that stops the loop.
//! - **Shutdown.** `shutdown` is answered and further requests refused; `exit` ends the loop,
//!   and the process exits 0 after a shutdown and 1 without one, as the protocol asks.

mod convert;
mod diagnostics;
mod lookup;

pub use convert::{LineIndex, path_to_uri, uri_to_path};

use crate::project::{ConfigChoice, LoadRequest, Overlay, PROJECT_FILE, ParseCache};
use crate::source::FileId;
use diagnostics::{Fix, Snapshot};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Exit, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, GotoDefinition, HoverRequest, RegisterCapability, Request as _,
    Shutdown,
};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CompletionOptions, CompletionParams, CompletionResponse,
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, GotoDefinitionParams,
    GotoDefinitionResponse, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, Location, MarkupContent, MarkupKind, OneOf, Position,
    PublishDiagnosticsParams, Range, Registration, RegistrationParams, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::{BTreeMap, HashMap};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long after a change the project is checked, unless another change comes first: long
/// enough to take in a burst of notifications (a paste, an editor's formatting) in one run,
/// short enough that findings follow typing.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// Why the server stopped without a clean exit.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The connection broke or the client broke the protocol.
    #[error("language server protocol: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    /// The client's `initialize` parameters could not be read.
    #[error("invalid initialize parameters: {0}")]
    Initialize(#[from] serde_json::Error),
}

/// Serves one client over `connection` until it sends `exit` or disconnects. Returns whether
/// the client shut the server down first (the exit status is 0 then, 1 otherwise).
pub fn run(connection: &Connection) -> Result<bool, ServerError> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".to_string()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo {
            name: "cohere".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    connection.initialize_finish(id, result)?;
    // Every document finds its own project, and positions are counted in UTF-16, which every
    // client accepts: of the parameters, only whether the client can watch files matters.
    let mut server = Server::new(connection);
    if can_watch_files(&params) {
        server.watch_files();
    }
    server.serve()
}

/// An open document.
struct Open {
    uri: Uri,
    version: i32,
    text: Arc<str>,
}

/// Which project a document belongs to: the project file above it, or none (checked with the
/// built-in defaults).
type ProjectKey = Option<PathBuf>;

struct Project {
    /// The project's files as last parsed: a run parses only the files whose text changed
    /// (the built-in frameworks and knowledge base once per session).
    cache: Arc<ParseCache>,
    /// The last run, if it could load the project.
    snapshot: Option<Snapshot>,
    /// Whether a change came in since the last run.
    stale: bool,
    /// The URIs the last run published diagnostics for, by their text (a `Uri` caches its
    /// parts in cells, so it makes no key).
    published: BTreeMap<String, Uri>,
}

struct Server<'a> {
    connection: &'a Connection,
    /// Open documents, by their path with links resolved.
    open: BTreeMap<PathBuf, Open>,
    projects: BTreeMap<ProjectKey, Project>,
    /// When the stale projects are to be checked.
    deadline: Option<Instant>,
    /// The URIs of the documents edited since their project was last checked.
    edited: std::collections::BTreeSet<String>,
    shut_down: bool,
}

/// A path with its symbolic links resolved where it exists, so that a document opened through
/// a link and a file the walk found are one file.
fn key(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

impl<'a> Server<'a> {
    fn new(connection: &'a Connection) -> Self {
        Server {
            connection,
            open: BTreeMap::new(),
            projects: BTreeMap::new(),
            deadline: None,
            edited: Default::default(),
            shut_down: false,
        }
    }

    fn serve(&mut self) -> Result<bool, ServerError> {
        loop {
            let message = match self.deadline {
                Some(deadline) => {
                    let wait = deadline.saturating_duration_since(Instant::now());
                    match self.connection.receiver.recv_timeout(wait) {
                        Ok(message) => message,
                        Err(error) if error.is_timeout() => {
                            self.check_stale();
                            continue;
                        }
                        Err(_) => return Ok(false),
                    }
                }
                None => match self.connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(false),
                },
            };
            match message {
                Message::Request(request) => self.request(request),
                Message::Notification(notification) => {
                    if notification.method == Exit::METHOD {
                        return Ok(self.shut_down);
                    }
                    self.notification(notification);
                }
                Message::Response(_) => {}
            }
        }
    }

    /// Asks the client to report changes to YAML files on disk (`didChangeWatchedFiles`).
    fn watch_files(&self) {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/*.{yaml,yml}".to_string()),
                kind: None,
            }],
        };
        let registration = Registration {
            id: "cohere-yaml-files".to_string(),
            method: DidChangeWatchedFiles::METHOD.to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        self.send(Request::new(
            RequestId::from("cohere-watch".to_string()),
            RegisterCapability::METHOD.to_string(),
            RegistrationParams {
                registrations: vec![registration],
            },
        ));
    }

    fn send(&self, message: impl Into<Message>) {
        // A send fails only when the client has gone; the next receive ends the loop then.
        let _ = self.connection.sender.send(message.into());
    }

    fn request(&mut self, request: Request) {
        if self.shut_down {
            self.send(Response::new_err(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is shut down".to_string(),
            ));
            return;
        }
        if request.method == Shutdown::METHOD {
            self.shut_down = true;
            self.send(Response::new_ok(request.id, ()));
            return;
        }
        let id = request.id.clone();
        let result = match request.method.as_str() {
            HoverRequest::METHOD => parse(&request).map(|p| to_json(self.hover(p))),
            GotoDefinition::METHOD => parse(&request).map(|p| to_json(self.definition(p))),
            Completion::METHOD => parse(&request).map(|p| to_json(self.completion(p))),
            CodeActionRequest::METHOD => parse(&request).map(|p| to_json(self.code_actions(p))),
            _ => {
                self.send(Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("cohere does not answer `{}`", request.method),
                ));
                return;
            }
        };
        self.respond(id, result);
    }

    fn respond(&self, id: RequestId, result: Result<serde_json::Value, String>) {
        match result {
            Ok(value) => self.send(Response::new_ok(id, value)),
            Err(message) => self.send(Response::new_err(
                id,
                ErrorCode::InvalidParams as i32,
                message,
            )),
        }
    }

    fn notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(params) = notification
                    .extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                {
                    let document = params.text_document;
                    self.set_text(
                        document.uri,
                        document.version,
                        Arc::from(document.text.as_str()),
                    );
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<lsp_types::DidChangeTextDocumentParams>(
                    DidChangeTextDocument::METHOD,
                ) {
                    // Full synchronisation: the last change holds the whole text.
                    if let Some(change) = params.content_changes.into_iter().last() {
                        self.set_text(
                            params.text_document.uri,
                            params.text_document.version,
                            Arc::from(change.text.as_str()),
                        );
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(params) = notification
                    .extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                {
                    self.close(&params.text_document.uri);
                }
            }
            // A file changed on disk: a closed document (which is read from disk), another
            // editor's save, a checkout. Every project is checked again (parsing only what
            // changed); a save of an open document changes nothing, but costs as little.
            DidChangeWatchedFiles::METHOD | DidSaveTextDocument::METHOD => {
                for project in self.projects.values_mut() {
                    project.stale = true;
                }
                if !self.projects.is_empty() {
                    self.deadline = Some(Instant::now() + DEBOUNCE);
                }
            }
            _ => {}
        }
    }

    /// Takes in a document's new text and marks its project stale.
    fn set_text(&mut self, uri: Uri, version: i32, text: Arc<str>) {
        let Some(path) = uri_to_path(&uri).filter(|p| is_yaml(p)) else {
            return;
        };
        let path = key(&path);
        let project = project_of(&path);
        self.edited.insert(uri.as_str().to_string());
        self.open.insert(path, Open { uri, version, text });
        self.projects
            .entry(project)
            .or_insert_with(|| Project {
                cache: Arc::default(),
                snapshot: None,
                stale: true,
                published: BTreeMap::new(),
            })
            .stale = true;
        self.deadline = Some(Instant::now() + DEBOUNCE);
    }

    fn close(&mut self, uri: &Uri) {
        let Some(path) = uri_to_path(uri) else {
            return;
        };
        let path = key(&path);
        if self.open.remove(&path).is_none() {
            return;
        }
        let project = project_of(&path);
        let still_open = self.open.keys().any(|p| project_of(p) == project);
        if still_open {
            // Its text on disk now counts.
            if let Some(entry) = self.projects.get_mut(&project) {
                entry.stale = true;
                self.deadline = Some(Instant::now() + DEBOUNCE);
            }
        } else if let Some(entry) = self.projects.remove(&project) {
            // Nothing of the project is open any more: clear what it showed.
            for uri in entry.published.into_values() {
                self.publish(uri, None, Vec::new());
            }
        }
    }

    /// Checks every stale project and publishes what changed.
    fn check_stale(&mut self) {
        self.deadline = None;
        let stale: Vec<ProjectKey> = self
            .projects
            .iter()
            .filter(|(_, p)| p.stale)
            .map(|(k, _)| k.clone())
            .collect();
        for project in stale {
            self.check(&project);
        }
    }

    fn check(&mut self, project: &ProjectKey) {
        let request = self.load_request(project);
        let by_path: HashMap<PathBuf, Uri> = self
            .open
            .iter()
            .map(|(path, open)| (path.clone(), open.uri.clone()))
            .collect();
        let uri_of = |path: &Path| -> Option<Uri> {
            by_path
                .get(&key(path))
                .cloned()
                .or_else(|| diagnostics::default_uri(path))
        };
        // cohere does not panic on input by design. Should a bug make it, the editor keeps its
        // server, and the project shows one diagnostic saying so instead of going silent.
        let outcome =
            std::panic::catch_unwind(AssertUnwindSafe(|| diagnostics::check(&request, &uri_of)));
        let mut now: Vec<(Uri, Option<i32>, Vec<lsp_types::Diagnostic>)> = Vec::new();
        let failure = match outcome {
            Ok(Ok(snapshot)) => {
                for (path, report) in &snapshot.files {
                    let version = self.open.get(&key(path)).map(|o| o.version);
                    now.push((report.uri.clone(), version, report.diagnostics.clone()));
                }
                Ok(snapshot)
            }
            // The project file itself is wrong: one diagnostic on it.
            Ok(Err(error)) => Err(diagnostics::load_error(&error)),
            Err(_) => Err(diagnostics::internal_error()),
        };
        let snapshot = match failure {
            Ok(snapshot) => Some(snapshot),
            Err(diagnostic) => {
                // On the project file, or, for documents with no project, on each of them.
                let places: Vec<PathBuf> = match project {
                    Some(file) => vec![file.clone()],
                    None => request.paths.clone(),
                };
                for place in places {
                    if let Some(uri) = uri_of(&place) {
                        let version = self.open.get(&key(&place)).map(|o| o.version);
                        now.push((uri, version, vec![diagnostic.clone()]));
                    }
                }
                None
            }
        };
        let published: BTreeMap<String, Uri> = now
            .iter()
            .map(|(uri, _, _)| (uri.as_str().to_string(), uri.clone()))
            .collect();
        let (before, previous) = match self.projects.get_mut(project) {
            Some(entry) => {
                entry.stale = false;
                (
                    std::mem::replace(&mut entry.published, published.clone()),
                    std::mem::replace(&mut entry.snapshot, snapshot),
                )
            }
            None => return,
        };
        for (text, gone) in before {
            if !published.contains_key(&text) {
                now.push((gone, None, Vec::new()));
            }
        }
        // The documents just edited first, then the others on screen: they are what the user
        // is waiting for.
        let open: std::collections::BTreeSet<&str> =
            self.open.values().map(|o| o.uri.as_str()).collect();
        now.sort_by_key(|(uri, _, _)| {
            (
                !self.edited.contains(uri.as_str()),
                !open.contains(uri.as_str()),
            )
        });
        for (uri, version, diagnostics) in now {
            self.edited.remove(uri.as_str());
            self.publish(uri, version, diagnostics);
        }
        // The last run's model and analysis go once the editor has what it waits for.
        drop(previous);
    }

    fn publish(&self, uri: Uri, version: Option<i32>, diagnostics: Vec<lsp_types::Diagnostic>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(
            PublishDiagnostics::METHOD.to_string(),
            params,
        ));
    }

    /// What to load for a project: as `cohere lint` run in the project's directory (the whole
    /// project), or, for documents with no project, as `cohere lint FILE…` with the built-in
    /// defaults. Open documents' texts stand in for their files.
    fn load_request(&self, project: &ProjectKey) -> LoadRequest {
        let overlay: Overlay = self
            .open
            .iter()
            .map(|(path, open)| (path.clone(), open.text.clone()))
            .collect();
        let mut request = match project {
            Some(file) => {
                let mut request = LoadRequest::new(Vec::new());
                request.config = ConfigChoice::Found(file.clone());
                if let Some(dir) = file.parent() {
                    request.cwd = dir.to_path_buf();
                }
                request
            }
            None => {
                // A buffer never saved has no file to stand in for, and is left out (a path
                // that does not exist would stop the whole load).
                let loose: Vec<PathBuf> = self
                    .open
                    .keys()
                    .filter(|p| project_of(p).is_none() && p.is_file())
                    .cloned()
                    .collect();
                let mut request = LoadRequest::new(loose);
                request.config = ConfigChoice::Isolated;
                request
            }
        };
        request.overlay = overlay;
        request.cache = self.projects.get(project).map(|p| p.cache.clone());
        request
    }

    /// Checks the project of a document first if it is stale, so that answers match the text
    /// on screen.
    fn refresh(&mut self, uri: &Uri) {
        let Some(path) = uri_to_path(uri) else {
            return;
        };
        let project = project_of(&key(&path));
        if self.projects.get(&project).is_some_and(|p| p.stale) {
            self.check(&project);
        }
    }

    /// The last run of an open document's project, the document's text, and its file there.
    fn document(&self, uri: &Uri) -> Option<(&Snapshot, Arc<str>, Option<FileId>)> {
        let path = key(&uri_to_path(uri)?);
        let project = project_of(&path);
        let text = self.open.get(&path)?.text.clone();
        let snapshot = self.projects.get(&project)?.snapshot.as_ref()?;
        let file = snapshot
            .workspace
            .sources
            .iter()
            .find(|(_, source)| diagnostics::on_disk(source).is_some_and(|p| key(p) == path))
            .map(|(id, _)| id);
        Some((snapshot, text, file))
    }

    fn hover(&mut self, params: HoverParams) -> Option<Hover> {
        let position = params.text_document_position_params;
        self.refresh(&position.text_document.uri);
        let (snapshot, text, file) = self.document(&position.text_document.uri)?;
        let index = LineIndex::new(&text);
        let offset = index.offset(&text, position.position) as usize;
        let (span, word) = lookup::word_at(&text, offset)?;
        let thing = lookup::resolve(&snapshot.workspace.model, file, word)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: lookup::hover(&snapshot.workspace, &snapshot.analysis, thing),
            }),
            range: Some(index.range(&text, span)),
        })
    }

    fn definition(&mut self, params: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
        let position = params.text_document_position_params;
        self.refresh(&position.text_document.uri);
        let (snapshot, text, file) = self.document(&position.text_document.uri)?;
        let index = LineIndex::new(&text);
        let offset = index.offset(&text, position.position) as usize;
        let (_, word) = lookup::word_at(&text, offset)?;
        let thing = lookup::resolve(&snapshot.workspace.model, file, word)?;
        let (path, target_text, span) = lookup::definition(&snapshot.workspace, thing)?;
        let uri = self
            .open
            .get(&key(path))
            .map(|o| o.uri.clone())
            .or_else(|| path_to_uri(path))?;
        let range = LineIndex::new(target_text).range(target_text, span);
        Some(GotoDefinitionResponse::Scalar(Location::new(uri, range)))
    }

    fn completion(&mut self, params: CompletionParams) -> Option<CompletionResponse> {
        let position = params.text_document_position;
        self.refresh(&position.text_document.uri);
        let (snapshot, text, file) = self.document(&position.text_document.uri)?;
        let offset = LineIndex::new(&text).offset(&text, position.position) as usize;
        Some(CompletionResponse::Array(lookup::completions(
            &snapshot.workspace.model,
            file,
            &text,
            offset,
        )))
    }

    fn code_actions(&mut self, params: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = params.text_document.uri;
        let Some(path) = uri_to_path(&uri).map(|p| key(&p)) else {
            return Vec::new();
        };
        self.refresh(&uri);
        let project = project_of(&path);
        let Some(snapshot) = self
            .projects
            .get(&project)
            .and_then(|p| p.snapshot.as_ref())
        else {
            return Vec::new();
        };
        let Some(report) = snapshot
            .files
            .iter()
            .find(|(p, _)| key(p) == path)
            .map(|(_, r)| r)
        else {
            return Vec::new();
        };
        let mut actions = Vec::new();
        for fix in &report.fixes {
            if !overlaps(fix.diagnostic.range, params.range) {
                continue;
            }
            actions.extend(code_actions(&uri, fix));
        }
        actions
    }
}

/// Whether the client can be asked to watch files for the server.
fn can_watch_files(params: &InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false)
}

/// Whether two ranges share a position (an empty range at a diagnostic's edge counts).
fn overlaps(a: Range, b: Range) -> bool {
    let before = |x: Position, y: Position| (x.line, x.character) < (y.line, y.character);
    !before(a.end, b.start) && !before(b.end, a.start)
}

/// The quick fixes of one finding: the did-you-mean replacement, then the suppression comment.
fn code_actions(uri: &Uri, fix: &Fix) -> Vec<CodeActionOrCommand> {
    let action = |title: String, edit: TextEdit, preferred: bool| {
        CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![fix.diagnostic.clone()]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..WorkspaceEdit::default()
            }),
            is_preferred: Some(preferred),
            ..CodeAction::default()
        })
    };
    let mut actions = Vec::new();
    if let Some(replacement) = &fix.replacement {
        actions.push(action(
            format!("Replace with `{replacement}`"),
            TextEdit::new(fix.diagnostic.range, replacement.clone()),
            true,
        ));
    }
    if let Some((at, indent)) = &fix.suppression {
        // The reason is left for the author to write: until it is, `invalid-suppression`
        // reports the comment, so a quick fix never silences a finding without a decision.
        let comment = format!("{indent}# cohere: allow({}) --\n", fix.rule);
        actions.push(action(
            format!("Suppress `{}` here (write the reason after `--`)", fix.rule),
            TextEdit::new(Range::new(*at, *at), comment),
            false,
        ));
    }
    actions
}

/// The project file that governs `path`: the nearest `cohere.yaml` in its directory or above.
fn project_of(path: &Path) -> ProjectKey {
    if path.file_name().is_some_and(|name| name == PROJECT_FILE) {
        return Some(path.to_path_buf());
    }
    path.ancestors()
        .skip(1)
        .map(|dir| dir.join(PROJECT_FILE))
        .find(|candidate| candidate.is_file())
}

fn parse<P: serde::de::DeserializeOwned>(request: &Request) -> Result<P, String> {
    serde_json::from_value(request.params.clone())
        .map_err(|error| format!("invalid parameters for `{}`: {error}", request.method))
}

fn to_json(value: impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}
