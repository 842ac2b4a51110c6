//! Finding and loading a policy repository: the project file, the frameworks, the documents.
//!
//! [`load`] is the front door of the library: it discovers `cohere.yaml` (walking up from the
//! paths given, or from the working directory), reads the built-in and project frameworks and
//! knowledge bases and the repository's documents (in parallel), and validates them into a
//! [`Workspace`]. Problems inside documents become findings; problems that stop cohere from
//! doing its job (an unreadable path, an invalid project file) are a [`LoadError`].
//!
//! The repository's files are untrusted: every path they name stays inside the project root
//! once symbolic links are resolved, or it is a finding and nothing behind it is read; files
//! cohere refuses are named ([`Origin::Refused`]), never quoted. Paths given in the request are
//! the operator's. Every path is shown relative to the repository ([`display_root`]), never as
//! a path of the machine. SECURITY.md has the whole threat model.

pub use crate::builtin;
mod files;

use crate::config::{ConfigError, Settings, SourceRef};
use crate::diagnostic::Catalog;
use crate::document::problem::DocumentProblem;
use crate::document::project::ProjectDoc;
use crate::document::{Document, Located, read, read_document};
use crate::model::Model;
use crate::model::build::{BuildOptions, SourcedDocument, build};
use crate::source::{FileId, Location, Origin, SourceFile, SourceMap, Span};
use crate::suppression::{self, Suppression};
use crate::yaml::{self, Limits, YamlError};
use builtin::{BUILT_INS, BuiltInKind};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use files::relative_display;

/// The project file's name.
pub const PROJECT_FILE: &str = "cohere.yaml";

/// Which project file to use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigChoice {
    /// Find `cohere.yaml` by walking up from the first path (or the working directory).
    Discover,
    /// Use this file, named by the operator (trusted as it is).
    File(PathBuf),
    /// Use this file, found in a repository (as `cohere diff` finds a revision's): like a
    /// discovered one, it must not be a symbolic link out of its directory.
    Found(PathBuf),
    /// Use the built-in defaults only.
    Isolated,
}

/// What to load.
#[derive(Clone, Debug)]
pub struct LoadRequest {
    /// Files and directories to lint; empty for the whole project.
    pub paths: Vec<PathBuf>,
    /// Which project file to use.
    pub config: ConfigChoice,
    /// The working directory, which relative paths of the request are relative to.
    pub cwd: PathBuf,
    /// The directory every path is shown relative to, in every output; `None` for the
    /// repository of the project file (see [`display_root`]), or the working directory when
    /// there is no project file.
    pub display_root: Option<PathBuf>,
    /// Load the frameworks alone when there is neither a path nor a project (for commands
    /// such as `cohere show` that need no policies).
    pub frameworks_only_without_project: bool,
    /// The rules there are, to check the project file's `rules:` against. Handed down by the
    /// rules layer: `LoadRequest::new` is written beside the registry, in [`crate::rules`].
    pub rules: Catalog,
    /// Texts read in place of the files at these paths (an editor's unsaved buffers, for
    /// `cohere server`). Only files the request reads anyway are replaced: an overlay never
    /// adds a file to the project.
    pub overlay: Overlay,
    /// Files parsed by earlier loads, reused when their text has not changed (for a caller
    /// that loads the same project again and again, as `cohere server` does on every edit).
    pub cache: Option<Arc<ParseCache>>,
}

/// Parsed files kept from one load to the next, by their text: a load parses only the files
/// whose text it has not seen (the built-in frameworks and knowledge base once, then only the
/// documents that changed). Entries no load used since the last one are dropped at its end,
/// so the cache holds one project's files, not every version of them.
#[derive(Debug, Default)]
pub struct ParseCache {
    inner: std::sync::Mutex<CacheInner>,
}

#[derive(Debug, Default)]
struct CacheInner {
    /// The limits the entries were parsed with: other limits start afresh.
    limits: Option<Limits>,
    entries: std::collections::HashMap<Arc<str>, (Arc<ParsedFile>, bool)>,
}

