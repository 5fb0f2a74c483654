//! The Checks tab: the model's description and "what to try", its load errors and warnings,
//! and its `Checks`, each with its decision and whether its `Expect` holds; "Run all" and a
//! "Run" per check (which shows the check's verdict and its path on the graph).

use leptos::prelude::*;

use super::load_notices::LoadNotices;

use super::check_row::CheckRow;
use super::context::{use_model, use_panel, use_query, ActiveQuery, Tab};
use super::examples::examples;
use crate::engine::checks::CheckResult;
use crate::engine::verdict::Verdict;

/// What a check's row shows of its result: the verdict without its steps and notes (so that
/// comparing two is cheap, and a row whose decision and blockers did not change stays as is).
fn row_of(result: &CheckResult) -> CheckResult {
    CheckResult {
        name: result.name.clone(),
        expect: result.expect.clone(),
        holds: result.holds,
        verdict: Verdict {
            decision: result.verdict.decision,
            blockers: result.verdict.blockers.clone(),
            steps: Vec::new(),
            version_stages_after: None,
            notes: Vec::new(),
        },
    }
}

/// The model's checks, evaluated live.
#[component]
pub fn ChecksTab() -> impl IntoView {
    let model = use_model();
    let query = use_query();
    let panel = use_panel();
    let description = Memo::new(move |_| {
        model.loaded.with(|loaded| {
            loaded
                .as_ref()
                .ok()
                .and_then(|m| m.model.description.clone())
        })
    });
    let what_to_try = move || {
        let file = model.scenario.get()?;
        examples()
            .into_iter()
            .find(|e| e.file == file)
            .map(|e| e.what_to_try)
            .filter(|w| !w.is_empty())
    };
    let warnings = move || {
        model
            .loaded
            .with(|l| l.as_ref().map(|m| m.warnings.clone()).unwrap_or_default())
    };
    let errors = move || {
        model
            .checks
            .with(|run| run.results.as_ref().err().cloned().unwrap_or_default())
    };

    let check_indices = move || {
        model
            .checks
            .with(|run| 0..run.results.as_ref().map(Vec::len).unwrap_or(0))
    };

    view! {
        <section class="report" aria-labelledby="checks-title">
            <h2 class="report__title" id="checks-title">
                {move || model.title.get()}
            </h2>
            {move || {
                description
                    .get()
                    .map(|text| view! { <p class="report__description" data-testid="model-description">{text}</p> })
            }}
            {move || {
                what_to_try()
                    .map(|items| {
                        view! {
                            <details class="report__try" data-testid="what-to-try">
                                <summary>"What to try"</summary>
                                <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                            </details>
                        }
                    })
            }}
            <LoadNotices errors=Signal::derive(errors) warnings=Signal::derive(warnings) />
            <div class="report__toolbar">
                <button
                    class="button"
                    data-testid="run-all"
                    on:click=move |_| model.rerun.update(|n| *n += 1)
                >
                    "Run all"
                </button>
                <span class="report__summary" data-testid="checks-summary" aria-live="polite">
                    {move || {
                        model
                            .checks
                            .with(|run| match &run.results {
                                Ok(results) => {
                                    let holding = results.iter().filter(|r| r.holds).count();
                                    format!(
                                        "{holding} of {} checks hold · evaluated in {:.1} ms",
                                        results.len(),
                                        run.elapsed_ms,
                                    )
                                }
                                Err(_) => String::new(),
                            })
                    }}
                </span>
            </div>
            <ol class="report__checks" data-testid="check-list">
                // One row per check, keyed by position; each row reads only what it shows, so
                // an edit re-renders only the rows whose decision, expectation or blockers
                // changed.
                <For each=check_indices key=|i| *i let:i>
                    {
                        let row = Memo::new(move |_| {
                            model.checks.with(|run| {
                                run.results.as_ref().ok().and_then(|r| r.get(i)).map(row_of)
                            })
                        });
                        move || {
                            row.get()
                                .map(|result| {
                                    let name = result.name.clone();
                                    let selected = Signal::derive(move || query.active.get() == ActiveQuery::Check(i));
                                    view! {
                                        <CheckRow result=result selected=selected>
                                            <button
                                                class="button button--secondary"
                                                data-testid="check-run"
                                                aria-label=format!("Run and explain: {name}")
                                                on:click=move |_| {
                                                    query.active.set(ActiveQuery::Check(i));
                                                    panel.tab.set(Tab::Verdict);
                                                }
                                            >
                                                "Run ▸"
                                            </button>
                                        </CheckRow>
                                    }
                                })
                        }
                    }
                </For>
            </ol>
        </section>
    }
}
