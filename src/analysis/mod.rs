//! The analyze stage: the interaction graph, effect propagation and metrics, computed once per
//! run and shared by every rule and renderer.

use crate::graph::InteractionGraph;
use crate::project::Workspace;

/// What the analyses computed.
#[derive(Debug)]
pub struct Analysis {
    /// The interaction graph.
    pub graph: InteractionGraph,
}

/// Analyses a workspace.
pub fn analyze(workspace: &Workspace) -> Analysis {
    let graph = InteractionGraph::build(&workspace.model);
    Analysis { graph }
}
