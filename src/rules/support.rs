//! Small pieces the analysis rules share: naming things, grouping effects, coordination advice.

use crate::analysis::propagation::{Arena, Reach};
use crate::finding::{Finding, Severity};
use crate::model::{ElementIdx, InstitutionIdx, MeasureIdx, Model, PolicyIdx};
use crate::rules::Context;
use crate::source::Location;
use std::collections::BTreeMap;

/// `` `policy/measure` `` — a measure as named in messages.
pub fn measure_name(model: &Model, measure: MeasureIdx) -> String {
    format!("`{}`", model.measure(measure).id)
}

/// `` `sdg:3.8` `` — an element as named in messages.
pub fn element_name(model: &Model, element: ElementIdx) -> String {
    format!("`{}`", model.element(element).id)
}

/// `` `sdg:3.8` (Universal health coverage …) `` — an element with its title.
pub fn element_with_title(model: &Model, element: ElementIdx) -> String {
    let e = model.element(element);
    format!("`{}` ({})", e.id, e.title)
}

/// A strength on the scale's terms: `+2`-like for a direct effect, `-0.44` for an indirect one.
pub fn strength(reach: &Reach) -> String {
    if reach.is_direct() {
        format!("{:+}", (reach.strength * 3.0).round() as i64)
    } else {
        format!("{:+.2}", reach.strength)
    }
}

/// Where the effect of a reach is written: its direct effect's target.
pub fn reach_location(model: &Model, reach: &Reach) -> Location {
    model.measure(reach.measure).effects[reach.effect as usize].location
}

/// How two measures' lead institutions can coordinate: the mechanism they share, or `None`
/// with a reason when they cannot.
pub enum Coordination {
    /// The same institution leads both.
    SameLead(InstitutionIdx),
    /// Their leads meet in these mechanisms.
    Shared(Vec<crate::model::MechanismIdx>),
    /// Their leads share no mechanism.
    None(InstitutionIdx, InstitutionIdx),
    /// At least one measure has no lead, or no institutions document says who meets where.
    Unknown,
}

/// How the leads of two measures coordinate.
pub fn coordination(model: &Model, a: MeasureIdx, b: MeasureIdx) -> Coordination {
    match (model.measure(a).lead, model.measure(b).lead) {
        (Some(x), Some(y)) if x == y => Coordination::SameLead(x),
        (Some(_), Some(_)) if !model.institutions_declared => Coordination::Unknown,
        (Some(x), Some(y)) => {
            let shared = model.shared_mechanisms(x, y);
            if shared.is_empty() {
                Coordination::None(x, y)
            } else {
                Coordination::Shared(shared)
            }
        }
        _ => Coordination::Unknown,
    }
}

/// A help line for two measures in tension: coordinate where their leads meet, else mitigate or
/// record the trade-off.
pub fn tension_help(model: &Model, a: MeasureIdx, b: MeasureIdx, rule: &str) -> String {
    let record =
        format!("or record an accepted trade-off with `# cohere: allow({rule}) -- reason`");
    match coordination(model, a, b) {
        Coordination::SameLead(lead) => format!(
            "`{}` leads both measures: reconcile them in one plan, add a mitigating measure, {record}",
            model.institution(lead).id
        ),
        Coordination::Shared(mechanisms) => format!(
            "coordinate through `{}` ({}), add a mitigating measure, {record}",
            model.mechanism(mechanisms[0]).id,
            model.mechanism(mechanisms[0]).name
        ),
        Coordination::None(x, y) => format!(
            "`{}` and `{}`, the two lead institutions, share no coordination mechanism: raise the conflict where both can be brought together (or create such a forum), add a mitigating measure, {record}",
            model.institution(x).id,
            model.institution(y).id
        ),
        Coordination::Unknown => format!("add a mitigating measure, {record}"),
    }
}

/// Effects pulling one element apart, seen from one policy that pushes it down: the unit in
/// which conflicts are reported. A target that many measures pull apart gives one finding per
/// policy pushing it down, listing the strongest effects pushing it up — never one finding per
/// pair of measures, and never one per pair of policies (which grows with the square of the
/// number of policies).
pub struct Tension<'a> {
    /// The element.
    pub target: ElementIdx,
    /// The policy whose measures push the element down.
    pub policy: PolicyIdx,
    /// That policy's effects pushing it down, strongest first.
    pub down: Vec<&'a Reach>,
    /// The strongest effects (of any policy) pushing it up where those are felt, at most
    /// `max-listed-measures`, strongest first.
    pub up: Vec<&'a Reach>,
    /// How many effects push it up there in all.
    pub up_total: usize,
}

