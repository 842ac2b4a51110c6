//! `unlinked-target`: a measure's text speaks of a target the measure does not link.

use crate::diagnostic::{Category, RuleMeta, Section, Severity};
use crate::finding::{Cx, Finding, Names, Violation};
use crate::model::{ElementIdx, Indicator, MeasureIdx, Model};
use crate::rules::Context;
use crate::vocabulary::Confidence;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Most suggestions per measure.
const MAX_SUGGESTIONS: usize = 3;
/// The weight a match needs: one phrase of several words, or two single words.
const MIN_WEIGHT: usize = 2;

/// The rule's metadata.
pub static META: RuleMeta = RuleMeta {
    id: "unlinked-target",
    category: Category::Suggestion,
    default_severity: Severity::Info,
    section: Section::AllFindings,
    headline: None,
    summary: "a measure's text speaks of a target the measure does not link",
    what: "Finds words in a measure's title and description that match the keywords of a target \
           or objective the measure neither has an effect on nor upholds or strains (nor links \
           through its counterpart in another framework, such as `gcm:20` for `sdg:10.c`) — at \
           least a phrase of several words, or two distinct words (plurals match singulars). It shows \
           the words that matched, at most three suggestions per measure, and never assigns a \
           score: only the author can say whether, and how much, the measure affects the target.",
    why: "An effect that is not declared is invisible to every other rule: a measure about \
          recruiting nurses that does not link SDG 3.c will never be checked against the health \
          workforce of origin countries.",
    fix: "If the measure does affect the target, add an effect with a score and a rationale; if \
          not, ignore the suggestion (or `--ignore suggestion`).",
};

/// A keyword split into normalised words.
struct Keyword {
    words: Vec<String>,
    element: ElementIdx,
    text: String,
}

/// Lower-case words with simple plural endings removed, so "nurses" matches "nurse".
fn normalise(word: &str) -> String {
    let word = word.to_lowercase();
    let word = word.trim_end_matches("'s").trim_end_matches('\'');
    if let Some(stem) = word.strip_suffix("ies").filter(|s| s.len() > 2) {
        format!("{stem}y")
    } else if word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
    {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(normalise)
        .collect()
}

/// Keywords indexed by their first word.
fn index(model: &Model) -> HashMap<String, Vec<Keyword>> {
    let mut index: HashMap<String, Vec<Keyword>> = HashMap::new();
    for (i, element) in model.elements.iter().enumerate() {
        // Targets and objectives; not the six broad policy domains, whose words are everywhere.
        if !matches!(element.kind.as_str(), "target" | "objective")
            || element.has_tag("policy-domain")
        {
            continue;
        }
        for keyword in &element.keywords {
            let words = words(keyword);
            if let Some(first) = words.first() {
                index.entry(first.clone()).or_default().push(Keyword {
                    words: words.clone(),
                    element: ElementIdx::new(i),
                    text: keyword.clone(),
                });
            }
        }
    }
    index
}

/// Reports suggested links.
pub fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let model = context.model;
    let index = index(model);
    for (m, measure) in model.measures.iter().enumerate() {
        let mut text = measure.title.clone();
        if let Some(description) = &measure.description {
            text.push(' ');
            text.push_str(description);
        }
        let tokens = words(&text);
        let mut linked: BTreeSet<ElementIdx> = measure.effects.iter().map(|e| e.target).collect();
        linked.extend(
            measure
                .upholds
                .iter()
                .chain(&measure.strains)
                .map(|e| e.value),
        );
        for indicator in &measure.indicators {
            if let Indicator::Element(i) = indicator {
                linked.extend(model.element(*i).parent);
            }
        }
        // An element linked to one the measure already links (`gcm:20` for `sdg:10.c`) is the
        // same concept in another framework: not worth suggesting. One step of links only.
        let counterparts: BTreeSet<ElementIdx> = linked
            .iter()
            .flat_map(|&e| model.element(e).links.iter().copied())
            .collect();
        let already = |e: ElementIdx| {
            linked.contains(&e)
                || counterparts.contains(&e)
                || model.element(e).links.iter().any(|l| linked.contains(l))
        };
        // element -> matched keywords (text, number of words)
        let mut matches: BTreeMap<ElementIdx, BTreeMap<String, usize>> = BTreeMap::new();
        for (at, token) in tokens.iter().enumerate() {
            for keyword in index.get(token).into_iter().flatten() {
                if already(keyword.element) {
                    continue;
                }
                let fits = tokens
                    .get(at..at + keyword.words.len())
                    .is_some_and(|window| window == keyword.words.as_slice());
                if fits {
                    matches
                        .entry(keyword.element)
                        .or_default()
                        .insert(keyword.text.clone(), keyword.words.len());
                }
            }
        }
        let mut suggestions: Vec<(usize, ElementIdx, Vec<String>)> = matches
            .into_iter()
            .map(|(element, words)| {
                let weight = words.values().map(|&n| if n > 1 { 2 } else { 1 }).sum();
                (weight, element, words.into_keys().collect())
            })
            .filter(|(weight, _, _)| *weight >= MIN_WEIGHT)
            .collect();
        suggestions.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (weight, element, matched) in suggestions.into_iter().take(MAX_SUGGESTIONS) {
            out.push(
                Finding::of(
                    &META,
                    measure.location,
                    UnlinkedTarget {
                        measure: MeasureIdx::new(m),
                        element,
                        matched,
                    },
                )
                .confidence(if weight >= 4 {
                    Confidence::Medium
                } else {
                    Confidence::Low
                }),
            );
        }
    }
}

/// A measure whose text mentions an element it does not link.
#[derive(Debug)]
struct UnlinkedTarget {
    measure: MeasureIdx,
    element: ElementIdx,
    /// The keywords of the element found in the measure's text.
    matched: Vec<String>,
}

impl Violation for UnlinkedTarget {
    fn message(&self, _: Cx<'_>, names: &dyn Names) -> String {
        format!(
            "{} may concern {}, which it does not link",
            names.measure(self.measure),
            names.element_with_title(self.element)
        )
    }

    fn label(&self, _: Cx<'_>, _: &dyn Names) -> String {
        let quoted: Vec<String> = self.matched.iter().map(|w| format!("\"{w}\"")).collect();
        format!("its text mentions {}", quoted.join(", "))
    }

    fn help(&self, _: Cx<'_>, names: &dyn Names) -> Option<String> {
        Some(format!(
            "if it does, add an effect on {} with a score and a rationale; cohere does not guess the score",
            names.element(self.element)
        ))
    }

    fn key(&self, cx: Cx<'_>) -> Vec<String> {
        vec![
            cx.model.measure(self.measure).id.to_string(),
            cx.model.element(self.element).id.to_string(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_and_case_are_folded() {
        assert_eq!(
            words("Nurses and Health-Workers' agencies"),
            ["nurse", "and", "health", "worker", "agency"]
        );
        assert_eq!(normalise("status"), "status");
        assert_eq!(normalise("access"), "access");
    }
}
