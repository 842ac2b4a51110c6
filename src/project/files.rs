//! Files on disk: discovery, directory walks, bounded reads, parallel parsing.
//!
//! A repository's files are untrusted (in CI on a pull request, its author wrote every one of
//! them), so every path they lead cohere to must stay inside the project root once symbolic
//! links are resolved: a link out of the root is refused before anything behind it is read, and
//! links to directories are not followed at all (a link can loop, or fan out exponentially).
//! Paths given on the command line are the operator's, and are taken as they are.

use super::{FileOutcome, PROJECT_FILE};
use crate::config::{ConfigError, Settings};
use crate::source::Span;
use crate::yaml::Limits;
use globset::{Glob, GlobSetBuilder};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The nearest `cohere.yaml` in `start` or a directory above it.
pub(super) fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(PROJECT_FILE))
        .find(|candidate| candidate.is_file())
}

/// Whether a path names a YAML file: cohere reads documents only from `.yaml` and `.yml` files.
pub(super) fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// The directories a walk may lead into, canonical.
#[derive(Clone, Debug, Default)]
pub(super) struct Confinement {
    roots: Vec<PathBuf>,
}

impl Confinement {
    /// Confined to `roots` (made canonical; roots that do not exist are left out).
    pub(super) fn new<'a>(roots: impl IntoIterator<Item = &'a Path>) -> Self {
        Confinement {
            roots: roots
                .into_iter()
                .filter_map(|root| root.canonicalize().ok())
                .collect(),
        }
    }

    /// Where `path` leads once every symbolic link is resolved.
    pub(super) fn resolve(&self, path: &Path) -> Resolved {
        match path.canonicalize() {
            Ok(target) if self.roots.iter().any(|root| target.starts_with(root)) => {
                Resolved::Inside(target)
            }
            Ok(_) => Resolved::Outside,
            // A dangling link that points out is outside too: telling it apart from one that
            // points at an existing outside file would tell the repository what exists there.
            Err(_) if self.dangles_outside(path) => Resolved::Outside,
            Err(error) => Resolved::Missing(describe_io(&error)),
        }
    }

    /// Whether `path` is a symbolic link whose target, taken lexically from the link's
    /// (resolved) directory, lies outside every root.
    fn dangles_outside(&self, path: &Path) -> bool {
        let Ok(target) = std::fs::read_link(path) else {
            return false;
        };
        let Some(dir) = path.parent().and_then(|d| d.canonicalize().ok()) else {
            return false;
        };
        let lexical = normalize(&dir.join(target));
        !self.roots.iter().any(|root| lexical.starts_with(root))
    }
}

/// Where a path leads.
pub(super) enum Resolved {
    /// Inside the confinement, at this canonical path.
    Inside(PathBuf),
    /// Outside it: nothing behind it is read.
    Outside,
    /// Nowhere that can be read.
    Missing(String),
}

/// Whether a relative path, as written, stays below the directory it is relative to: not
/// absolute, and no `..` that climbs above its start.
pub(super) fn stays_below(path: &Path) -> bool {
    let mut depth = 0usize;
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => return false,
            Component::CurDir => {}
            Component::ParentDir => match depth.checked_sub(1) {
                Some(up) => depth = up,
                None => return false,
            },
            Component::Normal(_) => depth += 1,
        }
    }
    true
}

/// What a walk found.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// The YAML files to read.
    pub(super) files: Vec<PathBuf>,
    /// Symbolic links that lead out of the confinement: named in a finding, never read.
    pub(super) escaping: Vec<PathBuf>,
    /// Files the project's globs select that are not YAML: named in a finding, never read.
    pub(super) not_yaml: Vec<PathBuf>,
}

fn walker(root: &Path) -> ignore::Walk {
    ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        // Links are resolved one by one below, against the confinement.
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build()
}

/// What one entry of a walk is, with symbolic links resolved against the confinement.
enum Entry {
    File,
    Directory,
    Escaping,
    Skipped(String),
}

