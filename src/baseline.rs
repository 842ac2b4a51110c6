//! Baselines: today's findings, recorded by meaning, so that a repository can adopt cohere and
//! fail only on findings that are new.
//!
//! A baseline is a JSON file (version 1) of entries, each naming a rule, a file and the
//! finding's identity by meaning (its `key`: ids such as the measure and the target; the message
//! for the few findings that have no key) — never a line number, so that edits which move a
//! finding do not make it new. Entries are sorted, and findings that share an identity are
//! counted, so the same findings always give the same file, one entry per line:
//!
//! ```json
//! {
//!   "version": 1,
//!   "entries": [
//!     {"path":"policies/health.yaml","rule":"spillover","key":["nurse-recruitment"],"message":"…"}
//!   ]
//! }
//! ```
//!
//! `path` is relative to the project root (the directory of `cohere.yaml`), or, for a file
//! outside any project, to the working directory; always with `/`. `message` is what the finding
//! said when it was recorded, for people reviewing the file; it is not used for matching.
//! `count` (default 1) is how many findings share the identity.
//!
//! An entry is *stale* when nothing matches it any more: the finding was fixed (or suppressed
//! inline). Only entries in the scope of a run can be judged: those of the files linted, and
//! of rules that ran. Linting one file says nothing about the other files' entries.

use crate::finding::Finding;
use crate::project::Workspace;
use crate::rules;
use crate::source::FileId;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The version of the baseline file's shape.
pub const VERSION: u32 = 1;

/// A baseline file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The shape's version.
    pub version: u32,
    /// The entries, sorted.
    pub entries: Vec<Entry>,
}

/// Findings of one identity.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, relative to the project root (or the working directory), with `/`.
    pub path: String,
    /// The rule id.
    pub rule: String,
    /// The finding's identity by meaning.
    pub key: Vec<String>,
    /// The message when recorded (for people; not matched).
    #[serde(default)]
    pub message: String,
    /// How many findings share the identity.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

fn is_one(count: &u32) -> bool {
    *count == 1
}

/// What identifies a finding across runs: rule, path, key.
type Identity = (String, String, Vec<String>);

/// Why a baseline file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BaselineError {
    /// It is not a baseline of this shape.
    #[error("{line}:{column}: {message}")]
    Invalid {
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// It was written by a cohere that uses another shape.
    #[error("baseline version {0} is not supported (this cohere reads version {VERSION})")]
    Version(u64),
}

