//! The entity editor, in two modes over the same JSON text: "Form" (the default: the kind's
//! form schema, see `entity_form`) and "JSON" (the entity's JSON, secret material removed, in a
//! textarea with a highlighted read-only mirror, line numbers and markers on the statements at
//! fault). Both show the engine's policy diagnostics as you type and the model's load errors
//! with the edit applied. An account is edited with its place in the organization.
//!
//! **Decision:** an edit that would make the model fail to load (a load error the model did not
//! already have) is not applied: "Save" keeps the editor open with the errors listed. Policy
//! warnings do not block saving (AWS accepts such documents).

use leptos::prelude::*;
use serde_json::Value;

use super::context::{load_errors, use_dialogs, use_model, EditorTarget};
use super::entity_form::{EntityForm, FormDraft};
use super::import_dialog::accounts_and_regions;
use super::json_highlight::{highlight, path_within, statement_index};
use super::json_path::{decode_document, scrub_secret_material};
use crate::engine::edit::{
    account_placement, add_entity, delete_entity, reference_candidates, set_account_placement,
    template, update_entity, AccountPlacement, EditError, EntityKind, EntityPath, Reference, Scope,
};
use crate::engine::policy::{parse_policy, PolicyKind, Severity};

/// A policy document found inside the entity being edited.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyReport {
    /// Its JSON path in the editor's text (`$.RolePolicyList[0].PolicyDocument`).
    pub path: String,
    pub kind: PolicyKind,
    /// Whether it is written as a JSON string (then its statements are not on lines of their own).
    pub is_string: bool,
    pub diagnostics: Vec<DiagnosticLine>,
}

/// One diagnostic, as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagnosticLine {
    pub error: bool,
    pub code: String,
    pub location: String,
    pub message: String,
    /// The statement at fault, as a JSON path in the editor's text.
    pub statement_path: Option<String>,
}

/// The kind of policy a member holds, from where it is.
pub fn policy_kind_for(entity_kind: EntityKind, entity: &Value, member: &str) -> PolicyKind {
    if member == "AssumeRolePolicyDocument" {
        return PolicyKind::Trust;
    }
    match entity_kind {
        EntityKind::Key => PolicyKind::KeyPolicy,
        EntityKind::VpcEndpoint => PolicyKind::EndpointPolicy,
        EntityKind::Secret | EntityKind::Function | EntityKind::Parameter => PolicyKind::Resource,
        EntityKind::OrganizationPolicy => {
            let rcp = entity
                .get("PolicySummary")
                .and_then(|s| s.get("Type"))
                .or_else(|| entity.get("Type"))
                .and_then(Value::as_str)
                == Some("RESOURCE_CONTROL_POLICY");
            if rcp {
                PolicyKind::Rcp
            } else {
                PolicyKind::Scp
            }
        }
        _ => PolicyKind::Identity,
    }
}

fn is_policy(value: &Value) -> bool {
    value.get("Statement").is_some()
}

/// The kind of the entities in the list `member` of an entity of `kind`, when the list holds
/// entities of their own (an account's `Keys`, `RoleDetailList`; the organization's `Policies`).
fn contained_kind(kind: EntityKind, member: &str) -> Option<EntityKind> {
    EntityKind::ALL
        .into_iter()
        .find(|k| match (kind, k.scope()) {
            (EntityKind::Account, Scope::Region(list) | Scope::Account(list)) => list == member,
            (EntityKind::Organization, Scope::Organization(list)) => list == member,
            _ => false,
        })
}

/// Every policy document inside `entity`, with the engine's diagnostics.
pub fn policy_reports(kind: EntityKind, entity: &Value) -> Vec<PolicyReport> {
    let mut out = Vec::new();
    walk(kind, entity, entity, "$", "", &mut out);
    out
}

