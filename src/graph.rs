//! The interaction graph: one directed graph of measures, policies, framework elements and
//! institutions (SPEC §4).
//!
//! Edges are measures' scored effects on elements, knowledge-base interactions between elements,
//! declared interactions between measures, and structural links (a policy contains a measure, a
//! measure is led by an institution). Analyses ask this module domain questions — effects on an
//! element, interactions out of one, strongest paths of bounded depth, feedback cycles — and
//! petgraph's types never leave it.

use crate::model::{ElementIdx, InstitutionIdx, InteractionIdx, MeasureIdx, Model, PolicyIdx};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GraphNode {
    /// A framework element.
    Element(ElementIdx),
    /// A measure.
    Measure(MeasureIdx),
    /// A policy.
    Policy(PolicyIdx),
    /// An institution.
    Institution(InstitutionIdx),
}

/// What an edge stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GraphEdge {
    /// Effect number `effect` of a measure (measure → element).
    Effect {
        /// The measure.
        measure: MeasureIdx,
        /// The effect's position in the measure's list.
        effect: usize,
    },
    /// A knowledge-base interaction (element → element).
    Interaction(InteractionIdx),
    /// Interaction number `index` declared by a measure (measure → measure).
    MeasureInteraction {
        /// The measure that declares it.
        measure: MeasureIdx,
        /// Its position in the measure's list.
        index: usize,
    },
    /// A policy contains a measure (policy → measure).
    Contains,
    /// A measure is led by an institution (measure → institution).
    LedBy,
}

/// One element reached from another through interactions.
#[derive(Clone, Debug, PartialEq)]
pub struct Reached {
    /// The element reached.
    pub element: ElementIdx,
    /// The product of the normalised scores along the path.
    pub strength: f64,
    /// The interactions followed, in order.
    pub path: Vec<InteractionIdx>,
}

/// The graph of one model.
#[derive(Debug)]
pub struct InteractionGraph {
    graph: DiGraph<GraphNode, GraphEdge>,
    elements: Vec<NodeIndex>,
    measures: Vec<NodeIndex>,
    policies: Vec<NodeIndex>,
    institutions: Vec<NodeIndex>,
}

impl InteractionGraph {
    /// Builds the graph of a model. Linear in the size of the model.
    pub fn build(model: &Model) -> Self {
        let mut graph = DiGraph::with_capacity(
            model.elements.len() + model.measures.len() + model.policies.len(),
            model.interactions.len() + model.measures.len() * 4,
        );
        let elements: Vec<_> = (0..model.elements.len())
            .map(|i| graph.add_node(GraphNode::Element(ElementIdx::new(i))))
            .collect();
        let measures: Vec<_> = (0..model.measures.len())
            .map(|i| graph.add_node(GraphNode::Measure(MeasureIdx::new(i))))
            .collect();
        let policies: Vec<_> = (0..model.policies.len())
            .map(|i| graph.add_node(GraphNode::Policy(PolicyIdx::new(i))))
            .collect();
        let institutions: Vec<_> = (0..model.institutions.len())
            .map(|i| graph.add_node(GraphNode::Institution(InstitutionIdx::new(i))))
            .collect();
        for (i, interaction) in model.interactions.iter().enumerate() {
            graph.add_edge(
                elements[interaction.from.index()],
                elements[interaction.to.index()],
                GraphEdge::Interaction(InteractionIdx::new(i)),
            );
        }
        for (i, measure) in model.measures.iter().enumerate() {
            let idx = MeasureIdx::new(i);
            let node = measures[i];
            graph.add_edge(policies[measure.policy.index()], node, GraphEdge::Contains);
            if let Some(lead) = measure.lead {
                graph.add_edge(node, institutions[lead.index()], GraphEdge::LedBy);
            }
            for (effect, e) in measure.effects.iter().enumerate() {
                graph.add_edge(
                    node,
                    elements[e.target.index()],
                    GraphEdge::Effect {
                        measure: idx,
                        effect,
                    },
                );
            }
            for (index, interaction) in measure.interactions.iter().enumerate() {
                graph.add_edge(
                    node,
                    measures[interaction.with.index()],
                    GraphEdge::MeasureInteraction {
                        measure: idx,
                        index,
                    },
                );
            }
        }
        InteractionGraph {
            graph,
            elements,
            measures,
            policies,
            institutions,
        }
    }