impl ParseCache {
    /// A load begins: entries are marked unused, and all are dropped if the limits changed.
    fn begin(&self, limits: &Limits) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.limits.as_ref() != Some(limits) {
            inner.entries.clear();
            inner.limits = Some(limits.clone());
        }
        for entry in inner.entries.values_mut() {
            entry.1 = false;
        }
    }

    /// A load ends: entries it did not use are dropped.
    fn end(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.entries.retain(|_, (_, used)| *used);
        }
    }

    /// The parse of `text`, from the cache or made now by `parse` (and kept).
    fn parse(&self, text: &str, parse: impl FnOnce() -> ParsedFile) -> ParsedFile {
        if let Ok(mut inner) = self.inner.lock()
            && let Some((parsed, used)) = inner.entries.get_mut(text)
        {
            *used = true;
            return ParsedFile::clone(parsed);
        }
        // Parsed outside the lock: the workers parse different files at once.
        let parsed = parse();
        if let Ok(mut inner) = self.inner.lock() {
            inner
                .entries
                .insert(Arc::from(text), (Arc::new(parsed.clone()), true));
        }
        parsed
    }
}

/// Parses `text`, through the cache if there is one.
pub(crate) fn parse_cached(cache: Option<&ParseCache>, text: &str, limits: &Limits) -> ParsedFile {
    match cache {
        Some(cache) => cache.parse(text, || parse_file(text, limits)),
        None => parse_file(text, limits),
    }
}

/// Texts that stand in for files on disk, by path (absolute, or as the walk finds them;
/// compared after resolving symbolic links).
pub type Overlay = std::collections::BTreeMap<PathBuf, Arc<str>>;

/// Why cohere could not load what it was asked to.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A path given on the command line or in the project file cannot be read, or the project
    /// file is a symbolic link out of its directory.
    #[error("cannot read `{path}`: {reason}")]
    Unreadable {
        /// The path.
        path: String,
        /// Why.
        reason: String,
    },
    /// No path was given and no project file was found.
    #[error("no {PROJECT_FILE} found in `{0}` or any directory above it")]
    NoProject(String),
    /// The project file is invalid.
    #[error("{}:{}:{}: {}", .path, .line, .column, .error.message)]
    Config {
        /// The project file's path, as shown.
        path: String,
        /// Its text, for showing the line.
        text: Arc<str>,
        /// The line.
        line: u32,
        /// The column.
        column: u32,
        /// What is wrong.
        error: ConfigError,
    },
}

/// The project a workspace was loaded from.
#[derive(Clone, Debug)]
pub struct ProjectInfo {
    /// The project file.
    pub file: FileId,
    /// Its directory: every path the repository's files name must stay inside it.
    pub root: PathBuf,
}

/// Everything loaded for one run: sources, the validated model, settings, and the problems of
/// the document rules.
#[derive(Debug)]
pub struct Workspace {
    /// Every file read.
    pub sources: SourceMap,
    /// The validated model.
    pub model: Model,
    /// The effective settings.
    pub settings: Settings,
    /// The project, if a project file was used.
    pub project: Option<ProjectInfo>,
    /// Problems found while reading and validating the documents, which the document rules
    /// turn into findings.
    pub problems: Vec<DocumentProblem>,
    /// Suppression comments found in the files.
    pub suppressions: Vec<Suppression>,
    /// Files whose findings are reported.
    selected: BTreeSet<FileId>,
    /// Problems met while walking directories (symlink loops, unreadable directories).
    pub warnings: Vec<String>,
}

impl Workspace {
    /// Whether findings in `file` are reported.
    pub fn is_selected(&self, file: FileId) -> bool {
        self.selected.contains(&file)
    }

    /// The files whose findings are reported.
    pub fn selected_files(&self) -> impl Iterator<Item = FileId> + '_ {
        self.selected.iter().copied()
    }

    /// The file path relative to the project root (for per-path overrides), if the file is in
    /// the project.
    pub fn project_path(&self, file: FileId) -> Option<String> {
        let project = self.project.as_ref()?;
        let source = self.sources.get(file);
        let path = source.disk_path.as_ref()?;
        path.strip_prefix(&project.root)
            .ok()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
    }
}

/// One file to read, and whether its findings are reported.
struct Planned {
    path: PathBuf,
    selected: bool,
}

