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
           `floor:` in cohere.yaml — by default the elements tagged `floor`: non-refoulement \
           (a binding treaty obligation: 1951 Refugee Convention art. 33, Convention against \
           Torture art. 3, ICCPR arts. 6 and 7), SDG targets 5.2, 8.7 and 16.2 (violence, \
           forced labour, trafficking), MiGOF principle 1 (migrants' rights), and the GCM's \
           human-rights and child-sensitive principles and objectives 8 (saving lives) and 13 \
           (detention only as a last resort). A declared effect of -2 or worse, or naming the \
           element under `strains:`, is an error; a -1 is a warning; an indirect effect of -0.4 \
           or worse through the knowledge base is a warning. Each finding says whether the \
           standard is a binding obligation (elements tagged `binding`) or a political \
           commitment.",
    why: "The floor is the global track of the seed's two-track process: the standards no \
          trade-off may go below, whatever it buys. Where the standard is a binding obligation \
          (non-refoulement), a breach is a matter of law, not of balance. The SDG targets, the \
          MiGOF and the GCM's objectives and principles are political commitments, not legally \
          binding: a breach of them goes back on what the government committed to, and is for \
          it to answer for in parliament rather than in court.",
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
                        "`{}` strains {}, {}",
                        measure.id,
                        element_with_title(model, strained.value),
                        standing(model, strained.value)
                    ),
                )
                .label("strained here")
                .help(help(model, strained.value))
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
                        "`{}` acts against {} ({}), {}",
                        measure.id,
                        element_with_title(model, effect.target),
                        effect.score,
                        standing(model, effect.target)
                    ),
                )
                .severity(if effect.score.value() <= -2 {
                    Severity::Error
                } else {
                    Severity::Warning
                })
                .confidence(effect.confidence)
                .label(format!("{} {}", effect.score, effect.score.name()))
                .help(help(model, effect.target))
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
                        "`{}` undermines {} ({:+.2}) through the knowledge base, {}",
                        measure.id,
                        element_with_title(model, reach.target),
                        reach.strength,
                        standing(model, reach.target)
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

/// What a floor element is: a binding obligation (tagged `binding`) or a political commitment.
fn standing(model: &crate::model::Model, element: ElementIdx) -> &'static str {
    if model.element(element).has_tag("binding") {
        "a binding obligation on the floor of minimum standards"
    } else {
        "a political commitment on the floor of minimum standards (not legally binding)"
    }
}

fn help(model: &crate::model::Model, element: ElementIdx) -> &'static str {
    if model.element(element).has_tag("binding") {
        "change the measure: a binding obligation admits no trade-off (`cohere show` lists the treaty articles)"
    } else {
        "change the measure or add safeguards; if the government accepts going below this commitment, say so to parliament"
    }
}