fn walk(
    kind: EntityKind,
    root: &Value,
    value: &Value,
    path: &str,
    member: &str,
    out: &mut Vec<PolicyReport>,
) {
    let found = match value {
        Value::Object(_) if is_policy(value) => Some((value.clone(), false)),
        Value::String(s) if s.trim_start().starts_with('{') || s.starts_with("%7B") => {
            decode_document(s).filter(is_policy).map(|d| (d, true))
        }
        _ => None,
    };
    if let Some((document, is_string)) = found {
        let policy_kind = policy_kind_for(kind, root, member);
        let parsed = parse_policy(&document, policy_kind);
        let diagnostics = parsed
            .diagnostics
            .into_iter()
            .map(|d| DiagnosticLine {
                error: d.severity == Severity::Error,
                statement_path: statement_index(&d.location).map(|i| {
                    if document.get("Statement").is_some_and(Value::is_array) {
                        format!("{path}.Statement[{i}]")
                    } else {
                        format!("{path}.Statement")
                    }
                }),
                code: d.code,
                location: d.location,
                message: d.message,
            })
            .collect();
        out.push(PolicyReport {
            path: path.to_owned(),
            kind: policy_kind,
            is_string,
            diagnostics,
        });
        return;
    }
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                walk(kind, root, v, &format!("{path}.{k}"), k, out);
            }
        }
        Value::Array(items) => {
            // An account holds other entities (and the organization its policies): each is
            // checked as the kind it is, so that a key policy is read as a key policy.
            let inner = contained_kind(kind, member);
            for (i, v) in items.iter().enumerate() {
                let (kind, root) = inner.map_or((kind, root), |k| (k, v));
                walk(kind, root, v, &format!("{path}[{i}]"), member, out);
            }
        }
        _ => {}
    }
}

/// The new document an editor text makes, or why it is refused (each message with its path).
pub fn edited_document(
    doc: &Value,
    target: &EditorTarget,
    text: &str,
    account: &str,
    region: &str,
) -> Result<Value, Vec<String>> {
    edited_document_placed(doc, target, text, account, region, None)
}

/// [`edited_document`] for an account, also placing it in the organization (its parent and the
/// SCPs / RCPs attached to it), following a change of its id.
pub fn edited_document_placed(
    doc: &Value,
    target: &EditorTarget,
    text: &str,
    account: &str,
    region: &str,
    placement: Option<&AccountPlacement>,
) -> Result<Value, Vec<String>> {
    let entity: Value = serde_json::from_str(text).map_err(|e| {
        vec![format!(
            "$: not valid JSON yet: {e} (line {}, column {})",
            e.line(),
            e.column()
        )]
    })?;
    let new_id = EntityKind::Account.id_of(&entity).unwrap_or_default();
    let old_id = match target {
        EditorTarget::Existing { path, .. } => path
            .get(doc)
            .and_then(|a| EntityKind::Account.id_of(a))
            .unwrap_or_else(|| new_id.clone()),
        EditorTarget::New { .. } => new_id.clone(),
    };
    let next = match target {
        EditorTarget::Existing { path, .. } => update_entity(doc, path, entity),
        EditorTarget::New { kind } => add_entity(doc, *kind, account, region, entity),
    }
    .and_then(|next| match placement {
        Some(placement) => set_account_placement(&next, &old_id, &new_id, placement),
        None => Ok(next),
    })
    .map_err(|e| vec![e.to_string()])?;
    let before = load_errors(doc);
    let added: Vec<String> = load_errors(&next)
        .into_iter()
        .filter(|e| !before.contains(e))
        .collect();
    if added.is_empty() {
        Ok(next)
    } else {
        Err(added)
    }
}

/// The document without the entity at `path`; an account also leaves the organization (its
/// entry and the policy targets naming it), so that nothing refers to it any more.
pub fn deleted_document(doc: &Value, path: &EntityPath) -> Result<Value, EditError> {
    let account = (path.entity_kind() == Some(EntityKind::Account))
        .then(|| path.get(doc).and_then(|a| EntityKind::Account.id_of(a)))
        .flatten();
    let next = delete_entity(doc, path)?;
    match account {
        Some(id) => set_account_placement(&next, &id, &id, &AccountPlacement::default()),
        None => Ok(next),
    }
}

/// How the editor shows the entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EditorMode {
    /// The kind's form, field by field.
    Form,
    /// The entity's JSON, highlighted.
    Json,
}

/// The editor dialog (shown while `DialogState::editor` is set).
#[component]
pub fn EntityEditor() -> impl IntoView {
    let dialogs = use_dialogs();
    move || {
        dialogs
            .editor
            .get()
            .map(|target| view! { <EditorBody target=target /> })
    }
}

