//! `indirect-conflict`: a measure undermines another measure's target through the knowledge base.

use crate::analysis::propagation::Reach;
use crate::analysis::strength::{STRONG_INDIRECT, at_least};
use crate::analysis::tension::Tension;
use crate::diagnostic::{Category, Headline, RuleMeta, Section, Severity};
use crate::finding::{Cx, EvidencePath, Finding, Label, Names, Violation};
use crate::model::MeasureIdx;
use crate::rules::Context;
use crate::rules::support::{self, strength};
use std::collections::BTreeMap;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "indirect-conflict",
    category: Category::Coherence,
    default_severity: Severity::Warning,
    section: Section::Conflicts,
    headline: Some(Headline::IndirectConflicts),
    summary: "a measure undermines another measure's target through a chain of interactions",
    what: "Finds targets that one measure advances directly while another measure sets them back \
           indirectly: its own effect on some element travels through the knowledge base's \
           interactions (at most `path-depth` of them, default 2) and arrives negative. The \
           finding shows the whole path, each step's score, context and sources. Paths weaker \
           than `path-strength` (default 0.2, the product of the scores divided by 3) are \
           ignored, and so are weak paths (under 0.4) that start from one of the measure's \
           gains: more regular migration \"straining\" schooling through a -1 of the knowledge \
           base is the knowledge base's caveat on that gain, not a conflict between two \
           measures; a weak path from a declared cost still is one. Strong paths (0.4 or more) \
           are warnings, weaker ones information; a measure \
           that sets the target back directly is reported by `direct-conflict` instead. One \
           finding per effect the measure declares: every target that one effect sets back \
           against other measures is listed in it, the strongest first.",
    why: "The most expensive incoherences are the ones no single ministry sees: fewer regular \
          pathways push people towards smugglers, which undermines an anti-trafficking plan \
          that never mentions visas. Following the knowledge base's interactions makes such \
          chains visible, with the evidence for each link.",
    fix: "Check the path: if a link does not hold in your context, correct the knowledge base \
          (or record the disagreement under `assessments:`). If it holds, mitigate, coordinate \
          the two measures (the help line names a shared mechanism), or record the accepted \
          trade-off with `# cohere: allow(indirect-conflict) -- reason`.",
};

/// Reports indirect conflicts: one finding per effect a measure declares, naming every target
/// that effect sets back through the knowledge base against another measure; the strongest
/// setback is primary, the others its facets.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let propagation = &context.analysis.propagation;
    let tensions = &context.analysis.tensions.indirect;
    let mut pairs: BTreeMap<(MeasureIdx, u32), Vec<u32>> = BTreeMap::new();
    let mut order: Vec<(MeasureIdx, u32)> = Vec::new();
    for (index, tension) in tensions.iter().enumerate() {
        let down = propagation.reach(tension.down[0]);
        let pair = (down.measure, down.effect);
        let members = pairs.entry(pair).or_default();
        if members.is_empty() {
            order.push(pair);
        }
        members.push(index as u32);
    }
    for pair in order {
        let mut members = pairs.remove(&pair).unwrap_or_default();
        // Strongest setback first; a stable sort keeps the targets' order among equals.
        members.sort_by(|&a, &b| {
            let strength = |i: u32| {
                propagation
                    .reach(tensions[i as usize].down[0])
                    .strength
                    .abs()
            };
            strength(b).total_cmp(&strength(a))
        });
        let Some(&first) = members.first() else {
            continue;
        };
        let tension = &tensions[first as usize];
        let down = propagation.reach(tension.down[0]);
        let up = propagation.reach(tension.up[0]);
        let severity = if at_least(down.strength.abs(), STRONG_INDIRECT) {
            Severity::Warning
        } else {
            Severity::Info
        };
        out.push(
            Finding::of(
                &META,
                support::reach_location(context.model, down),
                IndirectConflict(members),
            )
            .severity(severity)
            .confidence(down.confidence.min(up.confidence)),
        );
    }
}

/// An indirect conflict: the tensions at these indices of the run's indirect tensions, between
/// the same two measures, the strongest first.
#[derive(Debug)]
struct IndirectConflict(Vec<u32>);

impl IndirectConflict {
    fn tension<'a>(&self, cx: Cx<'a>) -> &'a Tension {
        &cx.analysis.tensions.indirect[self.0[0] as usize]
    }

    fn down<'a>(&self, cx: Cx<'a>) -> &'a Reach {
        cx.analysis.propagation.reach(self.tension(cx).down[0])
    }

    /// The other targets the same two measures pull apart, with the paths.
    fn others(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<String> {
        let propagation = &cx.analysis.propagation;
        self.0[1..]
            .iter()
            .map(|&i| {
                let tension = &cx.analysis.tensions.indirect[i as usize];
                let down = propagation.reach(tension.down[0]);
                let up = propagation.reach(tension.up[0]);
                format!(
                    "{} ({} through {}), which {} advances",
                    names.element(down.target),
                    strength(down),
                    support::path_words(cx, names, down),
                    names.measure(up.measure)
                )
            })
            .collect()
    }
}

impl Violation for IndirectConflict {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let tension = self.tension(cx);
        let down = self.down(cx);
        let up = cx.analysis.propagation.reach(tension.up[0]);
        let mut message = format!(
            "{} undermines {} in {} through {}, which {} advances{}",
            names.measure(down.measure),
            names.element_with_title(tension.target),
            down.arena,
            support::path_words(cx, names, down),
            names.measure(up.measure),
            support::more(tension),
        );
        let others = self.others(cx, names);
        if !others.is_empty() {
            message.push_str(&format!(
                "; the same effect also undermines {}",
                support::join_and(&others)
            ));
        }
        message
    }

    fn label(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        format!(
            "this effect arrives at {} as {}",
            names.element(self.tension(cx).target),
            strength(self.down(cx))
        )
    }

    fn related(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<Label> {
        let model = cx.model;
        let mut related: Vec<Label> = cx
            .analysis
            .propagation
            .interactions(self.down(cx))
            .iter()
            .map(|&interaction| Label {
                location: model.interaction(interaction).location,
                text: support::interaction_label_in(model, names, interaction),
            })
            .collect();
        related.extend(support::tension_related(cx, names, self.tension(cx)));
        related
    }

    fn help(&self, cx: Cx<'_>, names: &dyn Names) -> Option<String> {
        let tension = self.tension(cx);
        Some(support::tension_help_in(
            cx.model,
            names,
            self.down(cx).measure,
            cx.analysis.propagation.reach(tension.up[0]).measure,
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
