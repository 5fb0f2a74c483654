//! The graph index: a petgraph graph whose node weights are [`NodeId`]s and edge weights
//! [`Relation`]s, with lookups by AWS id or ARN. Built once from a model ([`GraphIndex::build`]),
//! never mutated. Every query returns borrowed views of the index, in a stable order.

use std::collections::BTreeMap;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use super::node::{NodeId, NodeKind};
use super::relation::Relation;

/// The model as a graph of ids.
///
/// Nodes are added in [`NodeId`] order and edges in (from, to, relation) order, so two indexes
/// built from the same model are equal, and iteration never depends on hashing.
#[derive(Debug, Clone)]
pub struct GraphIndex {
    pub(super) graph: DiGraph<NodeId, Relation>,
    /// Every node by its AWS id or ARN.
    pub(super) by_id: BTreeMap<String, NodeIndex>,
    /// Other names AWS accepts for a node: alias ARNs and key ids of keys, partial ARNs of
    /// secrets.
    pub(super) aliases: BTreeMap<String, NodeIndex>,
    /// Roles by (account id, role name): what an assumed-role session ARN names.
    pub(super) roles_by_name: BTreeMap<(String, String), NodeIndex>,
    /// The name people know each node by (`Name` tag, entity name, alias, else the id), by node
    /// index. The one thing besides ids the index keeps: the layout labels boxes with it and
    /// `search` looks in it, neither with the model at hand.
    pub(super) labels: Vec<String>,
}

impl PartialEq for GraphIndex {
    /// Same nodes, labels, other names and edges (petgraph's graph has no equality of its own).
    fn eq(&self, other: &GraphIndex) -> bool {
        self.by_id == other.by_id
            && self.aliases == other.aliases
            && self.roles_by_name == other.roles_by_name
            && self.labels == other.labels
            && self.nodes().eq(other.nodes())
            && self.edges().eq(other.edges())
    }
}

impl Eq for GraphIndex {}

/// One edge, as the index lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge<'g> {
    pub from: &'g NodeId,
    pub to: &'g NodeId,
    pub relation: Relation,
}

/// Which way an edge points, seen from the node asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Towards {
    /// The node is the edge's `from`; the neighbour its `to`.
    Outgoing,
    /// The node is the edge's `to`; the neighbour its `from`.
    Incoming,
}

/// A node next to another, and how they are related.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Neighbour<'g> {
    pub relation: Relation,
    pub towards: Towards,
    pub node: &'g NodeId,
}

impl GraphIndex {
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Every node, in [`NodeId`] order (kind, then id).
    pub fn nodes(&self) -> impl Iterator<Item = &NodeId> {
        self.graph.node_weights()
    }

