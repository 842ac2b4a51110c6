//! What the id under the cursor names, and what the editor shows for it: hover, definition,
//! completion.
//!
//! An id is read from the text around the cursor (the characters ids are made of), then looked
//! up in the model of the last lint run: an element of a framework (SDG target or indicator,
//! principle, GCM objective, group, capacity, …), an institution, a measure (qualified
//! `policy/measure`, or a measure of the policy the file holds), a coordination mechanism, a
//! policy, or a bibliography entry.

use super::convert::LineIndex;
use super::diagnostics::on_disk;
use crate::analysis::Analysis;
use crate::catalog::{InteractionView, element_view};
use crate::model::{
    ElementIdx, InstitutionIdx, MeasureIdx, MechanismIdx, Model, PolicyIdx, ReferenceIdx,
};
use crate::project::Workspace;
use crate::source::{FileId, Location, Span};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, Range, TextEdit,
};
use std::fmt::Write as _;
use std::path::Path;

/// Something an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thing {
    /// A framework element.
    Element(ElementIdx),
    /// A measure.
    Measure(MeasureIdx),
    /// An institution.
    Institution(InstitutionIdx),
    /// A coordination mechanism.
    Mechanism(MechanismIdx),
    /// A policy.
    Policy(PolicyIdx),
    /// A bibliography entry.
    Reference(ReferenceIdx),
}

/// Whether `c` can be part of an id (`sdg:10.7`, `nl-health/recruit-nurses`, `migof:P1`).
fn id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | '_' | '-' | '/')
}

