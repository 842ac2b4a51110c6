//! `left-behind`: a measure leaves a group out of a target meant for everyone.

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Label, Names, Violation};
use crate::model::{ElementIdx, MeasureIdx};
use crate::rules::Context;
use std::collections::BTreeSet;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "left-behind",
    category: Category::Equity,
    default_severity: Severity::Warning,
    section: Section::Costs,
    headline: None,
    summary: "a measure leaves a group out of a target meant for everyone",
    what: "Finds measures that exclude a group (`excludes:`) from a target tagged `for-all` — \
           universal health coverage (3.8), social protection (1.3), schooling (4.1), legal \
           identity (16.9), decent work (8.5) — and effects that set such a target back for a \
           named group. An effect that sets a target back for a group the measure already \
           excludes from it states the same exclusion, and is not reported again.",
    why: "The 2030 Agenda pledges to leave no one behind, and migrants — irregular migrants \
          above all — are often among those left out. A \"for all\" target with an exclusion \
          is not met, whatever the average says.",
    fix: "Remove the exclusion, limit it (emergency care is not universal coverage), or add a \
          measure that gives the group another route to the target (a firewall between services \
          and immigration enforcement, for instance). An exclusion kept by decision can be \
          recorded with `# cohere: allow(left-behind) -- reason`.",
};

/// Reports exclusions from targets meant for everyone.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    for (m, measure) in model.measures.iter().enumerate() {
        let measure_idx = MeasureIdx::new(m);
        // An effect that states an exclusion the measure declares (a -2 on 3.8 for the
        // irregular migrants it excludes from 3.8) is the same claim: reported once, as the
        // exclusion.
        let mut excluded: BTreeSet<(ElementIdx, ElementIdx)> = BTreeSet::new();
        for (x, exclusion) in measure.excludes.iter().enumerate() {
            for (t, target) in exclusion.from.iter().enumerate() {
                if !model.element(target.value).has_tag("for-all") {
                    continue;
                }
                excluded.insert((exclusion.group, target.value));
                out.push(Finding::of(
                    &META,
                    exclusion.location,
                    LeftBehind::Excluded(measure_idx, x as u32, t as u32),
                ));
            }
        }
        for (e, effect) in measure.effects.iter().enumerate() {
            if !effect.score.is_negative() || !model.element(effect.target).has_tag("for-all") {
                continue;
            }
            for (g, &group) in effect.groups.iter().enumerate() {
                if excluded.contains(&(group, effect.target)) {
                    continue;
                }
                out.push(Finding::of(
                    &META,
                    effect.location,
                    LeftBehind::SetBack(measure_idx, e as u32, g as u32),
                ));
            }
        }
    }
}

/// A group left out of a target meant for everyone.
#[derive(Debug)]
enum LeftBehind {
    /// The measure's exclusion at this position, from its target at that position.
    Excluded(MeasureIdx, u32, u32),
    /// The measure's effect at this position, on its group at that position.
    SetBack(MeasureIdx, u32, u32),
}

impl LeftBehind {
    /// The measure, the group and the target.
    fn parties(&self, cx: Cx<'_>) -> (MeasureIdx, ElementIdx, ElementIdx) {
        let model = cx.model;
        match *self {
            LeftBehind::Excluded(m, x, t) => {
                let exclusion = &model.measure(m).excludes[x as usize];
                (m, exclusion.group, exclusion.from[t as usize].value)
            }
            LeftBehind::SetBack(m, e, g) => {
                let effect = &model.measure(m).effects[e as usize];
                (m, effect.groups[g as usize], effect.target)
            }
        }
    }
}

impl Violation for LeftBehind {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let (measure, group, target) = self.parties(cx);
        match self {
            LeftBehind::Excluded(..) => format!(
                "{} leaves {} out of {}, a target meant for everyone",
                names.measure(measure),
                names.element(group),
                names.element_with_title(target)
            ),
            LeftBehind::SetBack(..) => format!(
                "{} sets back {} for {}, a target meant for everyone",
                names.measure(measure),
                names.element_with_title(target),
                names.element(group)
            ),
        }
    }

    fn label(&self, cx: Cx<'_>, _: &dyn Names) -> String {
        match *self {
            LeftBehind::Excluded(..) => "excluded here".to_string(),
            LeftBehind::SetBack(m, e, _) => {
                let score = cx.model.measure(m).effects[e as usize].score;
                format!("{} {}", score, score.name())
            }
        }
    }

    fn related(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<Label> {
        match *self {
            LeftBehind::Excluded(m, x, t) => {
                let measure = cx.model.measure(m);
                vec![Label {
                    location: measure.at(measure.excludes[x as usize].from[t as usize].span),
                    text: format!("a target tagged {}", names.code("for-all")),
                }]
            }
            LeftBehind::SetBack(..) => Vec::new(),
        }
    }

    fn help(&self, _: Cx<'_>, _: &dyn Names) -> Option<String> {
        Some(match self {
            LeftBehind::Excluded(..) => "remove or narrow the exclusion, or add a measure that gives the group another route to the target",
            LeftBehind::SetBack(..) => "add a measure that protects the group's access to the target",
        }.to_string())
    }

    fn notes(&self, cx: Cx<'_>, _: &dyn Names) -> Vec<String> {
        match *self {
            LeftBehind::Excluded(m, x, _) => cx.model.measure(m).excludes[x as usize]
                .rationale
                .iter()
                .map(|rationale| format!("the stated reason: {rationale}"))
                .collect(),
            LeftBehind::SetBack(..) => Vec::new(),
        }
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        let (measure, group, target) = self.parties(cx);
        let model = cx.model;
        vec![
            model.measure(measure).id.to_string(),
            model.element(group).id.to_string(),
            model.element(target).id.to_string(),
        ]
    }
}
