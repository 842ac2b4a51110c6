//! Coverage: which elements the measures reach, directly or through the knowledge base, and
//! which of them the portfolio is required to reach.
//!
//! An element is *reached directly* when some measure declares a positive effect on it (or, for
//! a principle, upholds it), and *reached through the knowledge base* when some measure's
//! positive effect arrives at it through interactions (see [`super::propagation`]). A measure
//! *serves* a policy domain when it reaches the domain itself, or an element linked to it (a GCM
//! objective or SDG target linked to a MiGOF domain), or upholds either.
//!
//! What is required comes from `cohere.yaml` (`require:`), or by default from the frameworks'
//! tags: targets tagged `migration`, every MiGOF and GCM principle, and every element tagged
//! `policy-domain`.

use super::propagation::Propagation;
use crate::config::Settings;
use crate::model::{ElementIdx, MeasureIdx, Model};
use crate::source::Span;
use serde::Serialize;
use std::collections::BTreeMap;

/// How one element is reached.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reached {
    /// No measure advances it.
    #[default]
    Not,
    /// Only through the knowledge base.
    Indirectly,
    /// By some measure's own effect (or, for a principle, by a measure that upholds it).
    Directly,
}

/// A required element, and where the requirement is written (if in cohere.yaml).
#[derive(Clone, Copy, Debug)]
pub struct Requirement {
    /// The element.
    pub element: ElementIdx,
    /// The entry in cohere.yaml that requires it, or `None` for a default requirement.
    pub declared_at: Option<Span>,
}

/// The share of some required elements that are reached.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Share {
    /// Required elements.
    pub required: usize,
    /// Of those, reached by a measure's own effect.
    pub direct: usize,
    /// Of those, reached directly or through the knowledge base.
    pub direct_or_indirect: usize,
}

impl Share {
    fn add(&mut self, reached: Reached) {
        self.required += 1;
        if reached == Reached::Directly {
            self.direct += 1;
        }
        if reached != Reached::Not {
            self.direct_or_indirect += 1;
        }
    }

    /// The share reached directly, from 0 to 1 (1 when nothing is required).
    pub fn direct_share(&self) -> f64 {
        if self.required == 0 {
            1.0
        } else {
            self.direct as f64 / self.required as f64
        }
    }
}

/// Coverage of the whole portfolio.
#[derive(Clone, Debug, Default)]
pub struct Coverage {
    reached: Vec<Reached>,
    /// Required targets.
    pub targets: Vec<Requirement>,
    /// Required principles.
    pub principles: Vec<Requirement>,
    /// Required policy domains.
    pub domains: Vec<Requirement>,
    /// For each element, the measures that serve it as a domain (directly or through a link).
    pub serving: BTreeMap<ElementIdx, Vec<MeasureIdx>>,
}

impl Coverage {
    /// Computes coverage.
    pub fn compute(model: &Model, propagation: &Propagation, settings: &Settings) -> Self {
        let mut reached = vec![Reached::Not; model.elements.len()];
        for reach in propagation.all() {
            if reach.strength <= 0.0 {
                continue;
            }
            let slot = &mut reached[reach.target.index()];
            let now = if reach.is_direct() {
                Reached::Directly
            } else {
                Reached::Indirectly
            };
            if now == Reached::Directly || *slot == Reached::Not {
                *slot = now;
            }
        }
        let mut serving: BTreeMap<ElementIdx, Vec<MeasureIdx>> = BTreeMap::new();
        for (m, measure) in model.measures.iter().enumerate() {
            let measure_idx = MeasureIdx::new(m);
            let mut touched: Vec<ElementIdx> = measure
                .effects
                .iter()
                .filter(|e| e.score.is_positive())
                .map(|e| e.target)
                .collect();
            for upheld in &measure.upholds {
                reached[upheld.value.index()] = Reached::Directly;
                touched.push(upheld.value);
            }
            let mut domains: Vec<ElementIdx> = Vec::new();
            for element in touched {
                domains.push(element);
                domains.extend(model.element(element).links.iter().copied());
            }
            domains.sort();
            domains.dedup();
            for domain in domains {
                serving.entry(domain).or_default().push(measure_idx);
            }
        }
        let resolve = |declared: &Option<Vec<crate::document::Located<String>>>,
                       default: &dyn Fn(&crate::model::Element) -> bool| {
            match declared {
                Some(list) => list
                    .iter()
                    .filter_map(|id| {
                        model
                            .element_by_id(id.value.trim())
                            .map(|element| Requirement {
                                element,
                                declared_at: Some(id.span),
                            })
                    })
                    .collect(),
                None => model
                    .elements
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| default(e))
                    .map(|(i, _)| Requirement {
                        element: ElementIdx::new(i),
                        declared_at: None,
                    })
                    .collect(),
            }
        };
        let require = &settings.require;
        Coverage {
            targets: resolve(&require.targets, &|e| e.has_tag("migration")),
            principles: resolve(&require.principles, &|e| {
                e.kind == "principle" && matches!(e.id.prefix(), "migof" | "gcm")
            }),
            domains: resolve(&require.domains, &|e| e.has_tag("policy-domain")),
            reached,
            serving,
        }
    }

    /// How an element is reached.
    pub fn reached(&self, element: ElementIdx) -> Reached {
        self.reached
            .get(element.index())
            .copied()
            .unwrap_or_default()
    }

    /// The measures serving a domain.
    pub fn serving(&self, domain: ElementIdx) -> &[MeasureIdx] {
        self.serving.get(&domain).map_or(&[], Vec::as_slice)
    }

    /// The share of required targets reached, per framework prefix.
    pub fn by_framework(&self, model: &Model) -> BTreeMap<String, Share> {
        let mut shares: BTreeMap<String, Share> = BTreeMap::new();
        for requirement in self.targets.iter().chain(&self.principles) {
            let prefix = model.element(requirement.element).id.prefix().to_string();
            shares
                .entry(prefix)
                .or_default()
                .add(self.reached(requirement.element));
        }
        shares
    }

    /// For each SDG goal, the share of its targets reached (all targets count here, not only
    /// the required ones: this is the grid of the report).
    pub fn by_goal(&self, model: &Model) -> Vec<(ElementIdx, Share)> {
        let mut goals: Vec<(ElementIdx, Share)> = model
            .elements
            .iter()
            .enumerate()
            .filter(|(_, e)| e.id.prefix() == "sdg" && e.kind == "goal")
            .map(|(i, _)| (ElementIdx::new(i), Share::default()))
            .collect();
        for (i, element) in model.elements.iter().enumerate() {
            if element.kind != "target" {
                continue;
            }
            if let Some(parent) = element.parent
                && let Some((_, share)) = goals.iter_mut().find(|(g, _)| *g == parent)
            {
                share.add(self.reached(ElementIdx::new(i)));
            }
        }
        goals
    }
}