impl Baseline {
    /// Reads a baseline file's text.
    pub fn parse(text: &str) -> Result<Baseline, BaselineError> {
        // The message names what is wrong without quoting the file: a baseline may be a link
        // planted in a repository, and its text must not reach a public log.
        let invalid = |error: serde_json::Error| BaselineError::Invalid {
            line: error.line(),
            column: error.column(),
            message: error
                .to_string()
                .split(" at line ")
                .next()
                .and_then(|m| m.split(['`', '"']).next())
                .unwrap_or("")
                .trim_end_matches([' ', ',', ':'])
                .to_string(),
        };
        let value: serde_json::Value = serde_json::from_str(text).map_err(invalid)?;
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(version) if version == u64::from(VERSION) => {}
            Some(version) => return Err(BaselineError::Version(version)),
            None => {
                return Err(BaselineError::Invalid {
                    line: 1,
                    column: 1,
                    message: "not a cohere baseline: no `version`".to_string(),
                });
            }
        }
        // Parse the text again (not the value) so that errors keep their line and column.
        let mut baseline: Baseline = serde_json::from_str(text).map_err(invalid)?;
        baseline.normalize();
        Ok(baseline)
    }

    /// The file's text: JSON with one entry per line (so that a change to the baseline reads as
    /// a line diff in review), entries sorted, with a final newline.
    pub fn to_json(&self) -> String {
        let mut sorted = self.clone();
        sorted.normalize();
        let entries: Vec<String> = sorted
            .entries
            .iter()
            .map(|e| serde_json::to_string(e).unwrap_or_else(|_| "{}".to_string()))
            .collect();
        if entries.is_empty() {
            return format!("{{\n  \"version\": {VERSION},\n  \"entries\": []\n}}\n");
        }
        format!(
            "{{\n  \"version\": {VERSION},\n  \"entries\": [\n    {}\n  ]\n}}\n",
            entries.join(",\n    ")
        )
    }

    /// Merges entries of one identity and sorts them.
    fn normalize(&mut self) {
        let mut merged: BTreeMap<Identity, Entry> = BTreeMap::new();
        for entry in std::mem::take(&mut self.entries) {
            if entry.count == 0 {
                continue;
            }
            merged
                .entry(entry.identity())
                .and_modify(|e| e.count += entry.count)
                .or_insert(entry);
        }
        self.version = VERSION;
        self.entries = merged.into_values().collect();
        self.entries.sort();
    }

    /// A baseline of `findings`, keeping the entries of `previous` that are outside the scope of
    /// this run (other files, rules that did not run), so that recording a baseline from a run
    /// on some files does not forget the others.
    pub fn record<'a>(
        workspace: &Workspace,
        findings: impl IntoIterator<Item = &'a Finding>,
        previous: Option<&Baseline>,
        rule_ran: impl Fn(&rules::RuleMeta, Option<&str>) -> bool,
    ) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .into_iter()
            .map(|finding| {
                let (rule, path, key) = identity(workspace, finding);
                Entry {
                    path,
                    rule,
                    key,
                    message: finding.message.clone(),
                    count: 1,
                }
            })
            .collect();
        if let Some(previous) = previous {
            let scope = Scope::of(workspace);
            entries.extend(
                previous
                    .entries
                    .iter()
                    .filter(|e| !scope.contains(e, &rule_ran))
                    .cloned(),
            );
        }
        let mut baseline = Baseline {
            version: VERSION,
            entries,
        };
        baseline.normalize();
        baseline
    }

    /// The baseline without `stale` entries (as [`Matched::stale`] gives them).
    pub fn pruned(&self, stale: &[Entry]) -> Baseline {
        let mut remove: BTreeMap<Identity, u32> = BTreeMap::new();
        for entry in stale {
            *remove.entry(entry.identity()).or_default() += entry.count;
        }
        let mut pruned = self.clone();
        for entry in &mut pruned.entries {
            if let Some(n) = remove.get_mut(&entry.identity()) {
                let taken = (*n).min(entry.count);
                entry.count -= taken;
                *n -= taken;
            }
        }
        pruned.normalize();
        pruned
    }

    /// Splits `findings` into those beyond the baseline and those in it, and finds the stale
    /// entries in the scope of the run. `rule_ran` says whether a rule ran for a path (so that
    /// the entries of rules switched off or not selected are not called stale).
    pub fn apply(
        &self,
        workspace: &Workspace,
        findings: Vec<Finding>,
        rule_ran: impl Fn(&rules::RuleMeta, Option<&str>) -> bool,
    ) -> Matched {
        let mut remaining: BTreeMap<Identity, u32> = BTreeMap::new();
        for entry in &self.entries {
            *remaining.entry(entry.identity()).or_default() += entry.count;
        }
        let mut matched = Matched::default();
        for finding in findings {
            match remaining.get_mut(&identity(workspace, &finding)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    matched.baselined.push(finding);
                }
                _ => matched.new.push(finding),
            }
        }
        let scope = Scope::of(workspace);
        for entry in &self.entries {
            let left = remaining.get_mut(&entry.identity()).map_or(0, |n| {
                let left = (*n).min(entry.count);
                *n -= left;
                left
            });
            if left > 0 && scope.contains(entry, &rule_ran) {
                matched.stale.push(Entry {
                    count: left,
                    ..entry.clone()
                });
            }
        }
        matched
    }
}

impl Entry {
    fn identity(&self) -> Identity {
        (self.rule.clone(), self.path.clone(), self.key.clone())
    }
}

/// Findings split by a baseline.
#[derive(Clone, Debug, Default)]
pub struct Matched {
    /// Findings beyond the baseline.
    pub new: Vec<Finding>,
    /// Findings the baseline holds.
    pub baselined: Vec<Finding>,
    /// Entries in the scope of the run that nothing matched, with how many went unmatched.
    pub stale: Vec<Entry>,
}

/// A finding's identity: rule, path (see [`path`]), and key (or message, for findings without
/// a key).
pub fn identity(workspace: &Workspace, finding: &Finding) -> (String, String, Vec<String>) {
    let key = if finding.key.is_empty() {
        vec![finding.message.clone()]
    } else {
        finding.key.clone()
    };
    (
        finding.rule.id.to_string(),
        path(workspace, finding.primary.location.file),
        key,
    )
}

