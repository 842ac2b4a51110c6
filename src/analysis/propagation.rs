//! Effect propagation, computed once per run and shared by every rule.
//!
#![doc = include_str!("propagation.md")]

use super::evidence::{EvidencePath, Step, StepKind};
use crate::config::Thresholds;
use crate::graph::{InteractionGraph, Reached};
use crate::model::{ElementIdx, InteractionIdx, MeasureIdx, Model, Score};
use crate::vocabulary::{Confidence, Perspective, When, Where};
use std::collections::HashMap;
use std::fmt;

/// The semantics of propagation in words (Markdown): printed in the README and in the report's
/// methodology, so that the code, the documentation and the report say the same thing.
pub const SEMANTICS: &str = include_str!("propagation.md");

/// The sides of migration where an effect is felt: a set of origin, transit, destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Arena(u8);

impl Arena {
    /// Origin countries.
    pub const ORIGIN: Arena = Arena(1);
    /// Transit countries.
    pub const TRANSIT: Arena = Arena(2);
    /// Destination countries.
    pub const DESTINATION: Arena = Arena(4);
    /// Everywhere.
    pub const EVERYWHERE: Arena = Arena(7);

    fn of_perspective(perspective: Perspective) -> Arena {
        match perspective {
            Perspective::Origin => Arena::ORIGIN,
            Perspective::Transit => Arena::TRANSIT,
            Perspective::Destination => Arena::DESTINATION,
            Perspective::Any => Arena::EVERYWHERE,
        }
    }

    /// The arena of an effect of a policy with `perspective` that falls `where_`.
    pub fn of_effect(perspective: Perspective, where_: Where) -> Arena {
        match where_ {
            Where::Here => Arena::of_perspective(perspective),
            Where::Elsewhere => perspective.elsewhere().iter().fold(Arena(0), |arena, p| {
                Arena(arena.0 | Arena::of_perspective(*p).0)
            }),
            Where::Origin => Arena::ORIGIN,
            Where::Transit => Arena::TRANSIT,
            Where::Destination => Arena::DESTINATION,
        }
    }

    /// Whether an interaction recorded for `perspective` holds here.
    pub fn admits(self, perspective: Perspective) -> bool {
        self.0 & Arena::of_perspective(perspective).0 != 0
    }

    /// Whether two arenas share a side.
    pub fn overlaps(self, other: Arena) -> bool {
        self.0 & other.0 != 0
    }

    /// The sides, in words.
    pub fn sides(self) -> Vec<&'static str> {
        [
            (Arena::ORIGIN, "origin"),
            (Arena::TRANSIT, "transit"),
            (Arena::DESTINATION, "destination"),
        ]
        .into_iter()
        .filter(|(side, _)| self.0 & side.0 != 0)
        .map(|(_, name)| name)
        .collect()
    }
}

impl fmt::Display for Arena {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Arena::EVERYWHERE {
            f.write_str("all countries")
        } else {
            write!(f, "{} countries", self.sides().join(" and "))
        }
    }
}

/// An effect of a measure on an element, direct or through the knowledge base.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reach {
    /// The measure.
    pub measure: MeasureIdx,
    /// The position of the direct effect it starts from in the measure's `effects`.
    pub effect: u32,
    /// The element reached.
    pub target: ElementIdx,
    /// The signed strength, from -1 to 1.
    pub strength: f64,
    /// Where it is felt.
    pub arena: Arena,
    /// When it falls.
    pub when: When,
    /// How sure.
    pub confidence: Confidence,
    /// The interactions followed, as the place of their path in `Propagation::paths`:
    /// `NONE` for a direct effect. (Plain numbers rather than `Option`s keep a `Reach` at 32
    /// bytes; there are 14 million of them at 100,000 measures.)
    path: u32,
    /// The declared counterpart of the direct effect's target the effect entered through, if
    /// any (else `NONE`): the measure acts on it as on the target itself.
    link: u32,
}

/// No path, no counterpart.
const NONE: u32 = u32::MAX;

impl Reach {
    /// Whether this is the measure's own, declared effect.
    pub fn is_direct(&self) -> bool {
        self.path == NONE && self.link == NONE
    }

    fn path(&self) -> Option<usize> {
        (self.path != NONE).then_some(self.path as usize)
    }

    fn link(&self) -> Option<ElementIdx> {
        (self.link != NONE).then(|| ElementIdx::new(self.link as usize))
    }
}

