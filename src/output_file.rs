//! The files cohere writes (`-o`, `--out`, `--write-baseline`, `cohere init`): one helper, so
//! that every one of them is
//!
//! - **atomic**: written in full to a temporary file beside the target, then renamed over it,
//!   so a reader (or a failed run) never sees half a file;
//! - **as the umask says**: created with mode `0o666` less the umask, like any file a shell
//!   command writes (a temporary file alone would be private, `0o600`);
//! - **never through a symbolic link**: the target, and every directory of a relative path
//!   below the working directory, must not be a link, so a link planted in a repository (say,
//!   `reports -> ~/.ssh`) cannot send cohere's output elsewhere. The working directory itself,
//!   and the directories above the last of an absolute path outside it, are the operator's.
//! - **in place on a device or a pipe**: a target that exists and is neither a file nor a
//!   directory (`-o /dev/null`, a named pipe) is written to, not replaced: renaming a file over
//!   `/dev/null` would replace the device for every process on the machine.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write `{}`: {source}", path.display())]
pub struct WriteError {
    /// The file or directory.
    pub path: PathBuf,
    /// What went wrong.
    pub source: std::io::Error,
}

impl WriteError {
    fn new(path: &Path, source: std::io::Error) -> Self {
        WriteError {
            path: path.to_path_buf(),
            source,
        }
    }

    fn other(path: &Path, why: &str) -> Self {
        WriteError::new(path, std::io::Error::other(why.to_string()))
    }
}

/// Writes `bytes` to `path`, replacing the file there.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_files(&[(path, bytes)])
}

/// Writes the file at `path` piece by piece: `write` is handed a buffered writer into a
/// temporary file beside the target, renamed over it once `write` has succeeded (the
/// temporary file is removed on an error).
pub fn write_with(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    if is_special(path) {
        return write_in_place(path, write);
    }
    let temp = stage_with(path, write)?;
    temp.persist(path)
        .map_err(|error| WriteError::new(path, error.error))?;
    Ok(())
}

/// Writes several files, all or nothing as far as the file system allows: every file is first
/// written in full to a temporary file beside its target; only when all are written are they
/// renamed into place. On an error the temporary files are removed and the targets untouched.
/// Missing directories are created.
pub fn write_files(files: &[(&Path, &[u8])]) -> Result<(), WriteError> {
    let mut staged = Vec::with_capacity(files.len());
    let mut special = Vec::new();
    for &(path, bytes) in files {
        if is_special(path) {
            special.push((path, bytes));
            continue;
        }
        let temp = stage(path, bytes)?;
        staged.push((temp, path));
    }
    // Dropping the staged files on an early return removes them.
    for (temp, path) in staged {
        temp.persist(path)
            .map_err(|error| WriteError::new(path, error.error))?;
    }
    for (path, bytes) in special {
        write_in_place(path, |out| out.write_all(bytes))?;
    }
    Ok(())
}

/// Whether `path` is there and is neither a file nor a directory (nor a link, which
/// [`check_target`] refuses): a device such as `/dev/null`, or a named pipe.
fn is_special(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| {
        let kind = m.file_type();
        !kind.is_file() && !kind.is_dir() && !kind.is_symlink()
    })
}

/// Writes to a device or a pipe as it is: there is no file to replace.
fn write_in_place(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|error| WriteError::new(path, error))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|error| WriteError::new(path, error))
}

/// Creates a file, failing if one exists (never replacing one, even in a race).
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let temp = stage(path, bytes)?;
    temp.persist_noclobber(path)
        .map_err(|error| WriteError::new(path, error.error))?;
    Ok(())
}

/// Checks the target, creates its directory and writes a temporary file beside it.
fn stage(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
    stage_with(path, |out| out.write_all(bytes))
}

