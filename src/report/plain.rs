//! Findings in plain language, for readers who do not read identifiers.
//!
//! [`Plain`] names things as a reader knows them: a measure or policy by its title in quotes,
//! an SDG target as "SDG target 3.c" with its title the first time it appears in a sentence, a
//! group by its name, an institution by its name. The rule's own words are kept; [`sentence`]
//! starts them with a capital and ends them with a full stop.
//!
//! Every rule words its findings through [`Names`], so nothing is read back from words; the
//! few findings worded when found (the YAML parser's and the schema's messages) are shown as
//! written.

use crate::finding::Names;
use crate::model::{
    ElementIdx, FrameworkIdx, InstitutionIdx, MeasureIdx, MechanismIdx, Model, PolicyIdx,
};
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
        // By its name: the rules that name a forum give its name after it, in brackets, for
        // readers of ids; `tidy` drops that repetition.
        self.model.mechanism(mechanism).name.clone()
    }
    fn framework(&self, framework: FrameworkIdx) -> String {
        self.model.framework(framework).title.clone()
    }
    fn code(&self, text: &str) -> String {
        // The author's suppression comment is for the YAML's authors (the Markdown and the lint
        // outputs give it); parliament reads what it amounts to.
        if text.starts_with("# cohere: allow(") {
            return "a reason published with the policy".to_string();
        }
        text.to_string()
    }
    fn for_authors(&self) -> bool {
        false
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

/// Text with its first letter in upper case.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Words for readers without the repetitions naming by titles makes: a forum named by its
/// name and then, in brackets, by its name again ("the Council (the Council)").
pub fn tidy(model: &Model, text: &str) -> String {
    let mut out = text.to_string();
    for mechanism in &model.mechanisms {
        let twice = format!("{0} ({0})", mechanism.name);
        if out.contains(&twice) {
            out = out.replace(&twice, &mechanism.name);
        }
    }
    out
}

/// `1 error`, `3 errors`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
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
    fn a_sentence_starts_with_a_capital_and_is_closed() {
        assert_eq!(sentence(" add x here "), "Add x here.");
        assert_eq!(sentence("done."), "Done.");
        assert_eq!(sentence("ça va?"), "Ça va?");
    }

    #[test]
    fn an_id_that_names_nothing_is_written_as_it_is() {
        let model = Model::default();
        assert_eq!(Plain::new(&model).written("sdg:99.9"), "sdg:99.9");
    }
}