/// Each element's declared counterparts: the elements it links to that link back to it
/// (`sdg:10.7` and `gcm:5` each name the other under `links`). A one-way link only relates two
/// elements; a link declared on both sides makes them counterparts, and propagation treats
/// progress on one as progress on the other, at the same strength.
pub fn counterparts(model: &Model) -> Vec<Vec<ElementIdx>> {
    model
        .elements
        .iter()
        .enumerate()
        .map(|(i, element)| {
            let idx = ElementIdx::new(i);
            let mut found: Vec<ElementIdx> = element
                .links
                .iter()
                .copied()
                .filter(|&other| other != idx && model.element(other).links.contains(&idx))
                .collect();
            found.sort();
            found.dedup();
            found
        })
        .collect()
}

/// An effect's place in [`Propagation::all`]: how findings refer to the effects behind them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReachIdx(u32);

/// Every measure's direct and indirect effects, computed once per run.
///
/// The effects are stored by target (and within a target in measure order), because the rules
/// and the coherence index read them target by target: with 14 million effects (100,000
/// measures) reading them in memory order instead of through an index is what keeps the CPU's
/// caches useful. A measure's own effects are found through `by_measure` and `position`.
#[derive(Debug, Default)]
pub struct Propagation {
    /// The effects, by target.
    reaches: Vec<Reach>,
    /// Where each target's effects start in `reaches` (one more entry than targets).
    target_starts: Vec<u32>,
    /// Each measure's effects, as a range of the order in which they were computed (measure by
    /// measure); `position` maps that order to `reaches`.
    by_measure: Vec<(u32, u32)>,
    /// For each effect in computation order, its place in `reaches`.
    position: Vec<u32>,
    /// Until `order_by_target`: how many effects each target has.
    target_counts: Vec<u32>,
    /// The strongest paths from each element and arena an effect entered through, one run of
    /// `paths` each (the range in `paths` is kept in `compute`'s `slots`).
    paths: Vec<Reached>,
}

impl Propagation {
    /// Propagates every measure's effects.
    pub fn compute(model: &Model, graph: &InteractionGraph, thresholds: &Thresholds) -> Self {
        let mut propagation = Propagation {
            reaches: Vec::with_capacity(model.measures.len() * 4),
            target_starts: Vec::new(),
            by_measure: Vec::with_capacity(model.measures.len()),
            position: Vec::new(),
            target_counts: vec![0; model.elements.len()],
            paths: Vec::new(),
        };
        let mut slots: HashMap<(ElementIdx, Arena), (u32, u32)> = HashMap::new();
        let links = counterparts(model);
        for (m, measure) in model.measures.iter().enumerate() {
            let measure_idx = MeasureIdx::new(m);
            let perspective = model.policy(measure.policy).perspective;
            let start = propagation.reaches.len() as u32;
            let own_targets: Vec<(ElementIdx, Arena)> = measure
                .effects
                .iter()
                .map(|e| (e.target, Arena::of_effect(perspective, e.where_)))
                .collect();
            for (e, effect) in measure.effects.iter().enumerate() {
                let arena = Arena::of_effect(perspective, effect.where_);
                let direct = effect.score.normalised();
                propagation.push(Reach {
                    measure: measure_idx,
                    effect: e as u32,
                    target: effect.target,
                    strength: direct,
                    arena,
                    when: effect.when,
                    confidence: effect.confidence,
                    path: NONE,
                    link: NONE,
                });
                if effect.score.value() == 0 {
                    continue;
                }
                // The target itself, then each declared counterpart, which the effect reaches
                // at its own strength (no link adds strength or uses up depth). For each element
                // and sign the strongest reach is kept; ties keep the earlier one.
                let mut candidates: Vec<Reach> = Vec::new();
                let mut seen: HashMap<(ElementIdx, bool), usize> = HashMap::new();
                let mut offer = |reach: Reach| {
                    let key = (reach.target, reach.strength > 0.0);
                    match seen.get(&key) {
                        Some(&i) if candidates[i].strength.abs() + 1e-12 < reach.strength.abs() => {
                            candidates[i] = reach;
                        }
                        Some(_) => {}
                        None => {
                            seen.insert(key, candidates.len());
                            candidates.push(reach);
                        }
                    }
                };
                let entries = std::iter::once((effect.target, None)).chain(
                    links[effect.target.index()]
                        .iter()
                        .map(|&counterpart| (counterpart, Some(counterpart))),
                );
                for (entry, link) in entries {
                    let scored_there = |element: ElementIdx| {
                        own_targets
                            .iter()
                            .any(|(t, a)| *t == element && a.overlaps(arena))
                    };
                    if link.is_some() {
                        if scored_there(entry) {
                            continue;
                        }
                        offer(Reach {
                            measure: measure_idx,
                            effect: e as u32,
                            target: entry,
                            strength: direct,
                            arena,
                            when: effect.when,
                            confidence: effect.confidence,
                            path: NONE,
                            link: link.map_or(NONE, |l| l.index() as u32),
                        });
                    }
                    let (from, to) = *slots.entry((entry, arena)).or_insert_with(|| {
                        let reached =
                            graph.strongest_paths(model, entry, thresholds.path_depth, |i| {
                                arena.admits(model.interaction(i).perspective)
                            });
                        let from = propagation.paths.len() as u32;
                        propagation.paths.extend(reached);
                        (from, propagation.paths.len() as u32)
                    });
                    for index in from..to {
                        let reached = &propagation.paths[index as usize];
                        if reached.element == effect.target || scored_there(reached.element) {
                            continue;
                        }
                        let strength = direct * reached.strength;
                        if strength.abs() + 1e-9 < thresholds.path_strength {
                            continue;
                        }
                        let confidence = if effect.score.is_negative() {
                            Confidence::Low
                        } else {
                            reached
                                .path
                                .iter()
                                .map(|&i| model.interaction(i).confidence)
                                .fold(effect.confidence, Ord::min)
                        };
                        offer(Reach {
                            measure: measure_idx,
                            effect: e as u32,
                            target: reached.element,
                            strength,
                            arena,
                            when: effect.when,
                            confidence,
                            path: index,
                            link: link.map_or(NONE, |l| l.index() as u32),
                        });
                    }
                }
                for reach in candidates {
                    propagation.push(reach);
                }
            }
            propagation
                .by_measure
                .push((start, propagation.reaches.len() as u32));
        }
        propagation.order_by_target();
        propagation
    }

