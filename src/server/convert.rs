//! Between cohere's places and the protocol's: byte offsets and LSP positions (lines from 0,
//! columns in UTF-16 code units, as LSP counts them unless a client negotiates otherwise), and
//! file paths and `file:` URIs.

use lsp_types::{Position, Range, Uri};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The starts of the lines of a text, to turn byte offsets into positions and back.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes `text` (lines end at `\n`; a `\r` before it belongs to no column anyone asks for).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0u32];
        starts.extend(
            text.match_indices('\n')
                .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        );
        LineIndex { starts }
    }

    /// The position of a byte offset of `text` (clamped to the text, and back to a character
    /// boundary).
    pub fn position(&self, text: &str, offset: u32) -> Position {
        let mut offset = (offset as usize).min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&start| start as usize <= offset)
            .saturating_sub(1);
        let start = self.starts[line] as usize;
        let character = text[start..offset].encode_utf16().count();
        Position::new(line as u32, character as u32)
    }

    /// The range of a byte span of `text`.
    pub fn range(&self, text: &str, span: crate::source::Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of a position of `text`: a column past the end of its line is the end of
    /// the line, a line past the end of the text is its end, and a column inside a character
    /// that takes two UTF-16 units is the start of that character.
    pub fn offset(&self, text: &str, position: Position) -> u32 {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len() as u32;
        };
        let line_end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |&next| next as usize - 1);
        let line = &text[start as usize..line_end];
        let mut units = 0u32;
        for (at, c) in line.char_indices() {
            let width = c.len_utf16() as u32;
            if units + width > position.character {
                return start + at as u32;
            }
            units += width;
        }
        line_end as u32
    }
}

/// The file a `file:` URI names; `None` for any other scheme (an unsaved `untitled:` buffer).
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`; another host is a network share cohere
    // cannot name as a local path.
    let path = match rest.strip_prefix("localhost") {
        Some(after) if after.starts_with('/') => after,
        _ if rest.starts_with('/') => rest,
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    if cfg!(windows) {
        // `/c:/Users/…` → `c:/Users/…`
        let trimmed = decoded.strip_prefix('/').unwrap_or(&decoded);
        Some(PathBuf::from(trimmed.replace('/', "\\")))
    } else {
        Some(PathBuf::from(decoded))
    }
}

/// The `file:` URI of an absolute path, with every byte outside the unreserved set and `/`
/// percent-encoded (as VS Code writes them).
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let text = path.to_str()?.replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char);
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    Uri::from_str(&uri).ok()
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn columns_count_utf16_units() {
        // 'é' is one UTF-16 unit (two bytes), '𝄞' two units (four bytes).
        let text = "a: 1\nbé𝄞: [x]\n";
        let index = LineIndex::new(text);
        let bracket = text.find('[').unwrap() as u32;
        assert_eq!(index.position(text, bracket), Position::new(1, 6));
        assert_eq!(index.offset(text, Position::new(1, 6)), bracket);
        assert_eq!(index.position(text, 0), Position::new(0, 0));
        assert_eq!(
            index.range(text, Span::new(5, bracket)),
            Range::new(Position::new(1, 0), Position::new(1, 6))
        );
    }

    #[test]
    fn positions_out_of_the_text_are_clamped() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(text, Position::new(0, 99)), 2);
        assert_eq!(index.offset(text, Position::new(9, 0)), 5);
        assert_eq!(index.position(text, 99), Position::new(1, 2));
        // Inside a surrogate pair: the start of the character.
        let text = "𝄞x";
        assert_eq!(LineIndex::new(text).offset(text, Position::new(0, 1)), 0);
    }

    #[cfg(unix)]
    #[test]
    fn file_uris_round_trip() {
        let path = Path::new("/tmp/policy repo/ñ/a#b.yaml");
        let uri = path_to_uri(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/policy%20repo/%C3%B1/a%23b.yaml");
        assert_eq!(uri_to_path(&uri).unwrap(), path);
        let localhost = Uri::from_str("file://localhost/tmp/x.yaml").unwrap();
        assert_eq!(uri_to_path(&localhost).unwrap(), Path::new("/tmp/x.yaml"));
        let untitled = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(uri_to_path(&untitled), None);
    }
}
