//! Network diagrams of the interaction graph: which nodes and edges to draw, as DOT and SVG.
//!
//! A [`Diagram`] is chosen from the [`InteractionGraph`]: the whole portfolio (measures, their
//! policies, the elements they touch and the knowledge-base interactions between those) or the
//! neighbourhood of one node (`cohere graph --focus sdg:10.7 --depth 2`). Big diagrams are capped
//! at a number of nodes, keeping the most connected ones and naming the rest.
//!
//! The same diagram is written as DOT ([`dot::to_dot`], built with graphviz-rust's typed AST) and
//! as SVG, either laid out in-process ([`svg::render_builtin`], with layout-rs: no system Graphviz
//! needed) or by the system `dot` ([`svg::render_with_dot`]). Edges carry their meaning three
//! ways, so that colour is never the only carrier: colour (blue advances, red sets back), line
//! style (solid advances, dashed sets back, dotted is structural) and a label with the score.

pub mod dot;
pub mod svg;

use crate::graph::{GraphEdge, GraphNode, InteractionGraph};
use crate::model::Model;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NodeKind {
    /// A policy document.
    Policy,
    /// A measure.
    Measure,
    /// A framework element (target, objective, principle, …).
    Element,
    /// An institution.
    Institution,
}

/// What an edge stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// A measure's scored effect on an element.
    Effect,
    /// A knowledge-base interaction between elements.
    Interaction,
    /// A declared interaction between measures.
    MeasureInteraction,
    /// A policy contains a measure.
    Contains,
    /// A measure is led by an institution.
    LedBy,
}

/// A node to draw.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Node {
    /// A unique id: an element's id (`sdg:3.8`), else `measure:…`, `policy:…`, `institution:…`.
    pub id: String,
    /// What it is.
    pub kind: NodeKind,
    /// The short label drawn in the node.
    pub label: String,
    /// The full title, shown as the node's tooltip and in text alternatives.
    pub title: String,
}

/// An edge to draw.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edge {
    /// The position of the source node in [`Diagram::nodes`].
    pub from: usize,
    /// The position of the target node.
    pub to: usize,
    /// What it is.
    pub kind: EdgeKind,
    /// Its score on the Nilsson scale, for scored edges.
    pub score: Option<i8>,
}

/// Nodes and edges chosen for drawing.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Diagram {
    /// The nodes, in a stable order (policies, measures, elements, institutions).
    pub nodes: Vec<Node>,
    /// The edges between them, in a stable order.
    pub edges: Vec<Edge>,
    /// The ids of the nodes left out by the cap, in order.
    pub left_out: Vec<String>,
    /// How many links between drawn nodes were left out by the cap on links (the weakest).
    pub edges_left_out: usize,
}

/// What to draw.
#[derive(Clone, Debug)]
pub struct DiagramOptions {
    /// Draw only the neighbourhood of this node.
    pub focus: Option<GraphNode>,
    /// How many steps around the focus.
    pub depth: u32,
    /// Also draw institutions (and the `led by` edges).
    pub institutions: bool,
    /// The most nodes drawn: the most connected are kept (and the focus, always).
    pub max_nodes: Option<usize>,
    /// The most links drawn between those nodes: the strongest scored links and the structural
    /// ones are kept, the weakest scores left out first.
    pub max_edges: Option<usize>,
}

impl Default for DiagramOptions {
    fn default() -> Self {
        DiagramOptions {
            focus: None,
            depth: 2,
            institutions: false,
            max_nodes: None,
            max_edges: None,
        }
    }
}

/// The graph node a user names on the command line: an element id (`sdg:10.7`), a measure's
/// qualified id (`policy/measure`), a policy id or an institution id, with or without the
/// `measure:`, `policy:` or `institution:` prefix that diagrams use.
pub fn find_node(model: &Model, id: &str) -> Option<GraphNode> {
    let id = id.trim();
    if let Some(rest) = id.strip_prefix("measure:") {
        return model.measure_by_id(rest).map(GraphNode::Measure);
    }
    if let Some(rest) = id.strip_prefix("policy:") {
        return model.policy_by_id(rest).map(GraphNode::Policy);
    }
    if let Some(rest) = id.strip_prefix("institution:") {
        return model.institution_by_id(rest).map(GraphNode::Institution);
    }
    model
        .element_by_id(id)
        .map(GraphNode::Element)
        .or_else(|| model.measure_by_id(id).map(GraphNode::Measure))
        .or_else(|| model.policy_by_id(id).map(GraphNode::Policy))
        .or_else(|| model.institution_by_id(id).map(GraphNode::Institution))
}