fn classify(entry: &ignore::DirEntry, confinement: &Confinement) -> Entry {
    let Some(file_type) = entry.file_type() else {
        return Entry::Skipped("not a file or a directory".to_string());
    };
    if file_type.is_dir() {
        return Entry::Directory;
    }
    if !file_type.is_symlink() {
        return if file_type.is_file() {
            Entry::File
        } else {
            Entry::Skipped("not a regular file".to_string())
        };
    }
    match confinement.resolve(entry.path()) {
        Resolved::Outside => Entry::Escaping,
        Resolved::Missing(reason) => Entry::Skipped(format!("a broken symbolic link ({reason})")),
        Resolved::Inside(target) => match std::fs::metadata(&target) {
            Ok(metadata) if metadata.is_file() => Entry::File,
            Ok(metadata) if metadata.is_dir() => Entry::Skipped(
                "a symbolic link to a directory, which cohere does not follow (links can loop or fan out)"
                    .to_string(),
            ),
            Ok(_) => Entry::Skipped("not a regular file".to_string()),
            Err(error) => Entry::Skipped(describe_io(&error)),
        },
    }
}

/// The YAML files under `path` (or `path` itself), for a path named on the command line. The
/// path itself is the operator's; what the walk meets below it must stay inside `path` or the
/// project root.
pub(super) fn expand(
    path: &Path,
    project_root: Option<&Path>,
    warnings: &mut Vec<String>,
    shown: &dyn Fn(&Path) -> String,
) -> Result<Found, String> {
    let metadata = std::fs::metadata(path).map_err(|error| describe_io(&error))?;
    if metadata.is_file() {
        let mut found = Found::default();
        if is_yaml(path) {
            found.files.push(path.to_path_buf());
        } else {
            found.not_yaml.push(path.to_path_buf());
        }
        return Ok(found);
    }
    let confinement = Confinement::new(std::iter::once(path).chain(project_root));
    let mut found = Found::default();
    for entry in walker(path) {
        match entry {
            Ok(entry) => {
                if entry.depth() == 0 {
                    continue;
                }
                let candidate = entry.path();
                match classify(&entry, &confinement) {
                    Entry::File => {
                        if is_yaml(candidate)
                            && candidate.file_name() != Some(PROJECT_FILE.as_ref())
                        {
                            found.files.push(candidate.to_path_buf());
                        }
                    }
                    Entry::Directory => {}
                    Entry::Escaping => found.escaping.push(candidate.to_path_buf()),
                    Entry::Skipped(reason) => {
                        warnings.push(format!("skipped `{}`: {reason}", shown(candidate)));
                    }
                }
            }
            Err(error) => warnings.push(walk_warning(&error, shown)),
        }
    }
    Ok(found)
}

/// The project's documents: files under `root` matching the `policies` globs and not the
/// `exclude` globs, confined to `root`.
pub(super) fn project_documents(
    root: &Path,
    settings: &Settings,
    warnings: &mut Vec<String>,
    shown: &dyn Fn(&Path) -> String,
) -> Result<Found, ConfigError> {
    let globset = |patterns: &[String]| {
        let mut builder = GlobSetBuilder::new();
        for pattern in patterns {
            let glob = Glob::new(pattern).map_err(|error| ConfigError {
                message: format!("invalid glob `{pattern}`: {}", error.kind()),
                span: Span::default(),
                help: None,
            })?;
            builder.add(glob);
        }
        builder.build().map_err(|error| ConfigError {
            message: format!("invalid glob: {error}"),
            span: Span::default(),
            help: None,
        })
    };
    let include = globset(&settings.policies)?;
    let exclude = globset(&settings.exclude)?;
    let confinement = Confinement::new([root]);
    let mut found = Found::default();
    for entry in walker(root) {
        match entry {
            Ok(entry) => {
                let Ok(relative) = entry.path().strip_prefix(root) else {
                    continue;
                };
                if entry.depth() == 0 || relative == Path::new(PROJECT_FILE) {
                    continue;
                }
                if exclude.is_match(relative) {
                    continue;
                }
                match classify(&entry, &confinement) {
                    Entry::File => {
                        if include.is_match(relative) {
                            if is_yaml(relative) {
                                found.files.push(entry.path().to_path_buf());
                            } else {
                                found.not_yaml.push(entry.path().to_path_buf());
                            }
                        }
                    }
                    Entry::Directory => {}
                    // Reported whatever its name: it may be a directory, which cohere cannot
                    // tell without following it.
                    Entry::Escaping => found.escaping.push(entry.path().to_path_buf()),
                    Entry::Skipped(reason) => {
                        if include.is_match(relative) {
                            warnings.push(format!("skipped `{}`: {reason}", shown(entry.path())));
                        }
                    }
                }
            }
            Err(error) => warnings.push(walk_warning(&error, shown)),
        }
    }
    Ok(found)
}

