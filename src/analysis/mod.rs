//! The analyze stage: the interaction graph, effect propagation and metrics, computed once per
//! run and shared by every rule and renderer.

pub mod coherence_index;
pub mod cost;
pub mod coverage;
pub mod evidence;
pub mod influence;
pub mod propagation;
pub mod strength;
pub mod tension;

use crate::config::Settings;
use crate::graph::InteractionGraph;
use crate::model::Model;
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
    /// Effects pulling elements apart, for the conflict rules.
    pub tensions: tension::Tensions,
    /// Each measure's costs elsewhere and later, for the cost rules.
    pub costs: cost::Costs,
}

impl Analysis {
    /// The coherence index and its breakdowns. Computed on request, not by [`analyze`]: no
    /// rule needs it, so `cohere lint` does not pay for it (2 s at 100,000 measures).
    pub fn coherence(&self, model: &Model) -> coherence_index::CoherenceIndex {
        coherence_index::compute(model, &self.propagation)
    }
}

/// Analyses a validated model under the effective settings.
pub fn analyze(model: &Model, settings: &Settings) -> Analysis {
    let graph = InteractionGraph::build(model);
    let propagation = Propagation::compute(model, &graph, &settings.thresholds);
    let coverage = Coverage::compute(model, &propagation, settings);
    let max_listed = settings.thresholds.max_listed_measures as usize;
    let tensions = tension::Tensions::compute(model, &propagation, max_listed);
    let costs = cost::Costs::compute(model, &propagation);
    Analysis {
        graph,
        propagation,
        coverage,
        tensions,
        costs,
    }
}
