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
use crate::model::{ElementIdx, MeasureIdx, Model, PolicyIdx};
use serde::Serialize;
use std::collections::BTreeMap;

/// The formula, as printed beside the number.
pub const FORMULA: &str = "CI = 100 × (1 − Σₜ Pₜ·Nₜ / Σₜ ½((Pₜ + Nₜ)² − Qₜ)), over every target and place t: Pₜ the sum of the positive effect strengths (score / 3), Nₜ the sum of the negative ones' magnitudes, Qₜ the sum of their squares; the share of the weight of all pairs of effects on a common target that push the same way";

/// Sums of the effects on one target in one place.
/// One effect on a (target, side), with what the sums are kept by.
#[derive(Clone, Copy, Debug)]
struct Entry {
    measure: MeasureIdx,
    policy: PolicyIdx,
    sector: usize,
    strength: f64,
}

impl Default for Entry {
    fn default() -> Self {
        Entry {
            measure: MeasureIdx::new(0),
            policy: PolicyIdx::new(0),
            sector: 0,
            strength: 0.0,
        }
    }
}

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
    // Sums per (target, side), and within each per measure, policy and sector. The effects on a
    // target come in measure order (so each measure's are consecutive) and every sum adds its
    // effects in that order; the weights are then added up key by key, in the order of
    // (target, side) and then measure, policy or sector. Walking the targets three times in that
    // order gives the same sums, in the same order, as sorted maps keyed by (target, side, …)
    // would — without a map lookup per effect.
    const SIDES: [Arena; 3] = [Arena::ORIGIN, Arena::TRANSIT, Arena::DESTINATION];
    // Sectors by name, numbered in name order.
    let mut sector_names: Vec<&str> = model
        .measures
        .iter()
        .map(|m| m.sector.as_deref().unwrap_or("unassigned"))
        .collect();
    sector_names.sort_unstable();
    sector_names.dedup();
    let sector_numbers: Vec<usize> = model
        .measures
        .iter()
        .map(|m| {
            let name = m.sector.as_deref().unwrap_or("unassigned");
            sector_names.binary_search(&name).unwrap_or(0)
        })
        .collect();
    let policies: Vec<PolicyIdx> = model.measures.iter().map(|m| m.policy).collect();
    // The effects, copied into one bucket per (target, side) in effect order, so that each pass
    // below reads memory in sequence (two passes over the effects: count, then fill).
    let key_count = model.elements.len() * SIDES.len();
    let key_of = |element: ElementIdx, side: usize| element.index() * SIDES.len() + side;
    let mut starts = vec![0usize; key_count + 1];
    for reach in propagation.all() {
        if reach.strength == 0.0 {
            continue;
        }
        for (s, side) in SIDES.iter().enumerate() {
            if reach.arena.overlaps(*side) {
                starts[key_of(reach.target, s) + 1] += 1;
            }
        }
    }
    for k in 0..key_count {
        starts[k + 1] += starts[k];
    }
    let mut filled = starts.clone();
    let mut entries = vec![Entry::default(); starts[key_count]];
    for reach in propagation.all() {
        if reach.strength == 0.0 {
            continue;
        }
        let entry = Entry {
            measure: reach.measure,
            policy: policies[reach.measure.index()],
            sector: sector_numbers[reach.measure.index()],
            strength: reach.strength,
        };
        for (s, side) in SIDES.iter().enumerate() {
            if reach.arena.overlaps(*side) {
                let key = key_of(reach.target, s);
                entries[filled[key]] = entry;
                filled[key] += 1;
            }
        }
    }
    let buckets = || (0..key_count).map(|k| &entries[starts[k]..starts[k + 1]]);
    let sector_of = |measure: MeasureIdx| -> &str {
        model
            .measure(measure)
            .sector
            .as_deref()
            .unwrap_or("unassigned")
    };

    // 1. Every pair of effects on each (target, side).
    let mut overall = Weights::default();
    let mut all: Vec<Option<Sums>> = Vec::with_capacity(model.elements.len() * SIDES.len());
    for reaches in buckets() {
        let mut sums: Option<Sums> = None;
        for reach in reaches {
            sums.get_or_insert_with(Sums::default).add(reach.strength);
        }
        if let Some(sums) = sums {
            overall.add(sums.pairs(), sums.conflict());
        }
        all.push(sums);
    }

    // 2. Less each measure's pairs with itself.
    // Dense by policy index (so in policy order, as a sorted map would be).
    let mut by_policy: Vec<Option<Weights>> = vec![None; model.policies.len()];
    let add_to_policy =
        |by_policy: &mut Vec<Option<Weights>>, policy: PolicyIdx, pairs, conflict| {
            if let Some(slot) = by_policy.get_mut(policy.index()) {
                slot.get_or_insert_with(Weights::default)
                    .add(pairs, conflict);
            }
        };
    let mut own_sector: BTreeMap<&str, Weights> = BTreeMap::new();
    for reaches in buckets() {
        let mut current: Option<(MeasureIdx, Sums)> = None;
        let mut flush = |measure: MeasureIdx, sums: Sums| {
            let (pairs, conflict) = (sums.pairs(), sums.conflict());
            if pairs <= 0.0 {
                return;
            }
            overall.add(-pairs, -conflict);
            add_to_policy(
                &mut by_policy,
                model.measure(measure).policy,
                -pairs,
                -conflict,
            );
            own_sector
                .entry(sector_of(measure))
                .or_default()
                .add(-pairs, -conflict);
        };
        for reach in reaches {
            match &mut current {
                Some((measure, sums)) if *measure == reach.measure => sums.add(reach.strength),
                _ => {
                    if let Some((measure, sums)) = current.take() {
                        flush(measure, sums);
                    }
                    let mut sums = Sums::default();
                    sums.add(reach.strength);
                    current = Some((reach.measure, sums));
                }
            }
        }
        if let Some((measure, sums)) = current {
            flush(measure, sums);
        }
    }

    // 3. Each policy's share of the pairs: what the pairs lose without its effects.
    // Dense sums by policy, with the policies touched, put back in policy order for each key.
    let mut per_policy: Vec<Option<Sums>> = vec![None; model.policies.len()];
    let mut touched: Vec<PolicyIdx> = Vec::new();
    for (reaches, total) in buckets().zip(&all) {
        for reach in reaches {
            if let Some(slot) = per_policy.get_mut(reach.policy.index()) {
                if slot.is_none() {
                    touched.push(reach.policy);
                }
                slot.get_or_insert_with(Sums::default).add(reach.strength);
            }
        }
        touched.sort_unstable();
        for policy in touched.drain(..) {
            let Some(own) = per_policy[policy.index()].take() else {
                continue;
            };
            let Some(total) = total else {
                continue;
            };
            let rest = total.minus(own);
            add_to_policy(
                &mut by_policy,
                policy,
                total.pairs() - rest.pairs(),
                total.conflict() - rest.conflict(),
            );
        }
    }

    // 4. Pairs of sectors.
    let mut by_sector_pair: BTreeMap<(&str, &str), Weights> = BTreeMap::new();
    let mut per_sector: Vec<Option<Sums>> = vec![None; sector_names.len()];
    let mut touched: Vec<usize> = Vec::new();
    for reaches in buckets() {
        for reach in reaches {
            if let Some(slot) = per_sector.get_mut(reach.sector) {
                if slot.is_none() {
                    touched.push(reach.sector);
                }
                slot.get_or_insert_with(Sums::default).add(reach.strength);
            }
        }
        touched.sort_unstable();
        let list: Vec<(&str, Sums)> = touched
            .drain(..)
            .filter_map(|s| Some((sector_names[s], per_sector[s].take()?)))
            .collect();
        for (i, (a, sa)) in list.iter().enumerate() {
            by_sector_pair
                .entry((a, a))
                .or_default()
                .add(sa.pairs(), sa.conflict());
            for (b, sb) in &list[i + 1..] {
                let weight = (sa.positive + sa.negative) * (sb.positive + sb.negative);
                let conflict = sa.positive * sb.negative + sa.negative * sb.positive;
                by_sector_pair
                    .entry((a, b))
                    .or_default()
                    .add(weight, conflict);
            }
        }
    }
    for (sector, weights) in own_sector {
        by_sector_pair
            .entry((sector, sector))
            .or_default()
            .add(weights.pairs, weights.conflict);
    }
    let by_sector_pair = by_sector_pair
        .into_iter()
        .filter(|(_, w)| w.pairs > 1e-9)
        .map(|((a, b), w)| ((a.to_string(), b.to_string()), w))
        .collect();
    CoherenceIndex {
        overall,
        by_policy: by_policy
            .into_iter()
            .enumerate()
            .filter_map(|(p, weights)| Some((PolicyIdx::new(p), weights?)))
            .collect(),
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
