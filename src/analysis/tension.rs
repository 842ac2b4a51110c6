//! Tensions: effects pulling one element apart, found once per run for every rule that reports
//! conflicts (`direct-conflict`, `indirect-conflict`, `uncoordinated-conflict`).

use super::propagation::{Arena, Propagation, Reach, ReachIdx};
use super::strength::{STRONG_INDIRECT, at_least};
use crate::model::{ElementIdx, InstitutionIdx, Model, PolicyIdx};
use std::collections::{BTreeMap, HashMap};

/// Effects pulling one element apart, seen from one policy that pushes it down: the unit in
/// which conflicts are reported. A target that many measures pull apart gives one finding per
/// policy pushing it down, listing the strongest effects pushing it up — never one finding per
/// pair of measures, and never one per pair of policies (which grows with the square of the
/// number of policies).
#[derive(Clone, Debug, PartialEq)]
pub struct Tension {
    /// The element.
    pub target: ElementIdx,
    /// The policy whose measures push the element down.
    pub policy: PolicyIdx,
    /// That policy's effects pushing it down, strongest first.
    pub down: Vec<ReachIdx>,
    /// The strongest direct effects (of any policy) pushing it up where those are felt, at
    /// most `max-listed-measures`, strongest first.
    pub up: Vec<ReachIdx>,
    /// How many effects push it up there in all.
    pub up_total: usize,
}

/// The tensions of a run, by the kind of effect that pushes the element down. The effects
/// pushing up are always measures' own (direct) effects.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tensions {
    /// Set back by measures' own effects.
    pub direct: Vec<Tension>,
    /// Set back through the knowledge base by measures that do not also set the element back
    /// directly.
    pub indirect: Vec<Tension>,
    /// Set back directly, or indirectly by a strong effect ([`STRONG_INDIRECT`] or more).
    pub strong: Vec<Tension>,
}

fn by_strength(a: &&Reach, b: &&Reach) -> std::cmp::Ordering {
    b.strength
        .abs()
        .total_cmp(&a.strength.abs())
        .then(a.measure.cmp(&b.measure))
        .then(a.effect.cmp(&b.effect))
}

impl Tensions {
    /// Finds every tension, listing at most `max` effects pushing up.
    ///
    /// Cost: the effects on each element are read once; those pushing up are bucketed by arena
    /// (seven at most), those pushing down by policy for each kind. The strongest `max + 1` of
    /// each bucket pushing up are selected (linear) and sorted, each bucket pushing down is
    /// sorted, and each policy's tension takes the strongest of at most seven short sorted
    /// lists. Linear in the number of effects, up to the sort of each policy's own effects.
    pub fn compute(model: &Model, propagation: &Propagation, max: usize) -> Tensions {
        let mut out = Tensions::default();
        for element in 0..model.elements.len() {
            let element = ElementIdx::new(element);
            let mut up: BTreeMap<Arena, Vec<&Reach>> = BTreeMap::new();
            let mut downs: [BTreeMap<PolicyIdx, Vec<&Reach>>; 3] = Default::default();
            for reach in propagation.on(element) {
                if reach.strength > 0.0 {
                    if reach.is_direct() {
                        up.entry(reach.arena).or_default().push(reach);
                    }
                    continue;
                }
                if reach.strength == 0.0 {
                    continue;
                }
                let policy = model.measure(reach.measure).policy;
                let strong = reach.is_direct() || at_least(-reach.strength, STRONG_INDIRECT);
                let measure = model.measure(reach.measure);
                if reach.is_direct() {
                    downs[0].entry(policy).or_default().push(reach);
                } else if !measure
                    .effects
                    .iter()
                    .any(|e| e.target == element && e.score.is_negative())
                    && (strong || measure.effects[reach.effect as usize].score.is_negative())
                {
                    // A measure that also sets the element back directly is a direct conflict.
                    // A weak chain (under STRONG_INDIRECT) from one of the measure's gains —
                    // more regular migration "straining" schooling through a -1 of the
                    // knowledge base — is the knowledge base's caveat on that gain, not a
                    // conflict between two measures; a weak chain from a declared cost is.
                    downs[1].entry(policy).or_default().push(reach);
                }
                if strong {
                    downs[2].entry(policy).or_default().push(reach);
                }
            }
            if up.is_empty() || downs.iter().all(BTreeMap::is_empty) {
                continue;
            }
            // Only the strongest `max + 1` of each bucket are ever listed: select them, then
            // sort just those (`by_strength` is a total order, so the result is the full
            // sort's prefix).
            for bucket in up.values_mut() {
                if bucket.len() > max + 1 {
                    bucket.select_nth_unstable_by(max + 1, by_strength);
                    bucket[..=max].sort_by(by_strength);
                } else {
                    bucket.sort_by(by_strength);
                }
            }
            let ups = Ups::index(model, &up);
            let [direct, indirect, strong] = downs;
            for (down, found) in [
                (direct, &mut out.direct),
                (indirect, &mut out.indirect),
                (strong, &mut out.strong),
            ] {
                for (policy, downs) in down {
                    if rebalances(policy, &downs, &ups) {
                        continue;
                    }
                    if let Some(tension) =
                        tension(model, propagation, element, policy, downs, &ups, max)
                    {
                        found.push(tension);
                    }
                }
            }
        }
        out
    }
}