/// Loads what `request` asks for.
pub fn load(request: &LoadRequest) -> Result<Workspace, LoadError> {
    let cwd = std::path::absolute(&request.cwd).unwrap_or_else(|_| request.cwd.clone());
    let mut sources = SourceMap::default();
    let mut findings = Vec::new();
    let mut warnings = Vec::new();

    // 1. The project file.
    let (project_path, trusted) = match &request.config {
        ConfigChoice::Isolated => (None, true),
        ConfigChoice::File(path) => (Some(absolute(&cwd, path)), true),
        ConfigChoice::Found(path) => (Some(absolute(&cwd, path)), false),
        ConfigChoice::Discover => {
            let start = match request.paths.first() {
                Some(first) => {
                    let first = absolute(&cwd, first);
                    if first.is_dir() {
                        first
                    } else {
                        first.parent().map(Path::to_path_buf).unwrap_or(cwd.clone())
                    }
                }
                None => cwd.clone(),
            };
            (files::discover(&start), false)
        }
    };
    if let Some(path) = &project_path
        && !trusted
    {
        confine_project_file(path, &cwd)?;
    }
    if project_path.is_none()
        && request.paths.is_empty()
        && !request.frameworks_only_without_project
    {
        return Err(LoadError::NoProject(relative_display(&cwd, &cwd)));
    }
    let (settings, project) = match &project_path {
        None => (Settings::default(), None),
        Some(path) => {
            let root = path.parent().map(Path::to_path_buf).unwrap_or(cwd.clone());
            let base = request
                .display_root
                .clone()
                .unwrap_or_else(|| display_root(&root));
            let overlay = files::Overlaid::new(&request.overlay);
            let (settings, file) =
                read_project_file(path, &base, &mut sources, request.rules, &overlay)?;
            (settings, Some(ProjectInfo { file, root }))
        }
    };
    // Every path shown (in findings, SARIF, annotations, reports) is relative to this, so that
    // no output carries a path of the machine, whatever paths were given.
    // Without a project file there is no root: paths are shown from the working directory.
    let base = request.display_root.clone().unwrap_or_else(|| {
        project
            .as_ref()
            .map_or(cwd.clone(), |p| display_root(&p.root))
    });
    let shown = |path: &Path| relative_display(&base, path);
    let limits = settings.limits.clone();
    let cache = request.cache.as_deref();
    if let Some(cache) = cache {
        cache.begin(&limits);
    }

    // 2. Built-in bibliography, frameworks and knowledge bases. The bibliography is always
    // loaded: the built-in files cite it, and a project's own files may too.
    let mut documents = Vec::new();
    let bibliography = [Located::new(
        SourceRef::BuiltIn("references".to_string()),
        Span::default(),
    )];
    let mut built_ins = Vec::new();
    for (kind, list) in [
        (BuiltInKind::Bibliography, &bibliography[..]),
        (BuiltInKind::Framework, &settings.frameworks[..]),
        (BuiltInKind::KnowledgeBase, &settings.knowledge_bases[..]),
    ] {
        for source in list {
            if let SourceRef::BuiltIn(name) = &source.value
                && let Some(built_in) = builtin::built_in(kind, name)
            {
                built_ins.push(built_in);
            }
        }
    }
    // Their trees were parsed at build time: read on every core, they are still a good part
    // of the time of a lint of one draft.
    let workers = crate::parallel::workers(built_ins.len().min(8));
    let parsed = crate::parallel::map_in_order(&built_ins, workers, |built_in| {
        let read = || read_built_in(built_in, &limits);
        match cache {
            Some(cache) => cache.parse(built_in.text, read),
            None => read(),
        }
    });
    for (built_in, parsed) in built_ins.iter().zip(parsed) {
        let file = sources.add(SourceFile::new(
            format!("builtin:{}", built_in.path),
            Origin::BuiltIn,
            Arc::from(built_in.text),
        ));
        absorb(file, parsed, &mut documents, &mut findings, &mut Vec::new());
    }
    debug_assert!(BUILT_INS.iter().all(|b| !b.text.is_empty()));

    // 3. The files to read from disk, and those refused (named in a finding, never read).
    let mut planned: Vec<Planned> = Vec::new();
    let mut refused: Vec<Refused> = Vec::new();
    if let Some(project) = &project {
        for list in [&settings.frameworks, &settings.knowledge_bases] {
            for source in list {
                if let SourceRef::Path(relative) = &source.value {
                    match confine_named_path(&project.root, relative) {
                        Ok(path) => planned.push(Planned {
                            path,
                            selected: request.paths.is_empty(),
                        }),
                        Err(NamedPathProblem::Finding { message, help }) => {
                            findings.push(DocumentProblem::schema_value(
                                Location::new(project.file, source.span),
                                message,
                                Some(help.into()),
                            ));
                        }
                        Err(NamedPathProblem::Unreadable(reason)) => {
                            let error = ConfigError {
                                message: format!("cannot read `{}`: {reason}", relative.display()),
                                span: source.span,
                                help: Some("paths are relative to the project file".to_string()),
                            };
                            return Err(config_error(&sources, project.file, error));
                        }
                    }
                }
            }
        }
        let found = files::project_documents(&project.root, &settings, &mut warnings, &shown)
            .map_err(|error| config_error(&sources, project.file, error))?;
        absorb_found(found, request.paths.is_empty(), &mut planned, &mut refused);
    }
    for path in &request.paths {
        let path = absolute(&cwd, path);
        let project_root = project.as_ref().map(|p| p.root.as_path());
        let found =
            files::expand(&path, project_root, &mut warnings, &shown).map_err(|reason| {
                LoadError::Unreadable {
                    path: relative_display(&cwd, &path),
                    reason,
                }
            })?;
        absorb_found(found, true, &mut planned, &mut refused);
    }
    let planned = dedupe(planned, project_path.as_deref());

    // 4. Read and parse them, in parallel; file ids follow the sorted order.
    let overlay = files::Overlaid::new(&request.overlay);
    let parsed = files::read_all(
        planned.iter().map(|p| p.path.as_path()).collect(),
        &limits,
        &overlay,
        cache,
    );
    if let Some(cache) = cache {
        cache.end();
    }
    let mut selected = BTreeSet::new();
    // The project file is reported on when the whole project is linted, or a directory
    // holding it.
    if let Some(project) = &project {
        let covers_project = request.paths.is_empty()
            || request
                .paths
                .iter()
                .any(|p| absolute(&cwd, p).canonicalize().ok() == project.root.canonicalize().ok());
        if covers_project {
            selected.insert(project.file);
        }
    }
    let mut suppressions = Vec::new();
    for (plan, (text, outcome)) in planned.iter().zip(parsed) {
        let mut source = SourceFile::new(shown(&plan.path), Origin::Disk, Arc::from(text.as_str()));
        source.disk_path = Some(plan.path.clone());
        let file = sources.add(source);
        if plan.selected {
            selected.insert(file);
        }
        match outcome {
            FileOutcome::Unreadable(message) => {
                findings.push(DocumentProblem::yaml_syntax(
                    Location::new(file, Span::default()),
                    &YamlError {
                        message,
                        span: Span::default(),
                        help: None,
                        pinpointed: false,
                    },
                ));
            }
            FileOutcome::Parsed(parsed) => {
                absorb(
                    file,
                    parsed,
                    &mut documents,
                    &mut findings,
                    &mut suppressions,
                );
            }
        }
    }
    // Refused files are named, never quoted: their text is not read, so none can be shown.
    for refusal in dedupe_refused(refused) {
        let mut source = SourceFile::new(shown(&refusal.path), Origin::Refused, Arc::from(""));
        source.disk_path = Some(refusal.path.clone());
        let file = sources.add(source);
        if refusal.selected {
            selected.insert(file);
        }
        findings.push(DocumentProblem::yaml_syntax(
            Location::new(file, Span::default()),
            &refusal.why.error(),
        ));
    }

    // 5. Validate.
    let options = BuildOptions {
        default_perspective: settings.default_perspective,
        extra_sectors: settings.sectors.clone(),
    };
    let (model, build_findings) = build(documents, &options);
    findings.extend(build_findings);
    if let Some(project) = &project {
        findings.extend(check_project_references(&settings, &model, project.file));
    }
    Ok(Workspace {
        sources,
        model,
        settings,
        project,
        problems: findings,
        suppressions,
        selected,
        warnings,
    })
}

