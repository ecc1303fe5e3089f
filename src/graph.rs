//! The who-said-what graph (petgraph): sources, claims, entities and places, with edges
//! said, about, located-in, same-as, reports (nested attribution) and contradicts.
//!
//! The graph is append-only and built in a fixed order, so exports are deterministic.

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::BTreeMap;
use std::fmt::Write;

use crate::analysis::Analysis;
use crate::claims::SourceKind;
use crate::findings::Category;
use crate::gazetteer::PlaceId;
use crate::resolve::EntityKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NodeKind {
    Source,
    Claim,
    Entity,
    Place,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    Said,
    About,
    LocatedIn,
    SameAs,
    Reports,
    Contradicts,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Said => "said",
            EdgeKind::About => "about",
            EdgeKind::LocatedIn => "located-in",
            EdgeKind::SameAs => "same-as",
            EdgeKind::Reports => "reports",
            EdgeKind::Contradicts => "contradicts",
        }
    }
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Node {
    /// Stable id: "s:article", "c3", "e5", "p:city:12".
    pub id: String,
    pub kind: NodeKind,
    pub label: String,
}

pub type Graph = DiGraph<Node, EdgeKind>;

struct Builder {
    g: Graph,
    ids: BTreeMap<String, NodeIndex>,
    /// Edges already added. A source such as "the article" says thousands of claims:
    /// looking for an edge among a node's edges would make a long draft's graph quadratic.
    edges: rustc_hash::FxHashSet<(NodeIndex, NodeIndex, EdgeKind)>,
}

impl Builder {
    fn node(&mut self, id: String, kind: NodeKind, label: String) -> NodeIndex {
        if let Some(&n) = self.ids.get(&id) {
            return n;
        }
        let n = self.g.add_node(Node {
            id: id.clone(),
            kind,
            label,
        });
        self.ids.insert(id, n);
        n
    }
    fn edge(&mut self, a: NodeIndex, b: NodeIndex, k: EdgeKind) {
        if self.edges.insert((a, b, k)) {
            self.g.add_edge(a, b, k);
        }
    }
}

