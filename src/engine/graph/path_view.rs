//! The path view: only what a verdict touched, inside the boxes that hold it (account → VPC →
//! subnet; boxes holding nothing touched are left out), with what blocks marked and the hops
//! of the request numbered.
//!
//! # Hop numbers
//!
//! A node's hop is the rank (1-based) at which the request meets it, read from the verdict's
//! steps (see `hop_order`): first where the request comes from (the instance or function its
//! context keys name), then step by step the network hops in their order, the caller (the
//! identity policy's owner), the resource, the other policies' owners, the calls a step is made
//! of, and what else the step names. Numbers run 1..=n without gaps, one per node. A box
//! (account, VPC, subnet) is numbered only when a network hop names it: named by a context
//! key's value, it holds the path but is not a hop. A blocker the steps never name (a component
//! known only from the blocker list) has no hop: the request was not seen to pass through it,
//! and no step order says where it stands; it is still marked [`Touch::Blocking`].

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::engine::verdict::Verdict;

use super::index::GraphIndex;
use super::layout::{layout_of, Layout, LayoutOptions};
use super::node::{NodeId, NodeKind};

/// How a verdict touched a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Touch {
    /// Named by a step of the explanation (a hop, a policy's owner, a key, a resource…).
    OnPath,
    /// Named as the component of a blocker.
    Blocking,
}

/// One touched node or container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TouchedNode {
    pub id: NodeId,
    pub kind: NodeKind,
    pub touch: Touch,
    /// Where the request reached this node, counted from 1 (see the module's *Hop numbers*);
    /// `None` for a blocker no step names.
    pub hop: Option<u32>,
}

/// What a verdict touched, laid out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathView {
    /// The layout of the touched nodes and their containers only.
    pub layout: Layout,
    /// Every touched node (containers included when a step or blocker names them), in
    /// [`NodeId`] order. Containers drawn only because they hold something touched are not
    /// listed.
    pub touched: Vec<TouchedNode>,
    /// Blocker components the graph has no node for (SCP and RCP ids, roots and OUs, things
    /// missing from the model), in blocker order, each once.
    pub unplaced: Vec<String>,
}

impl PathView {
    /// How the verdict touched a node, if it did.
    pub fn touch_of(&self, id: &NodeId) -> Option<Touch> {
        self.touched.iter().find(|t| &t.id == id).map(|t| t.touch)
    }

    /// The hop number of a node, if the steps reached it.
    pub fn hop_of(&self, id: &NodeId) -> Option<u32> {
        self.touched
            .iter()
            .find(|t| &t.id == id)
            .and_then(|t| t.hop)
    }

    /// The nodes the steps reached, in hop order (hop 1 first).
    pub fn hops(&self) -> Vec<&TouchedNode> {
        let mut hops: Vec<&TouchedNode> = self.touched.iter().filter(|t| t.hop.is_some()).collect();
        hops.sort_by_key(|t| t.hop);
        hops
    }
}

/// Keys of step details whose strings are policy text, not components the request went
/// through: a statement's patterns name resources the request never touched.
const POLICY_TEXT_KEYS: [&str; 1] = ["Statements"];

/// Every string in a detail, outside policy text.
fn strings_in<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| strings_in(v, out)),
        Value::Object(map) => {
            for (key, v) in map {
                if !POLICY_TEXT_KEYS.contains(&key.as_str()) {
                    strings_in(v, out);
                }
            }
        }
        _ => {}
    }
}

/// Context keys whose value is where the request comes from (the instance's ARN ends in its id).
const ORIGIN_KEYS: [&str; 2] = ["ec2:SourceInstanceARN", "lambda:SourceFunctionArn"];

/// The context value of `key` in a step detail, if the detail lists it.
fn context_value<'v>(detail: &'v Value, key: &str) -> Option<&'v str> {
    detail
        .get("Context")?
        .as_array()?
        .iter()
        .find(|entry| entry.get("name").and_then(Value::as_str) == Some(key))?
        .get("value")?
        .as_str()
}

