//! cohere: policy coherence analysis for migration governance and the 2030 Agenda.
#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod config;
pub mod document;
pub mod finding;
pub mod graph;
pub mod lint;
pub mod model;
pub mod output;
pub mod project;
pub mod rules;
pub mod source;
pub mod suggest;
pub mod suppression;
pub mod yaml;