/// Every id [`find_node`] accepts, for did-you-mean suggestions.
pub fn node_ids(model: &Model) -> Vec<String> {
    let mut ids: Vec<String> = model.elements.iter().map(|e| e.id.to_string()).collect();
    ids.extend(model.measures.iter().map(|m| m.id.to_string()));
    ids.extend(model.policies.iter().map(|p| p.id.to_string()));
    ids.extend(model.institutions.iter().map(|i| i.id.to_string()));
    ids
}

impl Diagram {
    /// Chooses what to draw from the graph.
    pub fn build(model: &Model, graph: &InteractionGraph, options: &DiagramOptions) -> Diagram {
        let (mut nodes, mut edges) = match options.focus {
            Some(focus) => graph.neighbourhood(focus, options.depth),
            None => whole(graph),
        };
        if !options.institutions {
            nodes.retain(|n| !matches!(n, GraphNode::Institution(_)));
            edges.retain(|(_, _, e)| *e != GraphEdge::LedBy);
        }
        // Order: policies, measures, elements, institutions, each in model order.
        nodes.sort_by_key(|n| order_key(*n));
        nodes.dedup();
        let mut left_out = Vec::new();
        if let Some(max) = options.max_nodes
            && nodes.len() > max
        {
            let kept = most_connected(&nodes, &edges, max, options.focus);
            left_out = nodes
                .iter()
                .filter(|n| !kept.contains(n))
                .map(|n| node_id(model, *n))
                .collect();
            nodes.retain(|n| kept.contains(n));
        }
        let position: BTreeMap<GraphNode, usize> =
            nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let mut drawn: Vec<Edge> = edges
            .iter()
            .filter_map(|(from, to, edge)| {
                let (&from, &to) = (position.get(from)?, position.get(to)?);
                let (kind, score) = describe_edge(model, *edge);
                Some(Edge {
                    from,
                    to,
                    kind,
                    score,
                })
            })
            .collect();
        drawn.sort_by_key(|e| (e.from, e.to, e.kind, e.score));
        drawn.dedup();
        let mut edges_left_out = 0;
        if let Some(max) = options.max_edges
            && drawn.len() > max
        {
            edges_left_out = drawn.len() - max;
            // Strongest first (a stable sort: ties keep their order), then back in order.
            let mut ranked: Vec<usize> = (0..drawn.len()).collect();
            ranked.sort_by_key(|&i| std::cmp::Reverse(edge_weight(&drawn[i])));
            let mut keep = vec![false; drawn.len()];
            for &i in &ranked[..max] {
                keep[i] = true;
            }
            let mut keep = keep.into_iter();
            drawn.retain(|_| keep.next().unwrap_or(false));
        }
        Diagram {
            nodes: nodes.iter().map(|n| describe_node(model, *n)).collect(),
            edges: drawn,
            left_out,
            edges_left_out,
        }
    }

