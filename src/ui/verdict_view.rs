//! A verdict, shown: the decision banner, the blockers, the notes, and the steps as a
//! collapsible tree (`<details>`): leg → outcome → summary; inside, the authorisation (layers →
//! policies → statements → element checks with their explanations), the network hops, the calls
//! of a rotation step; then the version stages after a rotation.
//!
//! Clicking a blocker selects its component on the graph and, when a statement decided, opens
//! the Policy tab on it. Those contexts are optional, so the view also renders alone (tests).

use leptos::prelude::*;
use serde_json::Value;

use super::context::{ModelState, PanelState, PolicyFocus, SelectionState};
use super::decision_banner::DecisionBanner;
use crate::engine::context::ContextValue;
use crate::engine::policy::{ElementCheck, StatementTrace, Tri};
use crate::engine::verdict::{
    AuthorizationTrace, Blocker, CallTrace, Detail, LayerTrace, Outcome, Step, Verdict,
};

/// The BEM modifier and the words for a step's outcome.
pub fn outcome_parts(outcome: Outcome) -> (&'static str, &'static str) {
    match outcome {
        Outcome::Allowed => ("allowed", "✓ Allowed"),
        Outcome::ExplicitlyDenied => ("explicitly-denied", "⊘ ExplicitlyDenied"),
        Outcome::ImplicitlyDenied => ("implicitly-denied", "✕ ImplicitlyDenied"),
        Outcome::Failed => ("failed", "⚠ Failed"),
        Outcome::Skipped => ("skipped", "– Skipped"),
    }
}

fn tri_parts(tri: Tri) -> (&'static str, &'static str) {
    match tri {
        Tri::Match => ("match", "✓ matches"),
        Tri::NoMatch => ("no-match", "✕ does not match"),
        Tri::Unknown => ("unknown", "? not understood"),
    }
}

fn context_value_text(value: &ContextValue) -> String {
    match value {
        ContextValue::Single(s) => s.clone(),
        ContextValue::Multi(values) => format!("[{}]", values.join(", ")),
    }
}

/// What clicking a blocker or a policy needs; absent pieces make the click do less.
#[derive(Clone, Copy)]
pub struct Links {
    model: Option<ModelState>,
    selection: Option<SelectionState>,
    panel: Option<PanelState>,
}

impl Links {
    /// The links available from the surrounding contexts.
    pub fn from_context() -> Links {
        Links {
            model: use_context::<ModelState>(),
            selection: use_context::<SelectionState>(),
            panel: use_context::<PanelState>(),
        }
    }

    /// Selects a component (AWS id or ARN) on the graph, if the graph has it.
    fn select(&self, component: &str) {
        let (Some(model), Some(selection)) = (self.model, self.selection) else {
            return;
        };
        let node = model
            .index
            .with_untracked(|index| index.as_ref().and_then(|i| i.node(component).cloned()));
        if let Some(node) = node {
            selection.select_and_reveal(node);
        }
    }

    fn show_policy(&self, focus: PolicyFocus) {
        if let Some(panel) = self.panel {
            panel.show_policy(focus);
        }
    }
}

