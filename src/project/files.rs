//! Files on disk: discovery, directory walks, bounded reads, parallel parsing.

use super::{FileOutcome, PROJECT_FILE, parse_file};
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

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

fn walker(root: &Path) -> ignore::Walk {
    ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build()
}

/// The YAML files under `path` (or `path` itself), for a path named on the command line.
pub(super) fn expand(path: &Path, warnings: &mut Vec<String>) -> Result<Vec<PathBuf>, String> {
    let metadata = std::fs::metadata(path).map_err(|error| describe_io(&error))?;
    if metadata.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut found = Vec::new();
    for entry in walker(path) {
        match entry {
            Ok(entry) => {
                let candidate = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file
                    && is_yaml(candidate)
                    && candidate.file_name() != Some(PROJECT_FILE.as_ref())
                {
                    found.push(candidate.to_path_buf());
                }
            }
            Err(error) => warnings.push(walk_warning(&error)),
        }
    }
    Ok(found)
}

/// The project's documents: files under `root` matching the `policies` globs and not the
/// `exclude` globs.
pub(super) fn project_documents(
    root: &Path,
    settings: &Settings,
    warnings: &mut Vec<String>,
) -> Result<Vec<PathBuf>, ConfigError> {
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
    let mut found = Vec::new();
    for entry in walker(root) {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let Ok(relative) = entry.path().strip_prefix(root) else {
                    continue;
                };
                if relative == Path::new(PROJECT_FILE) {
                    continue;
                }
                if include.is_match(relative) && !exclude.is_match(relative) {
                    found.push(entry.path().to_path_buf());
                }
            }
            Err(error) => warnings.push(walk_warning(&error)),
        }
    }
    Ok(found)
}

fn walk_warning(error: &ignore::Error) -> String {
    let text = error.to_string();
    if text.contains("File system loop") {
        format!("skipped a symbolic link that loops: {text}")
    } else {
        format!("skipped: {text}")
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

/// Reads a file as UTF-8 text, refusing files larger than the limit before reading them.
pub(super) fn read_text(path: &Path, limits: &Limits) -> Result<String, ReadProblem> {
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
pub(super) fn read_all(paths: Vec<&Path>, limits: &Limits) -> Vec<(String, FileOutcome)> {
    let read_one = |path: &Path| -> (String, FileOutcome) {
        match read_text(path, limits) {
            Ok(text) => {
                let parsed = parse_file(&text, limits);
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

/// `path` as shown to the user: relative to `cwd` where that is shorter, with `/` separators.
pub fn relative_display(cwd: &Path, path: &Path) -> String {
    let relative = relative_path(cwd, path).unwrap_or_else(|| path.to_path_buf());
    let shown = relative.to_string_lossy().replace('\\', "/");
    if shown.is_empty() {
        ".".to_string()
    } else {
        shown
    }
}

fn relative_path(base: &Path, path: &Path) -> Option<PathBuf> {
    if !path.is_absolute() {
        return Some(path.to_path_buf());
    }
    let base: Vec<Component> = base.components().collect();
    let target: Vec<Component> = path.components().collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    // Sharing only the root is not worth a chain of `..`.
    if common <= 1 {
        return None;
    }
    let ups = base.len() - common;
    if ups > 2 {
        return None;
    }
    let mut result = PathBuf::new();
    for _ in 0..ups {
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
    fn paths_are_shown_relative_to_the_working_directory() {
        let cwd = Path::new("/work/repo");
        assert_eq!(
            relative_display(cwd, Path::new("/work/repo/policies/a.yaml")),
            "policies/a.yaml"
        );
        assert_eq!(
            relative_display(cwd, Path::new("/work/other/b.yaml")),
            "../other/b.yaml"
        );
        assert_eq!(
            relative_display(cwd, Path::new("/elsewhere/deep/c.yaml")),
            "/elsewhere/deep/c.yaml"
        );
        assert_eq!(relative_display(cwd, Path::new("/work/repo")), ".");
    }
}
