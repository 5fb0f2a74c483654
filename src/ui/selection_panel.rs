//! The selected entity: its kind, name and id, its JSON as the model file has it (read-only,
//! secret material removed), and its relations, each a button that selects the other end.

use leptos::prelude::*;

use super::context::{use_dialogs, use_model, use_selection, EditorTarget};
use super::editor::deleted_document;
use super::graph_view::{kind_icon, kind_title};
use super::json_path::entity_json;
use crate::engine::edit::EntityPath;
use crate::engine::graph::Towards;

/// The panel under the graph for the selected entity; empty when nothing is selected.
#[component]
pub fn SelectionPanel() -> impl IntoView {
    let model = use_model();
    let selection = use_selection();
    let dialogs = use_dialogs();
    let delete_error = RwSignal::new(None::<Vec<String>>);
    move || {
        let node = selection.selected.get()?;
        let index = model.index.get()?;
        let label = index.label(&node).unwrap_or(node.as_str()).to_owned();
        // The document as written, when it loads. Follows the graph (`graph_loaded` changes
        // with every document, one task later), not the document itself: an edit's verdict
        // is rendered before this panel.
        let json = model
            .graph_loaded
            .with(|loaded| loaded.is_ok())
            .then(|| {
                model
                    .history
                    .with_untracked(|h| entity_json(h.present(), &node))
            })
            .flatten();
        let relations = index
            .neighbours(&node)
            .into_iter()
            .filter(|n| !n.relation.is_containment() || n.towards == Towards::Outgoing)
            .map(|n| {
                let other = n.node.clone();
                let other_label = index.label(&other).unwrap_or(other.as_str()).to_owned();
                let text = match n.towards {
                    Towards::Outgoing => format!("→ {} → {}", n.relation.as_str(), other_label),
                    Towards::Incoming => format!("← {} ← {}", n.relation.as_str(), other_label),
                };
                let title = other.as_str().to_owned();
                view! {
                    <li>
                        <button
                            class="selection__relation"
                            title=title
                            on:click=move |_| selection.select_and_reveal(other.clone())
                        >
                            {text}
                        </button>
                    </li>
                }
            })
            .collect_view();
        let kind = node.kind();
        // Editable when the entity is in the file at a path the editor knows.
        let editable = json.as_ref().and_then(|(path, _)| {
            let path: EntityPath = path.parse().ok()?;
            let kind = path.entity_kind()?;
            Some((path, kind))
        });
        let edit_buttons = editable.map(|(path, entity_kind)| {
            let label = label.clone();
            let edit_path = path.clone();
            view! {
                <div class="selection__actions">
                    <button
                        class="button button--secondary"
                        data-testid="selection-edit"
                        on:click=move |_| {
                            dialogs.editor.set(Some(EditorTarget::Existing {
                                path: edit_path.clone(),
                                kind: entity_kind,
                                label: label.clone(),
                            }));
                        }
                    >
                        "Edit"
                    </button>
                    <button
                        class="button button--danger"
                        data-testid="selection-delete"
                        on:click=move |_| {
                            match deleted_document(&model.document(), &path) {
                                Ok(next) => {
                                    delete_error.set(None);
                                    selection.selected.set(None);
                                    model.apply(next);
                                }
                                Err(e) => delete_error.set(Some(vec![e.to_string()])),
                            }
                        }
                    >
                        "Delete"
                    </button>
                </div>
            }
        });
        Some(view! {
            <section class="selection" aria-labelledby="selection-title" data-testid="selection">
                <header class="selection__head">
                    <h2 class="selection__title" id="selection-title">
                        <span aria-hidden="true">{kind_icon(kind)}" "</span>
                        {kind_title(kind)}": "
                        <span data-testid="selection-label">{label}</span>
                    </h2>
                    <button
                        class="button button--icon"
                        aria-label="Close the selection"
                        on:click=move |_| selection.selected.set(None)
                    >
                        "×"
                    </button>
                </header>
                <p class="selection__id"><code data-testid="selection-id">{node.as_str().to_owned()}</code></p>
                {edit_buttons}
                {move || delete_error.get().map(|errors| view! {
                    <div class="notice notice--error" role="alert">
                        <ul class="notice__list">{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    </div>
                })}
                <div class="selection__body">
                    <div class="selection__json">
                        <h3 class="selection__subtitle">
                            "In the model file "
                            {json.as_ref().map(|(path, _)| view! { <code>{path.clone()}</code> })}
                        </h3>
                        <pre class="code-block" data-testid="selection-json" tabindex="0">
                            {json
                                .map(|(_, value)| serde_json::to_string_pretty(&value).unwrap_or_default())
                                .unwrap_or_else(|| "(synthesised: AWS fixes this entity; it is not in the file)".to_owned())}
                        </pre>
                    </div>
                    <div class="selection__relations">
                        <h3 class="selection__subtitle">"Relations"</h3>
                        <ul class="selection__relation-list">{relations}</ul>
                    </div>
                </div>
            </section>
        })
    }
}
