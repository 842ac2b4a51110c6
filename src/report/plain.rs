//! Findings in plain language, for readers who do not read identifiers.
//!
//! A finding's message names things by id in backticks (`` `sdg:3.c` ``,
//! `` `nl-health/recruit-nurses` ``). Here each id becomes what a reader knows it by: a measure
//! or policy by its title in quotes, an SDG target as "SDG target 3.c" with its title the first
//! time it appears, a group by its name. The sentence starts with a capital and ends with a
//! full stop. Nothing else is changed: the words are the rule's own.

use crate::model::{ElementIdx, Model};

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

/// A message or help line as a plain sentence.
pub fn sentence(model: &Model, text: &str) -> String {
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
    let mut out = out.trim().to_string();
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
        assert_eq!(sentence(&model, "add `x` here"), "Add x here.");
        assert_eq!(sentence(&model, "done."), "Done.");
        assert_eq!(sentence(&model, "an `unclosed span"), "An unclosed span.");
    }
}
