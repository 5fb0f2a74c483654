//! The Query tab: a form whose pickers are filled from the model (query kind, caller, origin,
//! secret / parameter / action and resource, version stage). "Evaluate" builds the query JSON
//! (contract §2), has the engine parse it (its errors are shown) and shows the verdict.

use leptos::prelude::*;

use serde_json::{json, Value};

use super::context::{use_model, use_panel, use_query, ActiveQuery, QueryKind, Tab};
use crate::engine::edit::{add_entity, EntityKind};
use crate::engine::graph::NodeKind;

/// A picker's options, re-computed when the model changes but passed on only when they did.
fn options(
    compute: impl Fn() -> Vec<(String, String)> + Send + Sync + 'static,
) -> Signal<Vec<(String, String)>> {
    Memo::new(move |_| compute()).into()
}

/// `(value, label)` of every node of some kinds, from the graph index.
fn options_of(kinds: &[NodeKind], value_is_label: bool) -> Vec<(String, String)> {
    let model = use_model();
    model
        .index
        .get()
        .map(|index| {
            kinds
                .iter()
                .flat_map(|kind| index.of_kind(*kind))
                .map(|node| {
                    let label = index.label(node).unwrap_or(node.as_str()).to_owned();
                    let value = if value_is_label {
                        label.clone()
                    } else {
                        node.as_str().to_owned()
                    };
                    let shown = if label == node.as_str() {
                        label
                    } else {
                        format!("{label} — {}", node.as_str())
                    };
                    (value, shown)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A `<select>` bound to a string signal, with a first "none" option.
#[component]
fn Picker(
    /// The label text.
    label: &'static str,
    /// The test id of the `<select>`.
    testid: &'static str,
    /// The bound value.
    value: RwSignal<String>,
    /// The text of the empty choice.
    none: &'static str,
    /// `(value, label)` pairs, recomputed when the model changes.
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    view! {
        <label class="form__field">
            <span class="form__label">{label}</span>
            <select
                class="form__control"
                data-testid=testid
                on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()
            >
                <option value="">{none}</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let current = v.clone();
                            view! {
                                <option value=v selected=move || value.with(|x| *x == current)>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// A text input bound to a string signal.
#[component]
fn TextField(
    /// The label text.
    label: &'static str,
    /// The test id of the `<input>`.
    testid: &'static str,
    /// The bound value.
    value: RwSignal<String>,
    /// Shown when empty.
    placeholder: &'static str,
) -> impl IntoView {
    view! {
        <label class="form__field">
            <span class="form__label">{label}</span>
            <input
                class="form__control"
                type="text"
                spellcheck="false"
                data-testid=testid
                placeholder=placeholder
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}

/// The query form.
#[component]
pub fn QueryTab() -> impl IntoView {
    let query = use_query();
    let panel = use_panel();
    let kind = query.kind;

    // Memos (compared by value): an edit that adds or renames nothing re-renders no picker.
    let callers = options(|| options_of(&[NodeKind::Role, NodeKind::User], false));
    let origins = options(move || {
        let mut out = Vec::new();
        for (prefix, kind) in [
            ("instance", NodeKind::Instance),
            ("function", NodeKind::Function),
            ("subnet", NodeKind::Subnet),
        ] {
            out.extend(
                options_of(&[kind], false)
                    .into_iter()
                    .map(|(v, label)| (format!("{prefix}:{v}"), format!("{prefix}: {label}"))),
            );
        }
        out
    });
    let secrets = options(|| options_of(&[NodeKind::Secret], false));
    let parameters = options(|| options_of(&[NodeKind::Parameter], true));
    let resources = options(|| {
        options_of(
            &[
                NodeKind::Secret,
                NodeKind::Parameter,
                NodeKind::Key,
                NodeKind::Function,
                NodeKind::Role,
            ],
            false,
        )
    });
    let groups = options(|| options_of(&[NodeKind::SecurityGroup], false));
    let stages = Signal::derive(|| {
        ["AWSCURRENT", "AWSPREVIOUS", "AWSPENDING"]
            .into_iter()
            .map(|s| (s.to_owned(), s.to_owned()))
            .collect()
    });

    let origin_kind = move || {
        query
            .origin
            .with(|o| o.split(':').next().unwrap_or("internet").to_owned())
    };
    let preview = move || serde_json::to_string_pretty(&query.draft()).unwrap_or_default();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if query.evaluate_draft() {
            panel.tab.set(Tab::Verdict);
        }
    };

    view! {
        <form class="form" aria-labelledby="query-title" on:submit=on_submit>
            <h2 class="report__title" id="query-title">"Ask a question"</h2>
            <label class="form__field">
                <span class="form__label">"Query"</span>
                <select
                    class="form__control"
                    data-testid="query-kind"
                    on:change=move |ev| {
                        if let Some(k) = QueryKind::parse(&event_target_value(&ev)) {
                            kind.set(k);
                        }
                    }
                    prop:value=move || kind.get().as_str()
                >
                    {QueryKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.as_str() selected=move || kind.get() == k>{k.as_str()}</option> })
                        .collect_view()}
                </select>
            </label>
            <Picker
                label="Caller"
                testid="query-caller"
                value=query.caller
                none="(the origin's own role)"
                options=callers
            />
            <TextField
                label="…or a principal ARN"
                testid="query-caller-arn"
                value=query.caller
                placeholder="arn:aws:sts::111111111111:assumed-role/NAME/SESSION"
            />
            <Show when=move || kind.get() != QueryKind::RotateSecret>
                <label class="form__field">
                    <span class="form__label">"From"</span>
                    <select
                        class="form__control"
                        data-testid="query-origin"
                        on:change=move |ev| query.origin.set(event_target_value(&ev))
                        prop:value=move || query.origin.get()
                    >
                        <option value="internet">"The internet (public endpoint)"</option>
                        {move || {
                            origins
                                .get()
                                .into_iter()
                                .map(|(v, text)| {
                                    let current = v.clone();
                                    view! { <option value=v selected=move || query.origin.with(|o| *o == current)>{text}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                <Show when=move || origin_kind() == "internet">
                    <TextField label="Source IP (optional)" testid="query-source-ip" value=query.source_ip placeholder="203.0.113.10" />
                </Show>
                <Show when=move || origin_kind() == "subnet">
                    <Picker label="Security group (optional)" testid="query-security-group" value=query.security_group none="(none)" options=groups />
                </Show>
            </Show>
            {move || match kind.get() {
                QueryKind::GetSecretValue | QueryKind::RotateSecret => {
                    view! {
                        <Picker label="Secret" testid="query-secret" value=query.target none="(choose a secret)" options=secrets />
                        <TextField label="…or a secret name or ARN" testid="query-target" value=query.target placeholder="prod/db-password" />
                    }
                        .into_any()
                }
                QueryKind::GetParameter => {
                    view! {
                        <Picker label="Parameter" testid="query-parameter" value=query.target none="(choose a parameter)" options=parameters />
                        <label class="form__check">
                            <input
                                type="checkbox"
                                data-testid="query-with-decryption"
                                prop:checked=move || query.with_decryption.get()
                                on:change=move |ev| query.with_decryption.set(event_target_checked(&ev))
                            />
                            " WithDecryption"
                        </label>
                    }
                        .into_any()
                }
                QueryKind::Simulate => {
                    view! {
                        <TextField label="Action" testid="query-action" value=query.action placeholder="secretsmanager:GetSecretValue" />
                        <Picker label="Resource" testid="query-resource" value=query.target none="(choose a resource)" options=resources />
                        <TextField label="…or a resource ARN" testid="query-target" value=query.target placeholder="arn:aws:…" />
                    }
                        .into_any()
                }
            }}
            <Show when=move || kind.get() == QueryKind::GetSecretValue>
                <Picker label="Version stage (optional)" testid="query-stage" value=query.version_stage none="(AWSCURRENT)" options=stages />
            </Show>
            <div class="form__actions">
                <button class="button" type="submit" data-testid="query-evaluate">"Evaluate"</button>
            </div>
            {move || {
                let errors = query.errors.get();
                (!errors.is_empty())
                    .then(|| {
                        view! {
                            <div class="notice notice--error" role="alert" data-testid="query-error">
                                <p class="notice__title">"The query is not valid"</p>
                                <ul class="notice__list">
                                    {errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
            <details class="form__preview">
                <summary>"The query as JSON"</summary>
                <pre class="code-block" data-testid="query-json">{preview}</pre>
            </details>
        </form>
        <SaveAsCheck />
    }
}

/// "Add to the model's checks": the query on display, with the decision it has now as its
/// `Expect`, becomes an entry of the model's `Checks` (one undoable edit), so `secretpath check`
/// holds the design to it in CI.
#[component]
fn SaveAsCheck() -> impl IntoView {
    let model = use_model();
    let query = use_query();
    let panel = use_panel();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // The query built in this tab and the decision it has now, when it has a verdict.
    let evaluated = Memo::new(move |_| {
        let ActiveQuery::Query(json) = query.active.get() else {
            return None;
        };
        let decision = query.verdict.with(|v| {
            v.as_ref()
                .and_then(|v| v.as_ref().as_ref().ok().map(|v| v.decision))
        })?;
        Some((json, decision))
    });
    let on_add = move |_| {
        let Some((json, decision)) = evaluated.get_untracked() else {
            return;
        };
        let check_name = name.get_untracked().trim().to_owned();
        if check_name.is_empty() {
            error.set(Some("Give the check a name.".to_owned()));
            return;
        }
        let check: Value = json!({"Name": check_name, "Query": json, "Expect": decision.as_str()});
        match add_entity(&model.document(), EntityKind::Check, "", "", check) {
            Ok(next) => {
                error.set(None);
                name.set(String::new());
                model.apply(next);
                panel.tab.set(Tab::Checks);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    move || {
        evaluated.get().map(|(_, decision)| {
            view! {
                <section class="form save-check" aria-labelledby="save-check-title" data-testid="save-check">
                    <h3 class="verdict__subtitle" id="save-check-title">"Keep this question as a check"</h3>
                    <p class="form__hint">
                        "Adds it to the model's Checks with Expect "<code>{decision.as_str()}</code>
                        " (what it decides now): the Checks tab and "<code>"secretpath check"</code>
                        " then say when a change to the model changes the answer."
                    </p>
                    <label class="form__field">
                        <span class="form__label">"Name of the check"</span>
                        <input
                            class="form__control"
                            type="text"
                            data-testid="save-check-name"
                            placeholder="app reads prod/db"
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))
                        />
                    </label>
                    <div class="form__actions">
                        <button class="button button--secondary" type="button" data-testid="save-check-add" on:click=on_add>
                            "Add to the model's checks"
                        </button>
                    </div>
                    {move || error.get().map(|e| view! { <p class="notice notice--error" role="alert" data-testid="save-check-error">{e}</p> })}
                </section>
            }
        })
    }
}
