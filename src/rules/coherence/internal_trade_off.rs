//! `internal-trade-off`: one measure advances some targets and sets back others.

use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::Finding;
use crate::rules::Context;
use crate::rules::support::element_name;
use crate::vocabulary::{When, Where};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "internal-trade-off",
    category: Category::Coherence,
    default_severity: Severity::Warning,
    section: Section::Conflicts,
    headline: Some(Headline::TradeOffs),
    summary: "one measure advances some targets and sets back others here and now",
    what: "Finds measures whose own declared effects go both ways: at least one target \
           advanced, and at least one set back, where the cost falls here and now. (Costs that \
           fall elsewhere are reported by `spillover`, costs that fall later by \
           `deferred-cost`.) A cost of -2 or worse is a warning, a -1 information.",
    why: "A trade-off inside one measure is a choice, and it should be made in the open: the \
          people who gain and the people who pay are rarely the same, and a parliament \
          approving the measure should see both sides.",
    fix: "Keep the trade-off visible in the measure's rationale and add a mitigating measure, \
          or record the decision with `# cohere: allow(internal-trade-off) -- reason`.",
};

/// Reports trade-offs inside measures.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    for measure in &model.measures {
        let gains: Vec<_> = measure
            .effects
            .iter()
            .filter(|e| e.score.is_positive())
            .collect();
        let mut costs: Vec<_> = measure
            .effects
            .iter()
            .filter(|e| e.score.is_negative() && e.where_ == Where::Here && e.when == When::Now)
            .collect();
        if gains.is_empty() || costs.is_empty() {
            continue;
        }
        costs.sort_by_key(|e| e.score);
        let worst = costs[0];
        let gained: Vec<String> = gains
            .iter()
            .map(|e| format!("{} ({})", element_name(model, e.target), e.score))
            .collect();
        let severity = if worst.score.value() <= -2 {
            Severity::Warning
        } else {
            Severity::Info
        };
        let mut finding = Finding::new(
            &META,
            worst.location,
            format!(
                "`{}` advances {} but sets back {} ({})",
                measure.id,
                gained.join(", "),
                element_name(model, worst.target),
                worst.score
            ),
        )
        .severity(severity)
        .confidence(worst.confidence)
        .label(format!("{} {}", worst.score, worst.score.name()))
        .help(format!(
            "say in the rationale who gains and who pays, add a mitigating measure, or record the decision with `# cohere: allow({}) -- reason`",
            META.id
        ))
        .key([measure.id.to_string(), model.element(worst.target).id.to_string()]);
        for cost in &costs[1..] {
            finding = finding.related(
                cost.location,
                format!(
                    "also sets back {} ({})",
                    element_name(model, cost.target),
                    cost.score
                ),
            );
        }
        for gain in &gains {
            finding = finding.related(
                gain.location,
                format!(
                    "advances {} ({})",
                    element_name(model, gain.target),
                    gain.score
                ),
            );
        }
        out.push(finding);
    }
}