/// The directory paths are shown relative to, for a project rooted at `root`: the root of the
/// git work tree holding it (the nearest directory above with a `.git`), so that SARIF and
/// annotations name files as the repository does, else `root` itself.
pub fn display_root(root: &Path) -> PathBuf {
    let root = files::normalize(root);
    root.ancestors()
        .find(|dir| std::fs::symlink_metadata(dir.join(".git")).is_ok())
        .unwrap_or(&root)
        .to_path_buf()
}

fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    }
}

/// A file a walk met and cohere will not read.
struct Refused {
    path: PathBuf,
    selected: bool,
    why: Refusal,
}

#[derive(Clone, Copy)]
enum Refusal {
    /// A symbolic link out of the project root.
    Escaping,
    /// Not a `.yaml` or `.yml` file.
    NotYaml,
}

impl Refusal {
    fn error(self) -> YamlError {
        let (message, help) = match self {
            Refusal::Escaping => (
                "a symbolic link that leads outside the project root: cohere does not read it",
                "keep the documents inside the repository, or leave the link out with `exclude:` in cohere.yaml",
            ),
            Refusal::NotYaml => (
                "not a YAML file: cohere reads documents only from `.yaml` and `.yml` files, and did not read it",
                "rename the file if it holds YAML, or leave it out of `policies:` in cohere.yaml",
            ),
        };
        YamlError {
            message: message.to_string(),
            span: Span::default(),
            help: Some(help.to_string()),
            pinpointed: false,
        }
    }
}

