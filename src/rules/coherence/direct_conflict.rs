//! `direct-conflict`: measures push one target in opposite directions.

use crate::finding::{Finding, Severity};
use crate::rules::support::{self, element_with_title, measure_name, strength, tensions};
use crate::rules::{Category, Context, RuleMeta};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "direct-conflict",
    category: Category::Coherence,
    default_severity: Severity::Error,
    summary: "measures push one target in opposite directions",
    what: "Finds targets that one measure advances and another sets back, by their own declared \
           effects, where both effects are felt in the same place (an origin country's measure \
           and a destination country's measure with an effect `elsewhere` meet in origin \
           countries). One finding is reported per target and per policy that sets it back, \
           listing the measures that advance it. A +2 against a -2 (or stronger) is an error; a \
           weaker clash is a warning.",
    why: "Two measures working against each other waste both: public money pays for progress \
          that another measure undoes, and the people the target is meant for see neither. \
          Conflicts between sectors are the first thing policy coherence for sustainable \
          development asks governments to find (OECD Recommendation on PCSD, 2019, principle 7).",
    fix: "Change one measure, add a measure that mitigates the damage, or — if the trade-off is \
          accepted — record the decision with `# cohere: allow(direct-conflict) -- reason` on the \
          measure. The help line names the coordination mechanism the two lead institutions \
          share, if any.",
};

/// Reports direct conflicts.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    for tension in tensions(context, |reach| reach.is_direct()) {
        let down = tension.down[0];
        let up = tension.up[0];
        let target = element_with_title(model, tension.target);
        let message = format!(
            "{} sets back {target} in {}, which {} advances{}",
            measure_name(model, down.measure),
            down.arena,
            measure_name(model, up.measure),
            tension.more(),
        );
        let mut finding = Finding::new(&META, support::reach_location(model, down), message)
            .severity(support::conflict_severity(up.strength, down.strength))
            .confidence(down.confidence.min(up.confidence))
            .label(format!("{} here", strength(down)))
            .help(support::tension_help(
                model,
                down.measure,
                up.measure,
                META.id,
            ));
        for reach in tension.down.iter().skip(1) {
            finding = finding.related(
                support::reach_location(model, reach),
                format!(
                    "{} also sets it back ({})",
                    measure_name(model, reach.measure),
                    strength(reach)
                ),
            );
        }
        let finding = tension.describe(context, finding);
        out.push(finding);
    }
}
