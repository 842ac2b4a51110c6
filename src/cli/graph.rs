//! `cohere graph`.

use super::SUCCESS;
use super::args::{GraphArgs, GraphEngine, GraphFormat};
use super::common;
use anyhow::{Result, anyhow};
use cohere::diagram::svg::{Embedding, dot_available, render_builtin, render_with_dot};
use cohere::diagram::{Diagram, DiagramOptions, dot::to_dot, find_node, node_ids};

pub fn run(args: GraphArgs) -> Result<u8> {
    let workspace = common::load(&args.paths, &args.project)?;
    let model = &workspace.model;
    let focus = match &args.focus {
        None => None,
        Some(id) => Some(find_node(model, id).ok_or_else(|| {
            let ids = node_ids(model);
            let help = match cohere::suggest::did_you_mean(id, ids.iter().map(String::as_str)) {
                Some(close) => format!("did you mean `{close}`?"),
                None => "`cohere show ID` looks up an element; measures are `policy/measure`"
                    .to_string(),
            };
            anyhow!("unknown node `{id}` for --focus\n  help: {help}")
        })?),
    };
    let graph = cohere::graph::InteractionGraph::build(model);
    let options = DiagramOptions {
        focus,
        depth: args.depth,
        institutions: args.institutions,
        max_nodes: args.max_nodes,
    };
    let diagram = Diagram::build(model, &graph, &options);
    let title = match &args.focus {
        Some(id) => format!("Interactions within {} steps of {}", args.depth, id.trim()),
        None => "Interaction network".to_string(),
    };
    let text = match args.format {
        GraphFormat::Dot => to_dot(&diagram, &title),
        GraphFormat::Svg => {
            let use_dot = match args.engine {
                GraphEngine::Builtin => false,
                GraphEngine::Dot => true,
                GraphEngine::Auto => dot_available(),
            };
            if use_dot {
                render_with_dot(&diagram, &title)
                    .map_err(|error| anyhow!("cannot run Graphviz `dot`: {error}"))?
            } else {
                render_builtin(&diagram, &title, Embedding::Standalone)
            }
        }
    };
    common::emit(&text, args.output.as_deref())?;
    if !diagram.left_out.is_empty() {
        eprintln!(
            "note: {} less connected nodes left out (--max-nodes)",
            diagram.left_out.len()
        );
    }
    Ok(SUCCESS)
}
