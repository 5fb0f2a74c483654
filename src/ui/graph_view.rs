//! The graph canvas: the model drawn as SVG from the engine's layout (accounts ⊃ VPCs ⊃
//! subnets as nested boxes, entities as boxes, relations as lines), with pan, zoom, selection,
//! search highlights, filters by kind and account, and the verdict's path.
//!
//! The SVG is a picture (`role="img"`); the same nodes are listed as buttons next to it for
//! keyboard and screen-reader users.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::context::{use_model, use_query, use_selection, ModelState, SelectionState};
use super::shared::Shared;
use crate::engine::graph::{
    ColumnHeader, ContainerBox, EdgeRoute, GraphIndex, Layout, NodeId, NodeKind, NodePlacement,
    Relation, Touch,
};

/// The layout on display: the whole model, or only what the verdict touched.
#[derive(Clone, PartialEq)]
enum Shown {
    Full(Shared<Layout>),
    Path(Shared<crate::engine::graph::PathView>),
}

impl Shown {
    fn layout(&self) -> &Layout {
        match self {
            Shown::Full(layout) => layout,
            Shown::Path(view) => &view.layout,
        }
    }
}

/// A glyph for each kind (decoration only: the kind is also written out).
pub fn kind_icon(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Account => "⌂",
        NodeKind::Vpc => "⬢",
        NodeKind::Subnet => "▣",
        NodeKind::User => "☺",
        NodeKind::Group => "☷",
        NodeKind::Role => "⚙",
        NodeKind::Secret => "◈",
        NodeKind::Parameter => "≡",
        NodeKind::Key => "⚷",
        NodeKind::Function => "λ",
        NodeKind::Instance => "▣",
        NodeKind::DbInstance => "⛁",
        NodeKind::VpcEndpoint => "◎",
        NodeKind::InternetGateway => "☁",
        NodeKind::NatGateway => "⇄",
        NodeKind::RouteTable => "⎇",
        NodeKind::SecurityGroup => "⬡",
        NodeKind::NetworkAcl => "⊞",
    }
}

/// A kind's name for people, singular (`VPC endpoint`).
pub fn kind_title(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Account => "Account",
        NodeKind::Vpc => "VPC",
        NodeKind::Subnet => "Subnet",
        NodeKind::User => "User",
        NodeKind::Group => "Group",
        NodeKind::Role => "Role",
        NodeKind::Secret => "Secret",
        NodeKind::Parameter => "Parameter",
        NodeKind::Key => "KMS key",
        NodeKind::Function => "Function",
        NodeKind::Instance => "Instance",
        NodeKind::DbInstance => "DB instance",
        NodeKind::VpcEndpoint => "VPC endpoint",
        NodeKind::InternetGateway => "Internet gateway",
        NodeKind::NatGateway => "NAT gateway",
        NodeKind::RouteTable => "Route table",
        NodeKind::SecurityGroup => "Security group",
        NodeKind::NetworkAcl => "Network ACL",
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Whether a node passes the kind and account filters.
fn visible(selection: &SelectionState, index: &GraphIndex, node: &NodeId) -> bool {
    if selection.hidden_kinds.with(|k| k.contains(&node.kind())) {
        return false;
    }
    match index.account_of(node) {
        Some(account) => selection
            .hidden_accounts
            .with(|a| !a.contains(account.as_str())),
        None => true,
    }
}

/// Pan and zoom of the drawing: translate, then scale.
#[derive(Clone, Copy, PartialEq)]
struct Viewport {
    x: f64,
    y: f64,
    scale: f64,
}

const MIN_SCALE: f64 = 0.1;
const MAX_SCALE: f64 = 4.0;

/// Keeps `size` equal to the element's client size in pixels, from a `ResizeObserver` (which
/// reports after layout, before paint). Stays `None` where there is no `ResizeObserver`.
fn observe_size(target: NodeRef<leptos::html::Div>, size: RwSignal<Option<(i32, i32)>>) {
    let on_resize = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        if let Some(element) = target.get_untracked() {
            let next = Some((element.client_width(), element.client_height()));
            if size.get_untracked() != next {
                size.set(next);
            }
        }
    });
    let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
        return;
    };
    // The observer calls it for as long as the page lives (one graph per page).
    on_resize.forget();
    let observer = StoredValue::new_local(observer);
    // An effect, because the element exists only once mounted.
    Effect::new(move |_| {
        if let Some(element) = target.get() {
            observer.with_value(|o| o.observe(&element));
        }
    });
    on_cleanup(move || observer.with_value(web_sys::ResizeObserver::disconnect));
}

