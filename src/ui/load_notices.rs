//! A model's load errors and warnings, as notices (the Checks tab and [`super::ModelReport`]).

use leptos::prelude::*;

/// The errors that keep a model from loading (an alert), then its warnings (a collapsed list).
/// Nothing is drawn for an empty list.
#[component]
pub fn LoadNotices(
    /// Load errors, each `JSON path: message`.
    #[prop(into)]
    errors: Signal<Vec<String>>,
    /// Load warnings.
    #[prop(into)]
    warnings: Signal<Vec<String>>,
) -> impl IntoView {
    view! {
        {move || {
            let errors = errors.get();
            (!errors.is_empty())
                .then(|| {
                    view! {
                        <div class="notice notice--error" role="alert" data-testid="load-error">
                            <p class="notice__title">"The model could not be loaded"</p>
                            <ul class="notice__list">
                                {errors.into_iter().map(|error| view! { <li>{error}</li> }).collect_view()}
                            </ul>
                        </div>
                    }
                })
        }}
        {move || {
            let warnings = warnings.get();
            (!warnings.is_empty())
                .then(|| {
                    view! {
                        <details class="notice notice--warning" data-testid="load-warning">
                            <summary class="notice__title">{format!("Warnings ({})", warnings.len())}</summary>
                            <ul class="notice__list">
                                {warnings.into_iter().map(|warning| view! { <li>{warning}</li> }).collect_view()}
                            </ul>
                        </details>
                    }
                })
        }}
    }
}
