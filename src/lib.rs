//! cohere: policy coherence analysis for migration governance and the 2030 Agenda.
//!
//! Policies, SDG targets and governance principles are written as YAML and loaded into one
//! directed interaction graph; rules find conflicts, synergies, trade-offs and gaps between
//! migration measures and other sectors' goals, each with the path and the evidence behind it.
//!
//! The library is a pipeline of typed stages, one module each:
//!
//! | stage | module | gives |
//! |---|---|---|
//! | parse | [`yaml`], [`document`] | located trees, typed documents, schema problems |
//! | load | [`project`], [`config`] | the files of a repository and its settings |
//! | validate | [`model`] | the model: every reference resolved, every score on the scale |
//! | analyze | [`graph`], [`analysis`] | the interaction graph, propagated effects, metrics |
//! | check | [`rules`], [`lint`] | findings, with levels, suppressions and baselines applied |
//! | render | [`output`], [`output_file`] | text, JSON and the other formats; files written atomically, never through a link |
//! | compare | [`diff`], [`baseline`] | what a change does; what is already known |
//! | edit | [`server`] | the language server: findings, hovers, definitions, completions and quick fixes in editors |
//!
//! The library never prints; the `cohere` binary is a thin layer over it.
//!
//! # Example
//!
//! Lint a draft policy with the built-in frameworks:
//!
//! ```
//! use cohere::lint::{LintOptions, lint};
//! use cohere::project::{ConfigChoice, LoadRequest, load};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let draft = dir.path().join("draft.yaml");
//! std::fs::write(&draft, "\
//! policy: labour-mobility
//! title: Labour mobility programme
//! level: national
//! perspective: destination
//! measures:
//!   - id: seasonal-visa
//!     title: Seasonal worker visa
//!     effects:
//!       - target: sdg:10.8
//!         score: 2
//! ")?;
//!
//! let mut request = LoadRequest::new(vec![draft]);
//! request.config = ConfigChoice::Isolated; // built-in defaults, no cohere.yaml
//! let workspace = load(&request)?;
//! let analysis = cohere::analysis::analyze(&workspace.model, &workspace.settings);
//! let outcome = lint(&workspace, &analysis, &LintOptions::default());
//!
//! // Besides capacity warnings (no lead, no indicator), the misspelt target is an error. A
//! // finding is facts; its words are made for an audience (here: ids in backticks).
//! let cx = cohere::finding::Cx { model: &workspace.model, analysis: &analysis };
//! let finding = outcome
//!     .findings
//!     .iter()
//!     .find(|f| f.rule.id == "unknown-reference")
//!     .expect("the typo is found")
//!     .render_ids(cx);
//! assert_eq!(finding.help.as_deref(), Some("did you mean `sdg:10.7`?"));
//! let at = workspace.sources.resolve(finding.primary.location);
//! assert_eq!((at.start.line, at.start.column), (9, 17));
//! # Ok(())
//! # }
//! ```
#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod baseline;
pub mod builtin;
pub mod catalog;
pub mod config;
pub mod diagnostic;
pub mod diagram;
pub mod diff;
pub mod document;
pub mod finding;
pub mod graph;
pub mod init;
pub mod lint;
pub mod model;
pub mod output;
pub mod output_file;
pub mod parallel;
pub mod project;
pub mod report;
pub mod rules;
pub mod schema;
pub mod server;
pub mod source;
pub mod suggest;
pub mod suppression;
pub mod vocabulary;
pub mod yaml;