    /// The measures' effects on `element`: (measure, position of the effect in its list).
    pub fn effects_on(
        &self,
        element: ElementIdx,
    ) -> impl Iterator<Item = (MeasureIdx, usize)> + '_ {
        self.graph
            .edges_directed(self.elements[element.index()], Direction::Incoming)
            .filter_map(|edge| match *edge.weight() {
                GraphEdge::Effect { measure, effect } => Some((measure, effect)),
                _ => None,
            })
    }

    /// The knowledge-base interactions out of `element`.
    pub fn interactions_from(
        &self,
        element: ElementIdx,
    ) -> impl Iterator<Item = InteractionIdx> + '_ {
        self.element_edges(element, Direction::Outgoing)
    }

    /// The knowledge-base interactions into `element`.
    pub fn interactions_into(
        &self,
        element: ElementIdx,
    ) -> impl Iterator<Item = InteractionIdx> + '_ {
        self.element_edges(element, Direction::Incoming)
    }

    fn element_edges(
        &self,
        element: ElementIdx,
        direction: Direction,
    ) -> impl Iterator<Item = InteractionIdx> + '_ {
        self.graph
            .edges_directed(self.elements[element.index()], direction)
            .filter_map(|edge| match *edge.weight() {
                GraphEdge::Interaction(i) => Some(i),
                _ => None,
            })
    }

    /// The measures declaring an interaction with `measure`.
    pub fn measures_interacting_with(
        &self,
        measure: MeasureIdx,
    ) -> impl Iterator<Item = (MeasureIdx, usize)> + '_ {
        self.graph
            .edges_directed(self.measures[measure.index()], Direction::Incoming)
            .filter_map(|edge| match *edge.weight() {
                GraphEdge::MeasureInteraction { measure, index } => Some((measure, index)),
                _ => None,
            })
    }

    /// The strongest paths of at most `depth` interactions from `start`, following only the
    /// interactions `follow` accepts.
    ///
    /// For each element reached, returns the strongest positive path and the strongest negative
    /// path (strength = product of score / 3), so that an element pushed both ways is seen both
    /// ways. This is dynamic programming over depth — O(depth × interactions) — not an
    /// enumeration of all paths, whose number grows exponentially with depth. Paths are simple:
    /// they never return to an element already on them.
    pub fn strongest_paths(
        &self,
        model: &Model,
        start: ElementIdx,
        depth: u32,
        follow: impl Fn(InteractionIdx) -> bool,
    ) -> Vec<Reached> {
        let start_node = self.elements[start.index()].index();
        // layers[l] holds the best paths of l + 1 interactions, keyed by (node, positive?).
        let mut layers: Vec<Layer> = Vec::new();
        let mut frontier: Vec<((usize, bool), f64)> = vec![((start_node, true), 1.0)];
        for level in 0..depth as usize {
            let mut next = Layer::new();
            for &(key, strength) in &frontier {
                for edge in self.graph.edges(NodeIndex::new(key.0)) {
                    let GraphEdge::Interaction(interaction) = *edge.weight() else {
                        continue;
                    };
                    if !follow(interaction) {
                        continue;
                    }
                    let score = model.interaction(interaction).score;
                    let target = edge.target().index();
                    if score.value() == 0
                        || target == start_node
                        || (level > 0 && on_path(&layers, level - 1, key, target))
                    {
                        continue;
                    }
                    let new_strength = strength * score.normalised();
                    let slot = (target, new_strength > 0.0);
                    let better = next
                        .get(&slot)
                        .is_none_or(|best| new_strength.abs() > best.strength.abs());
                    if better {
                        next.insert(
                            slot,
                            Step {
                                strength: new_strength,
                                via: interaction,
                                previous: (level > 0).then_some(key),
                            },
                        );
                    }
                }
            }
            frontier = next
                .iter()
                .map(|(&key, step)| (key, step.strength))
                .collect();
            layers.push(next);
            if frontier.is_empty() {
                break;
            }
        }
        // The best of each (element, sign) over all depths; shorter paths win ties.
        let mut best: BTreeMap<(usize, bool), (usize, f64)> = Default::default();
        for (level, layer) in layers.iter().enumerate() {
            for (&key, step) in layer {
                let better = best
                    .get(&key)
                    .is_none_or(|&(_, s)| step.strength.abs() > s.abs());
                if better {
                    best.insert(key, (level, step.strength));
                }
            }
        }
        best.into_iter()
            .filter_map(|((node, positive), (level, strength))| {
                let mut path = Vec::new();
                let mut cursor = Some((level, (node, positive)));
                while let Some((l, key)) = cursor {
                    let step = layers[l].get(&key)?;
                    path.push(step.via);
                    cursor = step.previous.map(|p| (l.wrapping_sub(1), p));
                }
                path.reverse();
                let GraphNode::Element(element) = self.graph[NodeIndex::new(node)] else {
                    return None;
                };
                Some(Reached {
                    element,
                    strength,
                    path,
                })
            })
            .collect()
    }

    /// The elements of each strongly connected component with more than one element, over the
    /// interactions `follow` accepts, among the elements `within`. Sorted, deterministic.
    pub fn element_cycles_components(
        &self,
        within: &BTreeSet<ElementIdx>,
        follow: impl Fn(InteractionIdx) -> bool,
    ) -> Vec<Vec<ElementIdx>> {
        // Only the elements `within` and the interactions among them: a subgraph built from
        // their own edges, so the cost does not grow with the rest of the model (a policy's
        // targets in a repository of 100,000 measures cost what they cost in one of 100).
        let mut sub: DiGraph<ElementIdx, InteractionIdx> =
            DiGraph::with_capacity(within.len(), within.len() * 4);
        let nodes: BTreeMap<ElementIdx, NodeIndex> = within
            .iter()
            .map(|&element| (element, sub.add_node(element)))
            .collect();
        for (&element, &from) in &nodes {
            for edge in self.graph.edges(self.elements[element.index()]) {
                let GraphEdge::Interaction(i) = *edge.weight() else {
                    continue;
                };
                let GraphNode::Element(target) = self.graph[edge.target()] else {
                    continue;
                };
                if let Some(&to) = nodes.get(&target)
                    && follow(i)
                {
                    sub.add_edge(from, to, i);
                }
            }
        }
        let mut components: Vec<Vec<ElementIdx>> = petgraph::algo::tarjan_scc(&sub)
            .into_iter()
            .filter(|component| component.len() > 1)
            .map(|component| {
                let mut elements: Vec<_> = component.into_iter().map(|n| sub[n]).collect();
                elements.sort();
                elements
            })
            .collect();
        components.sort();
        components
    }

    /// The nodes within `depth` steps of `start`, in either direction, with the edges between
    /// them: the neighbourhood drawn by `cohere graph --focus`.
    pub fn neighbourhood(
        &self,
        start: GraphNode,
        depth: u32,
    ) -> (Vec<GraphNode>, Vec<(GraphNode, GraphNode, GraphEdge)>) {
        let Some(start) = self.node_of(start) else {
            return (Vec::new(), Vec::new());
        };
        let mut seen = BTreeSet::from([start]);
        let mut frontier = vec![start];
        for _ in 0..depth {
            let mut next = Vec::new();
            for node in frontier {
                for neighbour in self.graph.neighbors_undirected(node) {
                    if seen.insert(neighbour) {
                        next.push(neighbour);
                    }
                }
            }
            frontier = next;
        }
        self.subgraph(&seen)
    }

    /// Every node and edge.
    pub fn all(&self) -> (Vec<GraphNode>, Vec<(GraphNode, GraphNode, GraphEdge)>) {
        let all: BTreeSet<NodeIndex> = self.graph.node_indices().collect();
        self.subgraph(&all)
    }

    fn subgraph(
        &self,
        nodes: &BTreeSet<NodeIndex>,
    ) -> (Vec<GraphNode>, Vec<(GraphNode, GraphNode, GraphEdge)>) {
        let mut listed: Vec<GraphNode> = nodes.iter().map(|&n| self.graph[n]).collect();
        listed.sort();
        let mut edges: Vec<_> = self
            .graph
            .edge_references()
            .filter(|e| nodes.contains(&e.source()) && nodes.contains(&e.target()))
            .map(|e| (self.graph[e.source()], self.graph[e.target()], *e.weight()))
            .collect();
        edges.sort();
        (listed, edges)
    }

    fn node_of(&self, node: GraphNode) -> Option<NodeIndex> {
        match node {
            GraphNode::Element(i) => self.elements.get(i.index()),
            GraphNode::Measure(i) => self.measures.get(i.index()),
            GraphNode::Policy(i) => self.policies.get(i.index()),
            GraphNode::Institution(i) => self.institutions.get(i.index()),
        }
        .copied()
    }
}

/// One step of a best path: its strength so far, the interaction taken, and the key of the
/// path it extends in the previous layer.
#[derive(Clone, Copy)]
struct Step {
    strength: f64,
    via: InteractionIdx,
    previous: Option<(usize, bool)>,
}

type Layer = BTreeMap<(usize, bool), Step>;

/// Whether `target` is already on the best path stored under `key` in `layers[level]`.
fn on_path(layers: &[Layer], level: usize, key: (usize, bool), target: usize) -> bool {
    let mut cursor = Some((level, key));
    while let Some((l, key)) = cursor {
        if key.0 == target {
            return true;
        }
        cursor = layers[l]
            .get(&key)
            .and_then(|step| step.previous)
            .filter(|_| l > 0)
            .map(|previous| (l - 1, previous));
    }
    false
}