/// Whether a policy only rebalances the element: every one of its effects pushing it down is
/// weak (a -1, or an indirect effect no stronger), and its own measures push the same element
/// up, where those effects are felt, by more than that. Closing one route while opening a
/// wider one for the same people, as one package, is a rebalancing the policy chose, not a
/// conflict between its measures; a strong setback (-2 or worse) stays a conflict whatever
/// else the policy does.
fn rebalances(policy: PolicyIdx, downs: &[&Reach], ups: &Ups<'_, '_>) -> bool {
    if downs
        .iter()
        .any(|d| -d.strength > super::strength::SCORE_1 + super::strength::EPSILON)
    {
        return false;
    }
    let down: f64 = downs.iter().map(|d| -d.strength).sum();
    let own_up: f64 = ups
        .by_policy
        .get(&policy)
        .into_iter()
        .flatten()
        .filter(|r| downs.iter().any(|d| d.arena.overlaps(r.arena)))
        .map(|r| r.strength)
        .sum();
    own_up > down + super::strength::EPSILON
}

/// The effects pushing an element up: bucketed by arena (each bucket's strongest first), and
/// indexed by the policy of their measure and by the institutions that lead it or take part in
/// it, in the order of the arenas and their buckets: each policy's (and each institution's) are
/// found without reading every effect again, which was quadratic in the number of policies on a
/// busy target.
struct Ups<'u, 'a> {
    by_arena: &'u BTreeMap<Arena, Vec<&'a Reach>>,
    by_policy: HashMap<PolicyIdx, Vec<&'a Reach>>,
    by_institution: HashMap<InstitutionIdx, Vec<&'a Reach>>,
}

impl<'u, 'a> Ups<'u, 'a> {
    fn index(model: &Model, up: &'u BTreeMap<Arena, Vec<&'a Reach>>) -> Self {
        let mut ups = Ups {
            by_arena: up,
            by_policy: HashMap::new(),
            by_institution: HashMap::new(),
        };
        for &reach in up.values().flatten() {
            let measure = model.measure(reach.measure);
            ups.by_policy.entry(measure.policy).or_default().push(reach);
            let partners =
                measure.partners.iter().enumerate().filter(|&(i, p)| {
                    Some(*p) != measure.lead && !measure.partners[..i].contains(p)
                });
            for institution in measure.lead.into_iter().chain(partners.map(|(_, &p)| p)) {
                ups.by_institution
                    .entry(institution)
                    .or_default()
                    .push(reach);
            }
        }
        ups
    }
}

