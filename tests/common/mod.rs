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

/// A `file:` URI, percent-encoded as editors write them.
#[allow(dead_code)] // Each test crate uses what it needs.
pub fn uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_str().unwrap().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

/// Copies the directory `from` to `to`, recursively.
#[allow(dead_code)] // Each test crate uses what it needs.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Checks that every `id` of an HTML page is unique and every `href="#…"` leads to one of them;
/// returns how many such links there are.
#[allow(dead_code)] // Not every test file checks HTML.
pub fn assert_links_resolve(html: &str) -> usize {
    let mut ids = std::collections::BTreeSet::new();
    for (i, _) in html.match_indices(" id=\"") {
        let rest = &html[i + 5..];
        let id = &rest[..rest.find('"').unwrap()];
        assert!(ids.insert(id.to_string()), "the id `{id}` is used twice");
    }
    let mut links = 0;
    for (i, _) in html.match_indices("href=\"#") {
        let rest = &html[i + 7..];
        let target = &rest[..rest.find('"').unwrap()];
        assert!(
            ids.contains(target),
            "a link to `#{target}`, which no element has"
        );
        links += 1;
    }
    links
}

/// Writes one JSON-RPC message with its `Content-Length` header, as an editor writes to a
/// language server.
#[allow(dead_code)]
pub fn send_message(out: &mut impl std::io::Write, message: &serde_json::Value) {
    let body = serde_json::to_vec(message).unwrap();
    write!(out, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
    out.write_all(&body).unwrap();
    out.flush().unwrap();
}

/// Reads one JSON-RPC message (headers, a blank line, then `Content-Length` bytes of JSON).
#[allow(dead_code)]
pub fn read_message(input: &mut impl std::io::BufRead) -> serde_json::Value {
    let mut length = None;
    loop {
        let mut line = String::new();
        let read = input.read_line(&mut line).unwrap();
        assert!(read > 0, "the server closed its output");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = Some(value.parse::<usize>().unwrap());
        }
    }
    let mut body = vec![0; length.expect("a Content-Length header")];
    input.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}
