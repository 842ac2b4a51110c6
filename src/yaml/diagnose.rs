//! The parser's words turned into the mistake a person made.
//!
//! serde-saphyr says what its grammar expected ("while parsing a block collection, did not find
//! expected '-' indicator"), at the place it gave up, which is often a line after the mistake.
//! This module looks at the text around that place for the mistakes people make when they write
//! YAML by hand — a tab, a missing `- `, a key indented one step off, an unclosed quote or
//! bracket, an unquoted value with `: ` in it, a key written twice — and names the mistake, at
//! its own line and column, with a help line that says how to fix it. When no pattern fits, the
//! parser's message stands, with general advice.

/// A mistake found: what it is, at which byte of the text, and how to fix it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Diagnosis {
    pub message: String,
    pub offset: usize,
    pub help: String,
}

/// One line of the text: where it starts, and its text without the line break.
#[derive(Clone, Copy)]
struct Line<'a> {
    start: usize,
    text: &'a str,
}

impl<'a> Line<'a> {
    /// Spaces before the content.
    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }

    fn is_blank(&self) -> bool {
        let rest = self.text.trim_start();
        rest.is_empty() || rest.starts_with('#')
    }

    /// The columns (0-based) of the `- ` that open list items on this line, and the column of
    /// what follows them.
    fn dashes_and_content(&self) -> (Vec<usize>, usize) {
        let mut dashes = Vec::new();
        let mut col = self.indent();
        let bytes = self.text.as_bytes();
        while col < bytes.len()
            && bytes[col] == b'-'
            && bytes.get(col + 1).is_none_or(|b| *b == b' ')
        {
            dashes.push(col);
            col += 1;
            while bytes.get(col) == Some(&b' ') {
                col += 1;
            }
        }
        (dashes, col)
    }

    /// The key this line starts (after any `- `), if it starts `key: …` or `key:`.
    fn key(&self) -> Option<(&'a str, usize)> {
        let (_, col) = self.dashes_and_content();
        let rest = &self.text[col..];
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))?;
        let after = &rest[end..];
        (end > 0 && (after == ":" || after.starts_with(": ") || after.starts_with(":\t")))
            .then(|| (&rest[..end], col))
    }

    /// The value after `key: ` on this line, and its column.
    fn value(&self) -> Option<(&'a str, usize)> {
        let (key, col) = self.key()?;
        let start = col + key.len() + 1;
        let rest = &self.text[start..];
        let value = rest.trim_start();
        (!value.is_empty()).then(|| (value, start + rest.len() - value.len()))
    }
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let body = piece.trim_end_matches('\n').trim_end_matches('\r');
        out.push(Line { start, text: body });
        start += piece.len();
    }
    if out.is_empty() {
        out.push(Line { start: 0, text: "" });
    }
    out
}

/// The mistake behind the parser's `raw` message at byte `offset` of `text`, if cohere knows it.
pub(super) fn diagnose(raw: &str, offset: usize, text: &str) -> Option<Diagnosis> {
    let lines = lines(text);
    let at = lines
        .iter()
        .rposition(|l| l.start <= offset)
        .unwrap_or_default();
    let checks: [&dyn Fn() -> Option<Diagnosis>; 9] = [
        &|| tab(&lines, at),
        &|| quote(&lines, at, raw),
        &|| bracket(&lines, at),
        &|| dash_without_space(&lines, at),
        &|| special_start(&lines, at),
        &|| colon(&lines, at, offset, raw),
        &|| no_space_after_colon(&lines, at, raw),
        &|| duplicate(&lines, at, raw),
        &|| indentation(&lines, at, raw),
    ];
    checks.iter().find_map(|check| check())
}

/// General advice for a syntax error no pattern explains.
pub(super) fn general_help() -> String {
    "check the indentation (spaces only, each key of a mapping at the same column) and the \
     quoting on this line and the one above"
        .to_string()
}

fn line_number(index: usize) -> usize {
    index + 1
}

