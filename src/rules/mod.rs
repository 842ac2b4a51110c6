//! The rules: one file per rule, one registry.
//!
//! Each rule declares its metadata once ([`RuleMeta`]): id, category, default severity, summary
//! and documentation. `cohere rules`, `cohere explain`, the SARIF rules table and the report's
//! methodology appendix are all generated from it. A rule's failing and passing examples are its
//! test fixtures (`tests/fixtures/rules/<id>/{fail,pass}/`), compiled in, so the documentation
//! shows exactly what the tests check.
//!
//! Document rules are reported while documents are read and validated ([`crate::model::build`]);
//! analysis rules run over the validated model and the interaction graph.

pub mod capacity;
pub mod coherence;
pub mod coverage;
pub mod document;
pub mod equity;
pub mod evidence;
pub mod governance;
pub mod suggestion;
pub mod support;

pub use crate::diagnostic::{Catalog, Category, RuleMeta};
use crate::finding::Finding;

/// Runs an analysis rule: reads the context, appends findings.
pub type Check = fn(&Context<'_>, &mut Vec<Finding>);

/// A registered rule: its metadata and, for analysis rules, its check.
pub struct Rule {
    /// The metadata.
    pub meta: &'static RuleMeta,
    /// The check, or `None` for document rules (reported while loading).
    pub check: Option<Check>,
}

/// What analysis rules see.
pub struct Context<'a> {
    /// The validated model.
    pub model: &'a crate::model::Model,
    /// The effective settings.
    pub settings: &'a crate::config::Settings,
    /// The graph, propagated effects and metrics, computed once and shared.
    pub analysis: &'a crate::analysis::Analysis,
    /// The files.
    pub sources: &'a crate::source::SourceMap,
    /// The project file, where repository-level findings are reported.
    pub project_file: Option<crate::source::FileId>,
}

macro_rules! registry {
    ($($kind:ident $($module:ident)::+),* $(,)?) => {
        /// Every rule, in documentation order. Adding a rule: one file, one line here.
        pub static RULES: &[Rule] = &[$(registry!(@rule $kind $($module)::+)),*];

        /// The metadata of every rule, in the same order: what the layers below the rules
        /// (settings, schema) are handed to know which rules exist.
        pub static CATALOG: Catalog = Catalog(&[$(&$($module)::+::META),*]);
    };
    (@rule document $($module:ident)::+) => {
        Rule { meta: &$($module)::+::META, check: None }
    };
    (@rule analysis $($module:ident)::+) => {
        Rule { meta: &$($module)::+::META, check: Some($($module)::+::check) }
    };
}

registry! {
    document document::yaml_syntax,
    document document::schema,
    document document::duplicate_id,
    document document::unknown_reference,
    document document::invalid_score,
    document document::self_interaction,
    document document::invalid_suppression,
    document document::unused_suppression,
    analysis coherence::direct_conflict,
    analysis coherence::indirect_conflict,
    analysis coherence::internal_trade_off,
    analysis coherence::spillover,
    analysis coherence::deferred_cost,
    analysis coherence::synergy,
    analysis coherence::feedback_loop,
    analysis coverage::uncovered_target,
    analysis coverage::uncovered_principle,
    analysis coverage::uncovered_domain,
    analysis capacity::missing_indicator,
    analysis capacity::missing_evidence,
    analysis capacity::missing_lead,
    analysis capacity::no_reporting,
    analysis equity::left_behind,
    analysis equity::unvoiced_burden,
    analysis governance::uncoordinated_conflict,
    analysis governance::unilateral_spillover,
    analysis governance::floor_breach,
    analysis evidence::contested_interaction,
    analysis evidence::unsourced_interaction,
    analysis suggestion::unlinked_target,
}

impl crate::project::LoadRequest {
    /// A request for `paths`, discovering the project file, with paths shown relative to the
    /// current directory, checking the project file against every rule of [`RULES`].
    pub fn new(paths: Vec<std::path::PathBuf>) -> Self {
        crate::project::LoadRequest {
            paths,
            config: crate::project::ConfigChoice::Discover,
            cwd: std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from(".")),
            display_root: None,
            frameworks_only_without_project: false,
            rules: CATALOG,
            overlay: Default::default(),
            cache: None,
        }
    }
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.meta.id == id)
}