/// The graph canvas with its toolbar and the list alternative of its nodes.
#[component]
pub fn GraphView() -> impl IntoView {
    let model = use_model();
    let query = use_query();
    let selection = use_selection();

    let shown = Memo::new(move |_| {
        if selection.path_only.get() {
            if let Some(view) = query.path.get() {
                return Some(Shown::Path(view));
            }
        }
        model.layout.get().map(Shown::Full)
    });
    // How the verdict touched each node and its hop; empty without a verdict. `NodeMarks`
    // hands each node's view only the changes of its own mark.
    let touches = Memo::new(move |_| {
        query
            .path
            .get()
            .map(|view| {
                view.touched
                    .iter()
                    .map(|t| {
                        let mark = Mark {
                            touch: t.touch,
                            hop: t.hop,
                        };
                        (t.id.clone(), mark)
                    })
                    .collect::<BTreeMap<_, _>>()
            })
            .unwrap_or_default()
    });
    let marks = NodeMarks::new(touches);
    // Consecutive hops (k, k + 1) of the verdict's path.
    let hop_pairs = Memo::new(move |_| {
        query
            .path
            .get()
            .map(|view| {
                let hops = view.hops();
                hops.windows(2)
                    .filter_map(|w| match w {
                        [a, b] => Some((a.id.clone(), b.id.clone())),
                        _ => None,
                    })
                    .collect::<BTreeSet<_>>()
            })
            .unwrap_or_default()
    });
    let matches = Memo::new(move |_| {
        let text = selection.search.get();
        model
            .index
            .get()
            .map(|index| {
                index
                    .search(&text)
                    .into_iter()
                    .cloned()
                    .collect::<BTreeSet<_>>()
            })
            .unwrap_or_default()
    });

    let viewport = RwSignal::new(Viewport {
        x: 0.0,
        y: 0.0,
        scale: 1.0,
    });
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    // The drawing's box (the grid row) and its size in pixels: the SVG is given that size,
    // never a percentage, because Chromium lays a percentage-sized SVG out whole on every
    // change inside it (10–15 ms for 300 nodes) and a fixed-size one only where it changed.
    let box_ref = NodeRef::<leptos::html::Div>::new();
    let box_size = RwSignal::new(None::<(i32, i32)>);
    observe_size(box_ref, box_size);

    let svg_size = move || {
        box_ref
            .get_untracked()
            .map(|b| (f64::from(b.client_width()), f64::from(b.client_height())))
            .unwrap_or((800.0, 600.0))
    };
    let fit = move || {
        let Some(shown) = shown.get_untracked() else {
            return;
        };
        let layout = shown.layout();
        let (w, h) = svg_size();
        let (lw, lh) = (
            f64::from(layout.width).max(1.0),
            f64::from(layout.height).max(1.0),
        );
        let scale = (w / lw).min(h / lh).clamp(MIN_SCALE, 1.0);
        let fitted = Viewport {
            x: (w - lw * scale) / 2.0,
            y: 0.0_f64.max((h - lh * scale) / 2.0).min(16.0),
            scale,
        };
        // Unchanged after most edits: setting it anyway would redraw the whole drawing.
        if viewport.get_untracked() != fitted {
            viewport.set(fitted);
        }
    };
    let zoom_by = move |factor: f64, cx: f64, cy: f64| {
        viewport.update(|v| {
            let scale = (v.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
            let ratio = scale / v.scale;
            v.x = cx - (cx - v.x) * ratio;
            v.y = cy - (cy - v.y) * ratio;
            v.scale = scale;
        });
    };
    let zoom_center = move |factor: f64| {
        let (w, h) = svg_size();
        zoom_by(factor, w / 2.0, h / 2.0);
    };

    // Fit the drawing whenever another layout is shown (a new model, path-only on or off).
    // An effect, because it needs the drawn SVG's size.
    Effect::new(move |previous: Option<Option<bool>>| {
        let now = shown.with(|s| s.as_ref().map(|s| matches!(s, Shown::Path(_))));
        model.graph_loaded.track();
        if previous.as_ref() != Some(&now) || now.is_some() {
            request_animation_frame(fit);
        }
        now
    });
    // Mark the first drawn graph for load-time measurement (`performance.getEntriesByName`).
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let drawn = shown.with(Option::is_some);
        if drawn {
            request_animation_frame(|| {
                if let Some(performance) = window().performance() {
                    let _ = performance.mark("secretpath:graph-drawn");
                }
            });
        }
        drawn
    });
    // Bring a node selected from elsewhere (search, blocker, list) into view.
    Effect::new(move |_| {
        selection.reveal.track();
        let Some(node) = selection.selected.get_untracked() else {
            return;
        };
        let Some(rect) =
            shown.with_untracked(|s| s.as_ref().and_then(|s| s.layout().rect_of(&node)))
        else {
            return;
        };
        let (w, h) = svg_size();
        viewport.update(|v| {
            let cx = (f64::from(rect.x) + f64::from(rect.w) / 2.0) * v.scale + v.x;
            let cy = (f64::from(rect.y) + f64::from(rect.h) / 2.0) * v.scale + v.y;
            if cx < 0.0 || cx > w || cy < 0.0 || cy > h {
                v.x += w / 2.0 - cx;
                v.y += h / 2.0 - cy;
            }
        });
    });

    // Dragging: the pointer position where it started and the viewport then.
    let drag = StoredValue::new(None::<(f64, f64, Viewport, bool)>);
    let on_pointerdown = move |ev: leptos::ev::PointerEvent| {
        if ev.button() == 0 {
            drag.set_value(Some((
                f64::from(ev.client_x()),
                f64::from(ev.client_y()),
                viewport.get_untracked(),
                false,
            )));
        }
    };
    let on_pointermove = move |ev: leptos::ev::PointerEvent| {
        let Some((x0, y0, start, moving)) = drag.get_value() else {
            return;
        };
        let (dx, dy) = (f64::from(ev.client_x()) - x0, f64::from(ev.client_y()) - y0);
        if !moving && dx.abs() + dy.abs() < 4.0 {
            return;
        }
        if !moving {
            // Capture only once it is a drag, so that a click still reaches the node.
            if let Some(svg) = svg_ref.get_untracked() {
                let _ = svg.set_pointer_capture(ev.pointer_id());
            }
            drag.set_value(Some((x0, y0, start, true)));
        }
        viewport.set(Viewport {
            x: start.x + dx,
            y: start.y + dy,
            scale: start.scale,
        });
    };
    let on_pointerup = move |_| drag.set_value(None);
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        ev.prevent_default();
        let Some(svg) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let rect = svg.get_bounding_client_rect();
        let factor = (-ev.delta_y() * 0.0015).exp();
        zoom_by(
            factor,
            f64::from(ev.client_x()) - rect.left(),
            f64::from(ev.client_y()) - rect.top(),
        );
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let step = 40.0;
        match ev.key().as_str() {
            "+" | "=" => zoom_center(1.25),
            "-" => zoom_center(0.8),
            "0" => fit(),
            "ArrowLeft" => viewport.update(|v| v.x += step),
            "ArrowRight" => viewport.update(|v| v.x -= step),
            "ArrowUp" => viewport.update(|v| v.y += step),
            "ArrowDown" => viewport.update(|v| v.y -= step),
            _ => return,
        }
        ev.prevent_default();
    };

    let title = move || {
        let count = shown.with(|s| s.as_ref().map(|s| s.layout().nodes.len()).unwrap_or(0));
        let what = if shown.with(|s| matches!(s, Some(Shown::Path(_)))) {
            "The verdict's path"
        } else {
            "The model"
        };
        format!("{what} as a graph: {count} entities. The list after the drawing names them.")
    };

    view! {
        <div class="graph">
            <GraphToolbar
                zoom_in=Callback::new(move |()| zoom_center(1.25))
                zoom_out=Callback::new(move |()| zoom_center(0.8))
                fit=Callback::new(move |()| fit())
            />
            <div class="graph__viewport" node_ref=box_ref>
                <svg
                    node_ref=svg_ref
                    class="graph__svg"
                    // Attributes, not a style: the page's CSP refuses inline styles.
                    width=move || box_size.get().map_or_else(|| "100%".to_owned(), |(w, _)| w.to_string())
                    height=move || box_size.get().map_or_else(|| "100%".to_owned(), |(_, h)| h.to_string())
                    role="img"
                    aria-labelledby="graph-title"
                    tabindex="0"
                    data-testid="graph"
                    data-path-only=move || shown.with(|s| matches!(s, Some(Shown::Path(_)))).to_string()
                    on:pointerdown=on_pointerdown
                    on:pointermove=on_pointermove
                    on:pointerup=on_pointerup
                    on:pointercancel=on_pointerup
                    on:wheel=on_wheel
                    on:keydown=on_keydown
                >
                    <title id="graph-title">{title}</title>
                    <defs>
                        <marker
                            id="graph-arrow"
                            viewBox="0 0 10 10"
                            refX="9"
                            refY="5"
                            markerWidth="7"
                            markerHeight="7"
                            orient="auto-start-reverse"
                        >
                            <path class="graph__arrow" d="M 0 0 L 10 5 L 0 10 z" />
                        </marker>
                    </defs>
                    <g transform=move || {
                        let v = viewport.get();
                        format!("translate({:.1} {:.1}) scale({:.4})", v.x, v.y, v.scale)
                    }>
                        <Drawing shown=shown marks=marks hop_pairs=hop_pairs matches=matches />
                    </g>
                </svg>
            </div>
            <Legend />
            <NodeList shown=shown marks=marks />
        </div>
    }
}

