//! Small pieces the analysis rules share: naming things, grouping effects, coordination advice.

use crate::analysis::propagation::Reach;
use crate::analysis::strength::{SCORE_2, SCORE_3, at_least};
use crate::analysis::tension::Tension;
use crate::finding::{Cx, EvidencePath, Finding, Ids, Label, Names, Severity};
use crate::model::{ElementIdx, InstitutionIdx, MeasureIdx, Model};
use crate::rules::Context;
use crate::source::Location;

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
    /// One measure's lead is a partner of the other measure: they work on it together.
    Partner(InstitutionIdx, MeasureIdx),
    /// Their leads share no mechanism.
    None(InstitutionIdx, InstitutionIdx),
    /// At least one measure has no lead, or no institutions document says who meets where.
    Unknown,
}

/// How the leads of two measures coordinate.
pub fn coordination(model: &Model, a: MeasureIdx, b: MeasureIdx) -> Coordination {
    match (model.measure(a).lead, model.measure(b).lead) {
        (Some(x), Some(y)) if x == y => Coordination::SameLead(x),
        (Some(x), Some(_)) if model.measure(b).partners.contains(&x) => Coordination::Partner(x, b),
        (Some(_), Some(y)) if model.measure(a).partners.contains(&y) => Coordination::Partner(y, a),
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
    tension_help_in(model, &Ids(model), a, b, rule)
}

/// [`tension_help`], for `names`.
pub fn tension_help_in(
    model: &Model,
    names: &dyn Names,
    a: MeasureIdx,
    b: MeasureIdx,
    rule: &str,
) -> String {
    let record = format!(
        "or record an accepted trade-off with {}",
        names.code(&format!("# cohere: allow({rule}) -- reason"))
    );
    match coordination(model, a, b) {
        Coordination::SameLead(lead) => format!(
            "{} leads both measures: reconcile them in one plan, add a mitigating measure, {record}",
            names.institution(lead)
        ),
        Coordination::Partner(lead, measure) => format!(
            "{} is a partner of {}: reconcile the two measures there, add a mitigating measure, {record}",
            names.institution(lead),
            names.measure(measure)
        ),
        Coordination::Shared(mechanisms) => format!(
            "coordinate through {} ({}), add a mitigating measure, {record}",
            names.mechanism(mechanisms[0]),
            model.mechanism(mechanisms[0]).name
        ),
        Coordination::None(x, y) => format!(
            "{} and {}, the two lead institutions, share no coordination mechanism: raise the conflict where both can be brought together (or create such a forum), add a mitigating measure, {record}",
            names.institution(x),
            names.institution(y)
        ),
        Coordination::Unknown => format!("add a mitigating measure, {record}"),
    }
}

/// The related locations of a conflict finding about a tension: the effects that advance the
/// target.
pub fn tension_related(cx: Cx<'_>, names: &dyn Names, tension: &Tension) -> Vec<Label> {
    let propagation = &cx.analysis.propagation;
    tension
        .up
        .iter()
        .map(|&reach| {
            let reach = propagation.reach(reach);
            Label {
                location: reach_location(cx.model, reach),
                text: format!(
                    "{} advances it ({})",
                    names.measure(reach.measure),
                    strength(reach)
                ),
            }
        })
        .collect()
}

/// The note of a conflict finding about a tension: how many effects advance the target when
/// not all are shown.
pub fn tension_notes(cx: Cx<'_>, names: &dyn Names, tension: &Tension) -> Vec<String> {
    if tension.up_total > tension.up.len() {
        vec![format!(
            "{} effects advance {} in all; the {} strongest are shown",
            tension.up_total,
            names.element(tension.target),
            tension.up.len()
        )]
    } else {
        let _ = cx;
        Vec::new()
    }
}

/// The evidence of a conflict finding about a tension: the paths of the strongest effect on
/// each side.
pub fn tension_evidence(cx: Cx<'_>, tension: &Tension) -> Vec<EvidencePath> {
    let propagation = &cx.analysis.propagation;
    vec![
        propagation.evidence(cx.model, propagation.reach(tension.down[0])),
        propagation.evidence(cx.model, propagation.reach(tension.up[0])),
    ]
}

/// The key of a conflict finding about a tension: the target and the policy setting it back.
pub fn tension_key(cx: Cx<'_>, tension: &Tension) -> Vec<String> {
    vec![
        cx.model.element(tension.target).id.to_string(),
        cx.model.policy(tension.policy).id.to_string(),
    ]
}

/// What every conflict finding about a tension carries: its key (target and policy), the
/// effects that advance the target as related locations, a note on those not shown, and the
/// evidence paths of the strongest effect on each side.
pub fn describe_tension(context: &Context<'_>, tension: &Tension, finding: Finding) -> Finding {
    let model = context.model;
    let propagation = &context.analysis.propagation;
    let mut finding = finding.key([
        model.element(tension.target).id.to_string(),
        model.policy(tension.policy).id.to_string(),
    ]);
    for &reach in &tension.up {
        let reach = propagation.reach(reach);
        finding = finding.related(
            reach_location(model, reach),
            format!(
                "{} advances it ({})",
                measure_name(model, reach.measure),
                strength(reach)
            ),
        );
    }
    if tension.up_total > tension.up.len() {
        finding = finding.note(format!(
            "{} effects advance `{}` in all; the {} strongest are shown",
            tension.up_total,
            model.element(tension.target).id,
            tension.up.len()
        ));
    }
    finding
        .evidence(propagation.evidence(model, propagation.reach(tension.down[0])))
        .evidence(propagation.evidence(model, propagation.reach(tension.up[0])))
}

/// ` (with N more)` when more than one effect advances the target.
pub fn more(tension: &Tension) -> String {
    if tension.up_total > 1 {
        format!(" (with {} more)", tension.up_total - 1)
    } else {
        String::new()
    }
}

/// The identity by meaning of a finding about one knowledge-base interaction: its two ends and
/// the perspective it holds in.
pub fn interaction_key(model: &Model, interaction: crate::model::InteractionIdx) -> Vec<String> {
    let interaction = model.interaction(interaction);
    vec![
        model.element(interaction.from).id.to_string(),
        model.element(interaction.to).id.to_string(),
        interaction.perspective.to_string(),
    ]
}

/// `` `sdg:10.7` → `sdg:3.c`: -2 counteracting (origin) `` — an interaction, for labels.
pub fn interaction_label(model: &Model, interaction: crate::model::InteractionIdx) -> String {
    interaction_label_in(model, &Ids(model), interaction)
}

/// [`interaction_label`], for `names`.
pub fn interaction_label_in(
    model: &Model,
    names: &dyn Names,
    interaction: crate::model::InteractionIdx,
) -> String {
    let i = model.interaction(interaction);
    format!(
        "{} → {}: {} {} ({})",
        names.element(i.from),
        names.element(i.to),
        i.score,
        i.score.name(),
        i.perspective
    )
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
    if at_least(weaker, SCORE_2) {
        Severity::Error
    } else {
        Severity::Warning
    }
}

/// The severity of a cost of strength `strength` (negative, from -1 to 0): -3 is an error,
/// -2 a warning, weaker costs information.
pub fn cost_severity(strength: f64) -> Severity {
    let magnitude = strength.abs();
    if at_least(magnitude, SCORE_3) {
        Severity::Error
    } else if at_least(magnitude, SCORE_2) {
        Severity::Warning
    } else {
        Severity::Info
    }
}

/// The costs a cost finding (`spillover`, `deferred-cost`) describes and backs with evidence:
/// the strongest `max-listed-measures` of them (`costs` is sorted strongest first). A measure
/// that sets back a hundred targets through one busy interaction stays one readable finding.
pub fn listed_costs<'a>(context: &Context<'_>, costs: &'a [&'a Reach]) -> &'a [&'a Reach] {
    let max = context.settings.thresholds.max_listed_measures as usize;
    &costs[..costs.len().min(max)]
}

