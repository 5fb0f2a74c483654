//! The drawing of a graph index as plain data: nested boxes for accounts, VPCs and subnets,
//! fixed-size node boxes inside their innermost box, and edge routes. A pure function of the
//! index and the options; the web app turns it into SVG.
//!
//! # How things are placed
//!
//! - Accounts sit side by side, tops aligned, in account-id order.
//! - Inside an account, on the left, its VPCs are stacked in id order, then the subnets whose
//!   VPC is not in the model sit in a row. On the right, everything else the account owns
//!   directly (users, groups, roles, secrets, parameters, keys, functions outside a VPC, …)
//!   stands in labelled columns, one per kind in [`NodeKind`] order, each in id order.
//! - Inside a VPC: one row per kind of the things drawn in the VPC itself (endpoints, gateways,
//!   route tables, security groups, ACLs, functions and databases spanning several subnets),
//!   each in id order; below them its subnets side by side in id order.
//! - Inside a subnet: its nodes stacked in (kind, id) order.
//!
//! # Guarantees
//!
//! - **Deterministic**: the same index and options give the same layout, to the bit. Nothing is
//!   ordered by hashing; every coordinate is a sum of option values.
//! - **Labels never move anything**: every node box has the same size; positions depend only
//!   on kinds, ids and containment.
//! - **No overlaps**: node boxes never overlap each other, and each lies inside the box of its
//!   innermost container ([`GraphIndex::container_of`]), which lies inside its own container.
//! - **Local change stays local**: adding an entity to an account-level column that already
//!   exists (a secret to an account that has secrets) moves only the nodes after it in that
//!   column, each by one slot (`node_height + gap`); no other node or box moves, and only that
//!   account's box (and the drawing) may grow taller. Adding anything drawn in an account's
//!   columns never moves a node of that account's VPCs and subnets, nor anything in the
//!   accounts to its left. Adding a node to a subnet moves only the nodes after it in that
//!   subnet (in (kind, id) order) and what lies below that subnet's VPC in the same account
//!   (later VPCs, subnets without a VPC); never a column node, never a node of another subnet
//!   of the same VPC.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::index::GraphIndex;
use super::node::{NodeId, NodeKind};
use super::relation::Relation;

/// Sizes and spacing, in SVG user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutOptions {
    pub node_width: f32,
    pub node_height: f32,
    /// Between neighbouring nodes, columns, rows and boxes.
    pub gap: f32,
    /// Between a container's border and what it holds.
    pub padding: f32,
    /// The band at the top of a container or column that holds its label.
    pub header_height: f32,
    /// Around the whole drawing.
    pub margin: f32,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            node_width: 176.0,
            node_height: 36.0,
            gap: 12.0,
            padding: 12.0,
            header_height: 28.0,
            margin: 24.0,
        }
    }
}

/// An account, VPC or subnet box.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContainerBox {
    pub id: NodeId,
    pub kind: NodeKind,
    pub label: String,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    /// 0 for an account, 1 for a VPC, 2 for a subnet in a VPC (1 for one whose VPC is missing).
    pub depth: u8,
}

/// The heading of an account-level column (`Secrets`, `Roles`, …).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnHeader {
    /// The account the column is in.
    pub account: NodeId,
    pub kind: NodeKind,
    pub label: String,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// A node box.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodePlacement {
    pub id: NodeId,
    pub kind: NodeKind,
    pub label: String,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// A line for one edge: an orthogonal polyline from the side of `from` facing `to` to the
/// facing side of `to`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgeRoute {
    pub from: NodeId,
    pub to: NodeId,
    pub relation: Relation,
    pub points: Vec<(f32, f32)>,
}

/// A whole drawing. Containers are listed outermost first (by depth, then id), so drawing them
/// in order nests them; nodes and edges in id order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    pub containers: Vec<ContainerBox>,
    pub columns: Vec<ColumnHeader>,
    pub nodes: Vec<NodePlacement>,
    pub edges: Vec<EdgeRoute>,
}

