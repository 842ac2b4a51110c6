//! What several integration tests share.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::path::Path;

/// Runs `git ARGS` in `dir` with a fixed identity and no system or user configuration, and
/// fails the test if git fails.
#[allow(dead_code)] // Each test crate uses what it needs.
pub fn git(dir: &Path, args: &[&str]) {
    git_command(dir, args, None);
}

/// [`git`], with the author and committer dates fixed to `date` (ISO 8601).
#[allow(dead_code)] // Each test crate uses what it needs.
pub fn git_at(dir: &Path, date: &str, args: &[&str]) {
    git_command(dir, args, Some(date));
}

fn git_command(dir: &Path, args: &[&str], date: Option<&str>) {
    let mut command = std::process::Command::new("git");
    command
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir);
    if let Some(date) = date {
        command
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date);
    }
    let status = command.status().unwrap();
    assert!(status.success(), "git {args:?}");
}