/// The strings of the steps' details in the order the request meets what they name, each with
/// whether a network hop names it:
/// 1. the origin (the instance or function the call comes from, from its context keys);
/// 2. then step by step: the network hops in order; the caller (the identity-policy layer's
///    owner); the resource; the other layers' owners; the calls the step is made of (each
///    ordered the same way); everything else; the context keys last.
fn hop_order<'v>(details: &'v [Value], out: &mut Vec<(&'v str, bool)>) {
    for detail in details {
        for key in ORIGIN_KEYS {
            if let Some(value) = context_value(detail, key) {
                // `arn:aws:ec2:…:instance/i-…` names the instance `i-…`.
                out.push((value.rsplit('/').next().unwrap_or(value), false));
                out.push((value, false));
            }
        }
    }
    for detail in details {
        step_order(detail, out);
    }
}

/// One step's detail in hop order (see [`hop_order`]).
fn step_order<'v>(detail: &'v Value, out: &mut Vec<(&'v str, bool)>) {
    let Value::Object(map) = detail else {
        let mut strings = Vec::new();
        strings_in(detail, &mut strings);
        out.extend(strings.into_iter().map(|s| (s, false)));
        return;
    };
    let push = |value: &'v Value, from_hops: bool, out: &mut Vec<(&'v str, bool)>| {
        let mut strings = Vec::new();
        strings_in(value, &mut strings);
        out.extend(strings.into_iter().map(|s| (s, from_hops)));
    };
    if let Some(hops) = map.get("Hops") {
        push(hops, true, out);
    }
    let layers: &[Value] = map
        .get("Layers")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    let is_identity =
        |layer: &&Value| layer.get("Layer").and_then(Value::as_str) == Some("identity-policy");
    for layer in layers.iter().filter(is_identity) {
        if let Some(owner) = layer.get("Component") {
            push(owner, false, out);
        }
    }
    if let Some(resource) = map.get("Resource") {
        push(resource, false, out);
    }
    for layer in layers {
        push(layer, false, out);
    }
    if let Some(Value::Array(calls)) = map.get("Calls") {
        for call in calls {
            match call.get("Detail") {
                Some(inner) => step_order(inner, out),
                None => push(call, false, out),
            }
        }
    }
    for (key, value) in map {
        if !matches!(
            key.as_str(),
            "Hops" | "Layers" | "Resource" | "Calls" | "Context"
        ) {
            push(value, false, out);
        }
    }
    if let Some(context) = map.get("Context") {
        push(context, false, out);
    }
}

/// The components a verdict touched and how, laid out with `options`.
pub fn path_view(index: &GraphIndex, verdict: &Verdict) -> PathView {
    path_view_with(index, verdict, &LayoutOptions::default())
}

/// [`path_view`] with layout options.
pub fn path_view_with(index: &GraphIndex, verdict: &Verdict, options: &LayoutOptions) -> PathView {
    let mut touches: BTreeMap<&NodeId, Touch> = BTreeMap::new();
    let mut unplaced: Vec<String> = Vec::new();
    for blocker in &verdict.blockers {
        match index.node(&blocker.component) {
            Some(node) => {
                touches.insert(node, Touch::Blocking);
            }
            None => {
                if !unplaced.contains(&blocker.component) {
                    unplaced.push(blocker.component.clone());
                }
            }
        }
    }
    // Details stay typed in the verdict; their JSON form is where the ids are.
    let details: Vec<serde_json::Value> = verdict
        .steps
        .iter()
        .map(|step| serde_json::to_value(&step.detail).unwrap_or_default())
        .collect();
    // Hops follow the request: where it comes from, who makes it, the network hops in order,
    // what it is about, then the rest of each step (see `hop_order`).
    let mut ordered = Vec::new();
    hop_order(&details, &mut ordered);
    let mut hops: BTreeMap<&NodeId, u32> = BTreeMap::new();
    for (text, from_hops) in ordered {
        if let Some(node) = index.node(text) {
            touches.entry(node).or_insert(Touch::OnPath);
            // A box (account, VPC, subnet) is numbered only when a network hop names it; named
            // anywhere else (a context key's value) it is where the request went, not a hop.
            if node.kind().is_container() && !from_hops {
                continue;
            }
            let next = u32::try_from(hops.len())
                .unwrap_or(u32::MAX)
                .saturating_add(1);
            hops.entry(node).or_insert(next);
        }
    }
    let selected: BTreeSet<&NodeId> = touches.keys().copied().collect();
    PathView {
        layout: layout_of(index, options, Some(&selected)),
        touched: touches
            .into_iter()
            .map(|(id, touch)| TouchedNode {
                id: id.clone(),
                kind: id.kind(),
                touch,
                hop: hops.get(id).copied(),
            })
            .collect(),
        unplaced,
    }
}
