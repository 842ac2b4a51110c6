//! The analyze stage: the interaction graph, effect propagation and metrics, computed once per
//! run and shared by every rule and renderer.

pub mod coherence_index;
pub mod coverage;
pub mod influence;
pub mod propagation;

use crate::graph::InteractionGraph;
use crate::project::Workspace;
use coverage::Coverage;
use propagation::Propagation;

/// What the analyses computed.
#[derive(Debug)]
pub struct Analysis {
    /// The interaction graph.
    pub graph: InteractionGraph,
    /// Every measure's direct and indirect effects.
    pub propagation: Propagation,
    /// What the measures reach, and what they must.
    pub coverage: Coverage,
}

impl Analysis {
    /// The coherence index and its breakdowns. Computed on request, not by [`analyze`]: no
    /// rule needs it, so `cohere lint` does not pay for it (2 s at 100,000 measures).
    pub fn coherence(&self, model: &crate::model::Model) -> coherence_index::CoherenceIndex {
        coherence_index::compute(model, &self.propagation)
    }
}

/// Analyses a workspace.
pub fn analyze(workspace: &Workspace) -> Analysis {
    let model = &workspace.model;
    let settings = &workspace.settings;
    let graph = InteractionGraph::build(model);
    let propagation = Propagation::compute(model, &graph, &settings.thresholds);
    let coverage = Coverage::compute(model, &propagation, settings);
    Analysis {
        graph,
        propagation,
        coverage,
    }
}
