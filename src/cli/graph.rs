//! `cohere graph`.

use super::SUCCESS;
use super::args::{GraphArgs, GraphEngine, GraphFormat};
use super::common;
use anyhow::{Result, anyhow, bail};
use cohere::diagram::svg::{
    BUILTIN_MAX_EDGES, Embedding, dot_available, render_builtin, render_with_dot,
};
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
        max_edges: args.max_edges,
    };
    let diagram = Diagram::build(model, &graph, &options);
    let title = match &args.focus {
        Some(id) => match args.depth {
            1 => format!("Interactions within 1 step of {}", id.trim()),
            depth => format!("Interactions within {depth} steps of {}", id.trim()),
        },
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
            if !use_dot && diagram.edges.len() > BUILTIN_MAX_EDGES {
                bail!(
                    "the diagram has {} links, more than the built-in layout draws ({BUILTIN_MAX_EDGES})\n  \
                     help: draw fewer (`--max-nodes 60`, `--max-edges 180`, or `--focus ID`), \
                     install Graphviz for `--engine dot`, or write DOT with `--format dot`",
                    diagram.edges.len()
                );
            }
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
    if diagram.edges_left_out > 0 {
        eprintln!(
            "note: {} weaker links left out (--max-edges)",
            diagram.edges_left_out
        );
    }
    Ok(SUCCESS)
}
