//! The top bar: title, scenario picker, "Open model file", and the graph search.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::context::{use_model, use_selection};
use super::examples::{example_text, examples};

/// The app's title, the scenario library, opening a model file, and the search box.
#[component]
pub fn TopBar() -> impl IntoView {
    view! {
        <header class="top-bar">
            <h1 class="top-bar__title" data-testid="app-title">"SecretPath"</h1>
            <ScenarioPicker />
            <OpenModelFile />
            <SearchBox />
        </header>
    }
}

/// A `<select>` of the example models (`public/examples/index.json`); choosing one shows it.
#[component]
fn ScenarioPicker() -> impl IntoView {
    let model = use_model();
    let catalogue = examples();
    let options = catalogue.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let file = event_target_value(&ev);
        if let (Some(example), Some(text)) = (
            catalogue.iter().find(|e| e.file == file),
            example_text(&file),
        ) {
            model.show_example(&example.file, &example.title, text);
        }
    };
    view! {
        <label class="top-bar__field">
            <span class="top-bar__label">"Scenario"</span>
            <select
                class="top-bar__select"
                data-testid="scenario-picker"
                on:change=on_change
                prop:value=move || model.scenario.get().unwrap_or_default()
            >
                {move || {
                    model
                        .scenario
                        .get()
                        .is_none()
                        .then(|| view! { <option value="">{model.title.get()}</option> })
                }}
                {options
                    .into_iter()
                    .map(|example| {
                        let file = example.file.clone();
                        let selected = move || model.scenario.get().as_deref() == Some(file.as_str());
                        view! {
                            <option value=example.file.clone() selected=selected>
                                {example.title}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// "Open model file": reads a file with `FileReader`, loads it with the engine, and replaces the
/// model only if it loads; otherwise lists the errors (each with its JSON path) and changes
/// nothing.
#[component]
fn OpenModelFile() -> impl IntoView {
    let model = use_model();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        let Ok(reader) = web_sys::FileReader::new() else {
            return;
        };
        let name = file.name();
        let done_reader = reader.clone();
        let on_load = Closure::once(move || {
            let text = done_reader
                .result()
                .ok()
                .and_then(|r| r.as_string())
                .unwrap_or_default();
            let _ = model.open_file(&name, text);
        });
        reader.set_onload(Some(on_load.as_ref().unchecked_ref()));
        // The closure lives as long as the reader needs it; it runs once.
        on_load.forget();
        let _ = reader.read_as_text(&file);
        // Let the same file be chosen again after an edit.
        input.set_value("");
    };
    view! {
        <div class="top-bar__open">
            <label class="button button--secondary top-bar__open-label">
                "Open model file"
                <input
                    class="visually-hidden"
                    type="file"
                    accept=".json,application/json"
                    data-testid="open-model"
                    on:change=on_change
                />
            </label>
            {move || {
                let errors = model.open_errors.get();
                (!errors.is_empty())
                    .then(|| {
                        view! {
                            <div class="notice notice--error top-bar__open-errors" role="alert" data-testid="open-error">
                                <p class="notice__title">"The file was not opened; the model is unchanged"</p>
                                <ul class="notice__list">
                                    {errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                                </ul>
                                <button
                                    class="button button--secondary"
                                    on:click=move |_| model.open_errors.set(Vec::new())
                                >
                                    "Dismiss"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// Search by name or ARN: matches are highlighted on the graph and listed; Enter selects the first.
#[component]
fn SearchBox() -> impl IntoView {
    let model = use_model();
    let selection = use_selection();
    let matches = Memo::new(move |_| {
        let text = selection.search.get();
        model
            .index
            .get()
            .map(|index| {
                index
                    .search(&text)
                    .into_iter()
                    .map(|node| {
                        let label = index.label(node).unwrap_or(node.as_str()).to_owned();
                        (node.clone(), label)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let open = RwSignal::new(false);
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            if let Some((node, _)) = matches.with(|m| m.first().cloned()) {
                selection.select_and_reveal(node);
                open.set(false);
            }
        }
        "Escape" => open.set(false),
        _ => {}
    };
    view! {
        <div class="search" role="search">
            <label class="top-bar__field">
                <span class="top-bar__label">"Search"</span>
                <input
                    class="search__input"
                    type="search"
                    placeholder="name or ARN"
                    data-testid="search"
                    aria-describedby="search-count"
                    prop:value=move || selection.search.get()
                    on:input=move |ev| {
                        selection.search.set(event_target_value(&ev));
                        open.set(true);
                    }
                    on:keydown=on_keydown
                />
            </label>
            <span class="search__count" id="search-count" aria-live="polite">
                {move || {
                    if selection.search.with(|s| s.trim().is_empty()) {
                        String::new()
                    } else {
                        let n = matches.with(Vec::len);
                        if n == 1 { "1 match".to_owned() } else { format!("{n} matches") }
                    }
                }}
            </span>
            {move || {
                (open.get() && !matches.with(Vec::is_empty))
                    .then(|| {
                        view! {
                            <ul class="search__results" data-testid="search-results">
                                {matches
                                    .get()
                                    .into_iter()
                                    .take(12)
                                    .map(|(node, label)| {
                                        let kind = node.kind().as_str();
                                        let id = node.as_str().to_owned();
                                        view! {
                                            <li>
                                                <button
                                                    class="search__result"
                                                    data-testid="search-result"
                                                    on:click=move |_| {
                                                        selection.select_and_reveal(node.clone());
                                                        open.set(false);
                                                    }
                                                >
                                                    <span class="search__kind">{kind}</span>
                                                    " "
                                                    <span class="search__label">{label}</span>
                                                    <span class="search__id">{id}</span>
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
        </div>
    }
}