    /// A one-paragraph description of the diagram in words: its text alternative.
    pub fn describe(&self) -> String {
        let count = |kind: NodeKind| self.nodes.iter().filter(|n| n.kind == kind).count();
        let mut parts = Vec::new();
        for (kind, one, many) in [
            (NodeKind::Policy, "policy", "policies"),
            (NodeKind::Measure, "measure", "measures"),
            (
                NodeKind::Element,
                "target or principle",
                "targets and principles",
            ),
            (NodeKind::Institution, "institution", "institutions"),
        ] {
            match count(kind) {
                0 => {}
                1 => parts.push(format!("1 {one}")),
                n => parts.push(format!("{n} {many}")),
            }
        }
        let scored: Vec<&Edge> = self.edges.iter().filter(|e| e.score.is_some()).collect();
        let positive = scored.iter().filter(|e| e.score > Some(0)).count();
        let negative = scored.iter().filter(|e| e.score < Some(0)).count();
        let mut text = if parts.is_empty() {
            "An empty diagram.".to_string()
        } else {
            format!(
                "A network of {}, joined by {} scored links: {} that advance (solid blue, \
                 marked +) and {} that set back (dashed red, marked −)",
                join_words(&parts),
                scored.len(),
                positive,
                negative
            )
        };
        if !parts.is_empty() {
            let neutral = scored.len() - positive - negative;
            if neutral > 0 {
                text.push_str(&format!(", and {neutral} with no significant effect"));
            }
            text.push('.');
        }
        if !self.left_out.is_empty() {
            text.push_str(&format!(
                " {} less connected nodes are left out to keep it readable.",
                self.left_out.len()
            ));
        }
        if self.edges_left_out > 0 {
            text.push_str(&format!(
                " {} weaker links between the nodes drawn are left out.",
                self.edges_left_out
            ));
        }
        text
    }
}

/// How much an edge matters when links are capped: its score's magnitude (0 to 3); structural
/// links (a policy contains a measure, an institution leads it) rank with strong scores, so
/// that what is drawn still shows who does what.
fn edge_weight(edge: &Edge) -> u8 {
    match edge.score {
        Some(score) => score.unsigned_abs(),
        None => 2,
    }
}

/// "a, b and c".
pub(crate) fn join_words(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The whole portfolio: policies, measures, the elements they touch and the edges among them.
fn whole(graph: &InteractionGraph) -> (Vec<GraphNode>, Vec<(GraphNode, GraphNode, GraphEdge)>) {
    let (nodes, edges) = graph.all();
    let touched: BTreeSet<GraphNode> = edges
        .iter()
        .filter(|(_, _, e)| matches!(e, GraphEdge::Effect { .. }))
        .map(|(_, to, _)| *to)
        .collect();
    let keep = |n: &GraphNode| !matches!(n, GraphNode::Element(_)) || touched.contains(n);
    let nodes: Vec<GraphNode> = nodes.into_iter().filter(keep).collect();
    let edges = edges
        .into_iter()
        .filter(|(a, b, _)| keep(a) && keep(b))
        .collect();
    (nodes, edges)
}

fn order_key(node: GraphNode) -> (u8, usize) {
    match node {
        GraphNode::Policy(i) => (0, i.index()),
        GraphNode::Measure(i) => (1, i.index()),
        GraphNode::Element(i) => (2, i.index()),
        GraphNode::Institution(i) => (3, i.index()),
    }
}

/// The `max` nodes to draw: grown from the focus (or the most connected node) by adding, at
/// each step, the most connected node that touches one already kept, so that what is drawn
/// hangs together; a new component is started only when nothing kept has a neighbour left.
/// Ties go to the earlier node, so the choice is deterministic.
fn most_connected(
    nodes: &[GraphNode],
    edges: &[(GraphNode, GraphNode, GraphEdge)],
    max: usize,
    focus: Option<GraphNode>,
) -> BTreeSet<GraphNode> {
    let position: BTreeMap<GraphNode, usize> =
        nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let mut neighbours: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); nodes.len()];
    for (a, b, _) in edges {
        if let (Some(&a), Some(&b)) = (position.get(a), position.get(b))
            && a != b
        {
            neighbours[a].insert(b);
            neighbours[b].insert(a);
        }
    }
    let degree = |i: usize| neighbours[i].len();
    // Best first: higher degree, then earlier.
    let better =
        |a: usize, b: usize| (degree(a), std::cmp::Reverse(a)) > (degree(b), std::cmp::Reverse(b));
    let mut kept: BTreeSet<usize> = BTreeSet::new();
    let mut frontier: BTreeSet<usize> = BTreeSet::new();
    let add = |i: usize, kept: &mut BTreeSet<usize>, frontier: &mut BTreeSet<usize>| {
        kept.insert(i);
        frontier.remove(&i);
        for &n in &neighbours[i] {
            if !kept.contains(&n) {
                frontier.insert(n);
            }
        }
    };
    if let Some(&f) = focus.as_ref().and_then(|f| position.get(f)) {
        add(f, &mut kept, &mut frontier);
    }
    while kept.len() < max.min(nodes.len()) {
        let pool: Box<dyn Iterator<Item = usize>> = if frontier.is_empty() {
            Box::new((0..nodes.len()).filter(|i| !kept.contains(i)))
        } else {
            Box::new(frontier.iter().copied())
        };
        let Some(next) = pool.reduce(|a, b| if better(b, a) { b } else { a }) else {
            break;
        };
        add(next, &mut kept, &mut frontier);
    }
    kept.into_iter().map(|i| nodes[i]).collect()
}