/// A rule's example, taken from its test fixtures.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// The rule.
    pub rule: &'static str,
    /// `true` for the example that must not trigger the rule.
    pub passing: bool,
    /// The file's name in the fixture.
    pub name: &'static str,
    /// The file's text.
    pub text: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/rule_examples.rs"));

/// The failing (`passing == false`) or passing examples of a rule.
pub fn examples(rule: &str, passing: bool) -> impl Iterator<Item = &'static Example> + use<'_> {
    EXAMPLES
        .iter()
        .filter(move |e| e.rule == rule && e.passing == passing)
}

/// A rule's summary as a sentence: capital first letter, final full stop.
fn summary_sentence(meta: &RuleMeta) -> String {
    let mut summary = meta.summary.to_string();
    if let Some(first) = summary.get(0..1) {
        summary.replace_range(0..1, &first.to_uppercase());
    }
    summary.push('.');
    summary
}

/// A rule's documentation as plain text: what `cohere explain` prints.
pub fn explain(meta: &RuleMeta) -> String {
    let summary = summary_sentence(meta);
    let mut out = format!(
        "{} ({} rule, default severity: {})\n\n{summary}\n",
        meta.id, meta.category, meta.default_severity
    );
    for (heading, body) in [("What it finds", meta.what), ("Why it matters", meta.why)] {
        out.push_str(&format!("\n{heading}\n{}\n", wrap(body, 92, "  ")));
    }
    for (heading, passing) in [
        ("Example that triggers it", false),
        ("Example that does not", true),
    ] {
        let examples: Vec<_> = examples(meta.id, passing).collect();
        if examples.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{heading}\n"));
        for example in examples {
            out.push_str(&format!("  # {}\n", example.name));
            for line in example.text.lines() {
                if line.is_empty() {
                    out.push('\n');
                } else {
                    out.push_str(&format!("  {line}\n"));
                }
            }
        }
    }
    out.push_str(&format!("\nHow to fix\n{}\n", wrap(meta.fix, 92, "  ")));
    out
}

/// Wraps text at `width` columns, indenting every line.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + line.len() + 1 + word.chars().count() > width {
            lines.push(format!("{indent}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(format!("{indent}{line}"));
    }
    lines.join("\n")
}

/// A rule's documentation in Markdown, its headings at `level` (`###` for 3), with the examples
/// as fenced YAML: the SARIF help text and the pages of docs/rules.md.
pub fn explain_markdown(meta: &RuleMeta, level: usize) -> String {
    let hashes = "#".repeat(level);
    let mut out = format!(
        "**{}** ({} rule, default severity: {})\n\n{}\n",
        meta.id,
        meta.category,
        meta.default_severity,
        summary_sentence(meta)
    );
    for (heading, body) in [
        ("What it finds", meta.what),
        ("Why it matters", meta.why),
        ("How to fix", meta.fix),
    ] {
        out.push_str(&format!("\n{hashes} {heading}\n\n{body}\n"));
    }
    for (heading, passing) in [
        ("Example that triggers it", false),
        ("Example that does not", true),
    ] {
        let examples: Vec<_> = examples(meta.id, passing).collect();
        if examples.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{hashes} {heading}\n"));
        for example in examples {
            let fence = code_fence(example.text);
            out.push_str(&format!("\n`{}`:\n\n{fence}yaml\n", example.name));
            out.push_str(example.text);
            if !example.text.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&fence);
            out.push('\n');
        }
    }
    out
}

/// A code fence longer than any run of backticks in `text`, so the text cannot close it.
pub fn code_fence(text: &str) -> String {
    "`".repeat((longest_backtick_run(text) + 1).max(3))
}

/// docs/rules.md: every rule's documentation, generated (`cohere rules --format markdown`).
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# cohere rules\n\n<!-- Generated by `cohere rules --format markdown`; do not edit by hand. -->\n\n| rule | category | default | finds |\n|---|---|---|---|\n",
    );
    for rule in RULES {
        let meta = rule.meta;
        out.push_str(&format!(
            "| [`{}`](#{}) | {} | {} | {} |\n",
            meta.id, meta.id, meta.category, meta.default_severity, meta.summary
        ));
    }
    for rule in RULES {
        out.push_str(&format!("\n## {}\n\n", rule.meta.id));
        out.push_str(&explain_markdown(rule.meta, 3));
    }
    out
}

/// The length of the longest run of backticks in `text`: a code span or fence around it must
/// be longer.
pub fn longest_backtick_run(text: &str) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}
