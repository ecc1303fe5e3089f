//! The who-said-what graph drawn as SVG, for the HTML report: no JavaScript, no network.
//!
//! Three columns: sources (and people who speak), claims, and what the claims are about
//! (people and places). Contradictions are thick red links between claims, and the claims in
//! a contradiction are drawn red. Layout follows node index order, so it is deterministic.

use std::fmt::Write;

use petgraph::visit::EdgeRef;

use super::xml_escape as x;
use crate::graph::{EdgeKind, Graph, NodeKind};

pub const CONTRADICTION: &str = "#e00000";
pub const CONTRADICTED_FILL: &str = "#ffd6d6";
pub const SOURCE_FILL: &str = "#dbeafe";
pub const CLAIM_FILL: &str = "#fef9c3";
pub const ENTITY_FILL: &str = "#dcfce7";
pub const PLACE_FILL: &str = "#e0e7ff";

const COL_X: [f64; 3] = [90.0, 450.0, 810.0];
const NODE_W: f64 = 280.0;
const NODE_H: f64 = 40.0;
const ROW: f64 = 54.0;
const TOP: f64 = 56.0;
const WIDTH: f64 = 1180.0;

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// Draw a graph. Its size grows with the number of nodes in the tallest column.
pub fn render(g: &Graph) -> String {
    let n = g.node_count();
    let mut speaks = vec![false; n];
    let mut contradicted = vec![false; n];
    for e in g.edge_references() {
        match e.weight() {
            EdgeKind::Said => speaks[e.source().index()] = true,
            EdgeKind::Contradicts => {
                contradicted[e.source().index()] = true;
                contradicted[e.target().index()] = true;
            }
            _ => {}
        }
    }
    let mut col = vec![0usize; n];
    let mut row = vec![0usize; n];
    let mut counts = [0usize; 3];
    for i in g.node_indices() {
        let k = i.index();
        let c = match g[i].kind {
            NodeKind::Source => 0,
            NodeKind::Claim => 1,
            NodeKind::Entity | NodeKind::Place if speaks[k] => 0,
            _ => 2,
        };
        col[k] = c;
        row[k] = counts[c];
        counts[c] += 1;
    }
    let rows = counts.iter().copied().max().unwrap_or(0).max(1);
    let height = TOP + rows as f64 * ROW + 20.0;
    let pos = |k: usize| (COL_X[col[k]], TOP + row[k] as f64 * ROW);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"who-said-what graph\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">"
    );
    s.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#7a8594\"/></marker></defs>\n");
    for (c, title) in ["sources", "claims", "about"].iter().enumerate() {
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"30\" font-size=\"14\" font-weight=\"bold\" fill=\"#333\">{title}</text>",
            COL_X[c]
        );
    }
    // edges under nodes; contradictions last, on top of other edges
    let mut edges: Vec<_> = g.edge_references().collect();
    edges.sort_by_key(|e| (*e.weight() == EdgeKind::Contradicts, e.id().index()));
    for e in edges {
        let (a, b) = (e.source().index(), e.target().index());
        let ((ax, ay), (bx, by)) = (pos(a), pos(b));
        let (ay, by) = (ay + NODE_H / 2.0, by + NODE_H / 2.0);
        let red = *e.weight() == EdgeKind::Contradicts;
        let d = if col[a] == col[b] {
            // same column: a bow on the left for contradictions, on the right otherwise
            let (x0, bow) = if red {
                (ax, -(50.0 + (by - ay).abs() * 0.12).min(80.0))
            } else {
                (ax + NODE_W, 30.0 + ((by - ay).abs() * 0.1).min(40.0))
            };
            format!(
                "M{x0:.1},{ay:.1} C{:.1},{ay:.1} {:.1},{by:.1} {x0:.1},{by:.1}",
                x0 + bow,
                x0 + bow
            )
        } else {
            let (x0, x1) = if col[a] < col[b] {
                (ax + NODE_W, bx)
            } else {
                (ax, bx + NODE_W)
            };
            let mid = (x0 + x1) / 2.0;
            format!("M{x0:.1},{ay:.1} C{mid:.1},{ay:.1} {mid:.1},{by:.1} {x1:.1},{by:.1}")
        };
        if red {
            let _ = writeln!(
                s,
                "<path class=\"contradicts\" d=\"{d}\" fill=\"none\" stroke=\"{CONTRADICTION}\" stroke-width=\"5\"><title>contradicts</title></path>"
            );
        } else {
            let _ = writeln!(
                s,
                "<path class=\"edge {}\" d=\"{d}\" fill=\"none\" stroke=\"#9aa4b2\" stroke-width=\"1.2\" marker-end=\"url(#arrow)\"><title>{}</title></path>",
                e.weight().as_str(),
                e.weight().as_str()
            );
        }
    }
    for i in g.node_indices() {
        let k = i.index();
        let node = &g[i];
        let (px, py) = pos(k);
        let (fill, stroke, width) = match node.kind {
            NodeKind::Claim if contradicted[k] => (CONTRADICTED_FILL, CONTRADICTION, 3.0),
            NodeKind::Claim => (CLAIM_FILL, "#a16207", 1.0),
            NodeKind::Source => (SOURCE_FILL, "#1d4ed8", 1.0),
            NodeKind::Entity => (ENTITY_FILL, "#15803d", 1.0),
            NodeKind::Place => (PLACE_FILL, "#4338ca", 1.0),
        };
        let rx = match node.kind {
            NodeKind::Entity => 20.0,
            NodeKind::Place => 10.0,
            _ => 3.0,
        };
        let kind = match node.kind {
            NodeKind::Source => "source",
            NodeKind::Claim => "claim",
            NodeKind::Entity => "entity",
            NodeKind::Place => "place",
        };
        let _ = writeln!(
            s,
            "<g class=\"node {kind}\"><title>{} {}</title><rect x=\"{px}\" y=\"{py}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"{rx}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"/><text x=\"{}\" y=\"{}\" fill=\"#111\">{}</text></g>",
            x(&node.id),
            x(&node.label),
            px + 8.0,
            py + NODE_H / 2.0 + 4.0,
            x(&clip(&node.label, 40))
        );
    }
    s.push_str("</svg>\n");
    s
}
