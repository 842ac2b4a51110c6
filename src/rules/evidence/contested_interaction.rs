//! `contested-interaction`: assessors disagree about an interaction.

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Label, Names, Violation};
use crate::model::InteractionIdx;
use crate::rules::Context;
use crate::rules::support::interaction_key;
use crate::vocabulary::Confidence;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "contested-interaction",
    category: Category::Evidence,
    default_severity: Severity::Warning,
    section: Section::AllFindings,
    headline: None,
    summary: "assessors disagree about an interaction by 3 points or more",
    what: "Finds knowledge-base interactions whose `assessments:` differ by `contested-spread` \
           points or more (default 3: one assessor says +2, another -1).",
    why: "Scores are judgements. When assessors disagree this much, the consensus score hides a \
          real controversy — brain drain or brain gain, empowerment or exploitation — and every \
          finding that follows the interaction inherits it. Scoring workshops usually erase such \
          disagreement; cohere keeps it visible.",
    fix: "Look for evidence that settles the question, split the interaction by perspective if \
          the assessors were thinking of different contexts, or keep it and lower its \
          `confidence:` to `low`.",
};

/// Reports contested interactions.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    let spread_limit = i32::try_from(context.settings.thresholds.contested_spread).unwrap_or(3);
    for (i, interaction) in model.interactions.iter().enumerate() {
        let Some((min, max)) = spread(interaction) else {
            continue;
        };
        if max - min < spread_limit {
            continue;
        }
        out.push(
            Finding::of(
                &META,
                interaction.location,
                ContestedInteraction(InteractionIdx::new(i)),
            )
            .confidence(Confidence::High),
        );
    }
}

/// The lowest and highest score the assessors give, if any assess it.
fn spread(interaction: &crate::model::Interaction) -> Option<(i32, i32)> {
    let scores = interaction
        .assessments
        .iter()
        .map(|a| i32::from(a.score.value()));
    Some((scores.clone().min()?, scores.max()?))
}

/// An interaction the assessors disagree on.
#[derive(Debug)]
struct ContestedInteraction(InteractionIdx);

impl Violation for ContestedInteraction {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let interaction = cx.model.interaction(self.0);
        let (min, max) = spread(interaction).unwrap_or_default();
        format!(
            "assessors disagree on {} → {}: scores from {min:+} to {max:+}",
            names.element(interaction.from),
            names.element(interaction.to)
        )
    }

    fn label(&self, cx: Cx<'_>, _: &dyn Names) -> String {
        let interaction = cx.model.interaction(self.0);
        format!(
            "consensus score {} ({})",
            interaction.score, interaction.perspective
        )
    }

    fn related(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<Label> {
        cx.model
            .interaction(self.0)
            .assessments
            .iter()
            .map(|assessment| Label {
                location: assessment.location,
                text: format!(
                    "{} scores {} {}",
                    names.code(&assessment.assessor),
                    assessment.score,
                    assessment.score.name()
                ),
            })
            .collect()
    }

    fn help(&self, _: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(format!(
            "seek evidence that settles it, split the interaction by perspective, or lower its confidence to {}",
            names.code("low")
        ))
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        interaction_key(cx.model, self.0)
    }
}
