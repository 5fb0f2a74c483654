//! The Verdict tab: which question is answered (a check of the model, or the Query tab's
//! query), and its verdict; re-evaluated whenever the model changes.

use leptos::prelude::*;

use super::context::{use_model, use_panel, use_query, ActiveQuery, Tab};
use super::verdict_view::VerdictView;

/// The verdict on display, or how to get one.
#[component]
pub fn VerdictTab() -> impl IntoView {
    let model = use_model();
    let query = use_query();
    let panel = use_panel();
    let heading = move || match query.active.get() {
        ActiveQuery::None => String::new(),
        ActiveQuery::Check(i) => model.checks.with(|run| {
            run.results
                .as_ref()
                .ok()
                .and_then(|r| r.get(i))
                .map(|r| format!("Check: {}", r.name))
                .unwrap_or_default()
        }),
        ActiveQuery::Query(json) => format!(
            "Query: {}",
            serde_json::to_string(&json).unwrap_or_default()
        ),
    };
    view! {
        <section class="verdict-tab" aria-labelledby="verdict-title">
            <h2 class="report__title" id="verdict-title" data-testid="verdict-title">
                {move || {
                    let h = heading();
                    if h.is_empty() { "Verdict".to_owned() } else { h }
                }}
            </h2>
            {move || match query.verdict.get() {
                None => {
                    view! {
                        <p class="placeholder">
                            "Run a check ("
                            <button class="button button--link" on:click=move |_| panel.tab.set(Tab::Checks)>"Checks"</button>
                            ") or ask a question ("
                            <button class="button button--link" on:click=move |_| panel.tab.set(Tab::Query)>"Query"</button>
                            ") to see its verdict here."
                        </p>
                    }
                        .into_any()
                }
                Some(result) => match result.as_ref() {
                    Ok(verdict) => view! { <VerdictView verdict=verdict.clone() /> }.into_any(),
                    Err(errors) => {
                        view! {
                            <div class="notice notice--error" role="alert" data-testid="verdict-error">
                                <p class="notice__title">"No verdict"</p>
                                <ul class="notice__list">
                                    {errors.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}
                                </ul>
                            </div>
                        }
                            .into_any()
                    }
                },
            }}
        </section>
    }
}
