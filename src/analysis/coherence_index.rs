//! The coherence index: one headline number, with its formula beside it.
//!
//! Take every pair of effects (direct or through the knowledge base) that two different
//! measures have on one target in the same place (origin, transit or destination countries).
//! Weigh each pair by the product of the two effects' strengths (scores / 3). The index is the
//! share of that weight carried by pairs that push in the same direction, as a percentage:
//!
//! ```text
//! CI = 100 × (1 − Σ_t P_t·N_t / Σ_t ½((P_t + N_t)² − Q_t))
//! ```
//!
//! where, for each target and place t, P_t is the sum of the positive strengths, N_t the sum of
//! the magnitudes of the negative ones and Q_t the sum of the squared strengths. 100 means no
//! two measures pull any target in opposite directions; 0 means every pair does. Restricting the
//! pairs to those involving one policy gives the policy's index; restricting them to pairs of
//! measures from two sectors gives the index of that pair of sectors. Sums, not pairs, are
//! computed, so the cost is linear in the number of effects.

use super::propagation::{Arena, Propagation};
use crate::model::{ElementIdx, Model, PolicyIdx};
use serde::Serialize;
use std::collections::BTreeMap;

/// The formula, as printed beside the number.
pub const FORMULA: &str = "CI = 100 × (1 − Σₜ Pₜ·Nₜ / Σₜ ½((Pₜ + Nₜ)² − Qₜ)), over every target and place t: Pₜ the sum of the positive effect strengths (score / 3), Nₜ the sum of the negative ones' magnitudes, Qₜ the sum of their squares; the share of the weight of all pairs of effects on a common target that push the same way";

/// Sums of the effects on one target in one place.
#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    positive: f64,
    negative: f64,
    squares: f64,
}

impl Sums {
    fn add(&mut self, strength: f64) {
        if strength > 0.0 {
            self.positive += strength;
        } else {
            self.negative -= strength;
        }
        self.squares += strength * strength;
    }

    fn minus(self, other: Sums) -> Sums {
        Sums {
            positive: self.positive - other.positive,
            negative: self.negative - other.negative,
            squares: self.squares - other.squares,
        }
    }

    /// Total weight of the pairs within.
    fn pairs(self) -> f64 {
        let total = self.positive + self.negative;
        ((total * total - self.squares) / 2.0).max(0.0)
    }

    /// Weight of the opposed pairs within.
    fn conflict(self) -> f64 {
        self.positive * self.negative
    }
}

/// Pair weights: all pairs and opposed pairs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Weights {
    /// Weight of all pairs.
    pub pairs: f64,
    /// Weight of the pairs that push in opposite directions.
    pub conflict: f64,
}

impl Weights {
    /// The index, or `None` when there is no pair to judge.
    pub fn index(self) -> Option<f64> {
        (self.pairs > 1e-12).then(|| 100.0 * (1.0 - self.conflict / self.pairs))
    }

    fn add(&mut self, pairs: f64, conflict: f64) {
        self.pairs += pairs;
        self.conflict += conflict;
    }
}

/// The coherence index of a portfolio, with its breakdowns.
#[derive(Clone, Debug, Default)]
pub struct CoherenceIndex {
    /// The whole portfolio.
    pub overall: Weights,
    /// Per policy: pairs with at least one effect of the policy.
    pub by_policy: Vec<(PolicyIdx, Weights)>,
    /// Per pair of sectors (sorted names; a measure without a sector is `unassigned`).
    pub by_sector_pair: BTreeMap<(String, String), Weights>,
}

