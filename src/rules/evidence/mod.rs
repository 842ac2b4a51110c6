//! Evidence rules: the knowledge base's sources and the agreement of its assessors.

pub mod contested_interaction;
pub mod unsourced_interaction;
