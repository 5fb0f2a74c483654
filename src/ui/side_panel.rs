//! The side panel: a tab list (Checks, Query, Verdict, Policy) and the open tab's panel.

use leptos::prelude::*;

use super::checks_tab::ChecksTab;
use super::context::{use_panel, Tab};
use super::policy_tab::PolicyTab;
use super::query_tab::QueryTab;
use super::verdict_tab::VerdictTab;

/// The tabs, keyboard-operable as the ARIA tabs pattern describes: arrows move between tabs,
/// Home/End go to the first/last, only the selected tab is in the tab order.
#[component]
pub fn SidePanel() -> impl IntoView {
    let panel = use_panel();
    let focus_tab = move |tab: Tab| {
        panel.tab.set(tab);
        if let Some(element) = document().get_element_by_id(&format!("tab-{}", tab.as_str())) {
            if let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
                let _ = element.focus();
            }
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let current = Tab::ALL
            .iter()
            .position(|t| *t == panel.tab.get_untracked())
            .unwrap_or(0);
        let last = Tab::ALL.len() - 1;
        let next = match ev.key().as_str() {
            "ArrowRight" => (current + 1) % Tab::ALL.len(),
            "ArrowLeft" => (current + last) % Tab::ALL.len(),
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        ev.prevent_default();
        if let Some(tab) = Tab::ALL.get(next) {
            focus_tab(*tab);
        }
    };
    view! {
        <aside class="side-panel" aria-label="Checks, query and verdict">
            <div class="tabs" role="tablist" aria-label="Panels" on:keydown=on_keydown>
                {Tab::ALL
                    .into_iter()
                    .map(|tab| {
                        let selected = move || panel.tab.get() == tab;
                        view! {
                            <button
                                class="tabs__tab"
                                class:tabs__tab--selected=selected
                                role="tab"
                                id=format!("tab-{}", tab.as_str())
                                data-testid=format!("tab-{}", tab.as_str())
                                aria-controls=format!("panel-{}", tab.as_str())
                                aria-selected=move || selected().to_string()
                                tabindex=move || if selected() { "0" } else { "-1" }
                                on:click=move |_| panel.tab.set(tab)
                            >
                                {tab.title()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {Tab::ALL
                .into_iter()
                .map(|tab| {
                    let hidden = move || panel.tab.get() != tab;
                    view! {
                        <div
                            class="side-panel__body"
                            role="tabpanel"
                            id=format!("panel-{}", tab.as_str())
                            aria-labelledby=format!("tab-{}", tab.as_str())
                            data-testid=format!("panel-{}", tab.as_str())
                            tabindex="0"
                            hidden=hidden
                        >
                            {match tab {
                                Tab::Checks => view! { <ChecksTab /> }.into_any(),
                                Tab::Query => view! { <QueryTab /> }.into_any(),
                                Tab::Verdict => view! { <VerdictTab /> }.into_any(),
                                Tab::Policy => view! { <PolicyTab /> }.into_any(),
                            }}
                        </div>
                    }
                })
                .collect_view()}
        </aside>
    }
}
