//! Document rules: problems in the YAML files themselves, found while reading and validating.

pub mod duplicate_id;
pub mod invalid_score;
pub mod invalid_suppression;
pub mod schema;
pub mod self_interaction;
pub mod unknown_reference;
pub mod unused_suppression;
pub mod yaml_syntax;
