//! `contested-interaction`: assessors disagree about an interaction.

use crate::finding::{Finding, Severity};
use crate::model::vocabulary::Confidence;
use crate::rules::{Category, Context, RuleMeta};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "contested-interaction",
    category: Category::Evidence,
    default_severity: Severity::Warning,
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
    for interaction in &model.interactions {
        let scores = interaction
            .assessments
            .iter()
            .map(|a| i32::from(a.score.value()));
        let (Some(min), Some(max)) = (scores.clone().min(), scores.max()) else {
            continue;
        };
        if max - min < spread_limit {
            continue;
        }
        let from = &model.element(interaction.from).id;
        let to = &model.element(interaction.to).id;
        let mut finding = Finding::new(
            &META,
            interaction.location,
            format!("assessors disagree on `{from}` → `{to}`: scores from {min:+} to {max:+}"),
        )
        .confidence(Confidence::High)
        .label(format!("consensus score {} ({})", interaction.score, interaction.perspective))
        .help("seek evidence that settles it, split the interaction by perspective, or lower its confidence to `low`")
        .key([from.to_string(), to.to_string(), interaction.perspective.to_string()]);
        for assessment in &interaction.assessments {
            finding = finding.related(
                assessment.location,
                format!(
                    "`{}` scores {} {}",
                    assessment.assessor,
                    assessment.score,
                    assessment.score.name()
                ),
            );
        }
        out.push(finding);
    }
}
