//! `cohere show ID`.

use super::SUCCESS;
use super::args::{ListFormat, ShowArgs};
use super::common;
use anyhow::{Result, anyhow};
use cohere::catalog::{InteractionView, element_view};
use cohere::graph::InteractionGraph;
use cohere::model::vocabulary::{Vocabulary, vocabularies, vocabulary_named};
use cohere::project::Workspace;
use cohere::suggest::did_you_mean;
use std::fmt::Write as _;

pub fn run(args: ShowArgs) -> Result<u8> {
    let workspace = common::load_frameworks(&args.project)?;
    let model = &workspace.model;
    let id = args.id.trim();
    let vocabularies = vocabularies(&sectors(&workspace));
    let Some(idx) = model.element_by_id(id) else {
        if let Some(text) = show_list(&workspace, &vocabularies, id, args.format)? {
            common::emit(&text, None)?;
            return Ok(SUCCESS);
        }
        let names = vocabularies
            .iter()
            .map(|v| v.name)
            .chain(model.frameworks.iter().map(|f| f.id.as_str()));
        let help = match did_you_mean(id, model.element_ids().chain(names)) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "`cohere frameworks` lists what is loaded; `cohere show vocabularies` the words documents may use".to_string(),
        };
        return Err(anyhow!("unknown element `{id}`\n  help: {help}"));
    };
    let graph = InteractionGraph::build(model);
    let view = element_view(model, &graph, idx);
    let text = match args.format {
        ListFormat::Json => common::json(&view)?,
        ListFormat::Table => {
            let mut out = String::new();
            let _ = writeln!(out, "{} — {}", view.id, view.title);
            let _ = writeln!(
                out,
                "  {} of {} ({})",
                view.kind, view.framework_title, view.source
            );
            if let Some(parent) = &view.parent {
                let _ = writeln!(out, "  part of {} — {}", parent.id, parent.title);
            }
            if let Some(description) = &view.description {
                let _ = writeln!(out, "\n{}", cohere::rules::wrap(description, 92, "  "));
            }
            if !view.sources.is_empty() {
                out.push_str("\n  sources:\n");
                for source in &view.sources {
                    let _ = writeln!(out, "{}", cohere::rules::wrap(source, 92, "    "));
                }
            }
            let list = |label: &str, items: Vec<String>, out: &mut String| {
                if !items.is_empty() {
                    let _ = writeln!(out, "  {label}: {}", items.join(", "));
                }
            };
            out.push('\n');
            list("tags", view.tags.clone(), &mut out);
            list("keywords", view.keywords.clone(), &mut out);
            list(
                "links to",
                view.links.iter().map(|l| l.id.clone()).collect(),
                &mut out,
            );
            list(
                "linked from",
                view.linked_from.iter().map(|l| l.id.clone()).collect(),
                &mut out,
            );
            list(
                "contains",
                view.children.iter().map(|c| c.id.clone()).collect(),
                &mut out,
            );
            // The user's own measures first: that is what they came to see.
            if !view.effects.is_empty() {
                let _ = writeln!(
                    out,
                    "\nMeasures with an effect on {} ({}):",
                    view.id,
                    view.effects.len()
                );
                let mut table = common::table();
                table.set_header(["measure", "score", "where", "when"]);
                for effect in &view.effects {
                    table.add_row([
                        format!("{}\n{}", effect.measure, effect.title),
                        format!("{:+}", effect.score),
                        effect.where_.to_string(),
                        effect.when.to_string(),
                    ]);
                }
                out.push_str(&table.to_string());
                out.push('\n');
            }
            for (heading, rows, other_end) in [
                ("Interactions out of", &view.interactions_out, false),
                ("Interactions into", &view.interactions_in, true),
            ] {
                let _ = writeln!(out, "\n{heading} {} ({}):", view.id, rows.len());
                if rows.is_empty() {
                    out.push_str("  none recorded\n");
                    continue;
                }
                // The strongest first, and only so many: the JSON lists every one.
                const SHOWN: usize = 8;
                let mut strongest: Vec<&InteractionView> = rows.iter().collect();
                strongest.sort_by_key(|r| std::cmp::Reverse(r.score.abs()));
                strongest.truncate(SHOWN);
                out.push_str(&interaction_table(&strongest, other_end).to_string());
                out.push('\n');
                if rows.len() > SHOWN {
                    let _ = writeln!(
                        out,
                        "  … and {} weaker (`cohere show {} --format json` lists all)",
                        rows.len() - SHOWN,
                        view.id
                    );
                }
            }
            out
        }
    };
    common::emit(&text, None)?;
    Ok(SUCCESS)
}

