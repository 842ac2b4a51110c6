//! Source files and locations.
//!
//! Every finding points back into a YAML file the user (or cohere itself) wrote. Locations are
//! kept as byte spans into a [`SourceFile`]; this module is the one place where a byte offset
//! becomes a line and a column.

use std::fmt;
use std::sync::Arc;

mod span;
pub use span::Span;

/// Identifies a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// Where a file came from: the user's disk, the frameworks compiled into cohere, or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// A file read from disk.
    Disk,
    /// A file embedded in the cohere binary.
    BuiltIn,
    /// A file of the repository that cohere named in a finding without reading it (a link out
    /// of the project root, a file that is not YAML): its text is empty.
    Refused,
}

/// One loaded text file with a line index.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to the user: relative to the working directory where possible, with
    /// `/` separators; `builtin:…` for embedded files.
    pub display_path: String,
    /// Whether the file is on disk or built in.
    pub origin: Origin,
    /// The file's text.
    pub text: Arc<str>,
    /// Where the file is on disk, for files read from disk.
    pub disk_path: Option<std::path::PathBuf>,
    line_starts: Vec<u32>,
}

/// A line and column, both starting at 1. The column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    /// Line number, from 1.
    pub line: u32,
    /// Column number in characters, from 1.
    pub column: u32,
}

impl SourceFile {
    /// Indexes the lines of `text`.
    pub fn new(display_path: String, origin: Origin, text: Arc<str>) -> Self {
        let mut line_starts = vec![0u32];
        // `match_indices` of one byte searches with memchr: this index is built for every
        // built-in file at every start.
        line_starts.extend(
            text.match_indices('\n')
                .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        );
        SourceFile {
            display_path,
            origin,
            text,
            disk_path: None,
            line_starts,
        }
    }

    /// The line and column of a byte offset (clamped to the file).
    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = offset.min(self.text.len() as u32);
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let line_start = self.line_starts[line_index] as usize;
        let mut end = offset as usize;
        while end > line_start && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[line_start..end].chars().count() as u32 + 1;
        LineCol {
            line: line_index as u32 + 1,
            column,
        }
    }

    /// The byte offset where a 1-based line starts, if the line exists.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.line_starts
            .get((line as usize).checked_sub(1)?)
            .copied()
    }

    /// The byte range of whole lines `first..=last` (1-based), without the final newline.
    pub fn lines_range(&self, first: u32, last: u32) -> Span {
        let start = self.line_start(first).unwrap_or(0);
        let end = self
            .line_start(last + 1)
            .map(|next| next.saturating_sub(1))
            .unwrap_or(self.text.len() as u32);
        Span::new(start, end.max(start))
    }

    /// The text of a span, or "" when it does not fall on character boundaries.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// The number of lines.
    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }
}

/// All files of one run, addressed by [`FileId`].
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }

    /// The file with this id.
    ///
    /// # Panics
    /// Only on an id that did not come from this map, which is a bug in cohere.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// All files, with their ids.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// Resolves a location into a path, line and column.
    pub fn resolve(&self, location: Location) -> ResolvedLocation {
        let file = self.get(location.file);
        let start = file.line_col(location.span.start);
        let end = file.line_col(location.span.end);
        ResolvedLocation {
            path: file.display_path.clone(),
            start,
            end,
        }
    }
}

/// A span in a known file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file.
    pub file: FileId,
    /// The bytes inside it.
    pub span: Span,
}

impl Location {
    /// A location in `file` at `span`.
    pub fn new(file: FileId, span: Span) -> Self {
        Location { file, span }
    }
}

/// A location resolved to a path, line and column, ready to print.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ResolvedLocation {
    /// The path as shown to the user.
    pub path: String,
    /// Where the span starts.
    pub start: LineCol,
    /// Where the span ends.
    pub end: LineCol,
}

impl fmt::Display for ResolvedLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.start.line, self.start.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("t.yaml".into(), Origin::Disk, Arc::from(text))
    }

    #[test]
    fn line_and_column_start_at_one_and_count_characters() {
        let f = file("a: 1\nbé: [x]\n");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(5), LineCol { line: 2, column: 1 });
        // 'é' is two bytes; the '[' after "bé: " is the fifth character of line 2.
        let bracket = f.text.find('[').unwrap() as u32;
        assert_eq!(f.line_col(bracket), LineCol { line: 2, column: 5 });
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let f = file("a\n");
        assert_eq!(f.line_col(100), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn lines_range_excludes_the_newline() {
        let f = file("one\ntwo\nthree");
        assert_eq!(f.slice(f.lines_range(2, 2)), "two");
        assert_eq!(f.slice(f.lines_range(2, 3)), "two\nthree");
    }
}