fn tension(
    model: &Model,
    propagation: &Propagation,
    element: ElementIdx,
    policy: PolicyIdx,
    mut downs: Vec<&Reach>,
    ups: &Ups<'_, '_>,
    max: usize,
) -> Option<Tension> {
    let up = ups.by_arena;
    downs.sort_by(by_strength);
    let arenas: Vec<Arena> = up
        .keys()
        .copied()
        .filter(|a| downs.iter().any(|d| d.arena.overlaps(*a)))
        .collect();
    // A measure that the institution leading the strongest setback leads or takes part in (as a
    // partner), advancing the element less than that setback, mitigates it — the institution's
    // own safeguard on its own measure, as a code of practice limiting where its recruitment
    // drive recruits, in the same strategy or written into an agreement — and is not in
    // conflict with it: the net cost is
    // what the cost rules report. An advance as strong as the setback is no mitigation (a care
    // restriction against its own plan's primary care, -2 against +2), nor is another
    // institution's repair of the harm (a reunification effort against the separations of
    // another department's prosecutions).
    let strongest_down = model.measure(downs[0].measure);
    let setback = -downs[0].strength;
    let mitigates = |r: &Reach| {
        let measure = model.measure(r.measure);
        strongest_down
            .lead
            .is_some_and(|lead| measure.lead == Some(lead) || measure.partners.contains(&lead))
            && r.strength + super::strength::EPSILON < setback
    };
    // Counted as every effect of the arenas less the mitigations, which are among the effects
    // of the measures the setback's lead leads or takes part in.
    let mitigations = strongest_down.lead.map_or(0, |lead| {
        ups.by_institution
            .get(&lead)
            .into_iter()
            .flatten()
            .filter(|r| arenas.contains(&r.arena) && mitigates(r))
            .count()
    });
    let all_up: usize = arenas.iter().map(|a| up[a].len()).sum::<usize>() - mitigations;
    // The strongest `max + 1` ups across the overlapping buckets (each already sorted), not
    // counting mitigations (a bucket's first `max + 1` plus as many as it holds mitigations
    // among them, so that `max + 1` others are kept).
    let mut strongest: Vec<&Reach> = arenas
        .iter()
        .flat_map(|a| {
            let bucket = &up[a];
            let sorted = bucket.len().min(max + 1);
            let mut kept: Vec<&Reach> = bucket[..sorted]
                .iter()
                .copied()
                .filter(|r| !mitigates(r))
                .collect();
            if kept.len() < sorted && bucket.len() > sorted {
                // Mitigations took places among the sorted ones: take the next strongest of
                // the rest.
                let mut rest: Vec<&Reach> = bucket[sorted..]
                    .iter()
                    .copied()
                    .filter(|r| !mitigates(r))
                    .collect();
                // The strongest `need` of them, in order (`by_strength` is a total order: the
                // selection's sorted prefix is the full sort's).
                let need = sorted - kept.len();
                if rest.len() > need {
                    rest.select_nth_unstable_by(need, by_strength);
                    rest.truncate(need);
                }
                rest.sort_by(by_strength);
                kept.extend(rest);
            }
            kept
        })
        .collect();
    // Among effects equally strong, the policy's own measure first: a care restriction is
    // opposed first by its own policy's primary-care measure, not by a nurse recruitment
    // elsewhere that happens to come first in the files.
    let own = |r: &Reach| model.measure(r.measure).policy == policy;
    strongest.sort_by(|a, b| {
        b.strength
            .abs()
            .total_cmp(&a.strength.abs())
            .then(own(b).cmp(&own(a)))
            .then(by_strength(a, b))
    });
    // A measure pulling an element both ways on its own is a trade-off, not a tension between
    // measures.
    let only = downs[0].measure;
    let mut up_total = all_up;
    if downs.iter().all(|d| d.measure == only) {
        up_total -= strongest.iter().filter(|u| u.measure == only).count();
        strongest.retain(|u| u.measure != only);
    }
    strongest.truncate(max);
    if strongest.is_empty() {
        return None;
    }
    Some(Tension {
        target: element,
        policy,
        down: downs.iter().map(|r| propagation.index_of(r)).collect(),
        up: strongest.iter().map(|r| propagation.index_of(r)).collect(),
        up_total,
    })
}