fn absorb_found(
    found: files::Found,
    selected: bool,
    planned: &mut Vec<Planned>,
    refused: &mut Vec<Refused>,
) {
    planned.extend(
        found
            .files
            .into_iter()
            .map(|path| Planned { path, selected }),
    );
    for (paths, why) in [
        (found.escaping, Refusal::Escaping),
        (found.not_yaml, Refusal::NotYaml),
    ] {
        refused.extend(paths.into_iter().map(|path| Refused {
            path,
            selected,
            why,
        }));
    }
}

/// One refusal per path (selected if any was), sorted by path.
fn dedupe_refused(refused: Vec<Refused>) -> Vec<Refused> {
    let mut by_path: std::collections::BTreeMap<PathBuf, Refused> = Default::default();
    for refusal in refused {
        by_path
            .entry(refusal.path.clone())
            .and_modify(|existing| existing.selected |= refusal.selected)
            .or_insert(refusal);
    }
    by_path.into_values().collect()
}

/// Why a path named in the project file is not read.
enum NamedPathProblem {
    /// The repository's mistake or attack: a finding at the path's line.
    Finding { message: String, help: String },
    /// Nothing readable there: cohere cannot do its job.
    Unreadable(String),
}

/// The file a path named in the project file (a framework, a knowledge base) leads to, if it
/// stays inside the project root once symbolic links are resolved and names a YAML file.
/// Nothing outside the root is opened, and a path that climbs out as written is not even
/// looked up.
fn confine_named_path(root: &Path, relative: &Path) -> Result<PathBuf, NamedPathProblem> {
    let outside = |how: &str| {
        NamedPathProblem::Finding {
        message: format!(
            "`{}` {how}: cohere reads only files inside the project root",
            relative.display()
        ),
        help: "paths in cohere.yaml are relative to it and stay inside its directory; copy the file into the repository".to_string(),
    }
    };
    if relative.is_absolute() || relative.has_root() {
        return Err(outside("is an absolute path"));
    }
    if !files::stays_below(relative) {
        return Err(outside("climbs out of the project root with `..`"));
    }
    if !files::is_yaml(relative) {
        return Err(NamedPathProblem::Finding {
            message: format!(
                "`{}` is not a YAML file: cohere reads only `.yaml` and `.yml` files, and did not read it",
                relative.display()
            ),
            help: "name a framework or knowledge base written as YAML".to_string(),
        });
    }
    let path = root.join(relative);
    match files::Confinement::new([root]).resolve(&path) {
        files::Resolved::Outside => Err(outside(
            "is a symbolic link, or lies under one, that leads outside the project root",
        )),
        files::Resolved::Missing(reason) => Err(NamedPathProblem::Unreadable(reason)),
        files::Resolved::Inside(target) if target.is_dir() => Err(NamedPathProblem::Unreadable(
            "it is a directory".to_string(),
        )),
        files::Resolved::Inside(_) => Ok(path),
    }
}

/// Refuses a project file found in a repository that is a symbolic link out of its directory:
/// the repository's author could otherwise have cohere read, and quote, any file.
fn confine_project_file(path: &Path, cwd: &Path) -> Result<(), LoadError> {
    let Some(dir) = path.parent() else {
        return Ok(());
    };
    match files::Confinement::new([dir]).resolve(path) {
        files::Resolved::Outside => Err(LoadError::Unreadable {
            path: relative_display(cwd, path),
            reason: "it is a symbolic link that leads outside its directory, which cohere does not follow".to_string(),
        }),
        _ => Ok(()),
    }
}

