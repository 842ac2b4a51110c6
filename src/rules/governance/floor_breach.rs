//! `floor-breach`: a measure counteracts a minimum standard.

use crate::finding::{Finding, Severity};
use crate::model::ElementIdx;
use crate::rules::support::{self, element_with_title};
use crate::rules::{Category, Context, RuleMeta};
use std::collections::BTreeSet;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "floor-breach",
    category: Category::Governance,
    default_severity: Severity::Error,
    summary: "a measure counteracts an element of the floor of minimum standards",
    what: "Finds measures that act against the floor of minimum standards declared under \
           `floor:` in cohere.yaml — by default the elements tagged `floor`: SDG targets 5.2, \
           8.7 and 16.2 (violence, forced labour, trafficking), MiGOF principle 1 (migrants' \
           rights), and the GCM's human-rights and child-sensitive principles and objectives 8 \
           (saving lives) and 13 (detention only as a last resort). A declared effect of -2 or \
           worse, or naming the element under `strains:`, is an error; a -1 is a warning; an \
           indirect effect of -0.4 or worse through the knowledge base is a warning.",
    why: "The floor is the global track of the seed's two-track process: the standards no \
          trade-off may go below, whatever it buys. A breach is not a matter of balance but of \
          obligation.",
    fix: "Change the measure so that it no longer acts against the standard, or add safeguards \
          (alternatives to detention, independent monitoring, child-protection checks). If the \
          floor of your jurisdiction differs, declare it under `floor:` in cohere.yaml.",
};

/// Reports breaches of the floor.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    let floor: BTreeSet<ElementIdx> = match &context.settings.floor {
        Some(ids) => ids
            .iter()
            .filter_map(|id| model.element_by_id(id.value.trim()))
            .collect(),
        None => (0..model.elements.len())
            .map(ElementIdx::new)
            .filter(|&e| model.element(e).has_tag("floor"))
            .collect(),
    };
    let propagation = &context.analysis.propagation;
    for (m, measure) in model.measures.iter().enumerate() {
        let mut reported = BTreeSet::new();
        for strained in measure.strains.iter().filter(|s| floor.contains(&s.value)) {
            reported.insert(strained.value);
            out.push(
                Finding::new(
                    &META,
                    measure.at(strained.span),
                    format!(
                        "`{}` strains {}, part of the floor of minimum standards",
                        measure.id,
                        element_with_title(model, strained.value)
                    ),
                )
                .label("strained here")
                .help("change the measure or add safeguards; the floor admits no trade-off")
                .key([
                    measure.id.to_string(),
                    model.element(strained.value).id.to_string(),
                ]),
            );
        }
        for effect in measure
            .effects
            .iter()
            .filter(|e| e.score.is_negative() && floor.contains(&e.target))
        {
            if !reported.insert(effect.target) {
                continue;
            }
            out.push(
                Finding::new(
                    &META,
                    effect.location,
                    format!(
                        "`{}` acts against {} ({}), part of the floor of minimum standards",
                        measure.id,
                        element_with_title(model, effect.target),
                        effect.score
                    ),
                )
                .severity(if effect.score.value() <= -2 {
                    Severity::Error
                } else {
                    Severity::Warning
                })
                .confidence(effect.confidence)
                .label(format!("{} {}", effect.score, effect.score.name()))
                .help("change the measure or add safeguards; the floor admits no trade-off")
                .key([
                    measure.id.to_string(),
                    model.element(effect.target).id.to_string(),
                ]),
            );
        }
        for reach in propagation.of_measure(crate::model::MeasureIdx::new(m)) {
            if reach.is_direct() || reach.strength > -0.4 + 1e-9 || !floor.contains(&reach.target) {
                continue;
            }
            if !reported.insert(reach.target) {
                continue;
            }
            out.push(
                Finding::new(
                    &META,
                    support::reach_location(model, reach),
                    format!(
                        "`{}` undermines {} ({:+.2}) through the knowledge base, part of the floor of minimum standards",
                        measure.id,
                        element_with_title(model, reach.target),
                        reach.strength
                    ),
                )
                .severity(Severity::Warning)
                .confidence(reach.confidence)
                .label("the path to the floor starts here")
                .help("check the path; if it holds, add safeguards so the measure does not erode the standard")
                .evidence(propagation.evidence(model, reach))
                .key([measure.id.to_string(), model.element(reach.target).id.to_string()]),
            );
        }
    }
}
