//! `direct-conflict`: measures push one target in opposite directions.

use crate::analysis::tension::Tension;
use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::{Cx, EvidencePath, Finding, Label, Names, Violation};
use crate::rules::Context;
use crate::rules::support::{self, strength};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "direct-conflict",
    category: Category::Coherence,
    default_severity: Severity::Error,
    section: Section::Conflicts,
    headline: Some(Headline::DirectConflicts),
    summary: "measures push one target in opposite directions",
    what: "Finds targets that one measure advances and another sets back, by their own declared \
           effects, where both effects are felt in the same place (an origin country's measure \
           and a destination country's measure with an effect `elsewhere` meet in origin \
           countries). A policy that only rebalances a target — its every setback of it weak \
           (a -1) and outweighed by its own measures advancing it, as when one route closes \
           while a wider one opens for the same people — is not reported; nor is a measure that \
           the institution leading the setback leads or partners, advancing the target less \
           than it sets it back (a safeguard on the institution's own measure, as a code limiting where \
           its recruitment drive recruits): it mitigates the setback rather than clashing with \
           it. \
           One finding is reported per target and per policy that sets it back, \
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
    let propagation = &context.analysis.propagation;
    for (index, tension) in context.analysis.tensions.direct.iter().enumerate() {
        let down = propagation.reach(tension.down[0]);
        let up = propagation.reach(tension.up[0]);
        out.push(
            Finding::of(
                &META,
                support::reach_location(context.model, down),
                DirectConflict(index as u32),
            )
            .severity(support::conflict_severity(up.strength, down.strength))
            .confidence(down.confidence.min(up.confidence)),
        );
    }
}

/// A direct conflict: the tension at this index of the run's direct tensions.
#[derive(Debug)]
struct DirectConflict(u32);

impl DirectConflict {
    fn tension<'a>(&self, cx: Cx<'a>) -> &'a Tension {
        &cx.analysis.tensions.direct[self.0 as usize]
    }
}

impl Violation for DirectConflict {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let tension = self.tension(cx);
        let propagation = &cx.analysis.propagation;
        let down = propagation.reach(tension.down[0]);
        let up = propagation.reach(tension.up[0]);
        format!(
            "{} sets back {} in {}, which {} advances{}",
            names.measure(down.measure),
            names.element_with_title(tension.target),
            down.arena,
            names.measure(up.measure),
            support::more(tension),
        )
    }

    fn label(&self, cx: Cx<'_>, _: &dyn Names) -> String {
        let tension = self.tension(cx);
        format!(
            "{} here",
            strength(cx.analysis.propagation.reach(tension.down[0]))
        )
    }

    fn related(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<Label> {
        let tension = self.tension(cx);
        let propagation = &cx.analysis.propagation;
        let mut related: Vec<Label> = tension
            .down
            .iter()
            .skip(1)
            .map(|&reach| {
                let reach = propagation.reach(reach);
                Label {
                    location: support::reach_location(cx.model, reach),
                    text: format!(
                        "{} also sets it back ({})",
                        names.measure(reach.measure),
                        strength(reach)
                    ),
                }
            })
            .collect();
        related.extend(support::tension_related(cx, names, tension));
        related
    }

    fn help(&self, cx: Cx<'_>, names: &dyn Names) -> Option<String> {
        let tension = self.tension(cx);
        let propagation = &cx.analysis.propagation;
        Some(support::tension_help_in(
            cx.model,
            names,
            propagation.reach(tension.down[0]).measure,
            propagation.reach(tension.up[0]).measure,
            META.id,
        ))
    }

    fn notes(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<String> {
        support::tension_notes(cx, names, self.tension(cx))
    }

    fn evidence(&self, cx: Cx<'_>) -> Vec<EvidencePath> {
        support::tension_evidence(cx, self.tension(cx))
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        support::tension_key(cx, self.tension(cx))
    }
}
