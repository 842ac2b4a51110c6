//! SVG of a diagram: laid out in-process with layout-rs, or by the system Graphviz `dot`.
//!
//! The built-in renderer draws through its own layout-rs backend rather than layout-rs's SVG
//! writer, so that the output is deterministic (no hash-map order, coordinates rounded), has no
//! external reference (markers are `url(#…)` fragments inside the drawing), and is accessible:
//! `role="img"` with a `<title>` and a `<desc>`, a `<title>` on every node and edge, and each
//! edge's sign carried by its colour, its line style and a text label.

use super::{Diagram, EdgeKind, EdgeStyle, NEGATIVE, NEUTRAL, NodeKind, POSITIVE, score_label};
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

/// The font size layout-rs sizes boxes with (it allows one font size per character).
const LAYOUT_FONT: usize = 11;
/// The font size edge labels are sized with (a distinct size tells the backend what it draws).
const LABEL_FONT: usize = 10;
/// The font size text is drawn with, in pixels.
const DRAWN_FONT: f64 = 13.0;
/// Node labels are wrapped at this many characters.
const WRAP: usize = 18;

/// Whether the SVG stands alone (a file) or sits inside an HTML page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Embedding {
    /// A file of its own: an XML declaration and the SVG namespace.
    Standalone,
    /// Inline in HTML: neither (HTML puts `<svg>` in the SVG namespace by itself).
    Inline,
}

/// Diagrams whose links span more ranks than this in all (see [`spanned_ranks`]) are laid out
/// by [`render_builtin`] without layout-rs's reduction of edge crossings: its cost grows
/// steeply with them (a dense 60-node diagram of 180 links among targets: 6 s with it, 0.2 s
/// without), while layered diagrams of the same size (policies, measures, targets) take it in
/// a fraction of a second.
pub const CROSSING_REDUCTION_MAX_SPAN: usize = 300;

/// The most links [`render_builtin`] is given by `cohere graph`: beyond them even the layout
/// without crossing reduction takes seconds to minutes (and the picture is unreadable), so the
/// command asks for `--max-nodes`, `--max-edges`, `--focus` or the system `dot` instead.
pub const BUILTIN_MAX_EDGES: usize = 300;

/// Renders the diagram in-process. Deterministic: same diagram, same bytes. Meant for diagrams
/// of at most [`BUILTIN_MAX_EDGES`] links (the report draws no more).
pub fn render_builtin(diagram: &Diagram, title: &str, embedding: Embedding) -> String {
    if diagram.nodes.is_empty() {
        return empty(title, &diagram.describe(), embedding);
    }
    let mut graph = VisualGraph::new(Orientation::LeftToRight);
    let handles: Vec<_> = diagram
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let label = wrap_label(&node.label);
            let shape = match node.kind {
                NodeKind::Element => ShapeKind::new_circle(&label),
                _ => ShapeKind::new_box(&label),
            };
            let look = StyleAttr::new(
                Color::fast("black"),
                1,
                Some(Color::fast("white")),
                0,
                LAYOUT_FONT,
            );
            let size = node_size(&label, node.kind);
            graph.add_node(Element::create_with_properties(
                shape,
                look,
                Orientation::LeftToRight,
                size,
                format!("n{i}"),
            ))
        })
        .collect();
    for (i, edge) in diagram.edges.iter().enumerate() {
        let (Some(&from), Some(&to)) = (handles.get(edge.from), handles.get(edge.to)) else {
            continue;
        };
        if edge.from == edge.to {
            continue;
        }
        let look = StyleAttr::new(Color::fast("black"), 1, None, 0, LABEL_FONT);
        let label = edge.score.map(score_label).unwrap_or_default();
        let arrow = Arrow::with_properties(
            LineEndKind::None,
            LineEndKind::Arrow,
            LineStyleKind::Normal,
            &label,
            &look,
            format!("e{i}"),
            &None,
            &None,
        );
        graph.add_edge(arrow, from, to);
    }
    let mut canvas = Canvas::new(diagram);
    let reduce_crossings = spanned_ranks(diagram) <= CROSSING_REDUCTION_MAX_SPAN;
    graph.do_it(false, !reduce_crossings, false, &mut canvas);
    canvas.finish(title, &diagram.describe(), embedding)
}