/// How the verdict touched a node, and where on its path (see `PathView`'s hop numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    touch: Touch,
    hop: Option<u32>,
}

/// Each node's mark as a signal of its own, kept equal to the verdict's marks by one effect
/// that sets only the signals whose mark changed. (A memo per node over the whole map would
/// re-run every node's memo on each verdict, and re-subscribing hundreds of readers to one
/// memo costs quadratic time.)
#[derive(Clone, Copy)]
struct NodeMarks {
    touches: Memo<BTreeMap<NodeId, Mark>>,
    by_node: StoredValue<BTreeMap<NodeId, ArcRwSignal<Option<Mark>>>>,
}

impl NodeMarks {
    fn new(touches: Memo<BTreeMap<NodeId, Mark>>) -> NodeMarks {
        let by_node = StoredValue::new(BTreeMap::<NodeId, ArcRwSignal<Option<Mark>>>::new());
        Effect::new(move |_| {
            touches.with(|marks| {
                by_node.with_value(|signals| {
                    for (id, signal) in signals {
                        let mark = marks.get(id).copied();
                        if signal.with_untracked(|m| *m != mark) {
                            signal.set(mark);
                        }
                    }
                })
            })
        });
        NodeMarks { touches, by_node }
    }

    /// One node's mark, as a signal owned by the caller's view (the shared signal behind it is
    /// created on first use, with the current mark).
    fn of(&self, id: &NodeId) -> RwSignal<Option<Mark>> {
        let touches = self.touches;
        let shared = self
            .by_node
            .try_update_value(|signals| {
                signals
                    .entry(id.clone())
                    .or_insert_with(|| {
                        ArcRwSignal::new(touches.with_untracked(|t| t.get(id).copied()))
                    })
                    .clone()
            })
            .unwrap_or_else(|| ArcRwSignal::new(None));
        RwSignal::from(shared)
    }
}

