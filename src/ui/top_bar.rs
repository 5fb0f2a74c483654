//! The top bar: title, scenario picker, "Open model file", the edit tools (undo, redo, add,
//! paste, share, export) and the graph search.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::context::{use_dialogs, use_model, use_selection, EditorTarget};
use super::examples::{example_text, examples};
use super::files::{
    copy_to_clipboard, download_text, export_file_name, export_text, read_file_text,
};
use super::state::share::write_hash;
use crate::engine::edit::EntityKind;

/// The app's title, the scenario library, opening a model file, and the search box.
#[component]
pub fn TopBar() -> impl IntoView {
    view! {
        <header class="top-bar">
            <h1 class="top-bar__title" data-testid="app-title">"SecretPath"</h1>
            <ScenarioPicker />
            <OpenModelFile />
            <EditTools />
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
        read_file_text(&file, move |name, text| {
            let _ = model.open_file(&name, text);
        });
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
                                <p class="notice__title">{move || model.open_errors_title.get()}</p>
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

/// Undo, redo, "Add", "Paste output", "Share link", "Export".
#[component]
fn EditTools() -> impl IntoView {
    let model = use_model();
    let dialogs = use_dialogs();
    let can_undo = move || model.history.with(|h| h.can_undo());
    let can_redo = move || model.history.with(|h| h.can_redo());
    let on_add = move |ev: leptos::ev::Event| {
        let Some(select) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        else {
            return;
        };
        let value = select.value();
        select.set_value("");
        if let Some(kind) = EntityKind::ALL.into_iter().find(|k| k.as_str() == value) {
            dialogs.editor.set(Some(EditorTarget::New { kind }));
        }
    };
    view! {
        <div class="edit-tools" role="toolbar" aria-label="Edit the model">
            <button
                class="button button--secondary"
                data-testid="undo"
                title="Undo (Ctrl+Z)"
                aria-keyshortcuts="Control+Z Meta+Z"
                disabled=move || !can_undo()
                on:click=move |_| model.undo()
            >
                "↶ Undo"
            </button>
            <button
                class="button button--secondary"
                data-testid="redo"
                title="Redo (Ctrl+Shift+Z)"
                aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z"
                disabled=move || !can_redo()
                on:click=move |_| model.redo()
            >
                "↷ Redo"
            </button>
            <label class="top-bar__field">
                <span class="visually-hidden">"Add an entity"</span>
                <select class="top-bar__select" data-testid="add-entity" on:change=on_add>
                    <option value="">"+ Add…"</option>
                    {EntityKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.as_str()>{k.describe()}</option> })
                        .collect_view()}
                </select>
            </label>
            <button
                class="button button--secondary"
                data-testid="open-paste"
                on:click=move |_| dialogs.paste.set(Some(String::new()))
            >
                "Paste AWS output"
            </button>
            <ShareLink />
            <button
                class="button button--secondary"
                data-testid="export"
                title="Download the model file (secret values are never in it)"
                on:click=move |_| {
                    let text = model.history.with_untracked(|h| export_text(h.present()));
                    download_text(&export_file_name(&model.title.get_untracked()), &text);
                }
            >
                "Export"
            </button>
        </div>
    }
}

/// The outcome of "Share link".
#[derive(Debug, Clone, PartialEq)]
enum ShareOutcome {
    Link { link: String, copied: Option<bool> },
    Error(String),
}

/// "Share link": the model, compressed, in the address's fragment (nothing is uploaded); the
/// link is copied to the clipboard when the browser allows it and shown, selected, in a
/// read-only field either way.
#[component]
fn ShareLink() -> impl IntoView {
    let model = use_model();
    let outcome = RwSignal::new(None::<ShareOutcome>);
    let field = NodeRef::<leptos::html::Input>::new();
    let on_click = move |_| {
        let text = model.source.get_untracked();
        match write_hash(&text) {
            Ok(link) => {
                outcome.set(Some(ShareOutcome::Link {
                    link: link.clone(),
                    copied: None,
                }));
                copy_to_clipboard(&link, move |copied| {
                    outcome.update(|o| {
                        if let Some(ShareOutcome::Link { copied: c, .. }) = o {
                            *c = Some(copied);
                        }
                    });
                });
            }
            Err(e) => outcome.set(Some(ShareOutcome::Error(e.to_string()))),
        }
    };
    // Select the link as soon as it is shown, so that Ctrl+C copies it.
    Effect::new(move |_| {
        if matches!(outcome.get(), Some(ShareOutcome::Link { .. })) {
            if let Some(input) = field.get() {
                input.select();
            }
        }
    });
    view! {
        <div class="share">
            <button class="button button--secondary" data-testid="share" on:click=on_click>
                "Share link"
            </button>
            {move || {
                outcome
                    .get()
                    .map(|o| match o {
                        ShareOutcome::Link { link, copied } => {
                            let status = match copied {
                                Some(true) => "Link copied to the clipboard.",
                                Some(false) => "Copy the link below (the clipboard is not available).",
                                None => "Copying…",
                            };
                            view! {
                                <div class="share__popover" role="status" data-testid="share-result">
                                    <p class="share__status" data-testid="share-status">{status}</p>
                                    <label class="share__label">
                                        <span class="visually-hidden">"Share link"</span>
                                        <input
                                            class="share__link"
                                            type="text"
                                            readonly=true
                                            node_ref=field
                                            data-testid="share-link"
                                            prop:value=link
                                        />
                                    </label>
                                    <p class="share__note">"The model is in the link itself; nothing is uploaded. Secret values are never included."</p>
                                    <button class="button button--secondary" on:click=move |_| outcome.set(None)>
                                        "Close"
                                    </button>
                                </div>
                            }
                                .into_any()
                        }
                        ShareOutcome::Error(message) => {
                            view! {
                                <div class="share__popover notice notice--error" role="alert" data-testid="share-error">
                                    <p class="notice__title">"No share link: the model is too large or cannot be encoded"</p>
                                    <p>{message}</p>
                                    <p>"Use Export to save the model file and send the file instead."</p>
                                    <button class="button button--secondary" on:click=move |_| outcome.set(None)>
                                        "Close"
                                    </button>
                                </div>
                            }
                                .into_any()
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