    /// Moves the effects from computation order (measure by measure) into target order,
    /// keeping measure order within each target, so that every reader sees the same sequence
    /// of effects per target as before. A counting sort gives each effect its place; the
    /// effects are then moved there in place, cycle by cycle, so that the 14 million effects of
    /// 100,000 measures are never held twice (the scratch copy of the places is a tenth of it).
    fn order_by_target(&mut self) {
        let counts = std::mem::take(&mut self.target_counts);
        self.target_starts = Vec::with_capacity(counts.len() + 1);
        let mut next = 0u32;
        for count in &counts {
            self.target_starts.push(next);
            next += count;
        }
        self.target_starts.push(next);
        let mut cursor: Vec<u32> = self.target_starts[..counts.len()].to_vec();
        self.position = Vec::with_capacity(self.reaches.len());
        for reach in &self.reaches {
            let slot = &mut cursor[reach.target.index()];
            self.position.push(*slot);
            *slot += 1;
        }
        self.reaches.shrink_to_fit();
        let mut place = self.position.clone();
        for i in 0..self.reaches.len() {
            // The effect at `i` belongs at `place[i]`: swap it there, and go on with the one
            // it displaced, until the effect that belongs at `i` arrives.
            while place[i] as usize != i {
                let j = place[i] as usize;
                self.reaches.swap(i, j);
                place.swap(i, j);
            }
        }
    }

    fn push(&mut self, reach: Reach) {
        self.target_counts[reach.target.index()] += 1;
        self.reaches.push(reach);
    }

