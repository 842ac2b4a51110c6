//! `floor-breach`: a measure counteracts a minimum standard.

use crate::analysis::propagation::ReachIdx;
use crate::analysis::strength::{STRONG_INDIRECT, at_least};
use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, EvidencePath, Finding, Label, Names, Violation};
use crate::model::{ElementIdx, MeasureIdx};
use crate::rules::Context;
use crate::rules::support;
use crate::vocabulary::Confidence;
use std::collections::BTreeSet;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "floor-breach",
    category: Category::Governance,
    default_severity: Severity::Error,
    section: Section::Conflicts,
    headline: None,
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

/// Reports breaches of the floor: one finding per measure, naming every element of the floor
/// it breaches. The primary breach is the most severe (a `strains:` entry or a declared effect
/// of -2 or worse before a -1, before an indirect effect), in the order the measure declares
/// them; the others are its facets, listed in the message and pointed at as related locations.
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
        let measure_idx = MeasureIdx::new(m);
        let mut reported = BTreeSet::new();
        let mut breaches: Vec<(Severity, Confidence, Breach)> = Vec::new();
        for (i, strained) in measure.strains.iter().enumerate() {
            if !floor.contains(&strained.value) || !reported.insert(strained.value) {
                continue;
            }
            breaches.push((Severity::Error, Confidence::High, Breach::Strains(i as u32)));
        }
        for (e, effect) in measure.effects.iter().enumerate() {
            if !effect.score.is_negative() || !floor.contains(&effect.target) {
                continue;
            }
            if !reported.insert(effect.target) {
                continue;
            }
            let severity = if effect.score.value() <= -2 {
                Severity::Error
            } else {
                Severity::Warning
            };
            breaches.push((severity, effect.confidence, Breach::Effect(e as u32)));
        }
        for reach in propagation.of_measure(measure_idx) {
            if reach.is_direct()
                || !at_least(-reach.strength, STRONG_INDIRECT)
                || !floor.contains(&reach.target)
            {
                continue;
            }
            if !reported.insert(reach.target) {
                continue;
            }
            breaches.push((
                Severity::Warning,
                reach.confidence,
                Breach::Path(propagation.index_of(reach)),
            ));
        }
        // Most severe first; a stable sort keeps the measure's own order among equals.
        breaches.sort_by_key(|b| std::cmp::Reverse(b.0));
        let Some(&(severity, confidence, primary)) = breaches.first() else {
            continue;
        };
        let breach = FloorBreach {
            measure: measure_idx,
            breaches: breaches.into_iter().map(|(_, _, b)| b).collect(),
        };
        out.push(
            Finding::of(
                &META,
                breach.location(
                    Cx {
                        model,
                        analysis: context.analysis,
                    },
                    primary,
                ),
                breach,
            )
            .severity(severity)
            .confidence(confidence),
        );
    }
}

/// One way a measure goes below the floor.
#[derive(Clone, Copy, Debug)]
enum Breach {
    /// The measure's `strains:` entry at this position.
    Strains(u32),
    /// The measure's negative effect at this position.
    Effect(u32),
    /// A strong indirect effect.
    Path(ReachIdx),
}

/// A measure that strains, acts against or undermines elements of the floor: the primary
/// breach first, then its facets.
#[derive(Debug)]
struct FloorBreach {
    measure: MeasureIdx,
    breaches: Vec<Breach>,
}

impl FloorBreach {
    fn primary(&self) -> Breach {
        self.breaches[0]
    }

    /// The element of the floor a breach is about.
    fn element(&self, cx: Cx<'_>, breach: Breach) -> ElementIdx {
        let measure = cx.model.measure(self.measure);
        match breach {
            Breach::Strains(i) => measure.strains[i as usize].value,
            Breach::Effect(e) => measure.effects[e as usize].target,
            Breach::Path(reach) => cx.analysis.propagation.reach(reach).target,
        }
    }

    fn location(&self, cx: Cx<'_>, breach: Breach) -> crate::source::Location {
        let measure = cx.model.measure(self.measure);
        match breach {
            Breach::Strains(i) => measure.at(measure.strains[i as usize].span),
            Breach::Effect(e) => measure.effects[e as usize].location,
            Breach::Path(reach) => {
                support::reach_location(cx.model, cx.analysis.propagation.reach(reach))
            }
        }
    }

