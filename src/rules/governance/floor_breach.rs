//! `floor-breach`: a measure counteracts a minimum standard.

use crate::analysis::propagation::ReachIdx;
use crate::analysis::strength::{STRONG_INDIRECT, at_least};
use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, EvidencePath, Finding, Names, Violation};
use crate::model::{ElementIdx, MeasureIdx};
use crate::rules::Context;
use crate::rules::support;
use std::collections::BTreeSet;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "floor-breach",
    category: Category::Governance,
    default_severity: Severity::Error,
    section: Section::Conflicts,
    headline: None,
    summary: "a measure counteracts an element of the floor of minimum standards",
    what: "Finds measures that act against the floor of minimum standards declared under \
           `floor:` in cohere.yaml — by default the elements tagged `floor`: non-refoulement \
           (a binding treaty obligation: 1951 Refugee Convention art. 33, Convention against \
           Torture art. 3, ICCPR arts. 6 and 7), SDG targets 5.2, 8.7 and 16.2 (violence, \
           forced labour, trafficking), MiGOF principle 1 (migrants' rights), and the GCM's \
           human-rights and child-sensitive principles and objectives 8 (saving lives) and 13 \
           (detention only as a last resort). A declared effect of -2 or worse, or naming the \
           element under `strains:`, is an error; a -1 is a warning; an indirect effect of -0.4 \
           or worse through the knowledge base is a warning. Each finding says whether the \
           standard is a binding obligation (elements tagged `binding`) or a political \
           commitment.",
    why: "The floor is the global track of the seed's two-track process: the standards no \
          trade-off may go below, whatever it buys. Where the standard is a binding obligation \
          (non-refoulement), a breach is a matter of law, not of balance. The SDG targets, the \
          MiGOF and the GCM's objectives and principles are political commitments, not legally \
          binding: a breach of them goes back on what the government committed to, and is for \
          it to answer for in parliament rather than in court.",
    fix: "Change the measure so that it no longer acts against the standard, or add safeguards \
          (alternatives to detention, independent monitoring, child-protection checks). If the \
          floor of your jurisdiction differs, declare it under `floor:` in cohere.yaml.",
};

/// Reports breaches of the floor.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    let floor: BTreeSet<ElementIdx> = match &context.settings.floor {
        Some(ids) => ids
            .iter()
            .filter_map(|id| model.element_by_id(id.value.trim()))
            .collect(),
        None => (0..model.elements.len())
            .map(ElementIdx::new)
            .filter(|&e| model.element(e).has_tag("floor"))
            .collect(),
    };
    let propagation = &context.analysis.propagation;
    for (m, measure) in model.measures.iter().enumerate() {
        let measure_idx = MeasureIdx::new(m);
        let mut reported = BTreeSet::new();
        for (i, strained) in measure.strains.iter().enumerate() {
            if !floor.contains(&strained.value) {
                continue;
            }
            reported.insert(strained.value);
            out.push(Finding::of(
                &META,
                measure.at(strained.span),
                FloorBreach::Strains(measure_idx, i as u32),
            ));
        }
        for (e, effect) in measure.effects.iter().enumerate() {
            if !effect.score.is_negative() || !floor.contains(&effect.target) {
                continue;
            }
            if !reported.insert(effect.target) {
                continue;
            }
            out.push(
                Finding::of(
                    &META,
                    effect.location,
                    FloorBreach::Effect(measure_idx, e as u32),
                )
                .severity(if effect.score.value() <= -2 {
                    Severity::Error
                } else {
                    Severity::Warning
                })
                .confidence(effect.confidence),
            );
        }
        for reach in propagation.of_measure(measure_idx) {
            if reach.is_direct()
                || !at_least(-reach.strength, STRONG_INDIRECT)
                || !floor.contains(&reach.target)
            {
                continue;
            }
            if !reported.insert(reach.target) {
                continue;
            }
            out.push(
                Finding::of(
                    &META,
                    support::reach_location(model, reach),
                    FloorBreach::Path(propagation.index_of(reach)),
                )
                .severity(Severity::Warning)
                .confidence(reach.confidence),
            );
        }
    }
}