/// The bits of a placement's coordinates, for keys (equal boxes, equal keys).
fn rect_key(x: f32, y: f32, w: f32, h: f32) -> [u32; 4] {
    [x, y, w, h].map(f32::to_bits)
}

/// Everything a node's view shows but its marks: `<For>` rebuilds a node only when it changed.
fn node_key(n: &NodePlacement) -> (NodeId, String, [u32; 4]) {
    (n.id.clone(), n.label.clone(), rect_key(n.x, n.y, n.w, n.h))
}

/// Everything a container's view shows but its marks.
fn container_key(c: &ContainerBox) -> (NodeId, String, u8, [u32; 4]) {
    (
        c.id.clone(),
        c.label.clone(),
        c.depth,
        rect_key(c.x, c.y, c.w, c.h),
    )
}

/// Everything a column heading shows.
fn column_key(c: &ColumnHeader) -> (NodeId, NodeKind, String, [u32; 4]) {
    (
        c.account.clone(),
        c.kind,
        c.label.clone(),
        rect_key(c.x, c.y, c.w, c.h),
    )
}

/// Everything an edge's line shows but its marks.
fn edge_key(e: &EdgeRoute) -> (NodeId, NodeId, Relation, Vec<[u32; 2]>) {
    (
        e.from.clone(),
        e.to.clone(),
        e.relation,
        e.points
            .iter()
            .map(|(x, y)| [x.to_bits(), y.to_bits()])
            .collect(),
    )
}

/// A line between two consecutive hops that no drawn edge joins.
#[derive(Debug, Clone, PartialEq)]
struct HopLink {
    from: NodeId,
    to: NodeId,
    points: [(f32, f32); 2],
}

