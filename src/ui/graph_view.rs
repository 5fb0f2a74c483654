//! The graph canvas: the model drawn as SVG from the engine's layout (accounts ⊃ VPCs ⊃
//! subnets as nested boxes, entities as boxes, relations as lines), with pan, zoom, selection,
//! search highlights, filters by kind and account, and the verdict's path.
//!
//! The SVG is a picture (`role="img"`); the same nodes are listed as buttons next to it for
//! keyboard and screen-reader users.

use std::collections::BTreeMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::context::{use_model, use_query, use_selection, SelectionState};
use super::shared::Shared;
use crate::engine::graph::{
    ContainerBox, EdgeRoute, GraphIndex, Layout, NodeId, NodeKind, NodePlacement, Touch,
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
    // How the verdict touched each node; empty without a verdict.
    let touches = Memo::new(move |_| {
        query
            .path
            .get()
            .map(|view| {
                view.touched
                    .iter()
                    .map(|t| (t.id.clone(), t.touch))
                    .collect::<BTreeMap<_, _>>()
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
                    .collect::<std::collections::BTreeSet<_>>()
            })
            .unwrap_or_default()
    });

    let viewport = RwSignal::new(Viewport {
        x: 0.0,
        y: 0.0,
        scale: 1.0,
    });
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();

    let svg_size = move || {
        svg_ref
            .get_untracked()
            .map(|svg| {
                (
                    f64::from(svg.client_width()),
                    f64::from(svg.client_height()),
                )
            })
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
        viewport.set(Viewport {
            x: (w - lw * scale) / 2.0,
            y: 0.0_f64.max((h - lh * scale) / 2.0).min(16.0),
            scale,
        });
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
        model.source.track();
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
            <svg
                node_ref=svg_ref
                class="graph__svg"
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
                    {move || {
                        let shown = shown.get()?;
                        let index = model.index.get()?;
                        Some(draw(shown, index, selection, touches, matches))
                    }}
                </g>
            </svg>
            <Legend />
            <NodeList shown=shown touches=touches />
        </div>
    }
}

/// The drawing of one layout.
fn draw(
    shown: Shown,
    index: Shared<GraphIndex>,
    selection: SelectionState,
    touches: Memo<BTreeMap<NodeId, Touch>>,
    matches: Memo<std::collections::BTreeSet<NodeId>>,
) -> impl IntoView {
    let layout = shown.layout();
    let containers: Vec<ContainerBox> = layout
        .containers
        .iter()
        .filter(|c| visible(&selection, &index, &c.id))
        .cloned()
        .collect();
    let columns = layout
        .columns
        .iter()
        .filter(|c| {
            !selection.hidden_kinds.with(|k| k.contains(&c.kind))
                && selection
                    .hidden_accounts
                    .with(|a| !a.contains(c.account.as_str()))
        })
        .map(|c| {
            view! {
                <text class="graph-column__title" x=c.x + 2.0 y=c.y + c.h * 0.7>
                    {c.label.clone()}
                </text>
            }
        })
        .collect_view();
    let nodes: Vec<NodePlacement> = layout
        .nodes
        .iter()
        .filter(|n| visible(&selection, &index, &n.id))
        .cloned()
        .collect();
    let edges: Vec<EdgeRoute> = layout
        .edges
        .iter()
        .filter(|e| visible(&selection, &index, &e.from) && visible(&selection, &index, &e.to))
        .cloned()
        .collect();
    view! {
        <g class="graph__containers">
            {containers
                .into_iter()
                .map(|c| {
                    let class = format!(
                        "graph-container graph-container--{} graph-container--depth-{}",
                        c.kind.as_str(),
                        c.depth,
                    );
                    let id = c.id.clone();
                    let touched = move || touches.with(|t| t.contains_key(&id));
                    let id = c.id.clone();
                    let selected = move || selection.selected.with(|s| s.as_ref() == Some(&id));
                    let label = format!("{} {}: {}", kind_icon(c.kind), kind_title(c.kind), c.label);
                    let max = (c.w / 7.5) as usize;
                    let node = c.id.clone();
                    view! {
                        <g
                            class=class
                            class:graph-container--on-path=touched
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
                        </g>
                    }
                })
                .collect_view()}
        </g>
        <g class="graph__columns">{columns}</g>
        <g class="graph__edges">
            {edges
                .into_iter()
                .map(|e| {
                    let points = e
                        .points
                        .iter()
                        .map(|(x, y)| format!("{x:.1},{y:.1}"))
                        .collect::<Vec<_>>()
                        .join(" ");
                    let (from, to) = (e.from.clone(), e.to.clone());
                    let on_path = move || touches.with(|t| t.contains_key(&from) && t.contains_key(&to));
                    let (from, to) = (e.from.clone(), e.to.clone());
                    let near_selection = move || {
                        selection.selected.with(|s| s.as_ref().is_some_and(|s| *s == from || *s == to))
                    };
                    view! {
                        <polyline
                            class=format!("graph-edge graph-edge--{}", e.relation.as_str())
                            class:graph-edge--on-path=on_path
                            class:graph-edge--selected=near_selection
                            points=points
                            marker-end="url(#graph-arrow)"
                        >
                            <title>{e.relation.as_str()}</title>
                        </polyline>
                    }
                })
                .collect_view()}
        </g>
        <g class="graph__nodes">
            {nodes
                .into_iter()
                .map(|n| view! { <GraphNode placement=n selection=selection touches=touches matches=matches /> })
                .collect_view()}
        </g>
    }
}

