//! A model's report: description, load errors and warnings, and its checks.

use leptos::prelude::*;

use super::check_row::CheckRow;
use super::load_notices::LoadNotices;
use crate::engine::checks::{run_checks, CheckRun};

/// The report on one model: its `Description`, then either its load errors or one
/// [`CheckRow`] per entry of its `Checks`, plus any load warnings.
#[component]
pub fn ModelReport(
    /// The model file's JSON text (contract §1).
    #[prop(into)]
    model_json: Signal<String>,
) -> impl IntoView {
    // Memos, so that the engine runs once per model text, not once per reader.
    let run: Memo<CheckRun> = Memo::new(move |_| model_json.with(|text| run_checks(text)));
    let description = Memo::new(move |_| model_json.with(|text| model_description(text)));

    view! {
        <section class="report" aria-labelledby="report-title">
            <h2 class="report__title" id="report-title">"Checks"</h2>
            {move || {
                description
                    .get()
                    .map(|text| view! { <p class="report__description" data-testid="model-description">{text}</p> })
            }}
            <LoadNotices
                errors=Signal::derive(move || run.with(|run| run.errors.clone()))
                warnings=Signal::derive(move || run.with(|run| run.warnings.clone()))
            />
            <ol class="report__checks" data-testid="check-list">
                {move || {
                    run.with(|run| run.results.clone())
                        .into_iter()
                        .map(|result| view! { <CheckRow result=result /> })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}

/// The model's free-text `Description`, if it is a JSON object with a string there.
fn model_description(model_json: &str) -> Option<String> {
    let model: serde_json::Value = serde_json::from_str(model_json).ok()?;
    model.get("Description")?.as_str().map(str::to_owned)
}