/// A problem met while walking, with its path shown as every path is (never a machine path).
fn walk_warning(error: &ignore::Error, shown: &dyn Fn(&Path) -> String) -> String {
    match error {
        ignore::Error::WithDepth { err, .. } => walk_warning(err, shown),
        ignore::Error::WithPath { path, err } => match err.io_error() {
            Some(io) => format!("skipped `{}`: {}", shown(path), describe_io(io)),
            None => format!("skipped `{}`: {err}", shown(path)),
        },
        ignore::Error::Loop { child, .. } => {
            format!("skipped `{}`: a symbolic link that loops", shown(child))
        }
        other => format!("skipped: {other}"),
    }
}

/// Why a file could not be read as text.
#[derive(Debug)]
pub(super) enum ReadProblem {
    Io(String),
    TooLarge { size: u64, limit: u64 },
    NotUtf8 { offset: usize, text: String },
}

impl ReadProblem {
    pub(super) fn message(&self) -> String {
        match self {
            ReadProblem::Io(reason) => reason.clone(),
            ReadProblem::TooLarge { size, limit } => format!(
                "the file is {size} bytes, more than the limit of {limit} bytes; raise `limits.max-file-bytes` in cohere.yaml to read it"
            ),
            ReadProblem::NotUtf8 { offset, .. } => {
                format!("the file is not UTF-8 text: invalid byte at offset {offset}")
            }
        }
    }
}

fn describe_io(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a directory".to_string(),
        _ => error.to_string(),
    }
}

/// The texts of a request's overlay, found by the path a walk gives or by the file it names.
pub(super) struct Overlaid<'a> {
    overlay: &'a super::Overlay,
    /// The overlay's paths with symbolic links resolved, for files that exist on disk.
    canonical: std::collections::BTreeMap<PathBuf, &'a std::sync::Arc<str>>,
}

impl<'a> Overlaid<'a> {
    pub(super) fn new(overlay: &'a super::Overlay) -> Self {
        let canonical = overlay
            .iter()
            .filter_map(|(path, text)| Some((path.canonicalize().ok()?, text)))
            .collect();
        Overlaid { overlay, canonical }
    }

    /// The text standing in for the file at `path`, if any.
    fn text(&self, path: &Path) -> Option<&'a str> {
        if self.overlay.is_empty() {
            return None;
        }
        if let Some(text) = self.overlay.get(path) {
            return Some(text);
        }
        let canonical = path.canonicalize().ok()?;
        self.canonical.get(&canonical).map(|text| &***text)
    }
}

/// Reads a file as UTF-8 text (or its text in the overlay), refusing files larger than the
/// limit before reading them.
pub(super) fn read_text(
    path: &Path,
    limits: &Limits,
    overlay: &Overlaid<'_>,
) -> Result<String, ReadProblem> {
    if let Some(text) = overlay.text(path) {
        if text.len() as u64 > limits.max_file_bytes {
            return Err(ReadProblem::TooLarge {
                size: text.len() as u64,
                limit: limits.max_file_bytes,
            });
        }
        return Ok(text.to_string());
    }
    let file = std::fs::File::open(path).map_err(|e| ReadProblem::Io(describe_io(&e)))?;
    let metadata = file
        .metadata()
        .map_err(|e| ReadProblem::Io(describe_io(&e)))?;
    if metadata.is_dir() {
        return Err(ReadProblem::Io("it is a directory".to_string()));
    }
    if metadata.len() > limits.max_file_bytes {
        return Err(ReadProblem::TooLarge {
            size: metadata.len(),
            limit: limits.max_file_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadProblem::Io(describe_io(&e)))?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ReadProblem::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        ReadProblem::NotUtf8 {
            offset,
            text: String::from_utf8_lossy(error.as_bytes()).into_owned(),
        }
    })
}

