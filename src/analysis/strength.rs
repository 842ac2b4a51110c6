//! The strengths the rules compare, named once.
//!
//! A strength is a score divided by 3 (a direct effect of -2 is -0.67) or, for an effect that
//! travels through the knowledge base, the product of the normalised scores along its path.

/// The tolerance of comparisons of strengths, which are products of thirds: `2/3 × 2/3` must
/// count as 0.44, not fall just short of it.
pub const EPSILON: f64 = 1e-9;

/// A score of ±1 as a strength.
pub const SCORE_1: f64 = 1.0 / 3.0;

/// A score of ±2 as a strength.
pub const SCORE_2: f64 = 2.0 / 3.0;

/// A score of ±3 as a strength.
pub const SCORE_3: f64 = 1.0;

/// An indirect effect at least this strong (in magnitude) is a strong one: a warning where a
/// weaker one is information, and a cost that governance rules take up.
pub const STRONG_INDIRECT: f64 = 0.4;

/// Whether a magnitude `value` reaches `threshold`, allowing for rounding.
pub fn at_least(value: f64, threshold: f64) -> bool {
    value >= threshold - EPSILON
}