/// One entity on the canvas: kind, name, and the verdict's marks.
#[component]
fn GraphNode(
    /// Where the layout put it.
    placement: NodePlacement,
    selection: SelectionState,
    /// How the verdict touched each node.
    touches: Memo<BTreeMap<NodeId, Touch>>,
    /// The nodes the search finds.
    matches: Memo<std::collections::BTreeSet<NodeId>>,
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
    let touch = {
        let id = id.clone();
        Memo::new(move |_| touches.with(|t| t.get(&id).copied()))
    };
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
            class:graph-node--on-path=move || touch.get() == Some(Touch::OnPath)
            class:graph-node--blocking=move || touch.get() == Some(Touch::Blocking)
            transform=format!("translate({x} {y})")
            data-testid="graph-node"
            data-id=id.as_str().to_owned()
            data-kind=kind.as_str()
            data-touch=move || match touch.get() {
                Some(Touch::Blocking) => "blocking",
                Some(Touch::OnPath) => "on-path",
                None => "",
            }
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
                (touch.get() == Some(Touch::Blocking))
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
    let kinds = move || {
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
    };
    let accounts = move || {
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
    };
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
                            kinds()
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
                            accounts()
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
            <span class="graph__legend-item graph__legend-item--selected">"▭ selected"</span>
            <span class="graph__legend-hint">"Drag to pan, wheel or +/− to zoom, 0 to fit."</span>
        </p>
    }
}

/// The nodes on display as a list of buttons: the drawing's text alternative.
#[component]
fn NodeList(
    /// The layout on display.
    shown: Memo<Option<Shown>>,
    /// How the verdict touched each node.
    touches: Memo<BTreeMap<NodeId, Touch>>,
) -> impl IntoView {
    let selection = use_selection();
    view! {
        <details class="graph__list">
            <summary data-testid="node-list-toggle">
                {move || {
                    let n = shown.with(|s| s.as_ref().map(|s| s.layout().nodes.len()).unwrap_or(0));
                    format!("The graph as a list ({n} entities)")
                }}
            </summary>
            <ul class="graph__list-items" data-testid="node-list">
                {move || {
                    shown
                        .get()
                        .map(|s| {
                            s.layout()
                                .nodes
                                .iter()
                                .map(|n| {
                                    let id = n.id.clone();
                                    let touch = touches.with(|t| t.get(&id).copied());
                                    let mark = match touch {
                                        Some(Touch::Blocking) => " — ⊘ blocks",
                                        Some(Touch::OnPath) => " — on the path",
                                        None => "",
                                    };
                                    let node = id.clone();
                                    let pressed = move || selection.selected.with(|s| s.as_ref() == Some(&id)).to_string();
                                    view! {
                                        <li>
                                            <button
                                                class="graph__list-button"
                                                aria-pressed=pressed
                                                on:click=move |_| selection.select_and_reveal(node.clone())
                                            >
                                                {format!("{}: {} ({}){}", kind_title(n.kind), n.label, n.id.as_str(), mark)}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </ul>
        </details>
    }
}
