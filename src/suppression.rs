//! Inline suppressions: `# cohere: allow(rule-id, …) -- reason`.
//!
//! A suppression is a YAML comment. Trailing a line, it covers the largest node that starts on
//! that line (a whole measure when written after `- id: …`, a whole list when written after
//! `effects:`); on a line of its own, it covers the largest node starting on the next line with
//! content. A finding is suppressed when its rule is named and its primary location lies inside
//! the covered node. The reason after `--` is mandatory; a suppression that matches nothing is
//! itself reported, so that accepted trade-offs do not outlive the measures they were about.

use crate::document::Located;
use crate::source::{FileId, Span};
use crate::yaml::{Node, Value};

/// The marker that starts a suppression comment.
pub const MARKER: &str = "cohere:";

/// A suppression comment as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// The comment, from `#` to the end of the line.
    pub span: Span,
    /// The rule ids (or categories) named in `allow(…)`.
    pub rules: Vec<Located<String>>,
    /// The reason after `--`, if given.
    pub reason: Option<String>,
    /// The node the comment covers.
    pub covers: Span,
    /// What is wrong with the comment's form, if anything.
    pub malformed: Option<String>,
}

/// A suppression comment in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// The file.
    pub file: FileId,
    /// The comment.
    pub comment: Comment,
}

impl Suppression {
    /// A suppression in `file`.
    pub fn new(file: FileId, comment: Comment) -> Self {
        Suppression { file, comment }
    }
}

/// Finds the suppression comments in `text`, whose parsed documents are `documents`.
///
/// Only real comments count: a `#` inside a quoted or block scalar is text, and is told apart
/// by the scalars' spans.
pub fn scan(text: &str, documents: &[Node]) -> Vec<Comment> {
    if !text.contains(MARKER) {
        return Vec::new();
    }
    let mut scalars = Vec::new();
    let mut starts = Vec::new();
    for document in documents {
        collect(document, &mut scalars, &mut starts);
        starts.push(document.span);
    }
    scalars.sort();
    starts.sort_by_key(|span| (span.start, std::cmp::Reverse(span.end)));
    let lines = LineIndex::new(text);
    let mut comments = Vec::new();
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let Some(hash) = comment_start(line) else {
            continue;
        };
        let comment_text = line[hash..].trim_end();
        let body = comment_text[1..].trim_start();
        let Some(rest) = body.strip_prefix(MARKER) else {
            continue;
        };
        let absolute = line_start + hash;
        if inside_scalar(&scalars, absolute as u32) {
            continue;
        }
        let span = Span::new(absolute as u32, (absolute + comment_text.len()) as u32);
        let rest_offset = absolute + (comment_text.len() - rest.len());
        let trailing = !line[..hash].trim().is_empty();
        let target_line = if trailing {
            lines.line_of(line_start)
        } else {
            lines
                .line_of(line_start)
                .and_then(|line| lines.next_content_line(text, line + 1))
        };
        let covers = target_line
            .and_then(|l| largest_node_on_line(&starts, &lines, l))
            .unwrap_or(span);
        comments.push(parse(rest, rest_offset as u32, span, covers));
    }
    comments
}

/// Where a `#` starts a comment on this line: at the start or after white space, and outside
/// quotes (a rough check; scalar spans settle the rest).
fn comment_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => {
                let starts_value = i == 0
                    || matches!(
                        bytes[i - 1],
                        b' ' | b'\t' | b'[' | b'{' | b',' | b':' | b'-'
                    );
                if starts_value {
                    quote = Some(b);
                }
            }
            None if b == b'#' && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t')) => {
                return Some(i);
            }
            None => {}
        }
    }
    None
}

fn parse(rest: &str, rest_offset: u32, span: Span, covers: Span) -> Comment {
    let mut comment = Comment {
        span,
        rules: Vec::new(),
        reason: None,
        covers,
        malformed: None,
    };
    let trimmed = rest.trim_start();
    let lead = (rest.len() - trimmed.len()) as u32;
    let Some(after_allow) = trimmed.strip_prefix("allow(") else {
        comment.malformed = Some("expected `allow(rule-id) -- reason` after `cohere:`".into());
        return comment;
    };
    let Some(close) = after_allow.find(')') else {
        comment.malformed = Some("`allow(` is not closed".into());
        return comment;
    };
    let list_offset = rest_offset + lead + "allow(".len() as u32;
    let mut position = 0usize;
    for part in after_allow[..close].split(',') {
        let name = part.trim();
        if !name.is_empty() {
            let start = list_offset + (position + part.find(name).unwrap_or(0)) as u32;
            comment.rules.push(Located::new(
                name.to_string(),
                Span::new(start, start + name.len() as u32),
            ));
        }
        position += part.len() + 1;
    }
    if comment.rules.is_empty() {
        comment.malformed = Some("`allow()` names no rule".into());
    }
    let after = after_allow[close + 1..].trim();
    comment.reason = after
        .strip_prefix("--")
        .map(str::trim)
        .filter(|reason| !reason.is_empty())
        .map(str::to_string);
    if comment.reason.is_none() && !after.is_empty() && comment.malformed.is_none() {
        comment.malformed = Some("write the reason after `--`".into());
    }
    comment
}