/// Reads and parses files, on every core, keeping their order. Each result is the text to show
/// for the file and what reading it gave.
pub(super) fn read_all(
    paths: Vec<&Path>,
    limits: &Limits,
    overlay: &Overlaid<'_>,
    cache: Option<&super::ParseCache>,
) -> Vec<(String, FileOutcome)> {
    let read_one = |path: &Path| -> (String, FileOutcome) {
        match read_text(path, limits, overlay) {
            Ok(text) => {
                let parsed = super::parse_cached(cache, &text, limits);
                (text, FileOutcome::Parsed(parsed))
            }
            Err(ReadProblem::NotUtf8 { offset, text }) => {
                let message = ReadProblem::NotUtf8 {
                    offset,
                    text: String::new(),
                }
                .message();
                let offset = u32::try_from(offset).unwrap_or(0);
                let error = crate::yaml::YamlError {
                    message,
                    span: Span::new(offset, offset),
                    help: Some("save the file as UTF-8".to_string()),
                    pinpointed: true,
                };
                let parsed = super::ParsedFile {
                    documents: Vec::new(),
                    syntax_error: Some(error),
                    schema_problems: Vec::new(),
                    suppressions: Vec::new(),
                };
                (text, FileOutcome::Parsed(parsed))
            }
            Err(problem) => (String::new(), FileOutcome::Unreadable(problem.message())),
        }
    };
    let workers = if paths.len() < 4 {
        1
    } else {
        crate::parallel::workers(8)
    };
    // Each worker takes the next file not yet taken: files differ a lot in size (a knowledge
    // base can be half of a repository's bytes), so fixed shares leave one core idle.
    crate::parallel::map_in_order(&paths, workers, |path| read_one(path))
}

/// `path` as shown to the user and in every published output: relative to `base` (the project
/// root), with `/` separators, never an absolute path of the machine (a file outside `base` is
/// reached with `..`). Only a path that shares nothing with `base` (another drive) stays whole.
pub fn relative_display(base: &Path, path: &Path) -> String {
    let relative =
        relative_path(&normalize(base), &normalize(path)).unwrap_or_else(|| path.to_path_buf());
    let shown = relative.to_string_lossy().replace('\\', "/");
    if shown.is_empty() {
        ".".to_string()
    } else {
        shown
    }
}

/// `path` with `.` left out and `..` taken lexically, for showing (not for opening).
pub(super) fn normalize(path: &Path) -> PathBuf {
    let mut result = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !result.pop() {
                    result.push("..");
                }
            }
            other => result.push(other.as_os_str()),
        }
    }
    result
}

fn relative_path(base: &Path, path: &Path) -> Option<PathBuf> {
    if !path.is_absolute() {
        return Some(path.to_path_buf());
    }
    let base: Vec<Component> = base.components().collect();
    let target: Vec<Component> = path.components().collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let mut result = PathBuf::new();
    for _ in common..base.len() {
        result.push("..");
    }
    for component in &target[common..] {
        result.push(component.as_os_str());
    }
    Some(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shown_relative_to_the_project_root() {
        let cwd = Path::new("/work/repo");
        assert_eq!(
            relative_display(cwd, Path::new("/work/repo/policies/a.yaml")),
            "policies/a.yaml"
        );
        assert_eq!(
            relative_display(cwd, Path::new("/work/other/b.yaml")),
            "../other/b.yaml"
        );
        // Never a machine path, however far the file is.
        assert_eq!(
            relative_display(cwd, Path::new("/elsewhere/deep/c.yaml")),
            "../../elsewhere/deep/c.yaml"
        );
        assert_eq!(
            relative_display(cwd, Path::new("/work/repo/../repo/./p/a.yaml")),
            "p/a.yaml"
        );
        assert_eq!(relative_display(cwd, Path::new("/work/repo")), ".");
    }
}