impl Tension<'_> {
    /// What every conflict finding about a tension carries: its key (target and policy), the
    /// effects that advance the target as related locations, a note on those not shown, and
    /// the evidence paths of the strongest effect on each side.
    pub fn describe(&self, context: &Context<'_>, finding: Finding) -> Finding {
        let model = context.model;
        let propagation = &context.analysis.propagation;
        let mut finding = finding.key([
            model.element(self.target).id.to_string(),
            model.policy(self.policy).id.to_string(),
        ]);
        for reach in &self.up {
            finding = finding.related(
                reach_location(model, reach),
                format!(
                    "{} advances it ({})",
                    measure_name(model, reach.measure),
                    strength(reach)
                ),
            );
        }
        if self.up_total > self.up.len() {
            finding = finding.note(format!(
                "{} effects advance `{}` in all; the {} strongest are shown",
                self.up_total,
                model.element(self.target).id,
                self.up.len()
            ));
        }
        finding
            .evidence(propagation.evidence(model, self.down[0]))
            .evidence(propagation.evidence(model, self.up[0]))
    }

    /// ` (with N more)` when more than one effect advances the target.
    pub fn more(&self) -> String {
        if self.up_total > 1 {
            format!(" (with {} more)", self.up_total - 1)
        } else {
            String::new()
        }
    }
}

/// `` `sdg:10.7` → `sdg:3.c`: -2 counteracting (origin) `` — an interaction, for labels.
pub fn interaction_label(model: &Model, interaction: crate::model::InteractionIdx) -> String {
    let i = model.interaction(interaction);
    format!(
        "`{}` → `{}`: {} {} ({})",
        model.element(i.from).id,
        model.element(i.to).id,
        i.score,
        i.score.name(),
        i.perspective
    )
}

fn by_strength(a: &&Reach, b: &&Reach) -> std::cmp::Ordering {
    b.strength
        .abs()
        .total_cmp(&a.strength.abs())
        .then(a.measure.cmp(&b.measure))
        .then(a.effect.cmp(&b.effect))
}

/// Finds the tensions among the effects `keep` accepts.
///
/// Cost: effects on an element are bucketed by sign, arena (seven at most) and, for those
/// pushing down, policy; the strongest `max-listed-measures + 1` of each bucket pushing up are
/// selected (linear) and sorted, each bucket pushing down is sorted, and each policy's tension
/// takes the strongest of at most seven short sorted lists. Linear in the number of effects, up
/// to the sort of each policy's own effects.
pub fn tensions<'a>(context: &'a Context<'_>, keep: impl Fn(&Reach) -> bool) -> Vec<Tension<'a>> {
    let model = context.model;
    let propagation = &context.analysis.propagation;
    let max = context.settings.thresholds.max_listed_measures as usize;
    let mut out = Vec::new();
    for element in 0..model.elements.len() {
        let element = ElementIdx::new(element);
        let mut up: BTreeMap<Arena, Vec<&'a Reach>> = BTreeMap::new();
        let mut down: BTreeMap<PolicyIdx, Vec<&'a Reach>> = BTreeMap::new();
        for reach in propagation.on(element).iter().filter(|r| keep(r)) {
            if reach.strength > 0.0 {
                up.entry(reach.arena).or_default().push(reach);
            } else if reach.strength < 0.0 {
                let policy = model.measure(reach.measure).policy;
                down.entry(policy).or_default().push(reach);
            }
        }
        if up.is_empty() || down.is_empty() {
            continue;
        }
        // Only the strongest `max + 1` of each bucket are ever listed: select them, then sort
        // just those (`by_strength` is a total order, so the result is the full sort's prefix).
        for bucket in up.values_mut() {
            if bucket.len() > max + 1 {
                bucket.select_nth_unstable_by(max + 1, by_strength);
                bucket[..=max].sort_by(by_strength);
            } else {
                bucket.sort_by(by_strength);
            }
        }
        for (policy, mut downs) in down {
            downs.sort_by(by_strength);
            let arenas: Vec<Arena> = up
                .keys()
                .copied()
                .filter(|a| downs.iter().any(|d| d.arena.overlaps(*a)))
                .collect();
            let all_up: usize = arenas.iter().map(|a| up[a].len()).sum();
            // The strongest `max + 1` ups across the overlapping buckets (each already sorted).
            let mut strongest: Vec<&Reach> = arenas
                .iter()
                .flat_map(|a| up[a].iter().take(max + 1).copied())
                .collect();
            strongest.sort_by(by_strength);
            // A measure pulling an element both ways on its own is a trade-off, not a tension
            // between measures.
            let only = downs[0].measure;
            let mut up_total = all_up;
            if downs.iter().all(|d| d.measure == only) {
                up_total -= strongest.iter().filter(|u| u.measure == only).count();
                strongest.retain(|u| u.measure != only);
            }
            strongest.truncate(max);
            if strongest.is_empty() {
                continue;
            }
            out.push(Tension {
                target: element,
                policy,
                down: downs,
                up: strongest,
                up_total,
            });
        }
    }
    out
}

