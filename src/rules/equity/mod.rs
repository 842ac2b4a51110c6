//! Equity rules: who is left behind, and who bears costs without a voice.

pub mod left_behind;
pub mod unvoiced_burden;