/// How many ranks the links of a diagram span beyond their first, estimated the way layout-rs
/// lays it out: links are oriented in order (one that would close a cycle is reversed) and
/// nodes ranked by their longest path from a source. layout-rs inserts a connector node for
/// each rank a link spans, and its crossing reduction works on rows of those.
pub fn spanned_ranks(diagram: &Diagram) -> usize {
    let n = diagram.nodes.len();
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut oriented = Vec::with_capacity(diagram.edges.len());
    let mut seen = vec![false; n];
    for edge in &diagram.edges {
        let (from, to) = (edge.from, edge.to);
        if from == to || from >= n || to >= n {
            continue;
        }
        let (from, to) = if reaches(&successors, to, from, &mut seen) {
            (to, from)
        } else {
            (from, to)
        };
        successors[from].push(to);
        oriented.push((from, to));
    }
    // Longest-path ranks over a topological order (Kahn's algorithm; the graph is acyclic).
    let mut incoming = vec![0usize; n];
    for &(_, to) in &oriented {
        incoming[to] += 1;
    }
    let mut ready: Vec<usize> = (0..n).filter(|&i| incoming[i] == 0).collect();
    let mut rank = vec![0usize; n];
    while let Some(node) = ready.pop() {
        for &next in &successors[node] {
            rank[next] = rank[next].max(rank[node] + 1);
            incoming[next] -= 1;
            if incoming[next] == 0 {
                ready.push(next);
            }
        }
    }
    oriented
        .iter()
        .map(|&(from, to)| rank[to].saturating_sub(rank[from] + 1))
        .sum()
}

/// Whether `to` can be reached from `from` (a depth-first search; `seen` is scratch space).
fn reaches(successors: &[Vec<usize>], from: usize, to: usize, seen: &mut [bool]) -> bool {
    seen.fill(false);
    let mut stack = vec![from];
    while let Some(node) = stack.pop() {
        if node == to {
            return true;
        }
        if std::mem::replace(&mut seen[node], true) {
            continue;
        }
        stack.extend(successors[node].iter().copied().filter(|&s| !seen[s]));
    }
    false
}

