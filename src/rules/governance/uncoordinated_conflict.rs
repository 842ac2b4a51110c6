//! `uncoordinated-conflict`: conflicting measures whose leads share no coordination mechanism.

use crate::finding::{Finding, Severity};
use crate::rules::support::{
    self, Coordination, coordination, element_name, measure_name, tensions,
};
use crate::rules::{Category, Context, RuleMeta};

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "uncoordinated-conflict",
    category: Category::Governance,
    default_severity: Severity::Warning,
    summary: "conflicting measures led by institutions that share no coordination mechanism",
    what: "Finds the conflicts of `direct-conflict` and the warnings of `indirect-conflict` \
           (indirect costs of 0.4 or more) in which the \
           institution leading the measure that sets the target back shares no coordination \
           mechanism (from the institutions document) with any institution leading a measure \
           that advances it. Conflicts between measures without a named lead are left to \
           `missing-lead`.",
    why: "A conflict between two ministries that never meet will not be resolved by either: it \
          is the institutional gap that whole-of-government coordination (MiGOF principle 2, \
          GCM guiding principle \"whole-of-government\", OECD PCSD principle 4) exists to close.",
    fix: "Put the conflict on the agenda of a mechanism both institutions sit in — add one of \
          them to an existing council, or create a joint working group in the institutions \
          document.",
};

/// Reports conflicts between institutions that do not meet.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    // Direct effects, and indirect costs strong enough to be an `indirect-conflict` warning.
    let keep = |reach: &crate::analysis::propagation::Reach| {
        reach.is_direct() || reach.strength <= -0.4 + 1e-9
    };
    for tension in tensions(context, keep) {
        let down = tension.down[0];
        let mut unmet = Vec::new();
        let mut coordinated = false;
        for up in &tension.up {
            match coordination(model, down.measure, up.measure) {
                Coordination::SameLead(_) | Coordination::Shared(_) => coordinated = true,
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
        let (up, other) = unmet[0];
        let mut finding = Finding::new(
            &META,
            support::reach_location(model, down),
            format!(
                "{} (led by `{}`) and {} (led by `{}`) pull {} apart, and their leads share no coordination mechanism",
                measure_name(model, down.measure),
                model.institution(lead).id,
                measure_name(model, up.measure),
                model.institution(other).id,
                element_name(model, tension.target)
            ),
        )
        .label("sets the target back")
        .related(support::reach_location(model, up), "advances it")
        .related(model.institution(lead).location, "lead of the measure that sets it back")
        .related(model.institution(other).location, "lead of the measure that advances it")
        .help(format!(
            "add `{}` and `{}` to a shared council or working group in the institutions document",
            model.institution(lead).id,
            model.institution(other).id
        ))
        .key([model.element(tension.target).id.to_string(), model.policy(tension.policy).id.to_string()]);
        for (up, other) in unmet.iter().skip(1) {
            finding = finding.related(
                support::reach_location(model, up),
                format!(
                    "also advances it, led by `{}`",
                    model.institution(*other).id
                ),
            );
        }
        out.push(finding);
    }
}
