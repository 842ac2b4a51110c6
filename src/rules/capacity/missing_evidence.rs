//! `missing-evidence`: an effect with no rationale or no evidence (analytical capacity).

use crate::finding::{Finding, Severity};
use crate::rules::{Category, Context, RuleMeta};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "missing-evidence",
    category: Category::Capacity,
    default_severity: Severity::Warning,
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
    for measure in &model.measures {
        for effect in &measure.effects {
            let target = &model.element(effect.target).id;
            let (severity, message, help) = match (&effect.rationale, effect.evidence.is_empty()) {
                (None, _) => (
                    Severity::Warning,
                    format!(
                        "the effect of `{}` on `{target}` has no rationale",
                        measure.id
                    ),
                    "add `rationale:` saying why the measure has this effect, and `evidence:`",
                ),
                (Some(_), true) => (
                    Severity::Info,
                    format!(
                        "the effect of `{}` on `{target}` cites no evidence",
                        measure.id
                    ),
                    "add `evidence:` with a citation: who, title, year",
                ),
                (Some(_), false) => continue,
            };
            out.push(
                Finding::new(&META, effect.location, message)
                    .severity(severity)
                    .label(format!("scored {} here", effect.score))
                    .related(effect.score_location, "the score")
                    .help(help)
                    .key([measure.id.to_string(), target.to_string()]),
            );
        }
        for interaction in &measure.interactions {
            if interaction.rationale.is_none() {
                let other = &model.measure(interaction.with).id;
                out.push(
                    Finding::new(
                        &META,
                        interaction.location,
                        format!(
                            "the interaction of `{}` with `{other}` has no rationale",
                            measure.id
                        ),
                    )
                    .label(format!("scored {}", interaction.score))
                    .help("add `rationale:` saying why one measure affects the other")
                    .key([measure.id.to_string(), other.to_string()]),
                );
            }
        }
    }
}