/// Renders the diagram with the system `dot` (Graphviz), which lays out big graphs better.
/// Fails when `dot` is not installed or rejects the input.
pub fn render_with_dot(diagram: &Diagram, title: &str) -> std::io::Result<String> {
    let dot = super::dot::to_dot(diagram, title);
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(dot.as_bytes())?;
    }
    let output = child.wait_with_output()?;
    if !output.status.success() {
        return Err(std::io::Error::other(format!(
            "`dot -Tsvg` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    String::from_utf8(output.stdout).map_err(std::io::Error::other)
}

/// Whether the system `dot` can be run.
pub fn dot_available() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The size of a node drawn with `label`: its text at [`DRAWN_FONT`] plus padding (ellipses
/// need more room around the same text than boxes).
fn node_size(label: &str, kind: NodeKind) -> Point {
    let columns = label.lines().map(|l| l.chars().count()).max().unwrap_or(1) as f64;
    let lines = label.lines().count().max(1) as f64;
    let width = columns * 0.62 * DRAWN_FONT + 20.0;
    let height = lines * 1.2 * DRAWN_FONT + 14.0;
    match kind {
        NodeKind::Element => Point::new(width * 1.25, height * 1.3),
        _ => Point::new(width, height),
    }
}

/// A label broken into lines of at most [`WRAP`] characters, at `-`, `/`, `_` or spaces.
fn wrap_label(label: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut word = String::new();
    let flush_word = |line: &mut String, word: &mut String, lines: &mut Vec<String>| {
        if line.chars().count() + word.chars().count() > WRAP && !line.is_empty() {
            lines.push(std::mem::take(line));
        }
        line.push_str(word);
        word.clear();
    };
    for c in label.chars() {
        word.push(c);
        if matches!(c, '-' | '/' | '_' | ' ') {
            flush_word(&mut line, &mut word, &mut lines);
        }
    }
    flush_word(&mut line, &mut word, &mut lines);
    if !line.is_empty() {
        lines.push(line);
    }
    lines
        .iter()
        .map(|l| l.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text for XML: `&`, `<`, `>` and quotes escaped; control characters dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        "0".to_string()
    } else if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

fn opening(width: f64, height: f64, embedding: Embedding) -> String {
    let namespace = match embedding {
        Embedding::Standalone => " xmlns=\"http://www.w3.org/2000/svg\"",
        Embedding::Inline => "",
    };
    let mut out = String::new();
    if embedding == Embedding::Standalone {
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let _ = writeln!(
        out,
        "<svg{namespace} class=\"network\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         role=\"img\" aria-labelledby=\"network-title network-desc\" \
         font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">",
        w = num(width),
        h = num(height),
    );
    out
}

fn empty(title: &str, description: &str, embedding: Embedding) -> String {
    let mut out = opening(320.0, 40.0, embedding);
    let _ = write!(
        out,
        "<title id=\"network-title\">{}</title>\n<desc id=\"network-desc\">{}</desc>\n\
         <text x=\"10\" y=\"24\" font-size=\"13\">Nothing to draw.</text>\n</svg>\n",
        escape(title),
        escape(description)
    );
    out
}

/// A layout-rs backend that writes clean SVG for one diagram.
struct Canvas<'a> {
    diagram: &'a Diagram,
    shapes: String,
    edges: String,
    labels: String,
    width: f64,
    height: f64,
}

impl<'a> Canvas<'a> {
    fn new(diagram: &'a Diagram) -> Self {
        Canvas {
            diagram,
            shapes: String::new(),
            edges: String::new(),
            labels: String::new(),
            width: 0.0,
            height: 0.0,
        }
    }

    fn grow(&mut self, x: f64, y: f64) {
        self.width = self.width.max(x + 10.0);
        self.height = self.height.max(y + 10.0);
    }

    fn node(&self, properties: &Option<String>) -> Option<&'a super::Node> {
        let index: usize = properties.as_deref()?.strip_prefix('n')?.parse().ok()?;
        self.diagram.nodes.get(index)
    }

    fn edge(&self, properties: &Option<String>) -> Option<&'a super::Edge> {
        let index: usize = properties.as_deref()?.strip_prefix('e')?.parse().ok()?;
        self.diagram.edges.get(index)
    }

    fn finish(self, title: &str, description: &str, embedding: Embedding) -> String {
        let mut out = opening(self.width, self.height, embedding);
        let _ = writeln!(out, "<title id=\"network-title\">{}</title>", escape(title));
        let _ = writeln!(
            out,
            "<desc id=\"network-desc\">{}</desc>",
            escape(description)
        );
        out.push_str("<defs>\n");
        for (name, color) in [
            ("positive", POSITIVE),
            ("negative", NEGATIVE),
            ("neutral", NEUTRAL),
        ] {
            let _ = writeln!(
                out,
                "<marker id=\"arrow-{name}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" \
                 markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">\
                 <path d=\"M0 0L10 5L0 10z\" fill=\"{color}\"/></marker>"
            );
        }
        out.push_str("</defs>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        out.push_str("<g class=\"edges\" fill=\"none\">\n");
        out.push_str(&self.edges);
        out.push_str("</g>\n<g class=\"nodes\">\n");
        out.push_str(&self.shapes);
        out.push_str("</g>\n<g class=\"labels\" text-anchor=\"middle\">\n");
        out.push_str(&self.labels);
        out.push_str("</g>\n</svg>\n");
        out
    }

    fn node_title(&self, properties: &Option<String>) -> String {
        self.node(properties)
            .map(|n| format!("<title>{}</title>", escape(&n.title)))
            .unwrap_or_default()
    }
}

fn fill_of(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Policy => ("#e6e6e6", "#3c4043"),
        NodeKind::Measure => ("#fff4cc", "#7a5c00"),
        NodeKind::Element => ("#e8f0fb", "#1f5fa8"),
        NodeKind::Institution => ("#f1e6f5", "#6a3d7a"),
    }
}

impl RenderBackend for Canvas<'_> {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        _look: &StyleAttr,
        properties: Option<String>,
        _clip: Option<ClipHandle>,
    ) {
        let Some(node) = self.node(&properties) else {
            return;
        };
        self.grow(xy.x + size.x, xy.y + size.y);
        let (fill, stroke) = fill_of(node.kind);
        let (rx, width) = match node.kind {
            NodeKind::Measure => (10, 1.5),
            NodeKind::Policy => (0, 2.0),
            _ => (3, 1.5),
        };
        let title = self.node_title(&properties);
        let _ = writeln!(
            self.shapes,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{rx}\" fill=\"{fill}\" \
             stroke=\"{stroke}\" stroke-width=\"{width}\">{title}</rect>",
            num(xy.x),
            num(xy.y),
            num(size.x),
            num(size.y),
        );
    }

    fn draw_line(
        &mut self,
        start: Point,
        stop: Point,
        _look: &StyleAttr,
        _properties: Option<String>,
    ) {
        self.grow(start.x.max(stop.x), start.y.max(stop.y));
        let _ = writeln!(
            self.edges,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{NEUTRAL}\"/>",
            num(start.x),
            num(start.y),
            num(stop.x),
            num(stop.y)
        );
    }

    fn draw_circle(
        &mut self,
        xy: Point,
        size: Point,
        _look: &StyleAttr,
        properties: Option<String>,
    ) {
        let Some(node) = self.node(&properties) else {
            return;
        };
        self.grow(xy.x + size.x / 2.0, xy.y + size.y / 2.0);
        let (fill, stroke) = fill_of(node.kind);
        let title = self.node_title(&properties);
        let _ = writeln!(
            self.shapes,
            "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" \
             stroke-width=\"1.5\">{title}</ellipse>",
            num(xy.x),
            num(xy.y),
            num(size.x / 2.0),
            num(size.y / 2.0)
        );
    }

    fn draw_text(&mut self, xy: Point, text: &str, look: &StyleAttr) {
        let lines: Vec<&str> = text.lines().collect();
        if lines.is_empty() {
            return;
        }
        let is_edge_label = look.font_size == LABEL_FONT;
        let line_height = DRAWN_FONT * 1.2;
        let first = xy.y - line_height * (lines.len() as f64 - 1.0) / 2.0;
        self.grow(xy.x, xy.y + line_height * lines.len() as f64);
        let color = if is_edge_label {
            match text.chars().next() {
                Some('+') => POSITIVE,
                Some('\u{2212}') => NEGATIVE,
                _ => NEUTRAL,
            }
        } else {
            "#1a1a1a"
        };
        let weight = if is_edge_label {
            " font-weight=\"bold\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\""
        } else {
            ""
        };
        let _ = write!(
            self.labels,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{color}\" \
             dominant-baseline=\"central\"{weight}>",
            num(xy.x),
            num(first),
            num(DRAWN_FONT)
        );
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                self.labels.push_str(&escape(line));
            } else {
                let _ = write!(
                    self.labels,
                    "<tspan x=\"{}\" dy=\"{}\">{}</tspan>",
                    num(xy.x),
                    num(line_height),
                    escape(line)
                );
            }
        }
        self.labels.push_str("</text>\n");
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        _dashed: bool,
        head: (bool, bool),
        _look: &StyleAttr,
        properties: Option<String>,
        _text: &str,
    ) {
        let (Some(edge), Some(first), Some(second)) =
            (self.edge(&properties), path.first(), path.get(1))
        else {
            return;
        };
        for (a, b) in path {
            self.grow(a.x.max(b.x), a.y.max(b.y));
        }
        let style = EdgeStyle::of(edge);
        let mut d = format!(
            "M{} {}C{} {} {} {} {} {}",
            num(first.0.x),
            num(first.0.y),
            num(first.1.x),
            num(first.1.y),
            num(second.0.x),
            num(second.0.y),
            num(second.1.x),
            num(second.1.y)
        );
        for (a, b) in path.iter().skip(2) {
            let _ = write!(d, "S{} {} {} {}", num(a.x), num(a.y), num(b.x), num(b.y));
        }
        let dash = match style.line {
            "dashed" => " stroke-dasharray=\"7 4\"",
            "dotted" => " stroke-dasharray=\"2 3\"",
            _ => "",
        };
        let marker = match edge.score {
            Some(s) if s > 0 => "positive",
            Some(s) if s < 0 => "negative",
            _ => "neutral",
        };
        let mut end = String::new();
        if head.0 {
            let _ = write!(end, " marker-start=\"url(#arrow-{marker})\"");
        }
        if head.1 {
            let _ = write!(end, " marker-end=\"url(#arrow-{marker})\"");
        }
        let nodes = &self.diagram.nodes;
        let name = |i: usize| nodes.get(i).map_or("", |n| n.id.as_str());
        let what = match (edge.kind, edge.score) {
            (EdgeKind::Contains, _) => "contains".to_string(),
            (EdgeKind::LedBy, _) => "is led by".to_string(),
            (_, Some(score)) => format!("{} ({})", score_label(score), describe_score(score)),
            (_, None) => "links to".to_string(),
        };
        let _ = writeln!(
            self.edges,
            "<path d=\"{d}\" stroke=\"{}\" stroke-width=\"{}\"{dash}{end}>\
             <title>{} {} {}</title></path>",
            style.color,
            num(f64::from(style.width) * 1.2),
            escape(name(edge.from)),
            escape(&what),
            escape(name(edge.to)),
        );
    }

    fn create_clip(&mut self, _xy: Point, _size: Point, _rounded_px: usize) -> ClipHandle {
        0
    }
}

