//! `missing-evidence`: an effect with no rationale or no evidence (analytical capacity).

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Label, Names, Violation};
use crate::model::MeasureIdx;
use crate::rules::Context;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "missing-evidence",
    category: Category::Capacity,
    default_severity: Severity::Warning,
    section: Section::Capacity,
    headline: None,
    summary: "an effect or measure interaction with no rationale or no evidence",
    what: "Finds a measure's effects and declared measure interactions that give no `rationale` \
           (a warning), or a rationale but no `evidence` (information).",
    why: "Analytical capacity — models of effects and trade-offs — starts with saying why an \
          effect is expected and on what evidence. A score without a reason cannot be \
          challenged, improved or explained to parliament, and every finding built on it \
          inherits the doubt.",
    fix: "Add a `rationale:` in a sentence, and `evidence:` with a citation (who, title, year) — \
          an evaluation, a study, a statistical series.",
};

/// Reports effects without rationale or evidence.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    for (m, measure) in model.measures.iter().enumerate() {
        let measure_idx = MeasureIdx::new(m);
        for (e, effect) in measure.effects.iter().enumerate() {
            let severity = match (&effect.rationale, effect.evidence.is_empty()) {
                (None, _) => Severity::Warning,
                (Some(_), true) => Severity::Info,
                (Some(_), false) => continue,
            };
            out.push(
                Finding::of(
                    &META,
                    effect.location,
                    MissingEvidence::Effect(measure_idx, e as u32),
                )
                .severity(severity),
            );
        }
        for (i, interaction) in measure.interactions.iter().enumerate() {
            if interaction.rationale.is_none() {
                out.push(Finding::of(
                    &META,
                    interaction.location,
                    MissingEvidence::Interaction(measure_idx, i as u32),
                ));
            }
        }
    }
}

/// An effect or a declared interaction of a measure without its rationale or evidence.
#[derive(Debug)]
enum MissingEvidence {
    /// The measure's effect at this position.
    Effect(MeasureIdx, u32),
    /// The measure's declared interaction at this position.
    Interaction(MeasureIdx, u32),
}

impl Violation for MissingEvidence {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let model = cx.model;
        match *self {
            MissingEvidence::Effect(m, e) => {
                let effect = &model.measure(m).effects[e as usize];
                let lacks = if effect.rationale.is_none() {
                    "has no rationale"
                } else {
                    "cites no evidence"
                };
                format!(
                    "the effect of {} on {} {lacks}",
                    names.measure(m),
                    names.element(effect.target)
                )
            }
            MissingEvidence::Interaction(m, i) => {
                let interaction = &model.measure(m).interactions[i as usize];
                format!(
                    "the interaction of {} with {} has no rationale",
                    names.measure(m),
                    names.measure(interaction.with)
                )
            }
        }
    }

    fn label(&self, cx: Cx<'_>, _: &dyn Names) -> String {
        let model = cx.model;
        match *self {
            MissingEvidence::Effect(m, e) => {
                format!("scored {} here", model.measure(m).effects[e as usize].score)
            }
            MissingEvidence::Interaction(m, i) => {
                format!("scored {}", model.measure(m).interactions[i as usize].score)
            }
        }
    }

    fn related(&self, cx: Cx<'_>, _: &dyn Names) -> Vec<Label> {
        match *self {
            MissingEvidence::Effect(m, e) => vec![Label {
                location: cx.model.measure(m).effects[e as usize].score_location,
                text: "the score".to_string(),
            }],
            MissingEvidence::Interaction(..) => Vec::new(),
        }
    }

    fn help(&self, cx: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(match *self {
            MissingEvidence::Effect(m, e)
                if cx.model.measure(m).effects[e as usize].rationale.is_none() =>
            {
                format!(
                    "add {} saying why the measure has this effect, and {}",
                    names.code("rationale:"),
                    names.code("evidence:")
                )
            }
            MissingEvidence::Effect(..) => format!(
                "add {} with a citation: who, title, year",
                names.code("evidence:")
            ),
            MissingEvidence::Interaction(..) => format!(
                "add {} saying why one measure affects the other",
                names.code("rationale:")
            ),
        })
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        let model = cx.model;
        match *self {
            MissingEvidence::Effect(m, e) => vec![
                model.measure(m).id.to_string(),
                model
                    .element(model.measure(m).effects[e as usize].target)
                    .id
                    .to_string(),
            ],
            MissingEvidence::Interaction(m, i) => vec![
                model.measure(m).id.to_string(),
                model
                    .measure(model.measure(m).interactions[i as usize].with)
                    .id
                    .to_string(),
            ],
        }
    }
}
