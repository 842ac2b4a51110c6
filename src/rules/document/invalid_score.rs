//! `invalid-score`: a score off the 7-point scale.

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::document::AnyScalar;
use crate::finding::Finding;
use crate::source::Location;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "invalid-score",
    category: Category::Document,
    default_severity: Severity::Error,
    section: Section::AllFindings,
    headline: None,
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
    let found = match value {
        AnyScalar::Int(i) => format!("`{i}` is outside the scale"),
        AnyScalar::Float(x) => format!("`{x}` is not a whole number"),
        AnyScalar::Text(t) => format!("`{t}` is not a number"),
    };
    Finding::new(&META, location, format!("invalid score: {found}"))
        .label("expected -3, -2, -1, 0, +1, +2 or +3")
        .help("+3 indivisible, +2 reinforcing, +1 enabling, 0 consistent, -1 constraining, -2 counteracting, -3 cancelling")
}