/// Keeps the first plan of each file (a file may be both in the project and named on the
/// command line: it is then selected), leaves out the project file, and sorts by path.
fn dedupe(planned: Vec<Planned>, project_file: Option<&Path>) -> Vec<Planned> {
    let project_file = project_file.and_then(|p| p.canonicalize().ok());
    let mut by_path: std::collections::BTreeMap<PathBuf, Planned> = Default::default();
    for plan in planned {
        let key = plan
            .path
            .canonicalize()
            .unwrap_or_else(|_| plan.path.clone());
        if Some(&key) == project_file.as_ref() {
            continue;
        }
        by_path
            .entry(key)
            .and_modify(|existing| existing.selected |= plan.selected)
            .or_insert(plan);
    }
    let mut planned: Vec<Planned> = by_path.into_values().collect();
    planned.sort_by(|a, b| a.path.cmp(&b.path));
    planned
}

fn read_project_file(
    path: &Path,
    root: &Path,
    sources: &mut SourceMap,
    rules: Catalog,
    overlay: &files::Overlaid<'_>,
) -> Result<(Settings, FileId), LoadError> {
    let display = relative_display(root, path);
    let text = files::read_text(path, &Limits::default(), overlay).map_err(|problem| {
        LoadError::Unreadable {
            path: display.clone(),
            reason: problem.message(),
        }
    })?;
    let mut source = SourceFile::new(display, Origin::Disk, Arc::from(text.as_str()));
    source.disk_path = Some(path.to_path_buf());
    let file = sources.add(source);
    let nodes = yaml::parse_documents(&text, &Limits::default()).map_err(|error| {
        let config = ConfigError {
            message: error.message,
            span: error.span,
            help: error.help,
        };
        config_error(sources, file, config)
    })?;
    let doc = match nodes.as_slice() {
        [] => ProjectDoc::default(),
        [node] => {
            let (doc, problems) = read::<ProjectDoc>(node);
            if let Some(problem) = problems.into_iter().next() {
                return Err(config_error(sources, file, problem.into()));
            }
            doc.unwrap_or_default()
        }
        [_, second, ..] => {
            let error = ConfigError {
                message: "the project file holds more than one document".to_string(),
                span: second.span,
                help: Some("keep only the project settings in cohere.yaml".to_string()),
            };
            return Err(config_error(sources, file, error));
        }
    };
    let mut settings =
        Settings::from_document(doc, rules).map_err(|error| config_error(sources, file, error))?;
    if let Some(entries) = nodes.first().and_then(|n| n.as_map()) {
        let anchor = entries
            .iter()
            .find(|e| e.key_text() == Some("require"))
            .or(entries.first());
        if let Some(entry) = anchor {
            settings.anchor = entry.key.span;
        }
    }
    Ok((settings, file))
}

fn config_error(sources: &SourceMap, file: FileId, error: ConfigError) -> LoadError {
    let source = sources.get(file);
    let start = source.line_col(error.span.start);
    LoadError::Config {
        path: source.display_path.clone(),
        text: source.text.clone(),
        line: start.line,
        column: start.column,
        error,
    }
}

/// What reading one file gave.
pub(crate) enum FileOutcome {
    /// It could not be read as text.
    Unreadable(String),
    /// Its documents, or the error that stopped the parser.
    Parsed(ParsedFile),
}

/// A file's documents, problems and suppression comments.
#[derive(Clone, Debug)]
pub(crate) struct ParsedFile {
    documents: Vec<Document>,
    syntax_error: Option<YamlError>,
    schema_problems: Vec<crate::document::SchemaProblem>,
    suppressions: Vec<suppression::Comment>,
}

/// Parses text into documents; never panics.
pub(crate) fn parse_file(text: &str, limits: &Limits) -> ParsedFile {
    match yaml::parse_documents(text, limits) {
        Err(error) => ParsedFile {
            documents: Vec::new(),
            syntax_error: Some(error),
            schema_problems: Vec::new(),
            suppressions: Vec::new(),
        },
        Ok(nodes) => read_trees(text, &nodes),
    }
}