/// The whole verdict.
#[component]
pub fn VerdictView(
    /// The verdict to show.
    verdict: Verdict,
) -> impl IntoView {
    let links = Links::from_context();
    let Verdict {
        decision,
        blockers,
        steps,
        version_stages_after,
        notes,
    } = verdict;
    let has_blockers = !blockers.is_empty();
    view! {
        <div class="verdict" data-testid="verdict">
            <DecisionBanner decision=decision />
            {has_blockers
                .then(|| {
                    view! {
                        <section class="verdict__section" aria-labelledby="blockers-title">
                            <h3 class="verdict__subtitle" id="blockers-title">
                                {format!("Blocked by ({})", blockers.len())}
                            </h3>
                            <ol class="blocker-list" data-testid="verdict-blockers">
                                {blockers
                                    .into_iter()
                                    .map(|b| view! { <BlockerItem blocker=b links=links /> })
                                    .collect_view()}
                            </ol>
                        </section>
                    }
                })}
            {(!notes.is_empty())
                .then(|| {
                    view! {
                        <section class="verdict__section">
                            <h3 class="verdict__subtitle">"Notes"</h3>
                            <ul class="verdict__notes">
                                {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                            </ul>
                        </section>
                    }
                })}
            <section class="verdict__section" aria-labelledby="steps-title">
                <h3 class="verdict__subtitle" id="steps-title">"Steps"</h3>
                <StepTree steps=steps links=links />
            </section>
            {version_stages_after
                .map(|stages| {
                    view! {
                        <section class="verdict__section">
                            <h3 class="verdict__subtitle">"Version stages after the rotation"</h3>
                            <table class="stages" data-testid="version-stages">
                                <thead>
                                    <tr><th scope="col">"Version"</th><th scope="col">"Stages"</th></tr>
                                </thead>
                                <tbody>
                                    {stages
                                        .into_iter()
                                        .map(|(version, stages)| {
                                            view! {
                                                <tr>
                                                    <td><code>{version}</code></td>
                                                    <td>{if stages.is_empty() { "(none)".to_owned() } else { stages.join(", ") }}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </section>
                    }
                })}
        </div>
    }
}

/// One blocker, as a button: selects its component; opens its statement when one decided.
#[component]
fn BlockerItem(
    /// The blocker.
    blocker: Blocker,
    links: Links,
) -> impl IntoView {
    let Blocker {
        layer,
        component,
        code,
        statement,
        message,
        location,
    } = blocker;
    let focus = location.map(|location| PolicyFocus {
        location,
        component: component.clone(),
        statement: statement.clone(),
    });
    let has_policy = focus.is_some();
    let target = component.clone();
    let on_click = move |_| {
        links.select(&target);
        if let Some(focus) = focus.clone() {
            links.show_policy(focus);
        }
    };
    view! {
        <li class="blocker-list__item">
            <button
                class="blocker-card"
                data-testid="verdict-blocker"
                data-layer=layer.as_str()
                data-code=code.as_str()
                data-has-policy=has_policy.to_string()
                on:click=on_click
            >
                <span class="blocker-card__head">
                    <span class="blocker-card__layer">{layer.as_str()}</span>
                    <code class="blocker-card__code">{code.as_str()}</code>
                </span>
                <code class="blocker-card__component">{component}</code>
                <span class="blocker-card__message">{message}</span>
                {statement
                    .map(|s| view! { <span class="blocker-card__statement">"Statement: " <code>{s}</code></span> })}
                <span class="blocker-card__hint">
                    {if has_policy { "Select on the graph and open the policy ▸" } else { "Select on the graph ▸" }}
                </span>
            </button>
        </li>
    }
}

/// The steps of a verdict as a collapsible tree.
#[component]
pub fn StepTree(
    /// The steps, in order.
    steps: Vec<Step>,
    #[prop(optional)] links: Option<Links>,
) -> impl IntoView {
    let links = links.unwrap_or_else(Links::from_context);
    view! {
        <ol class="step-tree" data-testid="step-tree">
            {steps
                .into_iter()
                .map(|step| {
                    let (modifier, words) = outcome_parts(step.outcome);
                    // Open what did not succeed, so the reason is visible at once.
                    let open = !matches!(step.outcome, Outcome::Allowed | Outcome::Skipped);
                    let summary = step.detail.summary.clone();
                    view! {
                        <li class="step-tree__item">
                            <details class=format!("step step--{modifier}") data-testid="step" open=open>
                                <summary class="step__summary">
                                    <span class="step__leg" data-testid="step-leg">{step.leg}</span>
                                    " → "
                                    <span class="step__outcome" data-testid="step-outcome">{words}</span>
                                    {summary.map(|s| view! { <span class="step__text">{s}</span> })}
                                </summary>
                                {detail_view(step.detail, links)}
                            </details>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// The inside of a step or call: authorisation, hops, calls, anything else.
fn detail_view(detail: Detail, links: Links) -> AnyView {
    let Detail {
        summary: _,
        authorization,
        calls,
        mut extra,
    } = detail;
    let hops = extra.remove("Hops");
    let hops_view = hops
        .and_then(|h| h.as_array().cloned())
        .map(|hops| view! { <HopList hops=hops /> });
    let extra_view = (!extra.is_empty()).then(|| {
        view! {
            <dl class="step__extra">
                {extra
                    .into_iter()
                    .map(|(key, value)| {
                        let text = match &value {
                            Value::String(s) => s.clone(),
                            other => serde_json::to_string(other).unwrap_or_default(),
                        };
                        view! {
                            <dt>{key}</dt>
                            <dd><code>{text}</code></dd>
                        }
                    })
                    .collect_view()}
            </dl>
        }
    });
    let authorization_view = authorization.map(|a| authorization_view(*a, links));
    let calls_view = (!calls.is_empty()).then(|| {
        view! {
            <ol class="step-tree step-tree--calls" data-testid="step-calls">
                {calls.into_iter().map(|c| call_view(c, links)).collect_view()}
            </ol>
        }
    });
    view! {
        <div class="step__body">
            {hops_view}
            {authorization_view}
            {calls_view}
            {extra_view}
        </div>
    }
    .into_any()
}

fn call_view(call: CallTrace, links: Links) -> impl IntoView {
    let (modifier, words) = outcome_parts(call.outcome.into());
    let open = !matches!(call.outcome, crate::engine::verdict::Decision::Allowed);
    let summary = call.detail.summary.clone();
    view! {
        <li class="step-tree__item">
            <details class=format!("step step--{modifier}") data-testid="call" open=open>
                <summary class="step__summary">
                    <span class="step__leg">{call.call}</span>
                    " → "
                    <span class="step__outcome">{words}</span>
                    {summary.map(|s| view! { <span class="step__text">{s}</span> })}
                </summary>
                {detail_view(call.detail, links)}
            </details>
        </li>
    }
}

/// The hops of a network leg: kind, component, admitted or not, and why.
#[component]
fn HopList(
    /// The `Hops` of a step's detail.
    hops: Vec<Value>,
) -> impl IntoView {
    view! {
        <ol class="hops" data-testid="hops">
            {hops
                .into_iter()
                .map(|hop| {
                    let field = |name: &str| hop.get(name).and_then(Value::as_str).unwrap_or("").to_owned();
                    let admitted = hop.get("Admitted").and_then(Value::as_bool).unwrap_or(false);
                    let (modifier, words) = if admitted { ("admitted", "✓ admits") } else { ("blocked", "⊘ blocks") };
                    view! {
                        <li class=format!("hop hop--{modifier}") data-testid="hop">
                            <span class="hop__kind">{field("Kind")}</span>
                            " "
                            <code class="hop__component">{field("Component")}</code>
                            " "
                            <span class="hop__admitted">{words}</span>
                            <span class="hop__reason">{field("Reason")}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

fn authorization_view(trace: AuthorizationTrace, links: Links) -> impl IntoView {
    let AuthorizationTrace {
        action,
        resource,
        principal,
        same_account,
        context,
        reasoning,
        layers,
    } = trace;
    view! {
        <div class="authz">
            <p class="authz__request">
                <code>{action}</code>" on "<code>{resource}</code>" by "<code>{principal}</code>
                {if same_account { " (same account)" } else { " (cross-account)" }}
            </p>
            {(!reasoning.is_empty())
                .then(|| view! { <ul class="authz__reasoning">{reasoning.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul> })}
            <details class="authz__context">
                <summary>{format!("Request context ({} keys)", context.len())}</summary>
                <dl class="step__extra">
                    {context
                        .into_iter()
                        .map(|entry| view! { <dt>{entry.name}</dt><dd><code>{context_value_text(&entry.value)}</code></dd> })
                        .collect_view()}
                </dl>
            </details>
            <ol class="authz__layers">
                {layers.into_iter().map(|layer| layer_view(layer, links)).collect_view()}
            </ol>
        </div>
    }
}

fn layer_view(layer: LayerTrace, links: Links) -> impl IntoView {
    let LayerTrace {
        layer,
        component,
        policy,
        level,
        location,
        allows,
        denies,
        statements,
    } = layer;
    let verdict_words = match (denies, allows) {
        (true, _) => "⊘ denies",
        (false, true) => "✓ allows",
        (false, false) => "✕ no Allow applies",
    };
    let open = denies || !allows;
    let show = location.clone().map(|location| {
        let focus = PolicyFocus {
            location,
            component: component.clone(),
            statement: None,
        };
        view! {
            <button
                class="button button--link"
                on:click=move |_| links.show_policy(focus.clone())
            >
                "Open this policy ▸"
            </button>
        }
    });
    view! {
        <li class="authz__layer">
            <details class="layer" open=open data-testid="layer">
                <summary>
                    <span class="layer__name">{layer.as_str()}</span>
                    " · "{policy}
                    {level.map(|l| format!(" ({l})"))}
                    " · "<code>{component}</code>
                    " — "<span class="layer__verdict">{verdict_words}</span>
                </summary>
                {show}
                <ol class="layer__statements">
                    {statements
                        .into_iter()
                        .map(|s| view! { <li><StatementTraceView trace=s /></li> })
                        .collect_view()}
                </ol>
            </details>
        </li>
    }
}

/// One statement's evaluation: effect, whether it applies, and each element compared.
#[component]
pub fn StatementTraceView(
    /// The statement's trace.
    trace: StatementTrace,
) -> impl IntoView {
    let StatementTrace {
        statement,
        index,
        effect,
        applies,
        checks,
        unsupported,
        ..
    } = trace;
    let applies_words = if applies { "applies" } else { "does not apply" };
    view! {
        <details class="statement-trace" class:statement-trace--applies=applies>
            <summary>
                <code>{statement.0}</code>
                {format!(" (#{index}) · {effect} · {applies_words}")}
            </summary>
            <ElementChecks checks=checks />
            {(!unsupported.is_empty())
                .then(|| view! { <p class="statement-trace__unsupported">"Not understood: " {unsupported.join("; ")}</p> })}
        </details>
    }
}

/// The element checks of a statement, each with its outcome and explanation.
#[component]
pub fn ElementChecks(
    /// The checks, in policy order.
    checks: Vec<ElementCheck>,
) -> impl IntoView {
    view! {
        <ul class="element-checks">
            {checks
                .into_iter()
                .map(|check| {
                    let (modifier, words) = tri_parts(check.outcome);
                    let element = format!("{:?}", check.element);
                    let what = match (&check.operator, &check.key) {
                        (Some(op), Some(key)) => format!("{element} {op} {key}"),
                        _ => element,
                    };
                    view! {
                        <li class=format!("element-check element-check--{modifier}") data-testid="element-check">
                            <span class="element-check__what">{what}</span>
                            " "
                            <span class="element-check__outcome">{words}</span>
                            <span class="element-check__explanation">{check.explanation}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