/// The nearest line above `at` with content.
fn previous(lines: &[Line<'_>], at: usize) -> Option<usize> {
    (0..at).rev().find(|&i| !lines[i].is_blank())
}

fn tab(lines: &[Line<'_>], at: usize) -> Option<Diagnosis> {
    // A tab in a block of text is allowed, so only the lines around the error are looked at.
    let last = (at + 1).min(lines.len() - 1);
    let first = at.saturating_sub(3);
    (first..=last).find_map(|i| {
        let line = &lines[i];
        let lead = line.text.len() - line.text.trim_start_matches([' ', '\t']).len();
        let tab = line.text[..lead].find('\t')?;
        let help = match previous(lines, i).and_then(|p| lines[p].key().map(|k| (p, k))) {
            Some((p, (key, col))) => format!(
                "YAML indents with spaces only: replace the tab with spaces (`{key}:` on line {} is indented {col})",
                line_number(p)
            ),
            None => "YAML indents with spaces only: replace the tab with spaces".to_string(),
        };
        Some(Diagnosis {
            message: "a tab in the indentation".to_string(),
            offset: line.start + tab,
            help,
        })
    })
}

/// Where a quoted value opening at `open` closes on the same line, if it does.
fn closing_quote(text: &str, open: usize) -> Option<usize> {
    let quote = text.as_bytes()[open];
    let bytes = text.as_bytes();
    let mut i = open + 1;
    while i < bytes.len() {
        if quote == b'"' && bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == quote {
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Where a quoted value opens on this line: right after `key: `, `- ` or a flow `[`, `,`.
fn opening_quote(line: &Line<'_>) -> Option<usize> {
    let (_, content) = line.dashes_and_content();
    let candidates = line
        .value()
        .map(|(_, col)| col)
        .into_iter()
        .chain([content]);
    candidates
        .into_iter()
        .find(|&col| matches!(line.text.as_bytes().get(col), Some(b'"' | b'\'')))
}

fn quote(lines: &[Line<'_>], at: usize, raw: &str) -> Option<Diagnosis> {
    if !raw.contains("quoted scalar") {
        return None;
    }
    (0..=at).rev().find_map(|i| {
        let line = &lines[i];
        let open = opening_quote(line)?;
        let mark = line.text.as_bytes()[open] as char;
        match closing_quote(line.text, open) {
            None => {
                let rest = line.text[open + 1..].trim_end();
                Some(Diagnosis {
                    message: format!("the quote `{mark}` opened here is never closed"),
                    offset: line.start + open,
                    help: format!(
                        "add the closing `{mark}` where the text ends: `{}{mark}{rest}{mark}`",
                        &line.text[line.indent()..open]
                    ),
                })
            }
            Some(close) => {
                let after = line.text[close + 1..].trim_start();
                if after.is_empty() || after.starts_with(['#', ',', ']', '}', ':']) {
                    return None;
                }
                let inner = &line.text[open + 1..];
                let whole = inner.trim_end().trim_end_matches(mark);
                let help = if mark == '\'' {
                    format!(
                        "inside single quotes an apostrophe is written twice (`''`): `'{}'`, or use double quotes: `\"{whole}\"`",
                        whole.replace('\'', "''")
                    )
                } else {
                    format!(
                        "inside double quotes a `\"` is written `\\\"`, or put the text in single quotes: `'{whole}'`"
                    )
                };
                Some(Diagnosis {
                    message: format!(
                        "the quoted text ends at the second `{mark}`, and more text follows it"
                    ),
                    offset: line.start + open,
                    help,
                })
            }
        }
    })
}

/// Brackets opened and not closed on a line, outside quotes and comments.
fn open_brackets(text: &str) -> Vec<(usize, u8)> {
    let bytes = text.as_bytes();
    let mut stack = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' | b'\'' if i == 0 || matches!(bytes[i - 1], b' ' | b'[' | b'{' | b',' | b':') => {
                match closing_quote(text, i) {
                    Some(close) => i = close,
                    None => return stack,
                }
            }
            b'#' if i == 0 || bytes[i - 1] == b' ' => return stack,
            b'[' | b'{' => stack.push((i, bytes[i])),
            b']' | b'}' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    stack
}

fn bracket(lines: &[Line<'_>], at: usize) -> Option<Diagnosis> {
    // The first line, going up, that leaves a bracket open which no line up to `at` closes.
    let mut closes_below = 0usize;
    for i in (0..=at).rev() {
        let text = lines[i].text;
        let opened = open_brackets(text);
        let closed = text.matches([']', '}']).count();
        if opened.len() > closes_below {
            let (col, mark) = opened[opened.len() - 1 - closes_below];
            let close = if mark == b'[' { ']' } else { '}' };
            let kind = if mark == b'[' { "list" } else { "mapping" };
            return Some(Diagnosis {
                message: format!(
                    "the {kind} opened here with `{}` is never closed",
                    mark as char
                ),
                offset: lines[i].start + col,
                help: format!(
                    "close it with `{close}`: `{}{close}`",
                    text.split(" #")
                        .next()
                        .unwrap_or(text)
                        .trim()
                        .trim_end_matches(',')
                ),
            });
        }
        closes_below = closes_below.saturating_sub(opened.len()) + closed.min(64);
        if i + 3 < at {
            // A flow collection left open stops the parser within a line or two.
            break;
        }
    }
    None
}

fn dash_without_space(lines: &[Line<'_>], at: usize) -> Option<Diagnosis> {
    (0..=at).rev().take(4).find_map(|i| {
        let line = &lines[i];
        let rest = &line.text[line.indent()..];
        let after = rest.strip_prefix('-')?;
        if !after.starts_with(|c: char| c.is_ascii_alphabetic()) || !after.contains(':') {
            return None;
        }
        let key = after.split(':').next().unwrap_or(after);
        Some(Diagnosis {
            message: format!("`-{key}:` has no space after the dash"),
            offset: line.start + line.indent(),
            help: format!("a list item starts with a dash and a space: write `- {key}:`"),
        })
    })
}

/// Characters that cannot start an unquoted value, and what YAML takes them for.
fn special_meaning(first: char) -> Option<&'static str> {
    match first {
        '[' => Some("the start of a list"),
        '{' => Some("the start of a mapping"),
        '*' => Some("an alias (`*name`)"),
        '&' => Some("an anchor (`&name`)"),
        '!' => Some("a tag"),
        '@' | '`' => Some("a reserved character"),
        '%' => Some("a directive"),
        _ => None,
    }
}

fn special_start(lines: &[Line<'_>], at: usize) -> Option<Diagnosis> {
    let line = &lines[at];
    let (key, _) = line.key()?;
    let (value, col) = line.value()?;
    let first = value.chars().next()?;
    let meaning = special_meaning(first)?;
    if matches!(first, '[' | '{') {
        // A whole flow collection is fine; one followed by more text is the mistake.
        let stack = open_brackets(value);
        let closes = value.rfind([']', '}'])?;
        let after = value[closes + 1..].trim_start();
        if !stack.is_empty() || after.is_empty() || after.starts_with('#') {
            return None;
        }
    }
    let value = value.split(" #").next().unwrap_or(value).trim_end();
    Some(Diagnosis {
        message: format!(
            "the value of `{key}` starts with `{first}`, which YAML reads as {meaning}"
        ),
        offset: line.start + col,
        help: format!("put the whole value in quotes: `{key}: {}`", quoted(value)),
    })
}

/// `value` in double quotes, or single quotes if it holds a double quote.
fn quoted(value: &str) -> String {
    if value.contains('"') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    }
}

fn colon(lines: &[Line<'_>], at: usize, offset: usize, raw: &str) -> Option<Diagnosis> {
    if !raw.contains("mapping values are not allowed") {
        return None;
    }
    let line = &lines[at];
    let column = offset.saturating_sub(line.start);
    match line.key() {
        // `title: Seasonal workers: a visa`: the colon is inside the value.
        Some((key, key_col)) if column > key_col + key.len() => {
            let (value, col) = line.value()?;
            let value = value.split(" #").next().unwrap_or(value).trim_end();
            Some(Diagnosis {
                message: format!(
                    "the value of `{key}` contains `: `, which YAML reads as the start of another key"
                ),
                offset: line.start + col,
                help: format!("put the value in quotes: `{key}: {}`", quoted(value)),
            })
        }
        // `score: 2` indented more than the key above it: read as more of that key's text.
        Some((key, key_col)) => {
            let above = previous(lines, at)?;
            let (above_key, above_col) = lines[above].key()?;
            (key_col > above_col).then(|| Diagnosis {
                message: format!(
                    "`{key}` is indented {key_col} spaces, more than `{above_key}` on line {}, so YAML reads it as more of the text of `{above_key}`",
                    line_number(above)
                ),
                offset: line.start + key_col,
                help: format!(
                    "indent `{key}:` by {above_col} spaces, like `{above_key}:` on line {}",
                    line_number(above)
                ),
            })
        }
        None => None,
    }
}

fn no_space_after_colon(lines: &[Line<'_>], at: usize, raw: &str) -> Option<Diagnosis> {
    if !(raw.contains("expected ':'") || raw.contains("did not find expected key")) {
        return None;
    }
    [Some(at), previous(lines, at)]
        .into_iter()
        .flatten()
        .find_map(|i| {
            let line = &lines[i];
            let (_, col) = line.dashes_and_content();
            let rest = line.text[col..].split(" #").next()?.trim_end();
            let (key, value) = rest.split_once(':')?;
            let plain_key = !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_');
            if !plain_key
                || value.is_empty()
                || value.starts_with([' ', '\t'])
                || rest.contains(": ")
            {
                return None;
            }
            Some(Diagnosis {
                message: format!(
                    "`{rest}` has no space after the colon, so YAML reads it as text, not as a key"
                ),
                offset: line.start + col,
                help: format!("write `{key}: {value}`"),
            })
        })
}

fn duplicate(lines: &[Line<'_>], at: usize, raw: &str) -> Option<Diagnosis> {
    let rest = raw.strip_prefix("duplicate mapping key `")?;
    let name = rest.split('`').next()?;
    let line = &lines[at];
    let (key, col) = line.key().filter(|(k, _)| *k == name)?;
    // The first occurrence: the nearest line above with the same key at the same column,
    // without leaving the mapping (a line with content further left ends it).
    let mut first = None;
    for i in (0..at).rev() {
        let other = &lines[i];
        if other.is_blank() {
            continue;
        }
        let (dashes, content) = other.dashes_and_content();
        if content == col && other.key().is_some_and(|(k, _)| k == key) {
            first = Some((i, !dashes.is_empty()));
            break;
        }
        if content < col || (content == col && !dashes.is_empty()) {
            break;
        }
    }
    let (first, item_start) = first?;
    let (message, help) = if item_start {
        (
            format!(
                "`{key}` appears twice in one item of the list (first on line {})",
                line_number(first)
            ),
            format!(
                "to start another item, put `- ` before `{key}:` like on line {}; otherwise keep one of the two",
                line_number(first)
            ),
        )
    } else {
        (
            format!(
                "`{key}` appears twice in this mapping (first on line {})",
                line_number(first)
            ),
            format!(
                "keep one of the two `{key}:` lines (YAML tools disagree on which one would win)"
            ),
        )
    };
    Some(Diagnosis {
        message,
        offset: line.start + col,
        help,
    })
}

fn indentation(lines: &[Line<'_>], at: usize, raw: &str) -> Option<Diagnosis> {
    if !raw.contains("did not find expected") {
        return None;
    }
    let line = &lines[at];
    let (dashes, col) = line.dashes_and_content();
    let name = line
        .key()
        .map(|(k, _)| format!("`{k}:`"))
        .unwrap_or_else(|| "this line".to_string());
    if let Some(&dash) = dashes.first() {
        // A `- ` indented like the keys of the item above: meant as the next item of an
        // outer list.
        let outer = (0..at).rev().find(|&i| {
            let (d, c) = lines[i].dashes_and_content();
            !lines[i].is_blank() && c == dash && d.last().is_some_and(|&d| d < dash)
        })?;
        let (outer_dashes, _) = lines[outer].dashes_and_content();
        let outer_dash = *outer_dashes.last()?;
        let what = line
            .key()
            .map(|(k, _)| format!("`- {k}:`"))
            .unwrap_or_else(|| "this item".to_string());
        return Some(Diagnosis {
            message: format!(
                "this `- ` is indented like the keys of the item above it, so YAML cannot read it as the next item of the list on line {}",
                line_number(outer)
            ),
            offset: line.start + dash,
            help: format!(
                "indent {what} by {outer_dash} spaces, like the `- ` on line {}",
                line_number(outer)
            ),
        });
    }
    // A line of text that is not a key, under `key: text`, indented no further than the key:
    // meant as more of that text.
    if line.key().is_none()
        && let Some(above) = previous(lines, at)
        && let Some((key, key_col)) = lines[above].key()
        && let Some((value, _)) = lines[above].value()
        && col <= key_col
        && !value.starts_with(['"', '\'', '[', '{', '|', '>', '#'])
    {
        return Some(Diagnosis {
            message: format!(
                "this line continues the text of `{key}` (line {}) but is indented less than `{key}:`",
                line_number(above)
            ),
            offset: line.start + col,
            help: format!(
                "indent it further than `{key}:` (more than {key_col} spaces), or put the text on one line; a long text can also follow `{key}: >` on lines indented below it"
            ),
        });
    }
    // A line at the column of a list's dashes, without one: a missing `- `.
    let list = (0..at).rev().find(|&i| {
        let (d, _) = lines[i].dashes_and_content();
        d.contains(&col)
    });
    let above = previous(lines, at)?;
    let (above_dashes, above_col) = lines[above].dashes_and_content();
    if let Some(list) = list
        && lines[above].indent() >= col
    {
        return Some(Diagnosis {
            message: format!(
                "{name} stands at the column of the list's `- ` (line {}) but does not start with `- `",
                line_number(list)
            ),
            offset: line.start + col,
            help: format!(
                "put `- ` before {name} to start a new item of the list, or indent it by {above_col} spaces to continue the item above"
            ),
        });
    }
    // Between a `- ` and the keys after it: one step off.
    if above_dashes.last().is_some_and(|&d| d < col) && col < above_col {
        let (above_key, _) = lines[above].key()?;
        return Some(Diagnosis {
            message: format!(
                "{name} is indented {col} spaces, less than `{above_key}:` on line {} ({above_col})",
                line_number(above)
            ),
            offset: line.start + col,
            help: format!(
                "indent {name} by {above_col} spaces, like `{above_key}:` on line {}",
                line_number(above)
            ),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, line: usize, column: usize) -> usize {
        lines(text)[line - 1].start + column - 1
    }

    #[test]
    fn a_duplicate_first_key_of_an_item_is_a_missing_dash() {
        let text = "effects:\n  - target: a\n    score: 1\n    target: b\n";
        let d = diagnose(
            "duplicate mapping key `target` is not allowed here",
            at(text, 4, 5),
            text,
        )
        .unwrap();
        assert_eq!(d.offset, at(text, 4, 5));
        assert!(d.help.contains("put `- ` before `target:`"), "{}", d.help);
    }

    #[test]
    fn a_value_with_a_colon_is_to_be_quoted() {
        let text = "title: Seasonal work: a visa\n";
        let d = diagnose(
            "mapping values are not allowed in this context",
            at(text, 1, 21),
            text,
        )
        .unwrap();
        assert_eq!(d.offset, at(text, 1, 8));
        assert_eq!(
            d.help,
            "put the value in quotes: `title: \"Seasonal work: a visa\"`"
        );
    }

    #[test]
    fn nothing_is_made_up_when_no_pattern_fits() {
        assert_eq!(diagnose("something odd", 0, "a: 1\n"), None);
    }
}
