//! The page shell.

use leptos::prelude::*;

use super::examples::QUICKSTART_MODEL;
use super::model_report::ModelReport;

/// The whole SecretPath page: a header and the report on the built-in quickstart model.
#[component]
pub fn App() -> impl IntoView {
    // The model text is a signal so that loading another model later is a `set`; the report
    // recomputes from it.
    let model_json = RwSignal::new(QUICKSTART_MODEL.to_owned());

    view! {
        <div class="app">
            <header class="app__header">
                <h1 class="app__title" data-testid="app-title">"SecretPath"</h1>
                <p class="app__tagline">
                    "Would this call for a secret succeed, and if not, exactly what blocks it?"
                </p>
            </header>
            <main class="app__main">
                <ModelReport model_json=model_json />
            </main>
        </div>
    }
}