fn hop_link_key(l: &HopLink) -> (NodeId, NodeId, [u32; 4]) {
    let [(x1, y1), (x2, y2)] = l.points;
    (l.from.clone(), l.to.clone(), rect_key(x1, y1, x2, y2))
}

/// The centre of a node's or container's box.
fn centre(layout: &Layout, id: &NodeId) -> Option<(f32, f32)> {
    layout
        .rect_of(id)
        .map(|r| (r.x + r.w / 2.0, r.y + r.h / 2.0))
}

/// What `pick` takes from the layout on display (nothing while there is none).
fn visible_parts<T>(
    shown: Memo<Option<Shown>>,
    model: ModelState,
    pick: impl FnOnce(&Layout, &GraphIndex) -> Vec<T>,
) -> Vec<T> {
    shown.with(|s| {
        model.index.with(|i| match (s, i) {
            (Some(s), Some(i)) => pick(s.layout(), i),
            _ => Vec::new(),
        })
    })
}

/// The drawing of the layout on display. Every part is a keyed `<For>` whose items read their
/// own marks: a change that moves nothing (an edit of a policy, another verdict) re-renders no
/// box and no line, only the marks that changed.
#[component]
fn Drawing(
    /// The layout on display.
    shown: Memo<Option<Shown>>,
    /// How the verdict touched each node.
    marks: NodeMarks,
    /// Consecutive hops of the verdict's path.
    hop_pairs: Memo<BTreeSet<(NodeId, NodeId)>>,
    /// The nodes the search finds.
    matches: Memo<BTreeSet<NodeId>>,
) -> impl IntoView {
    let model = use_model();
    let selection = use_selection();
    let containers = move || {
        visible_parts(shown, model, |layout, index| {
            layout
                .containers
                .iter()
                .filter(|c| visible(&selection, index, &c.id))
                .cloned()
                .collect()
        })
    };
    let columns = move || {
        visible_parts(shown, model, |layout, _| {
            layout
                .columns
                .iter()
                .filter(|c| {
                    !selection.hidden_kinds.with(|k| k.contains(&c.kind))
                        && selection
                            .hidden_accounts
                            .with(|a| !a.contains(c.account.as_str()))
                })
                .cloned()
                .collect()
        })
    };
    let nodes = move || {
        visible_parts(shown, model, |layout, index| {
            layout
                .nodes
                .iter()
                .filter(|n| visible(&selection, index, &n.id))
                .cloned()
                .collect()
        })
    };
    let edges = move || {
        visible_parts(shown, model, |layout, index| {
            layout
                .edges
                .iter()
                .filter(|e| {
                    visible(&selection, index, &e.from) && visible(&selection, index, &e.to)
                })
                .cloned()
                .collect()
        })
    };
    // Consecutive hops that no drawn edge joins get a line of their own.
    let hop_links = move || {
        visible_parts(shown, model, |layout, index| {
            hop_pairs.with(|pairs| {
                pairs
                    .iter()
                    .filter(|(a, b)| visible(&selection, index, a) && visible(&selection, index, b))
                    .filter(|(a, b)| {
                        !layout
                            .edges
                            .iter()
                            .any(|e| (&e.from == a && &e.to == b) || (&e.from == b && &e.to == a))
                    })
                    .filter_map(|(a, b)| {
                        Some(HopLink {
                            from: a.clone(),
                            to: b.clone(),
                            points: [centre(layout, a)?, centre(layout, b)?],
                        })
                    })
                    .collect()
            })
        })
    };
    view! {
        <g class="graph__containers">
            <For each=containers key=container_key let:c>
                <GraphContainer placement=c selection=selection marks=marks />
            </For>
        </g>
        <g class="graph__columns">
            <For each=columns key=column_key let:c>
                <text class="graph-column__title" x=c.x + 2.0 y=c.y + c.h * 0.7>
                    {c.label}
                </text>
            </For>
        </g>
        <g class="graph__edges">
            <For each=edges key=edge_key let:e>
                <GraphEdge route=e selection=selection marks=marks />
            </For>
        </g>
        <g class="graph__hop-links">
            <For each=hop_links key=hop_link_key let:l>
                {
                    let [(x1, y1), (x2, y2)] = l.points;
                    view! {
                        <line
                            class="graph-hop-link"
                            data-testid="graph-hop-link"
                            x1=x1
                            y1=y1
                            x2=x2
                            y2=y2
                            marker-end="url(#graph-arrow)"
                        >
                            <title>{format!("next hop: {} → {}", l.from.as_str(), l.to.as_str())}</title>
                        </line>
                    }
                }
            </For>
        </g>
        <g class="graph__nodes">
            <For each=nodes key=node_key let:n>
                <GraphNode placement=n selection=selection marks=marks matches=matches />
            </For>
        </g>
    }
}