fn collect(node: &Node, scalars: &mut Vec<Span>, starts: &mut Vec<Span>) {
    match &node.value {
        Value::Seq(items) => {
            for item in items {
                starts.push(item.span);
                collect(item, scalars, starts);
            }
        }
        Value::Map(entries) => {
            for entry in entries {
                starts.push(entry.span());
                collect(&entry.key, scalars, starts);
                collect(&entry.value, scalars, starts);
            }
        }
        _ => scalars.push(node.span),
    }
}

fn inside_scalar(scalars: &[Span], offset: u32) -> bool {
    let i = scalars.partition_point(|s| s.start <= offset);
    i > 0 && scalars[i - 1].end > offset
}

fn largest_node_on_line(starts: &[Span], lines: &LineIndex, line: usize) -> Option<Span> {
    let (from, to) = lines.range(line)?;
    let first = starts.partition_point(|s| (s.start as usize) < from);
    starts[first..]
        .iter()
        .take_while(|s| (s.start as usize) < to)
        .max_by_key(|s| (s.end - s.start, std::cmp::Reverse(s.start)))
        .copied()
}

struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    fn line_of(&self, offset: usize) -> Option<usize> {
        self.starts.partition_point(|&s| s <= offset).checked_sub(1)
    }

    fn range(&self, line: usize) -> Option<(usize, usize)> {
        let start = *self.starts.get(line)?;
        let end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        Some((start, end))
    }

    /// The first line from `line` on that has something besides white space and comments.
    fn next_content_line(&self, text: &str, mut line: usize) -> Option<usize> {
        while let Some((start, end)) = self.range(line) {
            let content = text[start..end].trim();
            if !content.is_empty() && !content.starts_with('#') {
                return Some(line);
            }
            line += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{Limits, parse_documents};

    fn comments(text: &str) -> Vec<Comment> {
        let nodes = parse_documents(text, &Limits::default()).unwrap();
        scan(text, &nodes)
    }

    const TEXT: &str = "\
policy: p
measures:
  - id: m1   # cohere: allow(direct-conflict) -- accepted by cabinet decision 2026/14
    title: \"# cohere: allow(schema) -- inside a string\"
    description: |
      # cohere: allow(schema) -- inside a block scalar
  # cohere: allow(missing-lead, missing-indicator)
  - id: m2
    title: Two
";

    #[test]
    fn trailing_comments_cover_the_node_on_their_line() {
        let found = comments(TEXT);
        assert_eq!(found.len(), 2, "{found:?}");
        let first = &found[0];
        assert_eq!(first.rules[0].value, "direct-conflict");
        assert_eq!(&TEXT[first.rules[0].span.range()], "direct-conflict");
        assert_eq!(
            first.reason.as_deref(),
            Some("accepted by cabinet decision 2026/14")
        );
        let covered = &TEXT[first.covers.range()];
        assert!(covered.starts_with("id: m1"), "{covered}");
        assert!(
            covered.trim_end().ends_with("inside a block scalar"),
            "{covered:?}"
        );
    }

    #[test]
    fn comments_on_their_own_line_cover_the_next_node() {
        let found = comments(TEXT);
        let second = &found[1];
        let names: Vec<_> = second.rules.iter().map(|r| r.value.as_str()).collect();
        assert_eq!(names, ["missing-lead", "missing-indicator"]);
        assert_eq!(second.reason, None);
        assert_eq!(&TEXT[second.covers.range()], "id: m2\n    title: Two");
    }

    #[test]
    fn malformed_comments_are_flagged() {
        let text = "a: 1 # cohere: alow(x)\nb: 2 # cohere: allow(x) because\n";
        let found = comments(text);
        assert!(found[0].malformed.is_some());
        assert_eq!(
            found[1].malformed.as_deref(),
            Some("write the reason after `--`")
        );
    }
}