#[component]
fn EditorBody(target: EditorTarget) -> impl IntoView {
    let model = use_model();
    let dialogs = use_dialogs();
    let doc = model.document();
    let (accounts, regions) = accounts_and_regions(&doc);
    let account = RwSignal::new(accounts.first().cloned().unwrap_or_default());
    let region = RwSignal::new(regions.first().cloned().unwrap_or_default());
    let kind = match &target {
        EditorTarget::Existing { kind, .. } | EditorTarget::New { kind } => *kind,
    };
    let initial = match &target {
        EditorTarget::Existing { path, .. } => {
            let mut entity = path.get(&doc).cloned().unwrap_or(Value::Null);
            scrub_secret_material(&mut entity, kind == EntityKind::Parameter);
            entity
        }
        EditorTarget::New { kind } => template(
            &doc,
            *kind,
            &account.get_untracked(),
            &region.get_untracked(),
        ),
    };
    let text = RwSignal::new(serde_json::to_string_pretty(&initial).unwrap_or_default());
    // The template as first shown: while the text is still it, a new account or region gives
    // a fresh template (its ARNs name them).
    let pristine = StoredValue::new(text.get_untracked());
    let mode = RwSignal::new(EditorMode::Form);
    let form_doc = doc.clone();
    // An account's place in the organization, edited with it.
    let old_account = (kind == EntityKind::Account)
        .then(|| EntityKind::Account.id_of(&initial))
        .flatten()
        .unwrap_or_default();
    let placement =
        RwSignal::new((kind == EntityKind::Account).then(|| account_placement(&doc, &old_account)));
    let has_organization = doc.get("Organization").is_some_and(Value::is_object);
    let parents = reference_candidates(&doc, Reference::OrganizationParent);
    let org_policies: Vec<(String, String)> = doc
        .get("Organization")
        .and_then(|o| o.get("Policies"))
        .and_then(Value::as_array)
        .map(|ps| {
            ps.iter()
                .filter_map(|p| {
                    let id = p.get("Id").and_then(Value::as_str)?.to_owned();
                    let kind = match p.get("Type").and_then(Value::as_str) {
                        Some("RESOURCE_CONTROL_POLICY") => "RCP",
                        _ => "SCP",
                    };
                    let name = p.get("Name").and_then(Value::as_str).unwrap_or(&id);
                    Some((id.clone(), format!("{kind} {name} ({id})")))
                })
                .collect()
        })
        .unwrap_or_default();
    let is_new = matches!(target, EditorTarget::New { .. });
    let heading = match &target {
        EditorTarget::Existing { label, path, .. } => {
            format!("Edit {}: {label} ({path})", kind.describe())
        }
        EditorTarget::New { kind } => format!("Add {}", kind.describe()),
    };
    let needs_account = is_new && matches!(kind.scope(), Scope::Region(_) | Scope::Account(_));
    let needs_region = is_new && matches!(kind.scope(), Scope::Region(_));
    let target = StoredValue::new(target);
    let regenerate = move || {
        if is_new && text.with_untracked(|t| pristine.with_value(|p| p == t)) {
            let fresh = model.history.with_untracked(|h| {
                template(
                    h.present(),
                    kind,
                    &account.get_untracked(),
                    &region.get_untracked(),
                )
            });
            let fresh = serde_json::to_string_pretty(&fresh).unwrap_or_default();
            pristine.set_value(fresh.clone());
            text.set(fresh);
        }
    };
    let parsed = Memo::new(move |_| serde_json::from_str::<Value>(&text.get()).ok());
    let reports = Memo::new(move |_| {
        parsed
            .get()
            .map(|entity| policy_reports(kind, &entity))
            .unwrap_or_default()
    });
    let outcome = Memo::new(move |_| {
        let text = text.get();
        let account = account.get();
        let region = region.get();
        let placement = placement.get();
        model.history.with(|h| {
            target.with_value(|t| {
                edited_document_placed(h.present(), t, &text, &account, &region, placement.as_ref())
            })
        })
    });
    let tried = RwSignal::new(false);
    let close = move || dialogs.editor.set(None);
    let on_save = move |_| {
        tried.set(true);
        if let Ok(next) = outcome.get_untracked() {
            // Close first, focus off: the dialog is then taken down while the page is
            // unchanged, before the edit's updates (removing the focused Save button after them
            // forces the browser to lay out the whole changed page at once, ~16 ms on a large
            // model).
            blur_focus();
            close();
            model.apply(next);
        }
    };
    let on_delete = move |_| {
        let next = target.with_value(|t| match t {
            EditorTarget::Existing { path, .. } => deleted_document(&model.document(), path).ok(),
            EditorTarget::New { .. } => None,
        });
        if let Some(next) = next {
            model.apply(next);
            close();
        }
    };
    // Lines of the mirror, with the statements at fault marked.
    let lines = Memo::new(move |_| {
        let faults: Vec<(String, bool)> = reports.with(|rs| {
            rs.iter()
                .flat_map(|r| {
                    r.diagnostics.iter().map(move |d| {
                        let at = if r.is_string {
                            Some(r.path.clone())
                        } else {
                            d.statement_path.clone()
                        };
                        (at, d.error)
                    })
                })
                .filter_map(|(at, error)| at.map(|a| (a, error)))
                .collect()
        });
        text.with(|t| highlight(t))
            .into_iter()
            .map(|tokens| {
                let mark = tokens
                    .iter()
                    .filter(|t| t.kind != super::json_highlight::TokenKind::Space)
                    .flat_map(|t| faults.iter().filter(move |(p, _)| path_within(&t.path, p)))
                    .map(|(_, error)| *error)
                    .reduce(|a, b| a || b);
                (tokens, mark)
            })
            .collect::<Vec<_>>()
    });
    // Bring the first statement at fault into view in the mirror when it changes.
    let first_fault =
        Memo::new(move |_| lines.with(|l| l.iter().position(|(_, mark)| mark.is_some())));
    let mirror = NodeRef::<leptos::html::Pre>::new();
    Effect::new(move |_| {
        let Some(line) = first_fault.get() else {
            return;
        };
        request_animation_frame(move || {
            let Some(pre) = mirror.get_untracked() else {
                return;
            };
            let at = pre
                .query_selector("[data-fault]")
                .ok()
                .flatten()
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
            if let Some(element) = at {
                pre.set_scroll_top((element.offset_top() - 48).max(0));
            }
            let _ = line;
        });
    });
    view! {
        <div class="dialog-backdrop">
            <div
                class="dialog dialog--wide"
                role="dialog"
                aria-modal="true"
                aria-labelledby="editor-title"
                data-testid="entity-editor"
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        close();
                    }
                }
            >
                <h2 class="dialog__title" id="editor-title">{heading}</h2>
                {(needs_account || needs_region).then(|| view! {
                    <div class="dialog__row">
                        {needs_account.then(|| placement_field("Account", "account", account, accounts, regenerate))}
                        {needs_region.then(|| placement_field("Region", "region", region, regions, regenerate))}
                    </div>
                })}
                <div
                    class="editor__tabs"
                    role="tablist"
                    aria-label="Edit as"
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        // The ARIA tab pattern: arrows, Home and End move between the two tabs.
                        let next = match ev.key().as_str() {
                            "ArrowLeft" | "ArrowRight" => match mode.get_untracked() {
                                EditorMode::Form => EditorMode::Json,
                                EditorMode::Json => EditorMode::Form,
                            },
                            "Home" => EditorMode::Form,
                            "End" => EditorMode::Json,
                            _ => return,
                        };
                        ev.prevent_default();
                        mode.set(next);
                        let id = if next == EditorMode::Form { "editor-tab-form" } else { "editor-tab-json" };
                        if let Some(tab) = document()
                            .get_element_by_id(id)
                            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                        {
                            let _ = tab.focus();
                        }
                    }
                >
                    <button
                        type="button"
                        role="tab"
                        class="editor__tab"
                        id="editor-tab-form"
                        aria-controls="editor-panel"
                        data-testid="editor-mode-form"
                        tabindex=move || if mode.get() == EditorMode::Form { "0" } else { "-1" }
                        aria-selected=move || (mode.get() == EditorMode::Form).to_string()
                        on:click=move |_| mode.set(EditorMode::Form)
                    >
                        "Form"
                    </button>
                    <button
                        type="button"
                        role="tab"
                        class="editor__tab"
                        id="editor-tab-json"
                        aria-controls="editor-panel"
                        data-testid="editor-mode-json"
                        tabindex=move || if mode.get() == EditorMode::Json { "0" } else { "-1" }
                        aria-selected=move || (mode.get() == EditorMode::Json).to_string()
                        on:click=move |_| mode.set(EditorMode::Json)
                    >
                        "JSON"
                    </button>
                </div>
                <div
                    id="editor-panel"
                    role="tabpanel"
                    aria-labelledby=move || if mode.get() == EditorMode::Form { "editor-tab-form" } else { "editor-tab-json" }
                >
                // Switching modes re-renders the panel; both edit the same text.
                {move || match mode.get() {
                    EditorMode::Form => {
                        let parents = parents.clone();
                        let org_policies = org_policies.clone();
                        view! {
                            <div class="editor__form">
                                <EntityForm kind=kind draft=FormDraft { text, parsed } doc=form_doc.clone() />
                                {(kind == EntityKind::Account).then(|| view! {
                                    <AccountPlacementFields
                                        placement=placement
                                        has_organization=has_organization
                                        parents=parents
                                        policies=org_policies
                                    />
                                })}
                            </div>
                        }
                            .into_any()
                    }
                    EditorMode::Json => view! {
                <div class="editor">
                        <label class="editor__input">
                            <span class="dialog__label">"JSON (AWS field names; secret values are never shown or kept)"</span>
                            <textarea
                                class="code-input editor__textarea"
                                data-testid="editor-text"
                                spellcheck="false"
                                autofocus=true
                                prop:value=move || text.get()
                                on:input=move |ev| text.set(event_target_value(&ev))
                            ></textarea>
                        </label>
                        <div class="editor__mirror-wrap">
                            <span class="dialog__label" id="editor-mirror-label">"Highlighted, with statements at fault marked"</span>
                            <pre class="editor__mirror" node_ref=mirror data-testid="editor-mirror" aria-labelledby="editor-mirror-label" tabindex="0">
                                {move || {
                                    lines
                                        .get()
                                        .into_iter()
                                        .enumerate()
                                        .map(|(n, (tokens, mark))| {
                                            let class = match mark {
                                                Some(true) => "json-line json-line--error",
                                                Some(false) => "json-line json-line--warning",
                                                None => "json-line",
                                            };
                                            let marker = match mark {
                                                Some(true) => "✖",
                                                Some(false) => "▲",
                                                None => " ",
                                            };
                                            view! {
                                                <div class=class data-fault=mark.map(|e| if e { "error" } else { "warning" })>
                                                    <span class="json-line__gutter" aria-hidden="true">{format!("{:>3}", n + 1)}" "{marker}</span>
                                                    {tokens
                                                        .into_iter()
                                                        .map(|t| view! { <span class=t.kind.class()>{t.text}</span> })
                                                        .collect_view()}
                                                </div>
                                            }
                                        })
                                        .collect_view()
                                }}
                            </pre>
                        </div>
                    </div>
                    }
                        .into_any(),
                }}
                </div>
                <div class="editor__diagnostics" aria-live="polite">
                    {move || {
                        let all: Vec<(String, DiagnosticLine)> = reports.with(|rs| {
                            rs.iter()
                                .flat_map(|r| r.diagnostics.iter().map(|d| (r.path.clone(), d.clone())))
                                .collect()
                        });
                        if parsed.with(Option::is_none) {
                            return None;
                        }
                        Some(if all.is_empty() {
                            view! { <p class="editor__ok" data-testid="editor-no-diagnostics">"✔ The policies in this entity have no findings."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="editor__diagnostic-list" data-testid="editor-diagnostics">
                                    {all.into_iter().map(|(path, d)| {
                                        let severity = if d.error { "Error" } else { "Warning" };
                                        let code = d.code.clone();
                                        view! {
                                            <li class="diagnostic" class:diagnostic--error=d.error data-testid="editor-diagnostic" data-code=code>
                                                <span class="diagnostic__severity">{if d.error { "✖ " } else { "▲ " }}{severity}</span>" "
                                                <code class="diagnostic__code">{d.code}</code>" at "
                                                <code class="diagnostic__location">{format!("{path} → {}", d.location)}</code>": "
                                                <span class="diagnostic__message">{d.message}</span>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        })
                    }}
                    {move || {
                        outcome.get().err().map(|errors| view! {
                            <div
                                class="notice"
                                class:notice--error=move || tried.get()
                                class:notice--info=move || !tried.get()
                                role="alert"
                                data-testid="editor-errors"
                            >
                                <p class="notice__title">"Not saved while the model would not load with this edit:"</p>
                                <ul class="notice__list">{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                            </div>
                        })
                    }}
                </div>
                <div class="dialog__actions">
                    <button class="button" data-testid="editor-save" on:click=on_save>
                        {if is_new { "Add" } else { "Save" }}
                    </button>
                    <button class="button button--secondary" data-testid="editor-cancel" on:click=move |_| close()>
                        "Cancel"
                    </button>
                    {(!is_new).then(|| view! {
                        <button class="button button--danger" data-testid="editor-delete" on:click=on_delete>
                            "Delete"
                        </button>
                    })}
                </div>
            </div>
        </div>
    }
}

/// A new entity's account or region: a text field with the model's values as suggestions;
/// editing it makes the template again while the entity is still untouched.
fn placement_field(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    suggestions: Vec<String>,
    regenerate: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let list = format!("editor-{name}s");
    view! {
        <label class="dialog__field">
            <span class="dialog__label">{label}</span>
            <input
                type="text"
                list=list.clone()
                data-testid=format!("editor-{name}")
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    regenerate();
                }
            />
            <datalist id=list>
                {suggestions.into_iter().map(|v| view! { <option value=v.clone()>{v.clone()}</option> }).collect_view()}
            </datalist>
        </label>
    }
}

/// An account's place in the organization: its parent (root or OU) and the SCPs and RCPs
/// attached to it directly (the contract keeps both in `Organization`, not in the account).
#[component]
fn AccountPlacementFields(
    /// The placement being edited.
    placement: RwSignal<Option<AccountPlacement>>,
    /// Whether the model has an organization to place the account in.
    has_organization: bool,
    /// The roots and OUs.
    parents: Vec<crate::engine::edit::Candidate>,
    /// The organization's policies: id and label.
    policies: Vec<(String, String)>,
) -> impl IntoView {
    if !has_organization {
        return view! {
            <p class="dialog__hint" data-testid="form-no-organization">
                "The model has no Organization: add one (Add → the organization) to place this account under a root or OU and attach SCPs and RCPs to it."
            </p>
        }
        .into_any();
    }
    let parent = move || {
        placement.with(|p| {
            p.as_ref()
                .and_then(|p| p.parent.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <fieldset class="form-group" data-testid="form-account-placement">
            <legend class="form-group__legend">"In the organization (Organization.Accounts[].ParentId, Organization.Policies[].Targets)"</legend>
            <div class="form-field">
                <label class="form-field__label" for="form-account-parent">"ParentId"</label>
                <select
                    id="form-account-parent"
                    class="form-field__input"
                    data-field="ParentId"
                    prop:value=parent
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        placement.update(|p| {
                            if let Some(p) = p {
                                p.parent = (!value.is_empty()).then_some(value);
                            }
                        });
                    }
                >
                    <option value="" selected=move || parent().is_empty()>"(not in the organization)"</option>
                    {parents
                        .into_iter()
                        .map(|c| {
                            let v = c.value.clone();
                            view! { <option value=c.value selected=move || parent() == v>{c.label}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="form-field" role="group" aria-label="Policies attached to the account">
                <span class="form-field__label">"Attached SCPs and RCPs (Targets)"</span>
                {policies
                    .into_iter()
                    .map(|(id, label)| {
                        let checked_id = id.clone();
                        view! {
                            <label class="form-check">
                                <input
                                    type="checkbox"
                                    prop:checked=move || placement.with(|p| p.as_ref().is_some_and(|p| p.policies.contains(&checked_id)))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let id = id.clone();
                                        placement.update(|p| {
                                            if let Some(p) = p {
                                                p.policies.retain(|x| *x != id);
                                                if on {
                                                    p.policies.push(id);
                                                }
                                            }
                                        });
                                    }
                                />
                                " "{label}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
    .into_any()
}

/// Takes the focus off whatever has it (a dialog button about to be removed): the browser then
/// need not move the focus, and lay out the page to do so, while the dialog goes.
fn blur_focus() {
    let focused = document()
        .active_element()
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    if let Some(element) = focused {
        let _ = element.blur();
    }
}
