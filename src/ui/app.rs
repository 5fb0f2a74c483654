//! The page shell: the top bar, the graph canvas with the selection panel, the side panel, and
//! the dialogs. On load it picks the model: a share link in the address (`#model=…`) first, then
//! the model autosaved in the browser, then the quickstart example. Afterwards every change is
//! autosaved.

use leptos::prelude::*;
use serde_json::Value;

use super::context::{provide_app_state, use_dialogs, use_model, ModelState};
use super::editor::EntityEditor;
use super::examples::{example_text, examples, QUICKSTART_MODEL};
use super::files::{on_drop_file, DropTarget};
use super::graph_view::GraphView;
use super::import_dialog::PasteDialog;
use super::selection_panel::SelectionPanel;
use super::side_panel::SidePanel;
use super::state::{autosave, share};
use super::top_bar::TopBar;

/// Where the first model came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Example,
    Link,
    Restored,
}

/// The whole SecretPath page.
#[component]
pub fn App() -> impl IntoView {
    let first = examples().into_iter().next();
    let (example_title, example_file) = first
        .map(|e| (e.title, Some(e.file)))
        .unwrap_or_else(|| ("Quickstart".to_owned(), None));

    // A share link wins over the autosaved model; a bad link is reported and the example shown.
    let mut link_errors = Vec::new();
    let mut start: Option<(String, String, Origin)> = None;
    match share::read_hash() {
        Some(Ok(text)) => {
            let errors = serde_json::from_str::<Value>(&text)
                .map(|v| super::context::load_errors(&v))
                .unwrap_or_else(|e| vec![format!("$: not valid JSON: {e}")]);
            if errors.is_empty() {
                start = Some(("Shared model".to_owned(), text, Origin::Link));
            } else {
                link_errors = errors;
            }
        }
        Some(Err(e)) => link_errors = vec![e.to_string()],
        None => {}
    }
    if start.is_none() && link_errors.is_empty() {
        if let Some(text) = autosave::restore() {
            if serde_json::from_str::<Value>(&text).is_ok_and(|v| v.is_object()) {
                start = Some(("Your last model".to_owned(), text, Origin::Restored));
            }
        }
    }
    let origin = start.as_ref().map_or(Origin::Example, |s| s.2);
    let model = match &start {
        Some((title, text, _)) => provide_app_state(title, text, None),
        None => provide_app_state(&example_title, QUICKSTART_MODEL, example_file.clone()),
    };
    if !link_errors.is_empty() {
        model.show_open_errors(
            "The share link could not be opened; showing the example instead",
            link_errors,
        );
    }
    if origin == Origin::Restored {
        model.restored.set(true);
    }
    if origin != Origin::Example {
        // The link has been read: from now on the autosaved copy is the work (a reload must not
        // bring the link's model back over later edits).
        clear_fragment();
    }
    autosave_changes(model, origin == Origin::Link);
    undo_shortcuts(model);

    let dialogs = use_dialogs();
    let dragging = RwSignal::new(false);
    view! {
        <div
            class="app"
            class:app--dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(false);
                on_drop_file(&ev, DropTarget { model, dialogs });
            }
        >
            <TopBar />
            <RestoredNotice example_file=example_file.unwrap_or_default() example_title=example_title />
            <main class="app__main">
                <section class="app__canvas" aria-label="Graph of the model">
                    <GraphView />
                    <SelectionPanel />
                </section>
                <SidePanel />
            </main>
            <PasteDialog />
            <EntityEditor />
        </div>
    }
}

/// How long after a change the model is saved: long enough that the save (serialising the
/// document, storing it) never delays the frame that shows the change's verdict.
const AUTOSAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(250);

/// Saves the model in the browser after each change (not the first model, unless it came from a
/// link: an untouched example is not "work"). The save waits [`AUTOSAVE_DELAY`] (a later change
/// restarts the wait) and happens at once when the page is hidden or closed.
fn autosave_changes(model: ModelState, save_first: bool) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let save_now = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
            pending.set_value(None);
            let saved = super::timing::timed("autosave", || {
                let text = model.source.get_untracked();
                model
                    .history
                    .with_untracked(|h| autosave::save_document(h.present(), text))
            });
            match saved {
                Ok(()) => model.save_error.set(None),
                Err(e) => model.save_error.set(Some(e.to_string())),
            }
        }
    };
    // Tracks the document, not its text: the text is serialised when the save runs.
    Effect::new(move |previous: Option<()>| {
        model.history.track();
        if previous.is_none() && !save_first {
            return;
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
            pending.set_value(None);
        }
        if model.skip_save.get_value() {
            model.skip_save.set_value(false);
            return;
        }
        // A handle is stored before the timeout can fire: `save_now` runs only with one set.
        match set_timeout_with_handle(save_now, AUTOSAVE_DELAY) {
            Ok(handle) => pending.set_value(Some(handle)),
            Err(_) => {
                let text = model.source.get_untracked();
                let saved = model
                    .history
                    .with_untracked(|h| autosave::save_document(h.present(), text));
                if let Err(e) = saved {
                    model.save_error.set(Some(e.to_string()));
                }
            }
        }
    });
    let handle = window_event_listener_untyped("pagehide", move |_| save_now());
    on_cleanup(move || handle.remove());
}

/// Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z (or Ctrl+Y) redoes, except while typing in a field
/// (where the field's own undo applies).
fn undo_shortcuts(model: ModelState) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if typing {
            return;
        }
        match ev.key().to_lowercase().as_str() {
            "z" if ev.shift_key() => {
                ev.prevent_default();
                model.redo();
            }
            "z" => {
                ev.prevent_default();
                model.undo();
            }
            "y" => {
                ev.prevent_default();
                model.redo();
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}

/// Removes `#…` from the address without a new history entry.
fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(href) = window.location().href() else {
        return;
    };
    let base = href.split('#').next().unwrap_or(&href).to_owned();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&base));
    }
}

/// "Restored your last model — start over?"
#[component]
fn RestoredNotice(example_file: String, example_title: String) -> impl IntoView {
    let model = use_model();
    move || {
        let file = example_file.clone();
        let title = example_title.clone();
        model.restored.get().then(|| {
            view! {
                <div class="notice notice--info app__notice" role="status" data-testid="restored-notice">
                    <span>"Restored your last model from this browser."</span>
                    <button
                        class="button button--secondary"
                        data-testid="start-over"
                        on:click=move |_| {
                            autosave::clear();
                            if let Some(text) = example_text(&file) {
                                if model.show_example(&file, &title, text) {
                                    model.skip_save.set_value(true);
                                }
                            }
                            model.restored.set(false);
                        }
                    >
                        "Start over"
                    </button>
                    <button
                        class="button button--secondary"
                        data-testid="keep-restored"
                        on:click=move |_| model.restored.set(false)
                    >
                        "Keep it"
                    </button>
                </div>
            }
        })
    }
}