/// A node's id in diagrams.
pub fn node_id(model: &Model, node: GraphNode) -> String {
    match node {
        GraphNode::Element(i) => model.element(i).id.to_string(),
        GraphNode::Measure(i) => format!("measure:{}", model.measure(i).id),
        GraphNode::Policy(i) => format!("policy:{}", model.policy(i).id),
        GraphNode::Institution(i) => format!("institution:{}", model.institution(i).id),
    }
}

fn describe_node(model: &Model, node: GraphNode) -> Node {
    let id = node_id(model, node);
    match node {
        GraphNode::Element(i) => {
            let e = model.element(i);
            Node {
                id,
                kind: NodeKind::Element,
                label: e.id.to_string(),
                title: format!("{}: {}", e.id, e.title),
            }
        }
        GraphNode::Measure(i) => {
            let m = model.measure(i);
            Node {
                id,
                kind: NodeKind::Measure,
                label: m.id.local().to_string(),
                title: format!("Measure {}: {}", m.id, m.title),
            }
        }
        GraphNode::Policy(i) => {
            let p = model.policy(i);
            Node {
                id,
                kind: NodeKind::Policy,
                label: p.id.to_string(),
                title: format!("Policy {}: {}", p.id, p.title),
            }
        }
        GraphNode::Institution(i) => {
            let inst = model.institution(i);
            Node {
                id,
                kind: NodeKind::Institution,
                label: inst.id.to_string(),
                title: format!("Institution {}: {}", inst.id, inst.name),
            }
        }
    }
}

fn describe_edge(model: &Model, edge: GraphEdge) -> (EdgeKind, Option<i8>) {
    match edge {
        GraphEdge::Effect { measure, effect } => (
            EdgeKind::Effect,
            model
                .measure(measure)
                .effects
                .get(effect)
                .map(|e| e.score.value()),
        ),
        GraphEdge::Interaction(i) => (
            EdgeKind::Interaction,
            Some(model.interaction(i).score.value()),
        ),
        GraphEdge::MeasureInteraction { measure, index } => (
            EdgeKind::MeasureInteraction,
            model
                .measure(measure)
                .interactions
                .get(index)
                .map(|i| i.score.value()),
        ),
        GraphEdge::Contains => (EdgeKind::Contains, None),
        GraphEdge::LedBy => (EdgeKind::LedBy, None),
    }
}

/// A score as drawn on an edge: `+2`, `−1` (a true minus sign), `0`.
pub fn score_label(score: i8) -> String {
    match score {
        s if s > 0 => format!("+{s}"),
        s if s < 0 => format!("\u{2212}{}", -i16::from(s)),
        _ => "0".to_string(),
    }
}

/// How an edge is drawn: colour, line style and width, and what it means in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EdgeStyle {
    /// The stroke colour (`#rrggbb`), chosen for contrast on white and for colour-blind readers.
    pub color: &'static str,
    /// `solid`, `dashed` or `dotted`.
    pub line: &'static str,
    /// The stroke width, 1 to 3: the magnitude of the score.
    pub width: u8,
}

/// Blue: advances. Dark enough for 4.5:1 contrast on white.
pub const POSITIVE: &str = "#1f5fa8";
/// Red: sets back.
pub const NEGATIVE: &str = "#b3261e";
/// Grey: no significant effect, or a structural link.
pub const NEUTRAL: &str = "#5f6368";