fn clip(s: &str, n: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

fn place_id(p: PlaceId) -> String {
    match p {
        PlaceId::Country(c) => format!("p:country:{c}"),
        PlaceId::City(c) => format!("p:city:{c}"),
    }
}

/// Build the graph of one analysed draft.
pub fn build(a: &Analysis) -> Graph {
    let mut b = Builder {
        g: DiGraph::new(),
        ids: BTreeMap::new(),
        edges: Default::default(),
    };
    // entities first, in id order
    let mut entity_node = Vec::with_capacity(a.entities.len());
    for e in &a.entities {
        let n = match (e.kind, e.place) {
            (EntityKind::Place, Some(p)) => b.node(place_id(p), NodeKind::Place, e.label.clone()),
            _ => b.node(format!("e{}", e.id), NodeKind::Entity, e.label.clone()),
        };
        entity_node.push(n);
    }
    // places lie in their countries
    for e in &a.entities {
        if let (EntityKind::Place, Some(p @ PlaceId::City(_))) = (e.kind, e.place) {
            let country = PlaceId::Country(a.gazetteer.country_of(p));
            let cn = b.node(
                place_id(country),
                NodeKind::Place,
                a.gazetteer_name(country),
            );
            b.edge(entity_node[e.id], cn, EdgeKind::LocatedIn);
        }
    }
    // spelling variants are linked, not merged
    for e in &a.entities {
        for (v, _) in &e.variants {
            let vn = b.node(format!("e{}:{}", e.id, v), NodeKind::Entity, v.clone());
            b.edge(vn, entity_node[e.id], EdgeKind::SameAs);
        }
        if let Some(o) = e.of {
            b.edge(entity_node[e.id], entity_node[o], EdgeKind::About);
        }
    }
    let mut claim_node = Vec::with_capacity(a.claims.len());
    for c in &a.claims {
        let cn = b.node(
            format!("c{}", c.id),
            NodeKind::Claim,
            clip(&a.source.text[c.content.0..c.content.1], 60),
        );
        claim_node.push(cn);
        let src = match (c.source_kind, c.speaker) {
            (SourceKind::Article, _) => {
                b.node("s:article".into(), NodeKind::Source, "the article".into())
            }
            (SourceKind::UnattributedReport, _) => b.node(
                "s:reports".into(),
                NodeKind::Source,
                "unattributed reports".into(),
            ),
            (_, Some(e)) => entity_node[e],
            (_, None) => b.node(
                "s:unknown".into(),
                NodeKind::Source,
                "unknown source".into(),
            ),
        };
        if let Some(p) = c.parent {
            b.edge(claim_node[p], cn, EdgeKind::Reports)
        }
        b.edge(src, cn, EdgeKind::Said);
        for p in &c.props {
            if let Some(s) = p.subject {
                b.edge(cn, entity_node[s], EdgeKind::About);
            }
            if let Some(pl) = p.place {
                let pn = b.node(place_id(pl), NodeKind::Place, a.gazetteer_name(pl));
                b.edge(cn, pn, EdgeKind::About);
            }
        }
    }
    // a nested claim is said by its speaker too (reported by the outer one)
    for f in &a.findings {
        if f.category == Category::Contradiction && f.claims.len() == 2 {
            b.edge(
                claim_node[f.claims[1]],
                claim_node[f.claims[0]],
                EdgeKind::Contradicts,
            );
        }
    }
    b.g
}

/// Graphviz DOT.
pub fn to_dot(g: &Graph) -> String {
    let mut s =
        String::from("digraph crosscheck {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
    for n in g.node_indices() {
        let node = &g[n];
        let shape = match node.kind {
            NodeKind::Source => "box, style=filled, fillcolor=\"#e8f0fe\"",
            NodeKind::Claim => "note",
            NodeKind::Entity => "ellipse",
            NodeKind::Place => "house",
        };
        let _ = writeln!(
            s,
            "  n{} [label={:?}, shape={}];",
            n.index(),
            node.label,
            shape
        );
    }
    for e in g.edge_references() {
        let style = if *e.weight() == EdgeKind::Contradicts {
            ", color=red, penwidth=2"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  n{} -> n{} [label={:?}{}];",
            e.source().index(),
            e.target().index(),
            e.weight().as_str(),
            style
        );
    }
    s.push_str("}\n");
    s
}

fn mermaid_escape(s: &str) -> String {
    s.replace('"', "#quot;")
        .replace(['[', ']', '{', '}', '(', ')', '<', '>'], " ")
}

/// Mermaid flowchart (renders on GitHub and GitLab); contradictions in red.
pub fn to_mermaid(g: &Graph) -> String {
    let mut s = String::from("flowchart LR\n");
    for n in g.node_indices() {
        let node = &g[n];
        let label = mermaid_escape(&node.label);
        let shape = match node.kind {
            NodeKind::Source => format!("n{}[/\"{}\"/]", n.index(), label),
            NodeKind::Claim => format!("n{}[\"{}\"]", n.index(), label),
            NodeKind::Entity => format!("n{}([\"{}\"])", n.index(), label),
            NodeKind::Place => format!("n{}{{{{\"{}\"}}}}", n.index(), label),
        };
        let _ = writeln!(s, "  {shape}");
    }
    let mut red = Vec::new();
    for (i, e) in g.edge_references().enumerate() {
        let arrow = if *e.weight() == EdgeKind::Contradicts {
            "<-->"
        } else {
            "-->"
        };
        let _ = writeln!(
            s,
            "  n{} {}|{}| n{}",
            e.source().index(),
            arrow,
            e.weight().as_str(),
            e.target().index()
        );
        if *e.weight() == EdgeKind::Contradicts {
            red.push(i);
        }
    }
    for i in red {
        let _ = writeln!(s, "  linkStyle {i} stroke:#d00,stroke-width:3px");
    }
    s
}

#[derive(serde::Serialize)]
struct JsonGraph<'a> {
    version: u32,
    nodes: Vec<&'a Node>,
    edges: Vec<JsonEdge<'a>>,
}

#[derive(serde::Serialize)]
struct JsonEdge<'a> {
    from: &'a str,
    to: &'a str,
    kind: EdgeKind,
}

/// JSON: nodes and edges in index order.
pub fn to_json(g: &Graph) -> String {
    let nodes: Vec<&Node> = g.node_indices().map(|n| &g[n]).collect();
    let edges = g
        .edge_references()
        .map(|e| JsonEdge {
            from: &g[e.source()].id,
            to: &g[e.target()].id,
            kind: *e.weight(),
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&JsonGraph {
        version: 1,
        nodes,
        edges,
    })
    .unwrap_or_default();
    s.push('\n');
    s
}