/// `` `sdg:3.c` (-2), `sdg:3.8` (-0.44 via `sdg:10.7`) and 12 more `` — the costs shown, then
/// how many of `total` are not.
pub fn cost_list_in(cx: Cx<'_>, names: &dyn Names, shown: &[&Reach], total: usize) -> String {
    let mut listed: Vec<String> = shown
        .iter()
        .map(|r| describe_reach_in(cx, names, r))
        .collect();
    if total > shown.len() {
        listed.push(format!("and {} more", total - shown.len()));
    }
    listed.join(", ")
}

/// Describes an effect in a list: `` `sdg:3.c` (-2) `` or, for an indirect one, with the whole
/// path it takes: `` `sdg:8.7` (-0.44 via `sdg:10.7` → `sdg:8.8`) ``.
pub fn describe_reach_in(cx: Cx<'_>, names: &dyn Names, reach: &Reach) -> String {
    if reach.is_direct() {
        format!("{} ({})", names.element(reach.target), strength(reach))
    } else {
        let along = cx.analysis.propagation.elements_along(cx.model, reach);
        let via: Vec<String> = along[..along.len().saturating_sub(1)]
            .iter()
            .map(|&e| names.element(e))
            .collect();
        format!(
            "{} ({} via {})",
            names.element(reach.target),
            strength(reach),
            via.join(" → ")
        )
    }
}

