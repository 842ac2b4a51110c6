//! Suggestion rules: links the measures could make.

pub mod unlinked_target;
