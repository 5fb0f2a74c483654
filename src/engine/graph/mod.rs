//! The model as a graph, for drawing and path queries.
//!
//! [`GraphIndex`] is a petgraph graph that holds ids, not data: a node is a [`NodeId`] (entity
//! kind + AWS id or ARN), an edge a [`Relation`]. Entity data stays in the model; the index only
//! answers "what is connected to what" and "where is it drawn". [`GraphIndex::verify`] checks
//! that the index and the model agree.
//!
//! [`layout()`] turns an index into plain data the web app draws as SVG (a pure, deterministic
//! function: see the guarantees in [the `layout` module](mod@self::layout)); [`path_view()`] lays
//! out only what one verdict touched.
//!
//! Pipeline: [`build`](GraphIndex::build) (model → nodes, then edges; `may_read` is the cheap
//! identity-policy reading behind [`Relation::MayRead`]) → queries (`index`) → [`layout()`] /
//! [`path_view()`].

mod build;
mod index;
pub mod layout;
mod may_read;
mod node;
mod path_view;
mod relation;
mod verify;

pub use index::{Edge, GraphIndex, Neighbour, Towards};
pub use layout::{
    layout, ColumnHeader, ContainerBox, EdgeRoute, Layout, LayoutOptions, NodePlacement, Rect,
};
pub use node::{NodeId, NodeKind};
pub use path_view::{path_view, path_view_with, PathView, Touch, TouchedNode};
pub use relation::Relation;