fn interaction_table(rows: &[&InteractionView], incoming: bool) -> comfy_table::Table {
    let mut table = common::table();
    table.set_header([
        if incoming { "from" } else { "to" },
        "score",
        "perspective",
        "confidence",
        "sources",
    ]);
    for row in rows {
        let other = if incoming { &row.from } else { &row.to };
        let mut score = format!("{:+} {}", row.score, row.score_name);
        if let (Some(min), Some(max)) = (
            row.assessments.iter().map(|a| a.score).min(),
            row.assessments.iter().map(|a| a.score).max(),
        ) {
            score.push_str(&format!("\nassessed {min:+} to {max:+}"));
        }
        table.add_row([
            format!("{}\n{}", other.id, other.title),
            score,
            row.perspective.to_string(),
            row.confidence.to_string(),
            match row.evidence.as_slice() {
                [] => "none".to_string(),
                [one] => one.clone(),
                [first, rest @ ..] => format!("{first}\n(and {} more)", rest.len()),
            },
        ]);
    }
    table
}

/// The sectors measures may name: the built-in ones and those cohere.yaml adds.
fn sectors(workspace: &Workspace) -> Vec<String> {
    let mut sectors: Vec<String> = cohere::model::build::BUILT_IN_SECTORS
        .iter()
        .map(|s| s.to_string())
        .chain(workspace.settings.sectors.iter().cloned())
        .collect();
    sectors.dedup();
    sectors
}

/// `cohere show vocabularies`, `cohere show instruments`, `cohere show group`: the words a
/// document may use, or a framework's elements. `None` when `name` is neither.
fn show_list(
    workspace: &Workspace,
    all: &[Vocabulary],
    name: &str,
    format: ListFormat,
) -> Result<Option<String>> {
    let lower = name.trim().to_lowercase();
    let chosen: Vec<&Vocabulary> = if matches!(lower.as_str(), "vocabularies" | "vocabulary") {
        all.iter().collect()
    } else if let Some(one) = vocabulary_named(all, &lower) {
        vec![one]
    } else {
        return show_framework(workspace, &lower, format);
    };
    if format == ListFormat::Json {
        return Ok(Some(common::json(&chosen)?));
    }
    let mut out = String::new();
    for vocabulary in chosen {
        let _ = writeln!(out, "{} — {}", vocabulary.name, vocabulary.fields);
        let _ = writeln!(out, "{}", cohere::rules::wrap(&vocabulary.about, 92, "  "));
        let width = vocabulary
            .words
            .iter()
            .map(|(w, _)| w.len())
            .max()
            .unwrap_or(0);
        for (word, meaning) in &vocabulary.words {
            let _ = writeln!(out, "    {word:width$}  {meaning}");
        }
        out.push('\n');
    }
    out.push_str(
        "Groups, capacities and the other reference elements are frameworks: `cohere show group`, `cohere show capacity`.\n",
    );
    Ok(Some(out))
}

/// The elements of the framework `prefix` (without its indicators), or `None`.
fn show_framework(
    workspace: &Workspace,
    prefix: &str,
    format: ListFormat,
) -> Result<Option<String>> {
    let model = &workspace.model;
    let prefix = prefix.trim_end_matches(':');
    let singular = prefix.strip_suffix('s').unwrap_or(prefix);
    let Some(framework) = model
        .frameworks
        .iter()
        .find(|f| f.id.as_str() == prefix || f.id.as_str() == singular)
    else {
        return Ok(None);
    };
    let elements: Vec<_> = framework
        .elements
        .iter()
        .map(|&idx| model.element(idx))
        .filter(|e| e.kind != "indicator")
        .collect();
    if format == ListFormat::Json {
        let rows: Vec<_> = elements
            .iter()
            .map(|e| serde_json::json!({"id": e.id.as_str(), "kind": e.kind, "title": e.title}))
            .collect();
        return Ok(Some(common::json(&rows)?));
    }
    let mut out = format!(
        "{} — {} ({} elements; `cohere show ID` shows one)\n",
        framework.id,
        framework.title,
        elements.len()
    );
    let width = elements
        .iter()
        .map(|e| e.id.as_str().len())
        .max()
        .unwrap_or(0);
    for element in elements {
        let _ = writeln!(out, "  {:width$}  {}", element.id.as_str(), element.title);
    }
    Ok(Some(out))
}