impl Layout {
    /// The box of a node or container.
    pub fn rect_of(&self, id: &NodeId) -> Option<Rect> {
        self.nodes
            .iter()
            .find(|n| &n.id == id)
            .map(|n| Rect::new(n.x, n.y, n.w, n.h))
            .or_else(|| {
                self.containers
                    .iter()
                    .find(|c| &c.id == id)
                    .map(|c| Rect::new(c.x, c.y, c.w, c.h))
            })
    }
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }

    /// Whether `other` lies within this rectangle (borders may touch).
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.x + other.w <= self.x + self.w
            && other.y + other.h <= self.y + self.h
    }

    /// Whether the two share interior area (touching borders do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }

    fn centre_x(&self) -> f32 {
        self.x + self.w / 2.0
    }

    fn centre_y(&self) -> f32 {
        self.y + self.h / 2.0
    }
}

/// Lay out every node of the index.
pub fn layout(index: &GraphIndex, options: &LayoutOptions) -> Layout {
    layout_of(index, options, None)
}

/// Lay out only `selected` nodes and the containers around them (containers holding nothing
/// selected are left out). `None` lays out everything.
pub(super) fn layout_of(
    index: &GraphIndex,
    options: &LayoutOptions,
    selected: Option<&BTreeSet<&NodeId>>,
) -> Layout {
    let tree = Tree::new(index, selected);
    let mut canvas = Canvas {
        index,
        options: *options,
        tree: &tree,
        containers: Vec::new(),
        columns: Vec::new(),
        nodes: Vec::new(),
    };
    let o = *options;
    let mut x = o.margin;
    let mut height: f32 = 0.0;
    for account in tree.children_of(None) {
        if account.kind() != NodeKind::Account {
            continue;
        }
        let size = canvas.place_account(account, x, o.margin);
        x += size.w + o.gap * 2.0;
        height = height.max(size.h);
    }
    let width = if canvas.containers.is_empty() {
        o.margin * 2.0
    } else {
        x - o.gap * 2.0 + o.margin
    };
    let Canvas {
        mut containers,
        columns,
        mut nodes,
        ..
    } = canvas;
    containers.sort_by(|a, b| (a.depth, &a.id).cmp(&(b.depth, &b.id)));
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    let edges = route_edges(index, &tree, &containers, &nodes, o.gap / 2.0);
    Layout {
        width,
        height: height + o.margin * 2.0,
        containers,
        columns,
        nodes,
        edges,
    }
}

/// Who is drawn inside whom, restricted to what is visible.
struct Tree<'g> {
    /// Container (`None`: the top) → what is drawn directly inside it, in [`NodeId`] order.
    children: BTreeMap<Option<NodeId>, Vec<&'g NodeId>>,
    visible: BTreeSet<&'g NodeId>,
}

impl<'g> Tree<'g> {
    fn new(index: &'g GraphIndex, selected: Option<&BTreeSet<&NodeId>>) -> Tree<'g> {
        let visible: BTreeSet<&'g NodeId> = match selected {
            None => index.nodes().collect(),
            Some(chosen) => index
                .nodes()
                .filter(|n| chosen.contains(n))
                .flat_map(|n| std::iter::once(n).chain(index.containers_of(n)))
                .collect(),
        };
        let mut children: BTreeMap<Option<NodeId>, Vec<&'g NodeId>> = BTreeMap::new();
        for node in index.nodes().filter(|n| visible.contains(n)) {
            children
                .entry(index.container_of(node).cloned())
                .or_default()
                .push(node);
        }
        Tree { children, visible }
    }

    fn children_of(&self, container: Option<&NodeId>) -> &[&'g NodeId] {
        self.children
            .get(&container.cloned())
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy)]
struct Size {
    w: f32,
    h: f32,
}

struct Canvas<'a, 'g> {
    index: &'g GraphIndex,
    options: LayoutOptions,
    tree: &'a Tree<'g>,
    containers: Vec<ContainerBox>,
    columns: Vec<ColumnHeader>,
    nodes: Vec<NodePlacement>,
}

impl Canvas<'_, '_> {
    fn label(&self, node: &NodeId) -> String {
        self.index.label(node).unwrap_or(node.as_str()).to_owned()
    }

