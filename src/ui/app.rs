//! The page shell: the top bar, the graph canvas with the selection panel, and the side panel.

use leptos::prelude::*;

use super::context::provide_app_state;
use super::examples::{examples, QUICKSTART_MODEL};
use super::graph_view::GraphView;
use super::selection_panel::SelectionPanel;
use super::side_panel::SidePanel;
use super::top_bar::TopBar;

/// The whole SecretPath page, starting on the quickstart example.
#[component]
pub fn App() -> impl IntoView {
    let first = examples().into_iter().next();
    let (title, file) = first
        .map(|e| (e.title, Some(e.file)))
        .unwrap_or_else(|| ("Quickstart".to_owned(), None));
    provide_app_state(&title, QUICKSTART_MODEL, file);

    view! {
        <div class="app">
            <TopBar />
            <main class="app__main">
                <section class="app__canvas" aria-label="Graph of the model">
                    <GraphView />
                    <SelectionPanel />
                </section>
                <SidePanel />
            </main>
        </div>
    }
}