/// A hop number as a small round badge (text, so that it does not rely on colour).
fn hop_badge(hop: u32, x: f32, y: f32) -> impl IntoView {
    view! {
        <g
            class="graph-hop"
            data-testid="graph-hop-badge"
            data-hop=hop
            transform=format!("translate({x} {y})")
        >
            <title>{format!("hop {hop} of the request")}</title>
            <circle class="graph-hop__circle" r="9" />
            <text class="graph-hop__text" y="4">
                {hop}
            </text>
        </g>
    }
}

/// An account, VPC or subnet box.
#[component]
fn GraphContainer(
    /// Where the layout put it.
    placement: ContainerBox,
    selection: SelectionState,
    /// How the verdict touched each node.
    marks: NodeMarks,
) -> impl IntoView {
    let c = placement;
    let class = format!(
        "graph-container graph-container--{} graph-container--depth-{}",
        c.kind.as_str(),
        c.depth,
    );
    let mark = marks.of(&c.id);
    let id = c.id.clone();
    let selected = move || selection.selected.with(|s| s.as_ref() == Some(&id));
    let label = format!("{} {}: {}", kind_icon(c.kind), kind_title(c.kind), c.label);
    let max = (c.w / 7.5) as usize;
    let node = c.id.clone();
    let (x, y) = (c.x, c.y);
    view! {
        <g
            class=class
            class:graph-container--on-path=move || mark.with(Option::is_some)
            class:graph-container--selected=selected
            data-testid="graph-container"
            data-id=c.id.as_str().to_owned()
        >
            <rect class="graph-container__box" x=c.x y=c.y width=c.w height=c.h rx="10" />
            <text
                class="graph-container__label"
                x=c.x + 10.0
                y=c.y + 19.0
                on:click=move |_| selection.selected.set(Some(node.clone()))
            >
                {truncate(&label, max.max(8))}
            </text>
            {move || mark.get().and_then(|m| m.hop).map(|hop| hop_badge(hop, x, y))}
        </g>
    }
}

/// One relation as a line.
#[component]
fn GraphEdge(
    /// Its route.
    route: EdgeRoute,
    selection: SelectionState,
    /// How the verdict touched each node.
    marks: NodeMarks,
) -> impl IntoView {
    let e = route;
    let points = e
        .points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let (from_mark, to_mark) = (marks.of(&e.from), marks.of(&e.to));
    let on_path = move || from_mark.with(Option::is_some) && to_mark.with(Option::is_some);
    // Consecutive hops, either way round.
    let hop = move || {
        let hop_of = |m: RwSignal<Option<Mark>>| m.with(|m| m.and_then(|m| m.hop));
        matches!((hop_of(from_mark), hop_of(to_mark)), (Some(a), Some(b)) if a.abs_diff(b) == 1)
    };
    let (from, to) = (e.from.clone(), e.to.clone());
    let near_selection = move || {
        selection
            .selected
            .with(|s| s.as_ref().is_some_and(|s| *s == from || *s == to))
    };
    view! {
        <polyline
            class=format!("graph-edge graph-edge--{}", e.relation.as_str())
            class:graph-edge--on-path=on_path
            class:graph-edge--hop=hop
            class:graph-edge--selected=near_selection
            points=points
            marker-end="url(#graph-arrow)"
        >
            <title>{e.relation.as_str()}</title>
        </polyline>
    }
}