/// Lists measures by name, at most `max`, then how many more.
pub fn list_measures(model: &Model, reaches: &[&Reach], max: usize) -> String {
    let mut names: Vec<String> = Vec::new();
    for reach in reaches {
        let name = format!(
            "{} ({})",
            measure_name(model, reach.measure),
            strength(reach)
        );
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let total = names.len();
    let mut shown: Vec<String> = names.into_iter().take(max).collect();
    if total > max {
        shown.push(format!("and {} more", total - max));
    }
    shown.join(", ")
}

/// The severity of a conflict between a push up of `up` and a push down of `down` (strengths
/// from -1 to 1): +2 against -2 or stronger is an error, weaker clashes are warnings.
pub fn conflict_severity(up: f64, down: f64) -> Severity {
    let weaker = up.abs().min(down.abs());
    if weaker >= 2.0 / 3.0 - 1e-9 {
        Severity::Error
    } else {
        Severity::Warning
    }
}

/// The severity of a cost of strength `strength` (negative, from -1 to 0): -3 is an error,
/// -2 a warning, weaker costs information.
pub fn cost_severity(strength: f64) -> Severity {
    let magnitude = strength.abs();
    if magnitude >= 1.0 - 1e-9 {
        Severity::Error
    } else if magnitude >= 2.0 / 3.0 - 1e-9 {
        Severity::Warning
    } else {
        Severity::Info
    }
}

/// The costs of each measure that `filter` accepts: its negative effects, direct or indirect,
/// strongest first, with the measure. Measures without such costs are left out.
pub fn costs<'a>(
    context: &'a Context<'_>,
    filter: impl Fn(&crate::model::Effect, &Reach) -> bool,
) -> Vec<(MeasureIdx, Vec<&'a Reach>)> {
    let model = context.model;
    let propagation = &context.analysis.propagation;
    let mut out = Vec::new();
    for m in 0..model.measures.len() {
        let measure = MeasureIdx::new(m);
        let effects = &model.measure(measure).effects;
        let mut found: Vec<&Reach> = propagation
            .of_measure(measure)
            .filter(|r| r.strength < 0.0 && filter(&effects[r.effect as usize], r))
            .collect();
        if found.is_empty() {
            continue;
        }
        found.sort_by(|a, b| {
            a.strength
                .total_cmp(&b.strength)
                .then(a.target.cmp(&b.target))
        });
        // One entry per element: the worst effect on it.
        let mut seen = std::collections::BTreeSet::new();
        found.retain(|r| seen.insert(r.target));
        out.push((measure, found));
    }
    out
}

/// The costs a cost finding (`spillover`, `deferred-cost`) describes and backs with evidence:
/// the strongest `max-listed-measures` of them (`costs` is sorted strongest first). A measure
/// that sets back a hundred targets through one busy interaction stays one readable finding.
pub fn listed_costs<'a, 'b>(context: &Context<'_>, costs: &'b [&'a Reach]) -> &'b [&'a Reach] {
    let max = context.settings.thresholds.max_listed_measures as usize;
    &costs[..costs.len().min(max)]
}

/// `` `sdg:3.c` (-2), `sdg:3.8` (-0.44 via `sdg:10.7`) and 12 more `` — the costs shown, then
/// how many of `total` are not.
pub fn cost_list(model: &Model, shown: &[&Reach], total: usize) -> String {
    let mut listed: Vec<String> = shown.iter().map(|r| describe_reach(model, r)).collect();
    if total > shown.len() {
        listed.push(format!("and {} more", total - shown.len()));
    }
    listed.join(", ")
}

/// Describes an effect in a list: `` `sdg:3.c` (-2) `` or `` `sdg:3.8` (-0.44 via `sdg:10.7`) ``.
pub fn describe_reach(model: &Model, reach: &Reach) -> String {
    if reach.is_direct() {
        format!(
            "{} ({})",
            element_name(model, reach.target),
            strength(reach)
        )
    } else {
        let via = model.measure(reach.measure).effects[reach.effect as usize].target;
        format!(
            "{} ({} via {})",
            element_name(model, reach.target),
            strength(reach),
            element_name(model, via)
        )
    }
}