/// A file's path as a baseline records it: relative to the project root when the file is in
/// the project, else as shown (relative to the working directory); with `/`.
pub fn path(workspace: &Workspace, file: FileId) -> String {
    workspace
        .project_path(file)
        .unwrap_or_else(|| workspace.sources.get(file).display_path.replace('\\', "/"))
}

/// Which entries a run can judge.
struct Scope {
    /// Paths of the files whose findings the run reports.
    selected: BTreeSet<String>,
    /// Paths of every file the run read.
    loaded: BTreeSet<String>,
    /// Whether the whole project was linted (so an entry of a file that is gone is stale).
    whole_project: bool,
}

impl Scope {
    fn of(workspace: &Workspace) -> Scope {
        let selected = workspace
            .selected_files()
            .map(|f| path(workspace, f))
            .collect();
        let loaded = workspace
            .sources
            .iter()
            .map(|(f, _)| path(workspace, f))
            .collect();
        let whole_project = workspace
            .project
            .as_ref()
            .is_some_and(|p| workspace.is_selected(p.file));
        Scope {
            selected,
            loaded,
            whole_project,
        }
    }

    fn contains(
        &self,
        entry: &Entry,
        rule_ran: &impl Fn(&rules::RuleMeta, Option<&str>) -> bool,
    ) -> bool {
        let file_in_scope = self.selected.contains(&entry.path)
            || (self.whole_project && !self.loaded.contains(&entry.path));
        // An entry of a rule this cohere does not know can never match again.
        let rule_in_scope = rules::rule(&entry.rule)
            .is_none_or(|rule| rule_ran(rule.meta, Some(entry.path.as_str())));
        file_in_scope && rule_in_scope
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, rule: &str, key: &[&str], count: u32) -> Entry {
        Entry {
            path: path.into(),
            rule: rule.into(),
            key: key.iter().map(|k| k.to_string()).collect(),
            message: format!("{rule} in {path}"),
            count,
        }
    }

    #[test]
    fn the_file_is_sorted_merged_and_stable() {
        let baseline = Baseline {
            version: VERSION,
            entries: vec![
                entry("b.yaml", "spillover", &["m"], 1),
                entry("a.yaml", "schema", &["x"], 1),
                entry("b.yaml", "spillover", &["m"], 2),
                entry("a.yaml", "gone", &["y"], 0),
            ],
        };
        let text = baseline.to_json();
        let reread = Baseline::parse(&text).unwrap();
        assert_eq!(reread.entries.len(), 2);
        assert_eq!(reread.entries[0].path, "a.yaml");
        assert_eq!(reread.entries[1].count, 3);
        assert_eq!(reread.to_json(), text);
        assert!(text.contains("\"count\":3"));
        assert!(!text.contains("\"count\":1"));
    }

    #[test]
    fn pruning_takes_away_only_what_is_stale() {
        let baseline = Baseline {
            version: VERSION,
            entries: vec![
                entry("a.yaml", "spillover", &["m"], 3),
                entry("a.yaml", "schema", &["x"], 1),
            ],
        };
        let pruned = baseline.pruned(&[
            entry("a.yaml", "spillover", &["m"], 2),
            entry("a.yaml", "schema", &["x"], 1),
        ]);
        assert_eq!(
            pruned.entries,
            vec![entry("a.yaml", "spillover", &["m"], 1)]
        );
    }

    #[test]
    fn bad_files_are_located_errors() {
        assert_eq!(
            Baseline::parse("{\"version\": 2, \"entries\": []}").unwrap_err(),
            BaselineError::Version(2)
        );
        let error =
            Baseline::parse("{\"version\": 1,\n \"entries\": [{\"rule\": 1}]}").unwrap_err();
        assert!(
            matches!(&error, BaselineError::Invalid { line: 2, .. }),
            "{error:?}"
        );
        assert!(Baseline::parse("[]").is_err());
        assert!(Baseline::parse("not json").is_err());
        // Nothing of the file's text is quoted.
        let error = Baseline::parse(
            "{\"version\": 1, \"entries\": [{\"rule\": \"SECRET-TEXT\", \"SECRET-KEY\": 1}]}",
        )
        .unwrap_err();
        assert!(!error.to_string().contains("SECRET"), "{error}");
        assert!(error.to_string().starts_with("1:"), "{error}");
    }
}
