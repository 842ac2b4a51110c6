//! `yaml-syntax`: the file is not valid YAML, or not readable text.

use crate::finding::{Finding, Severity};
use crate::rules::{Category, RuleMeta};
use crate::source::Location;
use crate::yaml::YamlError;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "yaml-syntax",
    category: Category::Document,
    default_severity: Severity::Error,
    summary: "the file is not valid YAML, or not UTF-8 text",
    what: "Finds files cohere cannot read as YAML: syntax errors, duplicate keys in one \
           mapping, invalid UTF-8, and files that exceed the parsing limits (alias bombs, very \
           deep nesting, very large files). The mistakes people make by hand are named, at their \
           own line rather than where the parser gave up, with the fix: a tab in the \
           indentation, a list item without `- ` (or `-id:` without the space), a key indented \
           one step off or a `- ` indented like the keys above it, a quote or bracket never \
           closed, an apostrophe inside single quotes, an unquoted value that contains `: ` or \
           starts with `[`, text continued on a line indented less than its key, `score:2` \
           without a space, and a key written twice. Files cohere \
           will not read are reported here too, named but never quoted: a symbolic link that \
           leads outside the project root, and a file the `policies` globs select that is not \
           `.yaml` or `.yml`.",
    why: "Nothing in a file that cannot be read is checked, so a syntax error hides every other \
          problem in it. Duplicate keys are errors because YAML tools disagree on which value \
          wins, and a policy must mean one thing.",
    fix: "Correct the YAML at the place shown. If a file is genuinely larger or deeper than the \
          limits allow, raise them under `limits:` in cohere.yaml.",
};

/// A finding for a YAML error in the file at `location`.
pub fn finding(location: Location, error: &YamlError) -> Finding {
    Finding::new(&META, location, error.message.clone())
        .label(if error.pinpointed {
            "here"
        } else {
            "cohere stopped reading here"
        })
        .maybe_help(error.help.clone())
}