/// One entity on the canvas: kind, name, and the verdict's marks.
#[component]
fn GraphNode(
    /// Where the layout put it.
    placement: NodePlacement,
    selection: SelectionState,
    /// How the verdict touched each node.
    marks: NodeMarks,
    /// The nodes the search finds.
    matches: Memo<BTreeSet<NodeId>>,
) -> impl IntoView {
    let NodePlacement {
        id,
        kind,
        label,
        x,
        y,
        w,
        h,
    } = placement;
    let mark = marks.of(&id);
    let touch = move || mark.with(|m| m.map(|m| m.touch));
    let selected = {
        let id = id.clone();
        move || selection.selected.with(|s| s.as_ref() == Some(&id))
    };
    let matched = {
        let id = id.clone();
        move || matches.with(|m| m.contains(&id))
    };
    let class = format!("graph-node graph-node--{}", kind.as_str());
    let tooltip = format!("{}: {} ({})", kind_title(kind), label, id.as_str());
    let max = ((w - 16.0) / 7.0) as usize;
    let shown_label = truncate(&label, max.max(6));
    let node = id.clone();
    view! {
        <g
            class=class
            class:graph-node--selected=selected
            class:graph-node--match=matched
            class:graph-node--on-path=move || touch() == Some(Touch::OnPath)
            class:graph-node--blocking=move || touch() == Some(Touch::Blocking)
            transform=format!("translate({x} {y})")
            data-testid="graph-node"
            data-id=id.as_str().to_owned()
            data-kind=kind.as_str()
            data-touch=move || match touch() {
                Some(Touch::Blocking) => "blocking",
                Some(Touch::OnPath) => "on-path",
                None => "",
            }
            data-hop=move || mark.get().and_then(|m| m.hop).map(|h| h.to_string()).unwrap_or_default()
            on:click=move |_| selection.selected.set(Some(node.clone()))
        >
            <title>{tooltip}</title>
            <rect class="graph-node__box" width=w height=h rx="6" />
            <text class="graph-node__kind" x="8" y="13">
                {format!("{} {}", kind_icon(kind), kind_title(kind))}
            </text>
            <text class="graph-node__label" x="8" y=h - 8.0>
                {shown_label}
            </text>
            {move || {
                (touch() == Some(Touch::Blocking))
                    .then(|| {
                        view! {
                            <g class="graph-node__marker" data-testid="graph-blocker-marker" transform=format!("translate({} -9)", w - 72.0)>
                                <rect class="graph-node__marker-box" width="68" height="18" rx="9" />
                                <text class="graph-node__marker-text" x="34" y="13">
                                    "⊘ blocks"
                                </text>
                            </g>
                        }
                    })
            }}
            {move || mark.get().and_then(|m| m.hop).map(|hop| hop_badge(hop, 0.0, 0.0))}
        </g>
    }
}