/// A built-in file's documents, from the trees build.rs parsed (the same as
/// [`parse_file`] of its text, which a test checks; parsed here only if they do not decode).
fn read_built_in(built_in: &builtin::BuiltIn, limits: &Limits) -> ParsedFile {
    match yaml::binary::decode(built_in.trees) {
        Some(nodes) => read_trees(built_in.text, &nodes),
        None => parse_file(built_in.text, limits),
    }
}

/// Reads the documents and suppression comments of a file's parsed trees.
fn read_trees(text: &str, nodes: &[yaml::Node]) -> ParsedFile {
    let suppressions = suppression::scan(text, nodes);
    let mut documents = Vec::new();
    let mut schema_problems = Vec::new();
    for node in nodes {
        let (document, problems) = read_document(node);
        documents.extend(document);
        schema_problems.extend(problems);
    }
    ParsedFile {
        documents,
        syntax_error: None,
        schema_problems,
        suppressions,
    }
}

fn absorb(
    file: FileId,
    parsed: ParsedFile,
    documents: &mut Vec<SourcedDocument>,
    findings: &mut Vec<DocumentProblem>,
    suppressions: &mut Vec<Suppression>,
) {
    if let Some(error) = &parsed.syntax_error {
        findings.push(DocumentProblem::yaml_syntax(
            Location::new(file, error.span),
            error,
        ));
    }
    findings.extend(
        parsed
            .schema_problems
            .iter()
            .map(|problem| DocumentProblem::schema(file, problem)),
    );
    documents.extend(
        parsed
            .documents
            .into_iter()
            .map(|document| SourcedDocument { file, document }),
    );
    suppressions.extend(
        parsed
            .suppressions
            .into_iter()
            .map(|comment| Suppression::new(file, comment)),
    );
}

/// Checks the element ids the project file names (`floor:`, `require:`).
fn check_project_references(
    settings: &Settings,
    model: &Model,
    file: FileId,
) -> Vec<DocumentProblem> {
    let lists: [(&str, &Option<Vec<Located<String>>>); 4] = [
        ("floor element", &settings.floor),
        ("required target", &settings.require.targets),
        ("required principle", &settings.require.principles),
        ("required domain", &settings.require.domains),
    ];
    let mut findings = Vec::new();
    for (what, list) in lists {
        for id in list.iter().flatten() {
            if model.element_by_id(id.value.trim()).is_none() {
                let help = crate::suggest::did_you_mean(&id.value, model.element_ids())
                    .map(crate::diagnostic::Help::did_you_mean);
                findings.push(DocumentProblem::unknown_reference(
                    what,
                    id.value.trim(),
                    Location::new(file, id.span),
                    help,
                ));
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(workspace: &Workspace) -> Vec<String> {
        workspace
            .problems
            .iter()
            .map(|p| format!("{p:?}"))
            .collect()
    }

    #[test]
    fn a_cached_load_is_the_same_load_and_keeps_only_the_files_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("draft.yaml");
        std::fs::write(&draft, "policy: p\ntitle: T\nmeasures: []\n").unwrap();
        let mut request = LoadRequest::new(vec![draft.clone()]);
        request.config = ConfigChoice::Isolated;
        let fresh = load(&request).unwrap();
        let cache = Arc::new(ParseCache::default());
        request.cache = Some(cache.clone());
        let first = load(&request).unwrap();
        let entries = |cache: &ParseCache| cache.inner.lock().unwrap().entries.len();
        let files = first.sources.iter().count();
        assert_eq!(entries(&cache), files);
        // The same again, from the cache.
        let second = load(&request).unwrap();
        assert_eq!(problems(&second), problems(&fresh));
        assert_eq!(second.model.elements.len(), fresh.model.elements.len());
        // An edited buffer: parsed anew, and the old text dropped.
        request.overlay.insert(
            draft.clone(),
            Arc::from("policy: p\ntitle: T\nmeasures:\n  - id: m\n    title: M\n    effects: [{target: sdg:10.8, score: 2}]\n"),
        );
        let edited = load(&request).unwrap();
        assert_eq!(entries(&cache), files);
        assert!(
            problems(&edited).iter().any(|p| p.contains("sdg:10.8")),
            "{:?}",
            problems(&edited)
        );
    }
}
