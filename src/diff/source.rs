//! The two sides of a diff: directories as they are, or git revisions checked out into a
//! temporary directory.
//!
//! A revision is read from the repository that contains the working directory. Its tree is
//! written with `git read-tree` into a temporary index and `git checkout-index` into a temporary
//! directory: the repository's own index, working tree and worktree list are never touched, and
//! nothing but `git` is needed. When the working directory is a subdirectory of the repository,
//! the same subdirectory of the revision is the side's directory, so `cohere diff main HEAD`
//! compares what `cohere lint` would see in both.

use crate::project::{ConfigChoice, LoadRequest, PROJECT_FILE};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why a side could not be prepared.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// Neither a directory nor something git knows.
    #[error("`{spec}` is not a directory, and not a git revision: {reason}")]
    Unknown {
        /// As given.
        spec: String,
        /// Why git did not take it.
        reason: String,
    },
    /// A file where a directory or a revision was expected.
    #[error("`{0}` is a file; give a directory or a git revision")]
    File(String),
    /// git could not be run, or failed.
    #[error("git {command} failed: {reason}")]
    Git {
        /// The git command.
        command: String,
        /// Its error output.
        reason: String,
    },
    /// The temporary directory could not be made.
    #[error("cannot create a temporary directory: {0}")]
    Temp(#[from] std::io::Error),
}

/// One side of a diff, ready to load.
#[derive(Debug)]
pub struct Side {
    /// As given on the command line.
    pub spec: String,
    /// What it is: `directory`, or `revision <short hash>`.
    pub kind: SideKind,
    /// The directory to lint (the working directory of its run).
    pub dir: PathBuf,
    /// The project file to use.
    pub config: ConfigChoice,
    /// The top of a checked-out revision's tree, which paths are shown relative to.
    top: Option<PathBuf>,
    /// Keeps a checked-out revision alive until the side is dropped.
    _checkout: Option<tempfile::TempDir>,
}

/// What a side is.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum SideKind {
    /// A directory, used as it is.
    Directory,
    /// A git revision.
    Revision {
        /// The commit it names.
        commit: String,
    },
}

impl Side {
    /// Prepares the side named `spec`, relative to `cwd`: a directory if one exists there,
    /// else a git revision of the repository containing `cwd`.
    pub fn prepare(spec: &str, cwd: &Path) -> Result<Side, SourceError> {
        let path = cwd.join(spec);
        if path.is_dir() {
            return Ok(Side {
                spec: spec.to_string(),
                kind: SideKind::Directory,
                dir: path,
                config: ConfigChoice::Discover,
                top: None,
                _checkout: None,
            });
        }
        if path.exists() {
            return Err(SourceError::File(spec.to_string()));
        }
        let unknown = |reason: String| SourceError::Unknown {
            spec: spec.to_string(),
            reason,
        };
        // Options are not revisions; never pass one to git as if it were.
        if spec.starts_with('-') || spec.is_empty() {
            return Err(unknown("it looks like an option".into()));
        }
        let top = git(cwd, &["rev-parse", "--show-toplevel"], None)
            .map_err(|_| unknown("the working directory is not in a git repository".into()))?;
        let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
        let commit = git(
            cwd,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{spec}^{{commit}}"),
            ],
            None,
        )
        .map_err(|_| unknown("git knows no such commit".into()))?
        .trim()
        .to_string();
        let prefix = git(cwd, &["rev-parse", "--show-prefix"], None)?
            .trim_end_matches(['\n', '\r'])
            .to_string();
        let temp = tempfile::Builder::new().prefix("cohere-diff-").tempdir()?;
        let tree = temp.path().join("tree");
        let index = temp.path().join("index");
        git(&top, &["read-tree", &commit], Some(&index))?;
        let mut prefix_arg = tree.to_string_lossy().into_owned();
        prefix_arg.push('/');
        git(
            &top,
            &["checkout-index", "--all", &format!("--prefix={prefix_arg}")],
            Some(&index),
        )?;
        let dir = tree.join(&prefix);
        std::fs::create_dir_all(&dir)?;
        // The project file is discovered within the checked-out tree only: never above it.
        let config = dir
            .ancestors()
            .take_while(|d| d.starts_with(&tree))
            .map(|d| d.join(PROJECT_FILE))
            .find(|f| f.is_file())
            .map_or(ConfigChoice::Isolated, ConfigChoice::Found);
        let short = commit.chars().take(12).collect();
        Ok(Side {
            spec: spec.to_string(),
            kind: SideKind::Revision { commit: short },
            dir,
            config,
            top: Some(tree),
            _checkout: Some(temp),
        })
    }

    /// The load request for the side: its directory, linted as `cohere lint .` would there.
    pub fn request(&self) -> LoadRequest {
        let mut request = LoadRequest::new(vec![self.dir.clone()]);
        request.cwd = self.dir.clone();
        // A checked-out revision has no `.git`: its paths are shown from the top of its tree,
        // as a directory side's are from the top of its work tree.
        request.display_root = self.top.clone();
        request.config = self.config.clone();
        request
    }
}

/// Runs git in `dir`, with another index file if given; its standard output on success.
fn git(dir: &Path, args: &[&str], index: Option<&Path>) -> Result<String, SourceError> {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir).args(args);
    if let Some(index) = index {
        command.env("GIT_INDEX_FILE", index);
    }
    let failed = |reason: String| SourceError::Git {
        command: args.first().copied().unwrap_or_default().to_string(),
        reason,
    };
    let output = command
        .output()
        .map_err(|error| failed(format!("cannot run git: {error}")))?;
    if !output.status.success() {
        return Err(failed(
            String::from_utf8_lossy(&output.stderr).trim().to_string(),
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| failed("its output is not UTF-8".into()))
}