    fn min_container_width(&self) -> f32 {
        self.options.node_width + self.options.padding * 2.0
    }

    fn place_node(&mut self, node: &NodeId, x: f32, y: f32) {
        self.nodes.push(NodePlacement {
            id: node.clone(),
            kind: node.kind(),
            label: self.label(node),
            x,
            y,
            w: self.options.node_width,
            h: self.options.node_height,
        });
    }

    fn place_container(&mut self, node: &NodeId, x: f32, y: f32, size: Size, depth: u8) {
        self.containers.push(ContainerBox {
            id: node.clone(),
            kind: node.kind(),
            label: self.label(node),
            x,
            y,
            w: size.w,
            h: size.h,
            depth,
        });
    }

    /// The non-container children of `container`, grouped by kind in [`NodeKind`] order.
    fn groups(&self, container: &NodeId) -> Vec<(NodeKind, Vec<NodeId>)> {
        let mut by_kind: BTreeMap<NodeKind, Vec<NodeId>> = BTreeMap::new();
        for child in self.tree.children_of(Some(container)) {
            if !child.kind().is_container() {
                by_kind
                    .entry(child.kind())
                    .or_default()
                    .push((*child).clone());
            }
        }
        by_kind.into_iter().collect()
    }

    fn children_of_kind(&self, container: &NodeId, kind: NodeKind) -> Vec<NodeId> {
        self.tree
            .children_of(Some(container))
            .iter()
            .filter(|c| c.kind() == kind)
            .map(|c| (*c).clone())
            .collect()
    }

    /// Boxes side by side from (x, y); returns the row's size (zero when empty).
    fn place_subnet_row(&mut self, subnets: &[NodeId], x: f32, y: f32, depth: u8) -> Size {
        let gap = self.options.gap;
        let mut cx = x;
        let mut h: f32 = 0.0;
        for s in subnets {
            let size = self.place_subnet(s, cx, y, depth);
            cx += size.w + gap;
            h = h.max(size.h);
        }
        Size {
            w: if subnets.is_empty() {
                0.0
            } else {
                cx - gap - x
            },
            h,
        }
    }

    fn place_account(&mut self, account: &NodeId, x: f32, y: f32) -> Size {
        let o = self.options;
        let top = y + o.header_height;
        let inner_x = x + o.padding;

        // The network, on the left: VPCs stacked, then subnets without a VPC in a row.
        let mut network = Size { w: 0.0, h: 0.0 };
        let mut cy = top;
        for vpc in self.children_of_kind(account, NodeKind::Vpc) {
            let size = self.place_vpc(&vpc, inner_x, cy);
            cy += size.h + o.gap;
            network.w = network.w.max(size.w);
        }
        let loose = self.children_of_kind(account, NodeKind::Subnet);
        let row = self.place_subnet_row(&loose, inner_x, cy, 1);
        if !loose.is_empty() {
            cy += row.h + o.gap;
            network.w = network.w.max(row.w);
        }
        if cy > top {
            network.h = cy - o.gap - top;
        }

        // Everything else, on the right, in labelled columns.
        let columns_x = if network.w > 0.0 {
            inner_x + network.w + o.gap * 2.0
        } else {
            inner_x
        };
        let mut cx = columns_x;
        let mut columns_h: f32 = 0.0;
        for (kind, members) in self.groups(account) {
            self.columns.push(ColumnHeader {
                account: account.clone(),
                kind,
                label: kind.plural_title().to_owned(),
                x: cx,
                y: top,
                w: o.node_width,
                h: o.header_height,
            });
            let mut ny = top + o.header_height;
            for m in &members {
                self.place_node(m, cx, ny);
                ny += o.node_height + o.gap;
            }
            columns_h = columns_h.max(ny - o.gap - top);
            cx += o.node_width + o.gap;
        }
        let content_right = if cx > columns_x {
            cx - o.gap
        } else {
            inner_x + network.w
        };
        let size = Size {
            w: (content_right - x + o.padding).max(self.min_container_width()),
            h: o.header_height + network.h.max(columns_h) + o.padding,
        };
        self.place_container(account, x, y, size, 0);
        size
    }

