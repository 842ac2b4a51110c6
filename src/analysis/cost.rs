//! Costs: each measure's negative effects, direct or indirect, split by where and when they
//! fall, found once per run for the rules that report them (`spillover`, `deferred-cost`).

use super::propagation::{Propagation, Reach, ReachIdx};
use crate::model::{MeasureIdx, Model};
use crate::vocabulary::When;
use std::collections::BTreeSet;

/// One measure's costs of one kind: the worst effect on each element, strongest first.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureCosts {
    /// The measure.
    pub measure: MeasureIdx,
    /// Its costs, strongest first, one per element.
    pub costs: Vec<ReachIdx>,
}

/// The costs of every measure, by where and when they fall. Measures without costs of a kind
/// are left out of that kind.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Costs {
    /// Costs that start from an effect felt in other countries.
    pub elsewhere: Vec<MeasureCosts>,
    /// Costs that start from an effect felt here, later.
    pub later_here: Vec<MeasureCosts>,
}

impl Costs {
    /// Finds every measure's costs, reading each measure's effects once.
    pub fn compute(model: &Model, propagation: &Propagation) -> Costs {
        let mut out = Costs::default();
        for m in 0..model.measures.len() {
            let measure = MeasureIdx::new(m);
            let effects = &model.measure(measure).effects;
            let mut elsewhere: Vec<&Reach> = Vec::new();
            let mut later_here: Vec<&Reach> = Vec::new();
            for reach in propagation.of_measure(measure) {
                if reach.strength >= 0.0 {
                    continue;
                }
                let effect = &effects[reach.effect as usize];
                if effect.where_.is_elsewhere() {
                    elsewhere.push(reach);
                }
                if effect.when == When::Later && !effect.where_.is_elsewhere() {
                    later_here.push(reach);
                }
            }
            for (found, kind) in [
                (elsewhere, &mut out.elsewhere),
                (later_here, &mut out.later_here),
            ] {
                if let Some(costs) = worst_first(propagation, found) {
                    kind.push(MeasureCosts { measure, costs });
                }
            }
        }
        out
    }
}

/// The effects strongest first, one per element (the worst), or `None` if there are none.
fn worst_first(propagation: &Propagation, mut found: Vec<&Reach>) -> Option<Vec<ReachIdx>> {
    if found.is_empty() {
        return None;
    }
    found.sort_by(|a, b| {
        a.strength
            .total_cmp(&b.strength)
            .then(a.target.cmp(&b.target))
    });
    let mut seen = BTreeSet::new();
    found.retain(|r| seen.insert(r.target));
    Some(found.iter().map(|r| propagation.index_of(r)).collect())
}