impl EdgeStyle {
    /// The style of an edge.
    pub fn of(edge: &Edge) -> EdgeStyle {
        match edge.score {
            Some(s) if s > 0 => EdgeStyle {
                color: POSITIVE,
                line: "solid",
                width: s.unsigned_abs(),
            },
            Some(s) if s < 0 => EdgeStyle {
                color: NEGATIVE,
                line: "dashed",
                width: s.unsigned_abs(),
            },
            Some(_) => EdgeStyle {
                color: NEUTRAL,
                line: "solid",
                width: 1,
            },
            None => EdgeStyle {
                color: NEUTRAL,
                line: "dotted",
                width: 1,
            },
        }
    }
}

/// The legend, in words: (what is drawn, what it means).
pub const LEGEND: &[(&str, &str)] = &[
    (
        "solid blue line, marked +1 to +3",
        "advances the target (thicker: stronger)",
    ),
    (
        "dashed red line, marked −1 to −3",
        "sets the target back (thicker: stronger)",
    ),
    ("grey line, marked 0", "no significant interaction"),
    (
        "dotted grey line",
        "structure: a policy contains a measure, an institution leads it",
    ),
    ("rounded box", "a measure"),
    ("ellipse", "a target, objective or principle"),
    ("grey box", "a policy"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_labelled_with_a_sign() {
        assert_eq!(score_label(2), "+2");
        assert_eq!(score_label(-3), "\u{2212}3");
        assert_eq!(score_label(0), "0");
    }

    #[test]
    fn sign_is_carried_by_colour_line_and_label() {
        let edge = |score| Edge {
            from: 0,
            to: 1,
            kind: EdgeKind::Effect,
            score,
        };
        let up = EdgeStyle::of(&edge(Some(2)));
        let down = EdgeStyle::of(&edge(Some(-2)));
        assert_ne!(up.color, down.color);
        assert_ne!(up.line, down.line);
        assert_eq!((up.width, down.width), (2, 2));
        assert_eq!(EdgeStyle::of(&edge(None)).line, "dotted");
    }

    #[test]
    fn the_cap_keeps_a_connected_drawing() {
        use crate::model::{ElementIdx, MeasureIdx, PolicyIdx};
        let policy = |i| GraphNode::Policy(PolicyIdx::new(i));
        let measure = |i| GraphNode::Measure(MeasureIdx::new(i));
        let element = |i| GraphNode::Element(ElementIdx::new(i));
        // Two busy policies whose measures all act on one target, and a third policy with one
        // measure on another target. Policies have the highest degree; kept alone, they would
        // be drawn with nothing between them.
        let mut nodes = vec![policy(0), policy(1), policy(2), element(0), element(1)];
        let mut edges = Vec::new();
        for m in 0..6 {
            nodes.push(measure(m));
            edges.push((policy(m / 3), measure(m), GraphEdge::Contains));
            let effect = GraphEdge::Effect {
                measure: MeasureIdx::new(m),
                effect: 0,
            };
            edges.push((measure(m), element(0), effect));
        }
        nodes.push(measure(6));
        edges.push((policy(2), measure(6), GraphEdge::Contains));
        let kept = most_connected(&nodes, &edges, 4, None);
        // Grown from the busiest node (the target), through its measures to their policy.
        assert!(kept.contains(&element(0)), "{kept:?}");
        for node in &kept {
            let linked = edges.iter().any(|(a, b, _)| {
                (a == node && kept.contains(b)) || (b == node && kept.contains(a))
            });
            assert!(linked, "{node:?} is drawn alone: {kept:?}");
        }
        // The focus is always kept.
        assert!(most_connected(&nodes, &edges, 2, Some(measure(6))).contains(&measure(6)));
    }

    #[test]
    fn words_are_joined() {
        let words = |w: &[&str]| join_words(&w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(words(&["a"]), "a");
        assert_eq!(words(&["a", "b", "c"]), "a, b and c");
    }
}