/// Computes the index.
pub fn compute(model: &Model, propagation: &Propagation) -> CoherenceIndex {
    let sides = [Arena::ORIGIN, Arena::TRANSIT, Arena::DESTINATION];
    // Per (target, side): all effects, per policy, per sector.
    type Key = (ElementIdx, usize);
    let mut all: BTreeMap<Key, Sums> = BTreeMap::new();
    let mut per_policy: BTreeMap<(Key, PolicyIdx), Sums> = BTreeMap::new();
    let mut per_sector: BTreeMap<Key, BTreeMap<String, Sums>> = BTreeMap::new();
    // A measure's own effects on one target (direct and indirect) are not a pair of measures.
    let mut per_measure: BTreeMap<(Key, crate::model::MeasureIdx), Sums> = BTreeMap::new();
    for reach in propagation.all() {
        if reach.strength == 0.0 {
            continue;
        }
        let measure = model.measure(reach.measure);
        let sector = measure
            .sector
            .clone()
            .unwrap_or_else(|| "unassigned".to_string());
        for (s, side) in sides.iter().enumerate() {
            if !reach.arena.overlaps(*side) {
                continue;
            }
            let key = (reach.target, s);
            all.entry(key).or_default().add(reach.strength);
            per_policy
                .entry((key, measure.policy))
                .or_default()
                .add(reach.strength);
            per_measure
                .entry((key, reach.measure))
                .or_default()
                .add(reach.strength);
            per_sector
                .entry(key)
                .or_default()
                .entry(sector.clone())
                .or_default()
                .add(reach.strength);
        }
    }
    let mut overall = Weights::default();
    for sums in all.values() {
        overall.add(sums.pairs(), sums.conflict());
    }
    let mut by_policy: BTreeMap<PolicyIdx, Weights> = BTreeMap::new();
    let mut own_sector: BTreeMap<String, Weights> = BTreeMap::new();
    for ((_, measure), sums) in &per_measure {
        let (pairs, conflict) = (sums.pairs(), sums.conflict());
        if pairs <= 0.0 {
            continue;
        }
        let m = model.measure(*measure);
        overall.add(-pairs, -conflict);
        by_policy
            .entry(m.policy)
            .or_default()
            .add(-pairs, -conflict);
        let sector = m.sector.clone().unwrap_or_else(|| "unassigned".to_string());
        own_sector.entry(sector).or_default().add(-pairs, -conflict);
    }
    for ((key, policy), own) in &per_policy {
        let total = all[key];
        let rest = total.minus(*own);
        by_policy.entry(*policy).or_default().add(
            total.pairs() - rest.pairs(),
            total.conflict() - rest.conflict(),
        );
    }
    let mut by_sector_pair: BTreeMap<(String, String), Weights> = BTreeMap::new();
    for sectors in per_sector.values() {
        let list: Vec<(&String, &Sums)> = sectors.iter().collect();
        for (i, (a, sa)) in list.iter().enumerate() {
            by_sector_pair
                .entry(((*a).clone(), (*a).clone()))
                .or_default()
                .add(sa.pairs(), sa.conflict());
            for (b, sb) in &list[i + 1..] {
                let weight = (sa.positive + sa.negative) * (sb.positive + sb.negative);
                let conflict = sa.positive * sb.negative + sa.negative * sb.positive;
                by_sector_pair
                    .entry(((*a).clone(), (*b).clone()))
                    .or_default()
                    .add(weight, conflict);
            }
        }
    }
    for (sector, weights) in own_sector {
        by_sector_pair
            .entry((sector.clone(), sector))
            .or_default()
            .add(weights.pairs, weights.conflict);
    }
    by_sector_pair.retain(|_, w| w.pairs > 1e-9);
    CoherenceIndex {
        overall,
        by_policy: by_policy.into_iter().collect(),
        by_sector_pair,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_sums_match_counting_pairs() {
        // Effects +2/3, +1/3, -2/3 on one target: pairs (a,b) same way 2/9, (a,c) opposed 4/9,
        // (b,c) opposed 2/9. Index = 100 × (1 − 6/9 ÷ 8/9) = 25.
        let mut sums = Sums::default();
        for s in [2.0 / 3.0, 1.0 / 3.0, -2.0 / 3.0] {
            sums.add(s);
        }
        assert!((sums.pairs() - 8.0 / 9.0).abs() < 1e-12);
        assert!((sums.conflict() - 6.0 / 9.0).abs() < 1e-12);
        let weights = Weights {
            pairs: sums.pairs(),
            conflict: sums.conflict(),
        };
        assert!((weights.index().unwrap() - 25.0).abs() < 1e-9);
        assert_eq!(Weights::default().index(), None);
    }
}
