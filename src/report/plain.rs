//! Findings in plain language, for readers who do not read identifiers.
//!
//! [`Plain`] names things as a reader knows them: a measure or policy by its title in quotes,
//! an SDG target as "SDG target 3.c" with its title the first time it appears in a sentence, a
//! group by its name, an institution by its name. The rule's own words are kept; [`sentence`]
//! starts them with a capital and ends them with a full stop.
//!
//! Findings worded when found (the document rules', whose words come largely from the YAML
//! parser and the schema) name things in backticks; [`Plain::prose`] reads those ids back. Every
//! analysis rule words its findings through [`Names`], so nothing of theirs is read back.

use crate::finding::Names;
use crate::model::{ElementIdx, InstitutionIdx, MeasureIdx, MechanismIdx, Model, PolicyIdx};
use std::cell::RefCell;

/// Names for the report's readers.
pub struct Plain<'a> {
    model: &'a Model,
    /// The elements already named with their title in the sentence being worded.
    titled: RefCell<Vec<ElementIdx>>,
}

impl<'a> Plain<'a> {
    /// Names for one finding's words.
    pub fn new(model: &'a Model) -> Self {
        Plain {
            model,
            titled: RefCell::new(Vec::new()),
        }
    }
}

impl Names for Plain<'_> {
    fn measure(&self, measure: MeasureIdx) -> String {
        format!("“{}”", self.model.measure(measure).title)
    }
    fn element(&self, element: ElementIdx) -> String {
        let (mut name, has_title) = element_name(self.model, element);
        let mut titled = self.titled.borrow_mut();
        if !has_title && !titled.contains(&element) {
            name.push_str(&format!(" (“{}”)", self.model.element(element).title));
        }
        titled.push(element);
        name
    }
    fn element_with_title(&self, element: ElementIdx) -> String {
        let (name, _) = element_name(self.model, element);
        self.titled.borrow_mut().push(element);
        format!("{name} (“{}”)", self.model.element(element).title)
    }
    fn policy(&self, policy: PolicyIdx) -> String {
        format!("“{}”", self.model.policy(policy).title)
    }
    fn institution(&self, institution: InstitutionIdx) -> String {
        self.model.institution(institution).name.clone()
    }
    fn mechanism(&self, mechanism: MechanismIdx) -> String {
        self.model.mechanism(mechanism).id.to_string()
    }
    fn code(&self, text: &str) -> String {
        // The author's suppression comment is for the YAML's authors (the Markdown and the lint
        // outputs give it); parliament reads what it amounts to.
        if text.starts_with("# cohere: allow(") {
            return "a reason published with the policy".to_string();
        }
        text.to_string()
    }
    fn written(&self, id: &str) -> String {
        let model = self.model;
        if let Some(m) = model.measure_by_id(id) {
            return self.measure(m);
        }
        if let Some(e) = model.element_by_id(id) {
            return self.element(e);
        }
        match (model.policy_by_id(id), model.institution_by_id(id)) {
            (Some(p), None) => self.policy(p),
            (None, Some(i)) => self.institution(i),
            _ => id.to_string(),
        }
    }
    fn prose(&self, text: &str) -> String {
        prose(self.model, text)
    }
}

/// What an element is called in prose: "SDG target 3.c", "GCM objective 5", "MiGOF P1"; a
/// group or capacity by its title. The flag says whether the title is already in the name.
fn element_name(model: &Model, element: ElementIdx) -> (String, bool) {
    let e = model.element(element);
    let local =
        e.id.as_str()
            .split_once(':')
            .map_or(e.id.as_str(), |(_, l)| l);
    let framework = match e.id.prefix() {
        "sdg" => "SDG",
        "gcm" => "GCM",
        "migof" => "MiGOF",
        "pcsd" => "PCSD",
        _ => return (e.title.clone(), true),
    };
    let kind = match e.kind.as_str() {
        "goal" if framework == "SDG" => String::new(),
        kind => format!("{kind} "),
    };
    (format!("{framework} {kind}{local}"), false)
}

/// A policy by its title in quotes, an institution by its name. An id that names both is read
/// from the words before it ("led by" an institution, "of" a policy), else left as it is.
fn policy_or_institution(
    model: &Model,
    id: &str,
    before: &str,
    last_was_institution: bool,
) -> Option<String> {
    let policy = model
        .policy_by_id(id)
        .map(|p| format!("“{}”", model.policy(p).title));
    let institution = model
        .institution_by_id(id)
        .map(|i| model.institution(i).name.clone());
    match (policy, institution) {
        (Some(policy), Some(institution)) => {
            let before = before.trim_end();
            let and_another = before.ends_with(" and") && last_was_institution;
            Some(if before.ends_with("led by") || and_another {
                institution
            } else if before.ends_with(" of") {
                policy
            } else {
                id.to_string()
            })
        }
        (policy, institution) => policy.or(institution),
    }
}

/// Text with its first letter in upper case.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Ids in backticks read back as names (see the module's documentation).
fn prose(model: &Model, text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut titled: Vec<ElementIdx> = Vec::new();
    let mut last_was_institution = false;
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('`') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let id = &after[..end];
        rest = &after[end + 1..];
        if let Some(m) = model.measure_by_id(id) {
            out.push('“');
            out.push_str(&model.measure(m).title);
            out.push('”');
        } else if let Some(e) = model.element_by_id(id) {
            let (name, has_title) = element_name(model, e);
            out.push_str(&name);
            let title = &model.element(e).title;
            let already_follows = rest.starts_with(&format!(" ({title})"));
            if !has_title && !already_follows && !titled.contains(&e) {
                out.push_str(&format!(" (“{title}”)"));
            }
            if already_follows {
                rest = &rest[title.len() + 3..];
                out.push_str(&format!(" (“{title}”)"));
            }
            titled.push(e);
        } else if let Some(name) = policy_or_institution(model, id, &out, last_was_institution) {
            last_was_institution = model
                .institution_by_id(id)
                .is_some_and(|i| model.institution(i).name == name);
            out.push_str(&name);
        } else {
            out.push_str(id);
        }
    }
    out.push_str(rest);
    out
}

/// Words as a sentence: trimmed, a capital first, a full stop last.
pub fn sentence(text: &str) -> String {
    let mut out = text.trim().to_string();
    if let Some(first) = out.chars().next() {
        let upper: String = first.to_uppercase().collect();
        out.replace_range(..first.len_utf8(), &upper);
    }
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_ids_lose_their_backticks_and_the_sentence_is_closed() {
        let model = Model::default();
        let plain = |text: &str| sentence(&prose(&model, text));
        assert_eq!(plain("add `x` here"), "Add x here.");
        assert_eq!(plain("done."), "Done.");
        assert_eq!(plain("an `unclosed span"), "An unclosed span.");
    }
}