/// Zoom buttons, the path-only toggle and the filters.
#[component]
fn GraphToolbar(
    /// Zoom in around the centre.
    zoom_in: Callback<()>,
    /// Zoom out around the centre.
    zoom_out: Callback<()>,
    /// Fit the drawing to the canvas.
    fit: Callback<()>,
) -> impl IntoView {
    let model = use_model();
    let query = use_query();
    let selection = use_selection();
    let has_path = move || query.path.with(Option::is_some);
    // Memos (compared by value): an edit that adds no kind or account leaves the filters alone.
    let kinds = Memo::new(move |_| {
        model
            .index
            .get()
            .map(|index| {
                NodeKind::ALL
                    .into_iter()
                    .filter(|k| !index.of_kind(*k).is_empty())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let accounts = Memo::new(move |_| {
        model
            .index
            .get()
            .map(|index| {
                index
                    .of_kind(NodeKind::Account)
                    .into_iter()
                    .map(|a| {
                        (
                            a.as_str().to_owned(),
                            index.label(a).unwrap_or(a.as_str()).to_owned(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <div class="graph__toolbar" role="toolbar" aria-label="Graph view">
            <button class="button button--icon" aria-label="Zoom out" title="Zoom out (−)" on:click=move |_| zoom_out.run(())>
                "−"
            </button>
            <button class="button button--icon" aria-label="Zoom in" title="Zoom in (+)" on:click=move |_| zoom_in.run(())>
                "+"
            </button>
            <button class="button button--secondary" data-testid="graph-fit" on:click=move |_| fit.run(())>
                "Fit"
            </button>
            <label class="graph__toggle" class:graph__toggle--disabled=move || !has_path()>
                <input
                    type="checkbox"
                    data-testid="path-only"
                    prop:checked=move || selection.path_only.get()
                    prop:disabled=move || !has_path()
                    on:change=move |ev| selection.path_only.set(event_target_checked(&ev))
                />
                " Path only"
            </label>
            <details class="graph__filters">
                <summary class="button button--secondary" data-testid="graph-filters">"Filter"</summary>
                <div class="graph__filter-panel">
                    <fieldset class="graph__filter-group">
                        <legend>"Kinds"</legend>
                        {move || {
                            kinds
                                .get()
                                .into_iter()
                                .map(|kind| {
                                    view! {
                                        <label class="graph__filter">
                                            <input
                                                type="checkbox"
                                                data-testid="filter-kind"
                                                data-kind=kind.as_str()
                                                prop:checked=move || selection.hidden_kinds.with(|k| !k.contains(&kind))
                                                on:change=move |ev| {
                                                    let show = event_target_checked(&ev);
                                                    selection.hidden_kinds.update(|k| {
                                                        if show { k.remove(&kind); } else { k.insert(kind); }
                                                    });
                                                }
                                            />
                                            " " {kind.plural_title()}
                                        </label>
                                    }
                                })
                                .collect_view()
                        }}
                    </fieldset>
                    <fieldset class="graph__filter-group">
                        <legend>"Accounts"</legend>
                        {move || {
                            accounts
                                .get()
                                .into_iter()
                                .map(|(id, label)| {
                                    let key = id.clone();
                                    let checked_key = id.clone();
                                    let text = if label == id { id.clone() } else { format!("{label} ({id})") };
                                    view! {
                                        <label class="graph__filter">
                                            <input
                                                type="checkbox"
                                                data-testid="filter-account"
                                                data-account=id
                                                prop:checked=move || selection.hidden_accounts.with(|a| !a.contains(&checked_key))
                                                on:change=move |ev| {
                                                    let show = event_target_checked(&ev);
                                                    let key = key.clone();
                                                    selection.hidden_accounts.update(|a| {
                                                        if show { a.remove(&key); } else { a.insert(key); }
                                                    });
                                                }
                                            />
                                            " " {text}
                                        </label>
                                    }
                                })
                                .collect_view()
                        }}
                    </fieldset>
                </div>
            </details>
        </div>
    }
}

/// What the marks on the graph mean, in words.
#[component]
fn Legend() -> impl IntoView {
    view! {
        <p class="graph__legend">
            <span class="graph__legend-item graph__legend-item--on-path">"▭ on the verdict's path"</span>
            <span class="graph__legend-item graph__legend-item--blocking">"⊘ blocks the request"</span>
            <span class="graph__legend-item graph__legend-item--hop">"① hop of the request, in order"</span>
            <span class="graph__legend-item graph__legend-item--selected">"▭ selected"</span>
            <span class="graph__legend-hint">"Drag to pan, wheel or +/− to zoom, 0 to fit."</span>
        </p>
    }
}

/// The nodes on display as a list of buttons: the drawing's text alternative, with each node's
/// hop number and whether it blocks.
#[component]
fn NodeList(
    /// The layout on display.
    shown: Memo<Option<Shown>>,
    /// How the verdict touched each node.
    marks: NodeMarks,
) -> impl IntoView {
    let selection = use_selection();
    // The items exist only while the list is open: a closed list costs nothing on an edit.
    let open = RwSignal::new(false);
    let details = NodeRef::<leptos::html::Details>::new();
    let nodes = move || {
        if !open.get() {
            return Vec::new();
        }
        shown.with(|s| {
            s.as_ref()
                .map(|s| s.layout().nodes.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <details
            class="graph__list"
            node_ref=details
            on:toggle=move |_| open.set(details.get_untracked().is_some_and(|d| d.open()))
        >
            <summary data-testid="node-list-toggle">
                {move || {
                    let n = shown.with(|s| s.as_ref().map(|s| s.layout().nodes.len()).unwrap_or(0));
                    format!("The graph as a list ({n} entities)")
                }}
            </summary>
            <ul class="graph__list-items" data-testid="node-list">
                <For each=nodes key=node_key let:n>
                    {
                        let mark = marks.of(&n.id);
                        let id = n.id.clone();
                        let node = n.id.clone();
                        let pressed = move || selection.selected.with(|s| s.as_ref() == Some(&id)).to_string();
                        let text = format!("{}: {} ({})", kind_title(n.kind), n.label, n.id.as_str());
                        view! {
                            <li>
                                <button
                                    class="graph__list-button"
                                    data-testid="node-list-item"
                                    data-hop=move || mark.get().and_then(|m| m.hop).map(|h| h.to_string()).unwrap_or_default()
                                    aria-pressed=pressed
                                    on:click=move |_| selection.select_and_reveal(node.clone())
                                >
                                    {text}
                                    {move || mark.get().map(mark_text).unwrap_or_default()}
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </details>
    }
}

/// What the list says of a node the verdict touched (` — hop 3, on the path`).
fn mark_text(mark: Mark) -> String {
    let touch = match mark.touch {
        Touch::Blocking => "⊘ blocks",
        Touch::OnPath => "on the path",
    };
    match mark.hop {
        Some(hop) => format!(" — hop {hop}, {touch}"),
        None => format!(" — {touch}"),
    }
}