/// A measure that strains, acts against or undermines an element of the floor.
#[derive(Debug)]
enum FloorBreach {
    /// The measure's `strains:` entry at this position.
    Strains(MeasureIdx, u32),
    /// The measure's negative effect at this position.
    Effect(MeasureIdx, u32),
    /// A strong indirect effect.
    Path(ReachIdx),
}

impl FloorBreach {
    /// The measure and the element of the floor.
    fn parties(&self, cx: Cx<'_>) -> (MeasureIdx, ElementIdx) {
        let model = cx.model;
        match *self {
            FloorBreach::Strains(m, i) => (m, model.measure(m).strains[i as usize].value),
            FloorBreach::Effect(m, e) => (m, model.measure(m).effects[e as usize].target),
            FloorBreach::Path(reach) => {
                let reach = cx.analysis.propagation.reach(reach);
                (reach.measure, reach.target)
            }
        }
    }
}

impl Violation for FloorBreach {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let (measure, element) = self.parties(cx);
        match *self {
            FloorBreach::Strains(..) => format!(
                "{} strains {}, {}",
                names.measure(measure),
                names.element_with_title(element),
                standing(cx.model, element)
            ),
            FloorBreach::Effect(m, e) => format!(
                "{} acts against {} ({}), {}",
                names.measure(measure),
                names.element_with_title(element),
                cx.model.measure(m).effects[e as usize].score,
                standing(cx.model, element)
            ),
            FloorBreach::Path(reach) => format!(
                "{} undermines {} ({:+.2}) through the knowledge base, {}",
                names.measure(measure),
                names.element_with_title(element),
                cx.analysis.propagation.reach(reach).strength,
                standing(cx.model, element)
            ),
        }
    }

    fn label(&self, cx: Cx<'_>, _: &dyn Names) -> String {
        match *self {
            FloorBreach::Strains(..) => "strained here".to_string(),
            FloorBreach::Effect(m, e) => {
                let score = cx.model.measure(m).effects[e as usize].score;
                format!("{} {}", score, score.name())
            }
            FloorBreach::Path(_) => "the path to the floor starts here".to_string(),
        }
    }

    fn help(&self, cx: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(match self {
            FloorBreach::Strains(..) | FloorBreach::Effect(..) => {
                help(cx.model, names, self.parties(cx).1)
            }
            FloorBreach::Path(_) => "check the path; if it holds, add safeguards so the measure does not erode the standard".to_string(),
        })
    }

    fn evidence(&self, cx: Cx<'_>) -> Vec<EvidencePath> {
        match *self {
            FloorBreach::Path(reach) => {
                let propagation = &cx.analysis.propagation;
                vec![propagation.evidence(cx.model, propagation.reach(reach))]
            }
            _ => Vec::new(),
        }
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        let (measure, element) = self.parties(cx);
        vec![
            cx.model.measure(measure).id.to_string(),
            cx.model.element(element).id.to_string(),
        ]
    }
}

/// What a floor element is: a binding obligation (tagged `binding`) or a political commitment.
fn standing(model: &crate::model::Model, element: ElementIdx) -> &'static str {
    if model.element(element).has_tag("binding") {
        "a binding obligation on the floor of minimum standards"
    } else {
        "a political commitment on the floor of minimum standards (not legally binding)"
    }
}

fn help(model: &crate::model::Model, names: &dyn Names, element: ElementIdx) -> String {
    if model.element(element).has_tag("binding") {
        format!(
            "change the measure: a binding obligation admits no trade-off ({} lists the treaty articles)",
            names.code("cohere show")
        )
    } else {
        "change the measure or add safeguards; if the government accepts going below this commitment, say so to parliament".to_string()
    }
}
