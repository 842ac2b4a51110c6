//! `uncoordinated-conflict`: conflicting measures whose leads share no coordination mechanism.

use crate::analysis::propagation::ReachIdx;
use crate::analysis::tension::Tension;
use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Label, Names, Violation};
use crate::model::{InstitutionIdx, MeasureIdx};
use crate::rules::Context;
use crate::rules::support::{self, Coordination, coordination};
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "uncoordinated-conflict",
    category: Category::Governance,
    default_severity: Severity::Warning,
    section: Section::Conflicts,
    headline: None,
    summary: "conflicting measures led by institutions that share no coordination mechanism",
    what: "Finds the conflicts of `direct-conflict` and the warnings of `indirect-conflict` \
           (indirect costs of 0.4 or more) in which the \
           institution leading the measure that sets the target back shares no coordination \
           mechanism (from the institutions document) with any institution leading a measure \
           that advances it, and is not a partner of it (nor it a partner of the measure that \
           sets the target back): partners work on a measure together. One finding per measure \
           and institution it does not meet, naming every target the two pull apart. \
           Conflicts between measures without a named lead are left to `missing-lead`.",
    why: "A conflict between two ministries that never meet will not be resolved by either: it \
          is the institutional gap that whole-of-government coordination (MiGOF principle 2, \
          GCM guiding principle \"whole-of-government\", OECD PCSD principle 4) exists to close.",
    fix: "Put the conflict on the agenda of a mechanism both institutions sit in — add one of \
          them to an existing council, or create a joint working group in the institutions \
          document.",
};

/// Reports conflicts between institutions that do not meet: one finding per measure setting
/// targets back and institution it does not meet, naming every target the two pull apart.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    let propagation = &context.analysis.propagation;
    // (measure setting back, first unmet lead) -> the finding gathering its targets.
    let mut found: BTreeMap<(MeasureIdx, InstitutionIdx), usize> = BTreeMap::new();
    let mut findings: Vec<(crate::source::Location, UncoordinatedConflict)> = Vec::new();
    // Direct effects, and indirect costs strong enough to be an `indirect-conflict` warning.
    for (index, tension) in context.analysis.tensions.strong.iter().enumerate() {
        let down = propagation.reach(tension.down[0]);
        let mut unmet = Vec::new();
        let mut coordinated = false;
        for &up in &tension.up {
            let reach = propagation.reach(up);
            match coordination(model, down.measure, reach.measure) {
                Coordination::SameLead(_) | Coordination::Shared(_) | Coordination::Partner(..) => {
                    coordinated = true
                }
                Coordination::None(_, other) => unmet.push((up, other)),
                Coordination::Unknown => {}
            }
        }
        if coordinated || unmet.is_empty() {
            continue;
        }
        let Some(lead) = model.measure(down.measure).lead else {
            continue;
        };
        match found.entry((down.measure, unmet[0].1)) {
            Entry::Occupied(at) => findings[*at.get()].1.also.push(index as u32),
            Entry::Vacant(at) => {
                at.insert(findings.len());
                findings.push((
                    support::reach_location(model, down),
                    UncoordinatedConflict {
                        tension: index as u32,
                        lead,
                        unmet,
                        also: Vec::new(),
                    },
                ));
            }
        }
    }
    for (location, conflict) in findings {
        out.push(Finding::of(&META, location, conflict));
    }
}

/// A conflict whose measures' leads share no mechanism.
#[derive(Debug)]
struct UncoordinatedConflict {
    /// The tension's index among the run's strong tensions.
    tension: u32,
    /// The lead of the measure that sets the target back.
    lead: InstitutionIdx,
    /// The effects advancing the target whose leads do not meet it, with their leads.
    unmet: Vec<(ReachIdx, InstitutionIdx)>,
    /// The other tensions (targets) between the same measure and the same institution.
    also: Vec<u32>,
}

impl UncoordinatedConflict {
    fn tension<'a>(&self, cx: Cx<'a>) -> &'a Tension {
        &cx.analysis.tensions.strong[self.tension as usize]
    }

    /// Every target the two pull apart, the first one first.
    fn targets(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let strong = &cx.analysis.tensions.strong;
        let targets: Vec<String> = std::iter::once(self.tension)
            .chain(self.also.iter().copied())
            .map(|t| names.element(strong[t as usize].target))
            .collect();
        support::join_and(&targets)
    }
}

impl Violation for UncoordinatedConflict {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let propagation = &cx.analysis.propagation;
        let down = propagation.reach(self.tension(cx).down[0]);
        let (up, other) = self.unmet[0];
        format!(
            "{} (led by {}) and {} (led by {}) pull {} apart, and their leads share no coordination mechanism",
            names.measure(down.measure),
            names.institution(self.lead),
            names.measure(propagation.reach(up).measure),
            names.institution(other),
            self.targets(cx, names)
        )
    }

    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        "sets the target back".to_string()
    }

    fn related(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<Label> {
        let model = cx.model;
        let propagation = &cx.analysis.propagation;
        let (up, other) = self.unmet[0];
        let mut related = vec![
            Label {
                location: support::reach_location(model, propagation.reach(up)),
                text: "advances it".to_string(),
            },
            Label {
                location: model.institution(self.lead).location,
                text: "lead of the measure that sets it back".to_string(),
            },
            Label {
                location: model.institution(other).location,
                text: "lead of the measure that advances it".to_string(),
            },
        ];
        for &(up, other) in self.unmet.iter().skip(1) {
            related.push(Label {
                location: support::reach_location(model, propagation.reach(up)),
                text: format!("also advances it, led by {}", names.institution(other)),
            });
        }
        related
    }

    fn help(&self, _: Cx<'_>, names: &dyn Names) -> Option<String> {
        let (_, other) = self.unmet[0];
        Some(format!(
            "add {} and {} to a shared council or working group in the institutions document",
            names.institution(self.lead),
            names.institution(other)
        ))
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        support::tension_key(cx, self.tension(cx))
    }
}
