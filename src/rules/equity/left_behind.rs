//! `left-behind`: a measure leaves a group out of a target meant for everyone.

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::Finding;
use crate::rules::Context;
use crate::rules::support::element_with_title;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "left-behind",
    category: Category::Equity,
    default_severity: Severity::Warning,
    section: Section::Costs,
    headline: None,
    summary: "a measure leaves a group out of a target meant for everyone",
    what: "Finds measures that exclude a group (`excludes:`) from a target tagged `for-all` — \
           universal health coverage (3.8), social protection (1.3), schooling (4.1), legal \
           identity (16.9), decent work (8.5) — and effects that set such a target back for a \
           named group.",
    why: "The 2030 Agenda pledges to leave no one behind, and migrants — irregular migrants \
          above all — are often among those left out. A \"for all\" target with an exclusion \
          is not met, whatever the average says.",
    fix: "Remove the exclusion, limit it (emergency care is not universal coverage), or add a \
          measure that gives the group another route to the target (a firewall between services \
          and immigration enforcement, for instance). An exclusion kept by decision can be \
          recorded with `# cohere: allow(left-behind) -- reason`.",
};

/// Reports exclusions from targets meant for everyone.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    for measure in &model.measures {
        for exclusion in &measure.excludes {
            for target in exclusion
                .from
                .iter()
                .filter(|t| model.element(t.value).has_tag("for-all"))
            {
                let group = &model.element(exclusion.group).id;
                let mut finding = Finding::new(
                    &META,
                    exclusion.location,
                    format!(
                        "`{}` leaves `{group}` out of {}, a target meant for everyone",
                        measure.id,
                        element_with_title(model, target.value)
                    ),
                )
                .label("excluded here")
                .related(measure.at(target.span), "a target tagged `for-all`")
                .help("remove or narrow the exclusion, or add a measure that gives the group another route to the target")
                .key([measure.id.to_string(), group.to_string(), model.element(target.value).id.to_string()]);
                if let Some(rationale) = &exclusion.rationale {
                    finding = finding.note(format!("the stated reason: {rationale}"));
                }
                out.push(finding);
            }
        }
        for effect in &measure.effects {
            if !effect.score.is_negative() || !model.element(effect.target).has_tag("for-all") {
                continue;
            }
            for &group in &effect.groups {
                let group = &model.element(group).id;
                out.push(
                    Finding::new(
                        &META,
                        effect.location,
                        format!(
                            "`{}` sets back {} for `{group}`, a target meant for everyone",
                            measure.id,
                            element_with_title(model, effect.target)
                        ),
                    )
                    .label(format!("{} {}", effect.score, effect.score.name()))
                    .help("add a measure that protects the group's access to the target")
                    .key([
                        measure.id.to_string(),
                        group.to_string(),
                        model.element(effect.target).id.to_string(),
                    ]),
                );
            }
        }
    }
}
