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
/// The weight a match needs when the measure's sector is not one of the element's: two
/// phrases, or a phrase and two words.
const MIN_WEIGHT_OTHER_SECTOR: usize = 4;
/// Words that deny what follows them within [`NEGATION_REACH`] words ("need no work
/// permit", "for lack of identity documents"): the measure is not about that.
const NEGATIONS: &[&str] = &["no", "not", "without", "lack", "never", "nor", "neither"];
/// How many words before a keyword a negation reaches.
const NEGATION_REACH: usize = 3;
/// The last words of phrases that name people: a keyword such as "migrant workers" says whom
/// a measure is for, not what it does for them, and weighs as a single word.
const PEOPLE: &[&str] = &[
    "worker", "migrant", "refugee", "child", "children", "woman", "women", "people", "person",
    "seeker", "student", "family", "families",
];

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
           through its counterpart in another framework, such as `gcm:20` for `sdg:10.c`). The \
           match weighs its context: a phrase of several words weighs 2, a single word 1, and \
           a phrase that names people (\"migrant workers\") 1, since it says whom the measure \
           is for, not what it does; a keyword denied by the words just before it (\"no\", \
           \"without\", \"lack of\") does not count. A measure whose `sector` is one of the \
           element's `sectors` needs a weight of 2 (one phrase, or two words); a measure of \
           another sector 4. Of two elements suggested that are linked to each other, only the \
           stronger is suggested, naming the other; a suggestion weighing less than half the \
           measure's strongest is dropped (the text is about the stronger one). At most three \
           suggestions per measure, with the words that matched; never a score: only the \
           author can say whether, and how much, the measure affects the target.",
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

/// What a keyword weighs: a phrase 2, a single word 1, a phrase naming people 1.
fn weight(words: &[String]) -> usize {
    match words {
        [_, .., last] if !PEOPLE.contains(&last.as_str()) => 2,
        _ => 1,
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
        // element -> matched keywords (text, weight)
        let mut matches: BTreeMap<ElementIdx, BTreeMap<String, usize>> = BTreeMap::new();
        for (at, token) in tokens.iter().enumerate() {
            if tokens[at.saturating_sub(NEGATION_REACH)..at]
                .iter()
                .any(|w| NEGATIONS.contains(&w.as_str()))
            {
                continue;
            }
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
                        .insert(keyword.text.clone(), weight(&keyword.words));
                }
            }
        }
        let sector = measure.sector.as_deref();
        let mut suggestions: Vec<(usize, ElementIdx, Vec<String>)> = matches
            .into_iter()
            .map(|(element, words)| {
                let weight = words.values().sum();
                (weight, element, words.into_keys().collect())
            })
            .filter(|&(weight, element, _)| {
                let sectors = &model.element(element).sectors;
                let same_sector = match sector {
                    Some(sector) => sectors.is_empty() || sectors.iter().any(|s| s == sector),
                    None => true,
                };
                weight
                    >= if same_sector {
                        MIN_WEIGHT
                    } else {
                        MIN_WEIGHT_OTHER_SECTOR
                    }
            })
            .collect();
        suggestions.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let strongest = suggestions.first().map_or(0, |s| s.0);
        suggestions.retain(|s| 2 * s.0 >= strongest);
        // Of two linked elements (`sdg:10.c` and `gcm:20`), the stronger stands for both.
        let mut kept: Vec<(usize, ElementIdx, Vec<String>, Vec<ElementIdx>)> = Vec::new();
        for (weight, element, matched) in suggestions {
            let linked = |a: ElementIdx, b: ElementIdx| {
                model.element(a).links.contains(&b) || model.element(b).links.contains(&a)
            };
            if let Some(stronger) = kept.iter_mut().find(|k| linked(k.1, element)) {
                stronger.3.push(element);
                continue;
            }
            kept.push((weight, element, matched, Vec::new()));
        }
        for (weight, element, matched, counterparts) in kept.into_iter().take(MAX_SUGGESTIONS) {
            out.push(
                Finding::of(
                    &META,
                    measure.location,
                    UnlinkedTarget {
                        measure: MeasureIdx::new(m),
                        element,
                        matched,
                        counterparts,
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
    /// Elements linked to it that the text also matched, suggested through it.
    counterparts: Vec<ElementIdx>,
}

impl Violation for UnlinkedTarget {
    fn message(&self, _: Cx<'_>, names: &dyn Names) -> String {
        let mut message = format!(
            "{} may concern {}, which it does not link",
            names.measure(self.measure),
            names.element_with_title(self.element)
        );
        if !self.counterparts.is_empty() {
            let others: Vec<String> = self
                .counterparts
                .iter()
                .map(|&e| names.element(e))
                .collect();
            message.push_str(&format!(
                " (nor its counterpart {})",
                crate::rules::support::join_and(&others)
            ));
        }
        message
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