    /// A measure's effects, direct ones first in declaration order, each followed by the
    /// indirect effects it causes.
    pub fn of_measure(&self, measure: MeasureIdx) -> impl Iterator<Item = &Reach> + '_ {
        let (start, end) = self
            .by_measure
            .get(measure.index())
            .copied()
            .unwrap_or((0, 0));
        self.position[start as usize..end as usize]
            .iter()
            .map(|&place| &self.reaches[place as usize])
    }

    /// Every effect on `element`, in measure order.
    pub fn on(&self, element: ElementIdx) -> &[Reach] {
        let i = element.index();
        match (self.target_starts.get(i), self.target_starts.get(i + 1)) {
            (Some(&start), Some(&end)) => &self.reaches[start as usize..end as usize],
            _ => &[],
        }
    }

    /// Every effect: by target, and within a target in measure order.
    pub fn all(&self) -> &[Reach] {
        &self.reaches
    }

    /// The effect at `index`.
    pub fn reach(&self, index: ReachIdx) -> &Reach {
        &self.reaches[index.0 as usize]
    }

    /// The index of `reach`, which must be one of this propagation's effects (as every
    /// `&Reach` it hands out is).
    pub fn index_of(&self, reach: &Reach) -> ReachIdx {
        let base = self.reaches.as_ptr() as usize;
        let at = std::ptr::from_ref(reach) as usize;
        let index = at.wrapping_sub(base) / size_of::<Reach>();
        debug_assert!(index < self.reaches.len(), "a reach of another propagation");
        ReachIdx(index as u32)
    }

    /// The interactions an effect followed (empty for a direct effect).
    pub fn interactions(&self, reach: &Reach) -> &[InteractionIdx] {
        match reach.path() {
            None => &[],
            Some(index) => &self.paths[index].path,
        }
    }

    /// The elements an effect passes through, in order: the declared effect's target, the
    /// counterpart it entered through (if any), then the end of each interaction — the last is
    /// the element reached. A direct effect gives its target alone.
    pub fn elements_along(&self, model: &Model, reach: &Reach) -> Vec<ElementIdx> {
        let measure = model.measure(reach.measure);
        let mut along = vec![measure.effects[reach.effect as usize].target];
        along.extend(reach.link());
        along.extend(
            self.interactions(reach)
                .iter()
                .map(|&i| model.interaction(i).to),
        );
        along
    }

    /// The evidence path of an effect: the measure's declared effect, then each interaction,
    /// with scores, contexts and sources.
    pub fn evidence(&self, model: &Model, reach: &Reach) -> EvidencePath {
        let measure = model.measure(reach.measure);
        let effect = &measure.effects[reach.effect as usize];
        let mut steps = vec![Step {
            kind: StepKind::Effect,
            from: measure.id.to_string(),
            to: model.element(effect.target).id.to_string(),
            score: effect.score,
            context: Some(effect_context(effect.where_, effect.when)),
            evidence: effect.evidence.clone(),
            location: effect.location,
        }];
        if let Some(counterpart) = reach.link() {
            steps.push(link_step(model, effect.target, counterpart));
        }
        steps.extend(
            self.interactions(reach)
                .iter()
                .map(|&i| interaction_step(model, i)),
        );
        EvidencePath {
            steps,
            strength: reach.strength,
        }
    }
}

/// Where and when an effect falls, as a step's context: `here, now`.
fn effect_context(where_: Where, when: When) -> &'static str {
    match (where_, when) {
        (Where::Here, When::Now) => "here, now",
        (Where::Here, When::Later) => "here, later",
        (Where::Elsewhere, When::Now) => "elsewhere, now",
        (Where::Elsewhere, When::Later) => "elsewhere, later",
        (Where::Origin, When::Now) => "origin countries, now",
        (Where::Origin, When::Later) => "origin countries, later",
        (Where::Transit, When::Now) => "transit countries, now",
        (Where::Transit, When::Later) => "transit countries, later",
        (Where::Destination, When::Now) => "destination countries, now",
        (Where::Destination, When::Later) => "destination countries, later",
    }
}

/// A declared counterpart as a step of an evidence path: progress on `from` is progress on
/// `to`, shown as +3 (indivisible: strength × 1), at the place where `to` declares the link.
fn link_step(model: &Model, from: ElementIdx, to: ElementIdx) -> Step {
    let declared = model.element(to);
    Step {
        kind: StepKind::Link,
        from: model.element(from).id.to_string(),
        to: declared.id.to_string(),
        score: Score::INDIVISIBLE,
        context: Some("declared counterpart"),
        evidence: declared.citations.clone(),
        location: declared.location,
    }
}

/// A knowledge-base interaction as a step of an evidence path.
pub fn interaction_step(model: &Model, interaction: InteractionIdx) -> Step {
    let i = model.interaction(interaction);
    Step {
        kind: StepKind::Interaction,
        from: model.element(i.from).id.to_string(),
        to: model.element(i.to).id.to_string(),
        score: i.score,
        context: Some(i.perspective.as_str()),
        evidence: i.evidence.clone(),
        location: i.location,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_effect_takes_thirty_two_bytes() {
        // 14 million of them at 100,000 measures: each byte here is 14 MB of peak memory.
        assert_eq!(size_of::<Reach>(), 32);
    }

    #[test]
    fn elsewhere_is_the_other_side_of_the_corridor() {
        let destination_elsewhere = Arena::of_effect(Perspective::Destination, Where::Elsewhere);
        assert!(destination_elsewhere.admits(Perspective::Origin));
        assert!(destination_elsewhere.admits(Perspective::Transit));
        assert!(!destination_elsewhere.admits(Perspective::Destination));
        assert!(destination_elsewhere.admits(Perspective::Any));
        let origin_here = Arena::of_effect(Perspective::Origin, Where::Here);
        assert!(origin_here.overlaps(destination_elsewhere));
        assert!(!origin_here.overlaps(Arena::of_effect(Perspective::Destination, Where::Here)));
        assert_eq!(
            destination_elsewhere.to_string(),
            "origin and transit countries"
        );
    }
}