    fn place_vpc(&mut self, vpc: &NodeId, x: f32, y: f32) -> Size {
        let o = self.options;
        let inner_x = x + o.padding;
        let mut cy = y + o.header_height;
        let mut content_w: f32 = 0.0;
        for (_, members) in self.groups(vpc) {
            let mut cx = inner_x;
            for m in &members {
                self.place_node(m, cx, cy);
                cx += o.node_width + o.gap;
            }
            content_w = content_w.max(cx - o.gap - inner_x);
            cy += o.node_height + o.gap;
        }
        let subnets = self.children_of_kind(vpc, NodeKind::Subnet);
        let row = self.place_subnet_row(&subnets, inner_x, cy, 2);
        content_w = content_w.max(row.w);
        let bottom = if subnets.is_empty() {
            cy - o.gap
        } else {
            cy + row.h
        };
        let size = Size {
            w: (content_w + o.padding * 2.0).max(self.min_container_width()),
            h: (bottom - y + o.padding).max(o.header_height + o.padding),
        };
        self.place_container(vpc, x, y, size, 1);
        size
    }

    fn place_subnet(&mut self, subnet: &NodeId, x: f32, y: f32, depth: u8) -> Size {
        let o = self.options;
        let mut cy = y + o.header_height;
        let members: Vec<NodeId> = self
            .tree
            .children_of(Some(subnet))
            .iter()
            .filter(|c| !c.kind().is_container())
            .map(|c| (*c).clone())
            .collect();
        for m in &members {
            self.place_node(m, x + o.padding, cy);
            cy += o.node_height + o.gap;
        }
        let bottom = if members.is_empty() { cy } else { cy - o.gap };
        let size = Size {
            w: self.min_container_width(),
            h: bottom - y + o.padding,
        };
        self.place_container(subnet, x, y, size, depth);
        size
    }
}

/// Routes for every edge that is not containment, between drawn nodes or boxes.
fn route_edges(
    index: &GraphIndex,
    tree: &Tree<'_>,
    containers: &[ContainerBox],
    nodes: &[NodePlacement],
    bracket: f32,
) -> Vec<EdgeRoute> {
    let mut rects: BTreeMap<&NodeId, Rect> = BTreeMap::new();
    for c in containers {
        rects.insert(&c.id, Rect::new(c.x, c.y, c.w, c.h));
    }
    for n in nodes {
        rects.insert(&n.id, Rect::new(n.x, n.y, n.w, n.h));
    }
    index
        .edges()
        .filter(|e| !e.relation.is_containment())
        .filter(|e| tree.visible.contains(e.from) && tree.visible.contains(e.to))
        .filter_map(|e| {
            let (a, b) = (rects.get(e.from)?, rects.get(e.to)?);
            Some(EdgeRoute {
                from: e.from.clone(),
                to: e.to.clone(),
                relation: e.relation,
                points: route(a, b, bracket),
            })
        })
        .collect()
}

/// Leave `a` from the side facing `b`, turn once halfway, enter `b` from the facing side. When
/// the two share some horizontal extent (one above the other in a column, or one inside the
/// other), leave and enter on the right and turn `bracket` beyond the rightmost edge instead of
/// crossing the boxes.
fn route(a: &Rect, b: &Rect, bracket: f32) -> Vec<(f32, f32)> {
    let (start_y, end_y) = (a.centre_y(), b.centre_y());
    let shares_columns = a.x < b.x + b.w && b.x < a.x + a.w;
    if shares_columns {
        let (a_right, b_right) = (a.x + a.w, b.x + b.w);
        let turn_x = a_right.max(b_right) + bracket;
        return vec![
            (a_right, start_y),
            (turn_x, start_y),
            (turn_x, end_y),
            (b_right, end_y),
        ];
    }
    let (start_x, end_x) = if a.centre_x() <= b.centre_x() {
        (a.x + a.w, b.x)
    } else {
        (a.x, b.x + b.w)
    };
    let middle_x = (start_x + end_x) / 2.0;
    vec![
        (start_x, start_y),
        (middle_x, start_y),
        (middle_x, end_y),
        (end_x, end_y),
    ]
}