    /// Every edge, ordered by (from, to, relation).
    pub fn edges(&self) -> impl Iterator<Item = Edge<'_>> {
        self.graph.edge_references().filter_map(|e| {
            Some(Edge {
                from: self.graph.node_weight(e.source())?,
                to: self.graph.node_weight(e.target())?,
                relation: *e.weight(),
            })
        })
    }

    /// The node an AWS id or ARN names, as verdicts and policies write them: an exact id or
    /// ARN; a key's alias ARN or key id; a secret's partial ARN; an assumed-role session ARN
    /// (its role); `arn:aws:iam::ACCOUNT:root` (the account); a function ARN with a version or
    /// alias qualifier (the function).
    pub fn node(&self, id_or_arn: &str) -> Option<&NodeId> {
        self.graph.node_weight(self.resolve(id_or_arn)?)
    }

    /// Whether this node is in the index.
    pub fn contains(&self, node: &NodeId) -> bool {
        self.index_of(node).is_some()
    }

    /// The name people know a node by (`Name` tag, entity name, key alias), else its id.
    pub fn label(&self, node: &NodeId) -> Option<&str> {
        self.labels
            .get(self.index_of(node)?.index())
            .map(String::as_str)
    }

    /// Every neighbour of a node, both directions, ordered by (relation, direction, node).
    pub fn neighbours(&self, node: &NodeId) -> Vec<Neighbour<'_>> {
        let Some(at) = self.index_of(node) else {
            return Vec::new();
        };
        let mut out: Vec<Neighbour<'_>> = Vec::new();
        for (direction, towards) in [
            (Direction::Outgoing, Towards::Outgoing),
            (Direction::Incoming, Towards::Incoming),
        ] {
            for e in self.graph.edges_directed(at, direction) {
                let other = match towards {
                    Towards::Outgoing => e.target(),
                    Towards::Incoming => e.source(),
                };
                if let Some(n) = self.graph.node_weight(other) {
                    out.push(Neighbour {
                        relation: *e.weight(),
                        towards,
                        node: n,
                    });
                }
            }
        }
        out.sort();
        out
    }

    /// The nodes a node points to with `relation`, in [`NodeId`] order.
    pub fn related(&self, node: &NodeId, relation: Relation) -> Vec<&NodeId> {
        self.targets(node, relation, Direction::Outgoing)
    }

    /// The nodes that point to a node with `relation`, in [`NodeId`] order.
    pub fn related_from(&self, node: &NodeId, relation: Relation) -> Vec<&NodeId> {
        self.targets(node, relation, Direction::Incoming)
    }

    fn targets(&self, node: &NodeId, relation: Relation, direction: Direction) -> Vec<&NodeId> {
        let Some(at) = self.index_of(node) else {
            return Vec::new();
        };
        let mut out: Vec<&NodeId> = self
            .graph
            .edges_directed(at, direction)
            .filter(|e| *e.weight() == relation)
            .filter_map(|e| {
                let other = match direction {
                    Direction::Outgoing => e.target(),
                    Direction::Incoming => e.source(),
                };
                self.graph.node_weight(other)
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Nodes whose id, ARN or label contains `text`, ignoring case, in [`NodeId`] order. Empty
    /// text finds nothing.
    pub fn search(&self, text: &str) -> Vec<&NodeId> {
        let needle = text.trim().to_lowercase();
        if needle.is_empty() {
            return Vec::new();
        }
        self.graph
            .node_indices()
            .filter(|i| {
                let id_hit = self
                    .graph
                    .node_weight(*i)
                    .is_some_and(|n| n.as_str().to_lowercase().contains(&needle));
                let label_hit = self
                    .labels
                    .get(i.index())
                    .is_some_and(|l| l.to_lowercase().contains(&needle));
                id_hit || label_hit
            })
            .filter_map(|i| self.graph.node_weight(i))
            .collect()
    }

    /// Every node of one kind, in id order.
    pub fn of_kind(&self, kind: NodeKind) -> Vec<&NodeId> {
        self.nodes().filter(|n| n.kind() == kind).collect()
    }

    /// Every node an account owns (not the account itself), in [`NodeId`] order.
    pub fn in_account(&self, account_id: &str) -> Vec<&NodeId> {
        match self
            .by_id
            .get(account_id)
            .and_then(|i| self.graph.node_weight(*i))
        {
            Some(account) if account.kind() == NodeKind::Account => {
                self.related_from(account, Relation::InAccount)
            }
            _ => Vec::new(),
        }
    }

    /// The account that owns a node (an account owns itself).
    pub fn account_of(&self, node: &NodeId) -> Option<&NodeId> {
        if node.kind() == NodeKind::Account {
            return self.graph.node_weight(self.index_of(node)?);
        }
        self.related(node, Relation::InAccount).into_iter().next()
    }

    /// The innermost box a node is drawn in: an account has none; a VPC is in its account; a
    /// subnet in its VPC (else its account); anything else in its one subnet, else its one VPC,
    /// else its account. A function or DB instance in several subnets is drawn in their VPC.
    pub fn container_of(&self, node: &NodeId) -> Option<&NodeId> {
        let single = |relation| {
            let found = self.related(node, relation);
            match found.as_slice() {
                [only] => Some(*only),
                _ => None,
            }
        };
        match node.kind() {
            NodeKind::Account => None,
            NodeKind::Vpc => self.account_of(node),
            NodeKind::Subnet => single(Relation::InVpc).or_else(|| self.account_of(node)),
            _ => single(Relation::InSubnet)
                .or_else(|| single(Relation::InVpc))
                .or_else(|| self.account_of(node)),
        }
    }

    /// The boxes around a node, innermost first (subnet, VPC, account).
    pub fn containers_of(&self, node: &NodeId) -> Vec<&NodeId> {
        let mut out = Vec::new();
        let mut at = self.container_of(node);
        // Containers nest account ⊃ VPC ⊃ subnet: at most three steps.
        while let Some(c) = at {
            if out.len() >= 3 {
                break;
            }
            out.push(c);
            at = self.container_of(c);
        }
        out
    }

    pub(super) fn index_of(&self, node: &NodeId) -> Option<NodeIndex> {
        let i = *self.by_id.get(node.as_str())?;
        (self.graph.node_weight(i)? == node).then_some(i)
    }

    pub(super) fn resolve(&self, text: &str) -> Option<NodeIndex> {
        if let Some(i) = self.by_id.get(text).or_else(|| self.aliases.get(text)) {
            return Some(*i);
        }
        let parts: Vec<&str> = text.splitn(6, ':').collect();
        match parts.as_slice() {
            ["arn", _, "sts", "", account, resource] => {
                let mut segments = resource.split('/');
                match (segments.next(), segments.next()) {
                    (Some("assumed-role"), Some(role)) => self
                        .roles_by_name
                        .get(&((*account).to_owned(), role.to_owned()))
                        .copied(),
                    _ => None,
                }
            }
            ["arn", _, "iam", "", account, "root"] => self.by_id.get(*account).copied(),
            ["arn", _, "lambda", _, _, resource] => {
                let unqualified = resource.split(':').take(2).collect::<Vec<_>>().join(":");
                let arn = format!(
                    "{}:{unqualified}",
                    text.splitn(6, ':').take(5).collect::<Vec<_>>().join(":")
                );
                self.by_id.get(&arn).copied()
            }
            _ => None,
        }
    }
}
