//! DOT, built with graphviz-rust's typed AST and printed by its printer.
//!
//! Nodes are shaped by kind (measures rounded boxes, elements ellipses, policies grey boxes,
//! institutions notes); edges by sign and strength: colour, line style (solid, dashed, dotted),
//! width and a label with the score. A `cluster_legend` subgraph explains the styles inside the
//! drawing itself.

use super::{Diagram, EdgeKind, EdgeStyle, NodeKind, score_label};
use dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// A quoted DOT string: `"` and `\` escaped, line breaks as `\n`.
fn quoted(text: &str) -> Id {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

fn attr(name: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(name.to_string()), quoted(value))
}

fn node_ref(id: &str) -> Vertex {
    Vertex::N(NodeId(quoted(id), None))
}

/// The diagram as DOT, titled `title`.
pub fn to_dot(diagram: &Diagram, title: &str) -> String {
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("label", title),
            attr("labelloc", "t"),
            attr("rankdir", "LR"),
            attr("fontname", "Helvetica"),
            attr("fontsize", "14"),
            attr("bgcolor", "white"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "11"),
            attr("style", "filled"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "10"),
        ])),
    ];
    for node in &diagram.nodes {
        let (shape, style, fill) = match node.kind {
            NodeKind::Policy => ("box", "filled", "#e6e6e6"),
            NodeKind::Measure => ("box", "rounded,filled", "#fff4cc"),
            NodeKind::Element => ("ellipse", "filled", "#e8f0fb"),
            NodeKind::Institution => ("note", "filled", "#f1e6f5"),
        };
        stmts.push(Stmt::Node(DotNode::new(
            NodeId(quoted(&node.id), None),
            vec![
                attr("label", &node.label),
                attr("tooltip", &node.title),
                attr("shape", shape),
                attr("style", style),
                attr("fillcolor", fill),
            ],
        )));
    }
    for edge in &diagram.edges {
        let (Some(from), Some(to)) = (diagram.nodes.get(edge.from), diagram.nodes.get(edge.to))
        else {
            continue;
        };
        let style = EdgeStyle::of(edge);
        let mut attributes = vec![
            attr("color", style.color),
            attr("fontcolor", style.color),
            attr("style", style.line),
            attr("penwidth", &style.width.to_string()),
        ];
        match edge.score {
            Some(score) => attributes.push(attr("label", &score_label(score))),
            None => attributes.push(attr(
                "tooltip",
                if edge.kind == EdgeKind::LedBy {
                    "led by"
                } else {
                    "contains"
                },
            )),
        }
        stmts.push(Stmt::Edge(DotEdge {
            ty: EdgeTy::Pair(node_ref(&from.id), node_ref(&to.id)),
            attributes,
        }));
    }
    stmts.push(Stmt::Subgraph(legend()));
    let graph = Graph::DiGraph {
        id: Id::Plain("cohere".to_string()),
        strict: false,
        stmts,
    };
    let mut text = graph.print(&mut PrinterContext::default());
    text.push('\n');
    text
}

/// The legend: three short edges, one per style.
fn legend() -> Subgraph {
    let mut stmts = vec![Stmt::GAttribute(GraphAttributes::Graph(vec![
        attr("label", "Legend"),
        attr("color", "#5f6368"),
        attr("fontsize", "11"),
    ]))];
    let rows: [(&str, i8, &str); 3] = [
        ("advances", 2, "+2 advances"),
        ("sets-back", -2, "\u{2212}2 sets back"),
        ("structure", 0, "structure"),
    ];
    for (name, score, label) in rows {
        let a = format!("legend-{name}-from");
        let b = format!("legend-{name}-to");
        for id in [&a, &b] {
            stmts.push(Stmt::Node(DotNode::new(
                NodeId(quoted(id), None),
                vec![attr("shape", "point"), attr("width", "0.05")],
            )));
        }
        let edge = super::Edge {
            from: 0,
            to: 0,
            kind: EdgeKind::Effect,
            score: (score != 0).then_some(score),
        };
        let style = EdgeStyle::of(&edge);
        stmts.push(Stmt::Edge(DotEdge {
            ty: EdgeTy::Pair(node_ref(&a), node_ref(&b)),
            attributes: vec![
                attr("color", style.color),
                attr("fontcolor", style.color),
                attr("style", style.line),
                attr("penwidth", &style.width.to_string()),
                attr("label", label),
            ],
        }));
    }
    Subgraph {
        id: Id::Plain("cluster_legend".to_string()),
        stmts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::{Edge, Node};

    #[test]
    fn quotes_are_escaped() {
        assert_eq!(
            quoted("a \"b\" \\ c\nd"),
            Id::Escaped("\"a \\\"b\\\" \\\\ c\\nd\"".into())
        );
    }

    #[test]
    fn edges_carry_colour_style_and_label() {
        let diagram = Diagram {
            nodes: vec![
                Node {
                    id: "measure:p/m".into(),
                    kind: NodeKind::Measure,
                    label: "m".into(),
                    title: "Measure p/m: M".into(),
                },
                Node {
                    id: "sdg:3.c".into(),
                    kind: NodeKind::Element,
                    label: "sdg:3.c".into(),
                    title: "sdg:3.c: Health workforce".into(),
                },
            ],
            edges: vec![Edge {
                from: 0,
                to: 1,
                kind: EdgeKind::Effect,
                score: Some(-2),
            }],
            left_out: Vec::new(),
            edges_left_out: 0,
        };
        let dot = to_dot(&diagram, "t");
        assert!(dot.starts_with("digraph cohere {"), "{dot}");
        assert!(
            dot.contains(
                "\"measure:p/m\" -> \"sdg:3.c\" [color=\"#b3261e\" fontcolor=\"#b3261e\" \
                 style=\"dashed\" penwidth=\"2\" label=\"\u{2212}2\"]"
            ),
            "{dot}"
        );
        assert!(dot.contains("subgraph cluster_legend"), "{dot}");
    }
}