/// [`stage`], the temporary file written by `write` through a buffer.
fn stage_with(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<tempfile::NamedTempFile, WriteError> {
    check_target(path)?;
    let dir = directory_of(path);
    std::fs::create_dir_all(dir).map_err(|error| WriteError::new(dir, error))?;
    // The directories just created are real ones, but check again in case one was there.
    check_target(path)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".cohere-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let temp = builder
        .tempfile_in(dir)
        .map_err(|error| WriteError::new(dir, error))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, temp);
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|error| WriteError::new(path, error))?;
    let temp = out
        .into_inner()
        .map_err(|error| WriteError::new(path, error.into_error()))?;
    temp.as_file()
        .sync_all()
        .map_err(|error| WriteError::new(path, error))?;
    Ok(temp)
}

fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Refuses a target that is a symbolic link or a directory, and a relative target with a
/// symbolic link among its directories. Writing checks it again; commands call it first too, to
/// stop before any work (or any read of a file that is about to be replaced).
pub fn check_target(path: &Path) -> Result<(), WriteError> {
    if let Ok(metadata) = std::fs::symlink_metadata(path) {
        if metadata.file_type().is_symlink() {
            return Err(WriteError::other(
                path,
                "it is a symbolic link, and cohere never writes through or over one",
            ));
        }
        if metadata.is_dir() {
            return Err(WriteError::other(path, "a directory is in the way"));
        }
    }
    // Which directories to check: those of a relative path, or those of an absolute path that
    // lie below the working directory; else (the operator's own absolute path) only the last.
    let components: Vec<Component> = path.components().collect();
    let Some((_, directories)) = components.split_last() else {
        return Ok(());
    };
    let first_checked = if !path.has_root() {
        0
    } else {
        match std::env::current_dir() {
            Ok(cwd) if path.starts_with(&cwd) => cwd.components().count(),
            _ => directories.len().saturating_sub(1),
        }
    };
    let mut prefix = PathBuf::new();
    for (index, component) in directories.iter().enumerate() {
        prefix.push(component.as_os_str());
        if index < first_checked || matches!(component, Component::CurDir) {
            continue;
        }
        if let Ok(metadata) = std::fs::symlink_metadata(&prefix)
            && metadata.file_type().is_symlink()
        {
            return Err(WriteError::other(
                &prefix,
                "it is a symbolic link, and cohere never writes through one",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // Tests fail loudly by design.
    use super::*;

    #[test]
    fn a_file_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("deep/out.txt");
        write(&target, b"first").unwrap();
        write(&target, b"second").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second");
        // No temporary file is left behind.
        assert_eq!(
            std::fs::read_dir(dir.path().join("deep")).unwrap().count(),
            1
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_neither_written_through_nor_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"keep").unwrap();
        let link = dir.path().join("out.sarif");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let error = write(&link, b"evil").unwrap_err();
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());

        // A linked directory on the way, as an absolute path's last directory.
        let elsewhere = tempfile::tempdir().unwrap();
        let linked_dir = dir.path().join("reports");
        std::os::unix::fs::symlink(elsewhere.path(), &linked_dir).unwrap();
        assert!(write(&linked_dir.join("index.html"), b"x").is_err());
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_device_or_a_pipe_is_written_to_not_replaced() {
        use std::io::Read as _;
        use std::os::unix::fs::{FileTypeExt as _, OpenOptionsExt as _};
        // A named pipe stands for `/dev/null`: renaming a file over it would replace it.
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out.fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // The read end, opened without waiting for a writer (O_NONBLOCK on Linux), so that
        // the write below neither waits nor, if it replaced the pipe, leaves a reader hanging.
        let mut reader = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(0o4000)
            .open(&fifo)
            .unwrap();
        write(&fifo, b"findings").unwrap();
        let mut read = Vec::new();
        reader.read_to_end(&mut read).unwrap();
        assert_eq!(read, b"findings");
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "the pipe was replaced by a file");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn create_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("cohere.yaml");
        create_new(&target, b"one").unwrap();
        assert!(create_new(&target, b"two").is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"one");
    }
}