fn describe_score(score: i8) -> &'static str {
    crate::model::Score::new(i64::from(score)).map_or("", |s| s.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagram(nodes: usize, edges: &[(usize, usize)]) -> Diagram {
        Diagram {
            nodes: (0..nodes)
                .map(|i| crate::diagram::Node {
                    id: format!("n{i}"),
                    kind: NodeKind::Element,
                    label: format!("n{i}"),
                    title: format!("n{i}"),
                })
                .collect(),
            edges: edges
                .iter()
                .map(|&(from, to)| crate::diagram::Edge {
                    from,
                    to,
                    kind: EdgeKind::Interaction,
                    score: Some(1),
                })
                .collect(),
            left_out: Vec::new(),
            edges_left_out: 0,
        }
    }

    #[test]
    fn spanned_ranks_counts_the_ranks_links_skip() {
        // a → b → c and a → c: ranks 0, 1, 2; only a → c skips a rank.
        assert_eq!(spanned_ranks(&diagram(3, &[(0, 1), (1, 2), (0, 2)])), 1);
        // c → a would close a cycle, so it is drawn reversed (a → c) and spans the same.
        assert_eq!(spanned_ranks(&diagram(3, &[(0, 1), (1, 2), (2, 0)])), 1);
        // A chain of five with a link from its first node to its last: that link skips three.
        let chain = [(0, 1), (1, 2), (2, 3), (3, 4), (0, 4)];
        assert_eq!(spanned_ranks(&diagram(5, &chain)), 3);
        // Self links and a layered (bipartite) diagram span nothing.
        assert_eq!(
            spanned_ranks(&diagram(4, &[(0, 0), (0, 2), (1, 3), (0, 3)])),
            0
        );
    }

    #[test]
    fn labels_wrap_at_separators() {
        assert_eq!(
            wrap_label("international-nurse-recruitment"),
            "international-\nnurse-recruitment"
        );
        assert_eq!(wrap_label("sdg:3.8"), "sdg:3.8");
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(-0.01), "0");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<a href='x'>&</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"
        );
    }
}
