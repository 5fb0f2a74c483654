//! The Policy tab: a policy document of the model file, pretty-printed, with the deciding
//! statement highlighted (`policy-statement--decisive`, `aria-current`) and scrolled into view,
//! and next to it how the verdict evaluated that statement (each element and condition, with
//! its explanation).

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::context::{use_model, use_panel, use_query};
use super::json_path::{resolve, statement_location, StatementLocation};
use super::verdict_view::ElementChecks;
use crate::engine::policy::{deciding_parts, statement_lines, DecidingPart, StatementTrace};
use crate::engine::verdict::{Detail, Verdict};

fn indent(text: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    text.lines()
        .map(|line| format!("{pad}{line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every evaluation of the statement at `at` in a verdict: (leg, layer, trace).
pub fn statement_evaluations(
    verdict: &Verdict,
    at: &StatementLocation,
) -> Vec<(String, String, StatementTrace)> {
    fn walk(
        leg: &str,
        detail: &Detail,
        at: &StatementLocation,
        out: &mut Vec<(String, String, StatementTrace)>,
    ) {
        if let Some(authorization) = &detail.authorization {
            for layer in &authorization.layers {
                if layer.location.as_deref() == Some(at.document.as_str()) {
                    for statement in layer.statements.iter().filter(|s| s.index == at.index) {
                        out.push((
                            leg.to_owned(),
                            layer.layer.as_str().to_owned(),
                            statement.clone(),
                        ));
                    }
                }
            }
        }
        for call in &detail.calls {
            walk(&format!("{leg} / {}", call.call), &call.detail, at, out);
        }
    }
    let mut out = Vec::new();
    for step in &verdict.steps {
        walk(&step.leg, &step.detail, at, &mut out);
    }
    out
}

/// A policy document as pretty JSON, one element per statement.
#[component]
pub fn PolicyDocumentView(
    /// The document (decoded when the model gives it as a string).
    document: Value,
    /// The index of the statement to highlight, if one decided.
    decisive: Option<usize>,
    /// The parts of the decisive statement that decided it (its lines are marked).
    #[prop(optional)]
    deciding: Vec<DecidingPart>,
) -> impl IntoView {
    let statement_view = |i: usize, statement: &Value, last: bool| {
        let is_decisive = decisive == Some(i);
        let sid = statement
            .get("Sid")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| format!("#{i}"));
        let text = if is_decisive && !deciding.is_empty() {
            // Line by line, the lines of the parts that decided in a <mark>.
            let lines = statement_lines(statement, &deciding);
            let count = lines.len();
            lines
                .into_iter()
                .enumerate()
                .map(|(n, line)| {
                    let text = format!("    {}", line.text);
                    let newline = if n + 1 < count { "\n" } else { "" };
                    if line.deciding {
                        // A block of its own: it ends the line, so no newline follows it.
                        view! { <mark class="policy-line--deciding" data-testid="deciding-line">{text}</mark> }
                            .into_any()
                    } else {
                        view! { {text}{newline} }.into_any()
                    }
                })
                .collect_view()
                .into_any()
        } else {
            indent(
                &serde_json::to_string_pretty(statement).unwrap_or_default(),
                4,
            )
            .into_any()
        };
        view! {
            <span
                class="policy-statement"
                class:policy-statement--decisive=is_decisive
                aria-current=is_decisive.then_some("true")
                data-testid="policy-statement"
                data-sid=sid
                data-index=i.to_string()
            >
                {text}
                {if last { "" } else { "," }}
            </span>
        }
    };
    let body = match &document {
        Value::Object(map) => {
            let count = map.len();
            map.iter()
                .enumerate()
                .map(|(n, (key, value))| {
                    let comma = if n + 1 < count { "," } else { "" };
                    let key_text = serde_json::to_string(key).unwrap_or_default();
                    match (key.as_str(), value) {
                        ("Statement", Value::Array(statements)) => {
                            let len = statements.len();
                            view! {
                                {format!("  {key_text}: [\n")}
                                {statements
                                    .iter()
                                    .enumerate()
                                    .map(|(i, s)| statement_view(i, s, i + 1 == len))
                                    .collect_view()}
                                {format!("  ]{comma}\n")}
                            }
                            .into_any()
                        }
                        ("Statement", statement @ Value::Object(_)) => view! {
                            {format!("  {key_text}:\n")}
                            {statement_view(0, statement, true)}
                            {format!("{comma}\n")}
                        }
                        .into_any(),
                        _ => {
                            let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
                            let pretty = indent(&pretty, 2);
                            format!("  {key_text}: {}{comma}\n", pretty.trim_start()).into_any()
                        }
                    }
                })
                .collect_view()
                .into_any()
        }
        other => serde_json::to_string_pretty(other)
            .unwrap_or_default()
            .into_any(),
    };
    let is_object = document.is_object();
    view! {
        <pre class="code-block policy-doc" data-testid="policy-document" tabindex="0">
            {is_object.then_some("{\n")}
            {body}
            {is_object.then_some("}")}
        </pre>
    }
}

/// The policy on display, or how to open one.
#[component]
pub fn PolicyTab() -> impl IntoView {
    let panel = use_panel();
    let model = use_model();
    let query = use_query();

    // Scroll the deciding statement into view once the tab shows it: an effect, because it
    // acts on the DOM after Leptos has updated it.
    Effect::new(move |_| {
        panel.policy.track();
        panel.tab.track();
        request_animation_frame(|| {
            let found = document()
                .query_selector(".policy-statement--decisive")
                .ok()
                .flatten();
            if let Some(element) = found.and_then(|e| e.dyn_into::<web_sys::Element>().ok()) {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Center);
                element.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    });

    move || {
        let Some(focus) = panel.policy.get() else {
            return view! {
                <p class="placeholder">
                    "Click a blocker in the Verdict tab, or “Open this policy” on a layer of the steps, to read the policy here."
                </p>
            }
            .into_any();
        };
        let at = statement_location(&focus.location);
        let decisive = focus.location.contains(".Statement").then_some(at.index);
        // The document as written, when it loads.
        let document = model
            .loaded
            .with(|loaded| loaded.is_ok())
            .then(|| {
                model
                    .history
                    .with(|h| resolve(h.present(), &at.document).map(|v| v.into_owned()))
            })
            .flatten();
        let evaluations = match decisive {
            Some(_) => query.verdict.with(|v| {
                v.as_ref()
                    .and_then(|v| {
                        v.as_ref()
                            .as_ref()
                            .ok()
                            .map(|v| statement_evaluations(v, &at))
                    })
                    .unwrap_or_default()
            }),
            None => Vec::new(),
        };
        let mut deciding: Vec<DecidingPart> = Vec::new();
        for (_, _, trace) in &evaluations {
            for part in deciding_parts(trace) {
                if !deciding.contains(&part) {
                    deciding.push(part);
                }
            }
        }
        let statement = focus.statement.clone();
        view! {
            <section class="policy" aria-labelledby="policy-title">
                <h2 class="report__title" id="policy-title">"Policy"</h2>
                <p class="policy__meta">
                    "Of "<code data-testid="policy-component">{focus.component.clone()}</code>
                    ", at "<code data-testid="policy-location">{at.document.clone()}</code>
                </p>
                {statement
                    .map(|s| view! { <p class="policy__decisive">"Deciding statement: "<code data-testid="policy-decisive-sid">{s}</code></p> })}
                <div class="policy__layout">
                    {match document {
                        Some(document) => view! { <PolicyDocumentView document=document decisive=decisive deciding=deciding /> }.into_any(),
                        None => view! {
                            <p class="notice notice--warning" data-testid="policy-missing">
                                "This document is not in the model file (AWS fixes it, or the model changed)."
                            </p>
                        }
                        .into_any(),
                    }}
                    {(!evaluations.is_empty())
                        .then(|| {
                            view! {
                                <section class="policy__evaluations" aria-label="How the verdict evaluated this statement" data-testid="policy-evaluations">
                                    <h3 class="verdict__subtitle">"How the verdict evaluated it"</h3>
                                    {evaluations
                                        .into_iter()
                                        .map(|(leg, layer, trace)| {
                                            let applies = if trace.applies { "applies" } else { "does not apply" };
                                            view! {
                                                <div class="policy__evaluation">
                                                    <p class="policy__evaluation-head">
                                                        <strong>{leg}</strong>" · "{layer}" · "{format!("{} · {applies}", trace.effect)}
                                                    </p>
                                                    <ElementChecks checks=trace.checks />
                                                </div>
                                            }
                                        })
                                        .collect_view()}
                                </section>
                            }
                        })}
                </div>
            </section>
        }
        .into_any()
    }
}