/// The whole path of an indirect effect, from the target the measure declares to the element
/// reached: `` `sdg:10.7` → `sdg:8.8` → `sdg:8.7` ``.
pub fn path_words(cx: Cx<'_>, names: &dyn Names, reach: &Reach) -> String {
    cx.analysis
        .propagation
        .elements_along(cx.model, reach)
        .iter()
        .map(|&e| names.element(e))
        .collect::<Vec<_>>()
        .join(" → ")
}

/// Items joined as a sentence says them: "a", "a and b", "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A measure's costs of one kind, as the cost rules (`spillover`, `deferred-cost`) report
/// them: the strongest `shown` of them listed and backed with evidence, the rest counted.
#[derive(Debug)]
pub struct CostFacts {
    /// Elsewhere (`true`) or later here.
    pub elsewhere: bool,
    /// The index of the measure's costs among the run's costs of that kind.
    pub index: u32,
    /// How many are listed.
    pub shown: u32,
}

impl CostFacts {
    /// The measure and its costs, strongest first.
    pub fn costs<'a>(&self, cx: Cx<'a>) -> (MeasureIdx, Vec<&'a Reach>) {
        let costs = &cx.analysis.costs;
        let of = if self.elsewhere {
            &costs.elsewhere
        } else {
            &costs.later_here
        };
        let entry = &of[self.index as usize];
        let propagation = &cx.analysis.propagation;
        (
            entry.measure,
            entry.costs.iter().map(|&r| propagation.reach(r)).collect(),
        )
    }

    /// The costs listed, then how many more there are.
    pub fn list(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let (_, costs) = self.costs(cx);
        cost_list_in(cx, names, &costs[..self.shown as usize], costs.len())
    }

    /// The evidence of the costs listed.
    pub fn evidence(&self, cx: Cx<'_>) -> Vec<EvidencePath> {
        let (_, costs) = self.costs(cx);
        costs[..self.shown as usize]
            .iter()
            .map(|reach| cx.analysis.propagation.evidence(cx.model, reach))
            .collect()
    }

    /// The key: the measure.
    pub fn key(&self, cx: Cx<'_>) -> Vec<String> {
        vec![cx.model.measure(self.costs(cx).0).id.to_string()]
    }
}
