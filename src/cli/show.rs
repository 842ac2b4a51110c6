//! `cohere show ID`.

use super::SUCCESS;
use super::args::{ListFormat, ShowArgs};
use super::common;
use anyhow::{Result, anyhow};
use cohere::catalog::{InteractionView, element_view};
use cohere::graph::InteractionGraph;
use cohere::suggest::did_you_mean;
use std::fmt::Write as _;

pub fn run(args: ShowArgs) -> Result<u8> {
    let workspace = common::load_frameworks(&args.project)?;
    let model = &workspace.model;
    let id = args.id.trim();
    let Some(idx) = model.element_by_id(id) else {
        let help = match did_you_mean(id, model.element_ids()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "`cohere frameworks` lists what is loaded".to_string(),
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
            for (heading, rows, other_end) in [
                ("Interactions out of", &view.interactions_out, false),
                ("Interactions into", &view.interactions_in, true),
            ] {
                let _ = writeln!(out, "\n{heading} {} ({}):", view.id, rows.len());
                if rows.is_empty() {
                    out.push_str("  none recorded\n");
                    continue;
                }
                out.push_str(&interaction_table(rows, other_end).to_string());
                out.push('\n');
            }
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
            out
        }
    };
    common::emit(&text, None)?;
    Ok(SUCCESS)
}

fn interaction_table(rows: &[InteractionView], incoming: bool) -> comfy_table::Table {
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
            if row.evidence.is_empty() {
                "none".to_string()
            } else {
                row.evidence.join("\n")
            },
        ]);
    }
    table
}