    /// What the measure does to the element: "strains `gcm:13`", "acts against `sdg:16.2`
    /// (-2)", "undermines `sdg:8.7` (-0.44) through the knowledge base".
    fn clause(&self, cx: Cx<'_>, names: &dyn Names, breach: Breach, titled: bool) -> String {
        let element = self.element(cx, breach);
        let named = if titled {
            names.element_with_title(element)
        } else {
            names.element(element)
        };
        match breach {
            Breach::Strains(_) => format!("strains {named}"),
            Breach::Effect(e) => format!(
                "acts against {named} ({})",
                cx.model.measure(self.measure).effects[e as usize].score
            ),
            Breach::Path(reach) => {
                let propagation = &cx.analysis.propagation;
                let reach = propagation.reach(reach);
                format!(
                    "undermines {named} ({:+.2}) through {}",
                    reach.strength,
                    support::path_words(cx, names, reach)
                )
            }
        }
    }
}

impl Violation for FloorBreach {
    fn message(&self, cx: Cx<'_>, names: &dyn Names) -> String {
        let primary = self.primary();
        let mut message = format!(
            "{} {}, {}",
            names.measure(self.measure),
            self.clause(cx, names, primary, true),
            standing(cx.model, self.element(cx, primary))
        );
        let others: Vec<String> = self.breaches[1..]
            .iter()
            .map(|&b| self.clause(cx, names, b, false))
            .collect();
        if !others.is_empty() {
            message.push_str("; it also ");
            message.push_str(&support::join_and(&others));
        }
        message
    }

    fn label(&self, cx: Cx<'_>, _: &dyn Names) -> String {
        match self.primary() {
            Breach::Strains(_) => "strained here".to_string(),
            Breach::Effect(e) => {
                let score = cx.model.measure(self.measure).effects[e as usize].score;
                format!("{} {}", score, score.name())
            }
            Breach::Path(_) => "the path to the floor starts here".to_string(),
        }
    }

    fn related(&self, cx: Cx<'_>, names: &dyn Names) -> Vec<Label> {
        self.breaches[1..]
            .iter()
            .map(|&b| Label {
                location: self.location(cx, b),
                text: format!("also {}", self.clause(cx, names, b, false)),
            })
            .collect()
    }

    fn help(&self, cx: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(match self.primary() {
            Breach::Strains(..) | Breach::Effect(..) => {
                help(cx.model, names, self.element(cx, self.primary()))
            }
            Breach::Path(_) => "check the path; if it holds, add safeguards so the measure does not erode the standard".to_string(),
        })
    }

    fn notes(&self, cx: Cx<'_>, _: &dyn Names) -> Vec<String> {
        let binding = self
            .breaches
            .iter()
            .any(|&b| cx.model.element(self.element(cx, b)).has_tag("binding"));
        if self.breaches.len() > 1 && binding {
            vec!["one of the standards breached is a binding obligation".to_string()]
        } else {
            Vec::new()
        }
    }

    fn evidence(&self, cx: Cx<'_>) -> Vec<EvidencePath> {
        let propagation = &cx.analysis.propagation;
        self.breaches
            .iter()
            .filter_map(|b| match *b {
                Breach::Path(reach) => {
                    Some(propagation.evidence(cx.model, propagation.reach(reach)))
                }
                _ => None,
            })
            .collect()
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        vec![
            cx.model.measure(self.measure).id.to_string(),
            cx.model
                .element(self.element(cx, self.primary()))
                .id
                .to_string(),
        ]
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

fn help(model: &crate::model::Model, names: &dyn Names, element: ElementIdx) -> String {
    if model.element(element).has_tag("binding") {
        format!(
            "change the measure: a binding obligation admits no trade-off ({} lists the treaty articles)",
            names.code("cohere show")
        )
    } else {
        "change the measure or add safeguards; if the government accepts going below this commitment, say so to parliament".to_string()
    }
}
