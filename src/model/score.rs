//! The 7-point interaction scale of Nilsson, Griggs & Visbeck (Nature 534, 2016).

use serde::{Serialize, Serializer};
use std::fmt;

/// A score on the Nilsson scale, from -3 (cancelling) to +3 (indivisible).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(i8);

impl Score {
    /// The lowest score: cancelling.
    pub const MIN: i64 = -3;
    /// The highest score: indivisible.
    pub const MAX: i64 = 3;
    /// +3, indivisible: progress on one is inextricably linked to the other.
    pub const INDIVISIBLE: Score = Score(3);

    /// A score, if `value` is on the scale.
    pub fn new(value: i64) -> Option<Score> {
        (Self::MIN..=Self::MAX)
            .contains(&value)
            .then_some(Score(value as i8))
    }

    /// The score as a number.
    pub fn value(self) -> i8 {
        self.0
    }

    /// The score divided by 3: from -1 to 1. Path strengths multiply these.
    pub fn normalised(self) -> f64 {
        f64::from(self.0) / 3.0
    }

    /// The name of the score on the scale.
    pub fn name(self) -> &'static str {
        match self.0 {
            3 => "indivisible",
            2 => "reinforcing",
            1 => "enabling",
            0 => "consistent",
            -1 => "constraining",
            -2 => "counteracting",
            _ => "cancelling",
        }
    }

    /// What the score means, in a short phrase.
    pub fn meaning(self) -> &'static str {
        match self.0 {
            3 => "progress on one is inextricably linked to the other",
            2 => "aids the other",
            1 => "creates conditions that further the other",
            0 => "no significant interaction",
            -1 => "limits options on the other",
            -2 => "clashes with the other",
            _ => "makes the other impossible",
        }
    }

    /// Every score, from +3 down to -3.
    pub fn scale() -> impl Iterator<Item = Score> {
        (-3..=3).rev().map(Score)
    }

    /// Whether the score is positive.
    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// Whether the score is negative.
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }
}

impl fmt::Display for Score {
    /// Signed: `+2`, `0`, `-1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 > 0 {
            write!(f, "+{}", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

impl Serialize for Score {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i8(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_seven_points_are_scores() {
        assert_eq!(Score::new(4), None);
        assert_eq!(Score::new(-4), None);
        assert_eq!(Score::scale().count(), 7);
        assert_eq!(Score::new(-2).unwrap().name(), "counteracting");
        assert_eq!(Score::new(2).unwrap().to_string(), "+2");
    }
}
