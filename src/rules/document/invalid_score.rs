//! `invalid-score`: a score off the 7-point scale.

use crate::document::AnyScalar;
use crate::finding::{Finding, Severity};
use crate::model::Score;
use crate::rules::{Category, RuleMeta};
use crate::source::Location;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "invalid-score",
    category: Category::Document,
    default_severity: Severity::Error,
    summary: "a score that is not a whole number from -3 to +3",
    what: "Finds effect, interaction and assessment scores that are not on the 7-point scale of \
           Nilsson, Griggs & Visbeck (2016): numbers outside -3..+3, fractions such as `1.5`, and \
           words such as `high`.",
    why: "Every analysis multiplies and adds these scores. A `5` would outweigh any real \
          `+3`, and a fraction suggests a precision that expert judgement does not have. The \
          scale's points have fixed meanings (+3 indivisible, +2 reinforcing, +1 enabling, \
          0 consistent, -1 constraining, -2 counteracting, -3 cancelling).",
    fix: "Use the point of the scale whose meaning fits best. Where assessors disagree, record \
          each one's score under `assessments:` rather than averaging.",
};

/// A finding for `value`, which is not a score.
pub fn finding(location: Location, value: &AnyScalar) -> Finding {
    const SCALE: &str = "+3 indivisible, +2 reinforcing, +1 enabling, 0 consistent, -1 constraining, -2 counteracting, -3 cancelling";
    let spelled = |score: Score| format!("`score: {}` ({})", score.value(), score.name());
    let (message, help) = match value {
        AnyScalar::Int(i) => (
            format!("invalid score: `{i}` is outside the scale"),
            format!("the scale runs from -3 to +3: {SCALE}"),
        ),
        AnyScalar::Float(x) => {
            let (below, above) = (Score::new(x.floor() as i64), Score::new(x.ceil() as i64));
            let help = match (below, above) {
                (Some(below), Some(above)) => format!(
                    "the scale has whole points only: {} or {}",
                    spelled(below),
                    spelled(above)
                ),
                _ => format!("the scale has whole points only, from -3 to +3: {SCALE}"),
            };
            (format!("invalid score: `{x}` is not a whole number"), help)
        }
        AnyScalar::Text(t) => match t.trim().parse::<i64>() {
            // Quoted, it is text: a score is a number, as the schema says.
            Ok(number) => (
                format!("invalid score: `\"{t}\"` is quoted, so it is text, not a number"),
                match Score::new(number) {
                    Some(score) => format!("remove the quotes: {}", spelled(score)),
                    None => format!("remove the quotes, and use a point of the scale: {SCALE}"),
                },
            ),
            Err(_) => {
                let word = t.trim().to_lowercase();
                match Score::scale().find(|s| s.name() == word) {
                    Some(score) => (
                        format!(
                            "invalid score: `{t}` is the name of a point of the scale, not its number"
                        ),
                        format!("write the number: {}", spelled(score)),
                    ),
                    None => (
                        format!("invalid score: `{t}` is not a number"),
                        format!("write one of the scale's numbers: {SCALE}"),
                    ),
                }
            }
        },
    };
    Finding::new(&META, location, message)
        .label("expected -3, -2, -1, 0, +1, +2 or +3")
        .help(help)
}