/// The id-like word around byte `offset` of `text`, and its span.
pub fn word_at(text: &str, offset: usize) -> Option<(Span, &str)> {
    let offset = offset.min(text.len());
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| id_char(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !id_char(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    // A key (`target:`) or the end of a sentence is not part of the id.
    let word = text[start..end].trim_end_matches([':', '.']);
    (!word.is_empty()).then(|| (Span::new(start as u32, (start + word.len()) as u32), word))
}

/// What `word`, written in `file`, names.
pub fn resolve(model: &Model, file: Option<FileId>, word: &str) -> Option<Thing> {
    if let Some(element) = model.element_by_id(word) {
        return Some(Thing::Element(element));
    }
    if let Some(institution) = model.institution_by_id(word) {
        return Some(Thing::Institution(institution));
    }
    if let Some(measure) = model.measure_by_id(word) {
        return Some(Thing::Measure(measure));
    }
    // A measure of the policy in this file, by its local id (`id:`, `with:`).
    if let Some(file) = file
        && !word.contains(['/', ':'])
    {
        for policy in model.policies.iter().filter(|p| p.file == file) {
            if let Some(measure) = model.measure_by_id(&format!("{}/{word}", policy.id)) {
                return Some(Thing::Measure(measure));
            }
        }
    }
    if let Some(i) = model.mechanisms.iter().position(|m| m.id.as_str() == word) {
        return Some(Thing::Mechanism(MechanismIdx::new(i)));
    }
    if let Some(policy) = model.policy_by_id(word) {
        return Some(Thing::Policy(policy));
    }
    model.reference_by_id(word).map(Thing::Reference)
}

/// Where `thing` is declared, if that is a file on disk (an element of a built-in framework is
/// compiled into cohere and has no file: `None`).
pub fn definition(workspace: &Workspace, thing: Thing) -> Option<(&Path, &str, Span)> {
    let model = &workspace.model;
    let location: Location = match thing {
        Thing::Element(e) => model.element(e).location,
        Thing::Measure(m) => model.measure(m).location,
        Thing::Institution(i) => model.institution(i).location,
        Thing::Mechanism(m) => model.mechanism(m).location,
        Thing::Policy(p) => model.policy(p).location,
        Thing::Reference(r) => model.reference(r).location,
    };
    let source = workspace.sources.get(location.file);
    let path = on_disk(source)?;
    Some((path, &source.text, location.span))
}

/// How many interactions, effects or measures a hover lists before it counts the rest.
const LISTED: usize = 8;

/// The hover text for `thing`, in Markdown.
pub fn hover(workspace: &Workspace, analysis: &Analysis, thing: Thing) -> String {
    let model = &workspace.model;
    let mut out = String::new();
    match thing {
        Thing::Element(idx) => {
            let view = element_view(model, &analysis.graph, idx);
            let _ = writeln!(out, "**{}** — {}\n", view.id, view.title);
            let _ = writeln!(
                out,
                "{} of *{}* ({}){}\n",
                view.kind,
                view.framework_title,
                view.source,
                place(workspace, model.element(idx).location)
            );
            if let Some(parent) = &view.parent {
                let _ = writeln!(out, "part of `{}` — {}\n", parent.id, parent.title);
            }
            interactions(
                &mut out,
                "Interactions out of it",
                &view.interactions_out,
                false,
            );
            interactions(
                &mut out,
                "Interactions into it",
                &view.interactions_in,
                true,
            );
            if !view.effects.is_empty() {
                let _ = writeln!(out, "**Measures acting on it** ({})\n", view.effects.len());
                for effect in view.effects.iter().take(LISTED) {
                    let _ = writeln!(
                        out,
                        "- `{}` {:+} ({}, {}) — {}",
                        effect.measure, effect.score, effect.where_, effect.when, effect.title
                    );
                }
                more(&mut out, view.effects.len());
            }
        }
        Thing::Measure(idx) => {
            let measure = model.measure(idx);
            let policy = model.policy(measure.policy);
            let _ = writeln!(out, "**{}** — {}\n", measure.id, measure.title);
            let _ = writeln!(out, "measure of *{}*\n", policy.title);
            if let Some(lead) = measure.lead {
                let institution = model.institution(lead);
                let _ = writeln!(out, "lead: `{}` — {}\n", institution.id, institution.name);
            }
            if !measure.effects.is_empty() {
                let _ = writeln!(out, "**Effects** ({})\n", measure.effects.len());
                for effect in measure.effects.iter().take(LISTED) {
                    let target = model.element(effect.target);
                    let _ = writeln!(
                        out,
                        "- → `{}` {:+} {} ({}, {}) — {}",
                        target.id,
                        effect.score.value(),
                        effect.score.name(),
                        effect.where_,
                        effect.when,
                        target.title
                    );
                }
                more(&mut out, measure.effects.len());
            }
            let into: Vec<(MeasureIdx, i8, &'static str)> = model
                .measures
                .iter()
                .enumerate()
                .flat_map(|(i, other)| {
                    other
                        .interactions
                        .iter()
                        .filter(|x| x.with == idx)
                        .map(move |x| (MeasureIdx::new(i), x.score.value(), x.score.name()))
                })
                .collect();
            if !measure.interactions.is_empty() {
                let _ = writeln!(
                    out,
                    "**Interactions with other measures** ({})\n",
                    measure.interactions.len()
                );
                for x in measure.interactions.iter().take(LISTED) {
                    let _ = writeln!(
                        out,
                        "- → `{}` {:+} {}",
                        model.measure(x.with).id,
                        x.score.value(),
                        x.score.name()
                    );
                }
                more(&mut out, measure.interactions.len());
            }
            if !into.is_empty() {
                let _ = writeln!(out, "**Interactions into it** ({})\n", into.len());
                for (other, score, name) in into.iter().take(LISTED) {
                    let _ = writeln!(out, "- `{}` → {score:+} {name}", model.measure(*other).id);
                }
                more(&mut out, into.len());
            }
        }
        Thing::Institution(idx) => {
            let institution = model.institution(idx);
            let _ = writeln!(out, "**{}** — {}\n", institution.id, institution.name);
            let mut facts = vec!["institution".to_string()];
            facts.extend(institution.jurisdiction.iter().map(|j| format!("of {j}")));
            facts.extend(institution.sector.iter().map(|s| format!("sector {s}")));
            let _ = writeln!(out, "{}\n", facts.join(", "));
            if !institution.mechanisms.is_empty() {
                let names: Vec<String> = institution
                    .mechanisms
                    .iter()
                    .map(|&m| format!("`{}`", model.mechanism(m).id))
                    .collect();
                let _ = writeln!(out, "sits in: {}\n", names.join(", "));
            }
            let led: Vec<&crate::model::Measure> = model
                .measures
                .iter()
                .filter(|m| m.lead == Some(idx))
                .collect();
            if !led.is_empty() {
                let _ = writeln!(out, "**Leads** ({})\n", led.len());
                for measure in led.iter().take(LISTED) {
                    let _ = writeln!(out, "- `{}` — {}", measure.id, measure.title);
                }
                more(&mut out, led.len());
            }
        }
        Thing::Mechanism(idx) => {
            let mechanism = model.mechanism(idx);
            let _ = writeln!(out, "**{}** — {}\n", mechanism.id, mechanism.name);
            let members: Vec<String> = mechanism
                .members
                .iter()
                .map(|&i| format!("`{}`", model.institution(i).id))
                .collect();
            let _ = writeln!(
                out,
                "coordination mechanism; members: {}",
                members.join(", ")
            );
        }
        Thing::Policy(idx) => {
            let policy = model.policy(idx);
            let _ = writeln!(out, "**{}** — {}\n", policy.id, policy.title);
            let _ = writeln!(
                out,
                "{} policy, {} perspective, {} measures",
                policy.level,
                policy.perspective,
                policy.measures.len()
            );
        }
        Thing::Reference(idx) => {
            let reference = model.reference(idx);
            let _ = writeln!(out, "**{}**\n\n{}", reference.id, reference.citation());
        }
    }
    out.trim_end().to_string()
}

/// ` — built into cohere` or ` — policies/frameworks/own.yaml:12`.
fn place(workspace: &Workspace, location: Location) -> String {
    let source = workspace.sources.get(location.file);
    match on_disk(source) {
        Some(_) => format!(", {}", workspace.sources.resolve(location)),
        None => ", built into cohere".to_string(),
    }
}

fn interactions(out: &mut String, heading: &str, rows: &[InteractionView], incoming: bool) {
    let _ = writeln!(out, "**{heading}** ({})\n", rows.len());
    if rows.is_empty() {
        out.push_str("none recorded\n\n");
        return;
    }
    // The strongest first, as `cohere show` lists them.
    let mut strongest: Vec<&InteractionView> = rows.iter().collect();
    strongest.sort_by_key(|r| std::cmp::Reverse(r.score.abs()));
    for row in strongest.iter().take(LISTED) {
        let other = if incoming { &row.from } else { &row.to };
        let arrow = if incoming { "←" } else { "→" };
        let _ = writeln!(
            out,
            "- {arrow} `{}` {:+} {} ({}, {} confidence{}) — {}",
            other.id,
            row.score,
            row.score_name,
            row.perspective,
            row.confidence,
            if row.contested { ", contested" } else { "" },
            other.title
        );
    }
    more(out, rows.len());
    out.push('\n');
}

fn more(out: &mut String, total: usize) {
    if total > LISTED {
        let _ = writeln!(out, "- … and {} more", total - LISTED);
    }
    out.push('\n');
}

/// What kind of id the field being written takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wanted {
    Institution,
    Measure,
    Group,
    Reference,
    Element,
}

/// The key whose value the cursor is in: on its line (`lead: nl-he`), or the list it is an
/// item of (`partners:` above `  - nl-he`).
fn key_at(text: &str, line_start: usize, cursor: usize) -> Option<&str> {
    let before = &text[line_start..cursor];
    let trimmed = before.trim_start();
    let indent = before.len() - trimmed.len();
    let item = trimmed.strip_prefix("- ").unwrap_or(trimmed);
    if let Some((key, _)) = item.split_once(':')
        && !key.contains(' ')
        && !key.is_empty()
        && item[key.len()..].starts_with(": ")
    {
        return Some(key);
    }
    if !trimmed.starts_with('-') {
        return None;
    }
    // An item of a block list: the nearest line above, indented less (or as much: `key:` then
    // `- item` at the same column), that is a key with no value on its line.
    for line in text[..line_start].lines().rev() {
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let its_indent = line.len() - content.len();
        if its_indent > indent || (its_indent == indent && content.starts_with('-')) {
            continue;
        }
        let content = content.strip_prefix("- ").unwrap_or(content);
        return content.strip_suffix(':').filter(|k| !k.contains(' '));
    }
    None
}

fn wanted(key: Option<&str>) -> Wanted {
    match key {
        Some("lead" | "owner" | "partners" | "members") => Wanted::Institution,
        Some("with") => Wanted::Measure,
        Some("groups" | "group") => Wanted::Group,
        Some("sources") => Wanted::Reference,
        _ => Wanted::Element,
    }
}

/// The completions at byte `cursor` of `text`: ids of the kind the field takes, each with its
/// title, replacing the part of the id already typed.
pub fn completions(
    model: &Model,
    file: Option<FileId>,
    text: &str,
    cursor: usize,
) -> Vec<CompletionItem> {
    let cursor = cursor.min(text.len());
    let line_start = text[..cursor].rfind('\n').map_or(0, |i| i + 1);
    let typed_start = text[line_start..cursor]
        .char_indices()
        .rev()
        .take_while(|(_, c)| id_char(*c))
        .last()
        .map_or(cursor, |(i, _)| line_start + i);
    let index = LineIndex::new(text);
    let replace = Range::new(
        index.position(text, typed_start as u32),
        index.position(text, cursor as u32),
    );
    let item = |id: &str, title: &str, detail: String, kind, rank: usize| CompletionItem {
        label: id.to_string(),
        kind: Some(kind),
        detail: Some(title.to_string()),
        documentation: Some(Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: detail,
        })),
        sort_text: Some(format!("{rank:06}")),
        filter_text: Some(id.to_string()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            replace,
            id.to_string(),
        ))),
        ..CompletionItem::default()
    };
    let mut items = Vec::new();
    match wanted(key_at(text, line_start, typed_start)) {
        Wanted::Institution => {
            for (i, institution) in model.institutions.iter().enumerate() {
                items.push(item(
                    institution.id.as_str(),
                    &institution.name,
                    "institution".to_string(),
                    CompletionItemKind::MODULE,
                    i,
                ));
            }
        }
        Wanted::Measure => {
            let own: Vec<PolicyIdx> = file
                .map(|file| {
                    (0..model.policies.len())
                        .map(PolicyIdx::new)
                        .filter(|&p| model.policy(p).file == file)
                        .collect()
                })
                .unwrap_or_default();
            for (i, measure) in model.measures.iter().enumerate() {
                // A measure of the same policy is written by its own id.
                let id = if own.contains(&measure.policy) {
                    measure
                        .id
                        .as_str()
                        .rsplit_once('/')
                        .map_or(measure.id.as_str(), |(_, local)| local)
                } else {
                    measure.id.as_str()
                };
                items.push(item(
                    id,
                    &measure.title,
                    format!("measure of *{}*", model.policy(measure.policy).title),
                    CompletionItemKind::FUNCTION,
                    i,
                ));
            }
        }
        Wanted::Reference => {
            for (i, reference) in model.references.iter().enumerate() {
                items.push(item(
                    &reference.id,
                    &reference.title,
                    reference.citation(),
                    CompletionItemKind::REFERENCE,
                    i,
                ));
            }
        }
        wanted @ (Wanted::Group | Wanted::Element) => {
            for (i, element) in model.elements.iter().enumerate() {
                let framework = model.framework(element.framework);
                if wanted == Wanted::Group && framework.id.as_str() != "group" {
                    continue;
                }
                items.push(item(
                    element.id.as_str(),
                    &element.title,
                    format!("{} of *{}*", element.kind, framework.title),
                    CompletionItemKind::CONSTANT,
                    i,
                ));
            }
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_ids_without_a_trailing_colon() {
        let text = "      - target: sdg:10.7\n";
        let at = text.find("10.7").unwrap();
        let (span, word) = word_at(text, at).unwrap();
        assert_eq!(word, "sdg:10.7");
        assert_eq!(&text[span.range()], "sdg:10.7");
        assert_eq!(
            word_at(text, text.find("target").unwrap()).unwrap().1,
            "target"
        );
        assert_eq!(word_at("  \n", 1), None);
    }

    #[test]
    fn the_key_says_what_kind_of_id_is_wanted() {
        let text = "measures:\n  - id: a\n    lead: nl-\n    partners:\n      - nl-x\n      - \n    effects:\n      - target: sd";
        let key = |needle: &str| {
            let cursor = text.find(needle).unwrap() + needle.len();
            let line_start = text[..cursor].rfind('\n').map_or(0, |i| i + 1);
            key_at(text, line_start, cursor)
        };
        assert_eq!(key("lead: "), Some("lead"));
        assert_eq!(key("      - "), Some("partners"));
        assert_eq!(key("target: "), Some("target"));
        assert_eq!(wanted(Some("partners")), Wanted::Institution);
        assert_eq!(wanted(Some("target")), Wanted::Element);
    }
}
