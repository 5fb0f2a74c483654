//! The entity editor's "Form" mode: the kind's form schema ([`form_schema`]) as inputs labelled
//! with the AWS field names, `<select>` pickers for references and enums filled from the model,
//! rows to add and remove for lists, and policy documents in a highlighted JSON editor with their
//! diagnostics.
//!
//! The form edits the same JSON text as the "JSON" mode: each input rewrites only its own member
//! ([`set_field`]), so members the schema does not know are kept untouched, and saving goes
//! through the same path (an edit that makes the model fail to load is refused).

use leptos::prelude::*;
use serde_json::{json, Value};

use super::editor::policy_reports;
use super::json_highlight::highlight;
use crate::engine::edit::{
    bool_input, bool_value, field_input, field_text, form_schema, policy_input, policy_text,
    reference_candidates, set_field, EntityKind, EntityPath, Field, FieldType, Reference,
};

/// The entity being edited: its JSON text (shared with the JSON mode) and that text parsed.
#[derive(Clone, Copy)]
pub struct FormDraft {
    pub text: RwSignal<String>,
    pub parsed: Memo<Option<Value>>,
}

impl FormDraft {
    /// The value at `path` in the entity (tracked).
    fn get(&self, path: &EntityPath) -> Option<Value> {
        self.parsed
            .with(|p| p.as_ref().and_then(|v| path.get(v)).cloned())
            .filter(|v| !v.is_null())
    }

    /// Set (or, with `None`, remove) the member at `path` and rewrite the text.
    fn set(&self, path: &EntityPath, value: Option<Value>) {
        let Some(mut entity) = self.parsed.get_untracked() else {
            return;
        };
        if set_field(&mut entity, path, value) {
            if let Ok(text) = serde_json::to_string_pretty(&entity) {
                self.text.set(text);
            }
        }
    }

    /// The length of the list at `path` (tracked).
    fn len(&self, path: &EntityPath) -> usize {
        self.parsed.with(|p| {
            p.as_ref()
                .and_then(|v| path.get(v))
                .and_then(Value::as_array)
                .map_or(0, Vec::len)
        })
    }
}

/// What every input of one form shares.
#[derive(Clone, Copy)]
struct FormContext {
    kind: EntityKind,
    draft: FormDraft,
    /// The model document, for the pickers' candidates.
    doc: StoredValue<Value>,
}

/// An id for an input, from its path (`form-Routes-0-GatewayId`).
fn input_id(path: &EntityPath) -> String {
    let text: String = path
        .to_string()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("form{}", text.trim_start_matches('$'))
}

/// The form for an entity of `kind` whose JSON is `draft`.
#[component]
pub fn EntityForm(
    /// The kind of entity.
    kind: EntityKind,
    /// The entity's JSON text and its parse.
    draft: FormDraft,
    /// The model document the entity is in (for reference pickers).
    doc: Value,
) -> impl IntoView {
    let ctx = FormContext {
        kind,
        draft,
        doc: StoredValue::new(doc),
    };
    view! {
        <div class="entity-form" data-testid="entity-form">
            {move || {
                if draft.parsed.with(Option::is_none) {
                    view! {
                        <p class="notice notice--info" role="status" data-testid="form-invalid-json">
                            "The JSON is not valid; fix it in the JSON tab to use the form."
                        </p>
                    }
                        .into_any()
                } else {
                    fields_view(ctx, form_schema(kind), &EntityPath::root())
                }
            }}
        </div>
    }
}

/// The form's inputs for `fields` under `prefix`. Rendered once per shape: inputs read their
/// values reactively, so typing never rebuilds (and never loses focus).
fn fields_view(ctx: FormContext, fields: &'static [Field], prefix: &EntityPath) -> AnyView {
    fields
        .iter()
        .map(|field| field_view(ctx, *field, prefix.key(field.name)))
        .collect_view()
        .into_any()
}

/// Whether a field's input takes two columns (ARNs and pickers, whose values are long).
fn is_wide(field: Field) -> bool {
    matches!(
        field.kind,
        FieldType::Reference(_) | FieldType::References(_)
    ) || field.name.ends_with("Arn")
        || field.name.ends_with("ARN")
}

fn label_text(field: Field) -> String {
    if field.required {
        format!("{} *", field.name)
    } else {
        field.name.to_owned()
    }
}

fn field_view(ctx: FormContext, field: Field, path: EntityPath) -> AnyView {
    let id = input_id(&path);
    let draft = ctx.draft;
    match field.kind {
        FieldType::Text | FieldType::Number | FieldType::Timestamp | FieldType::Cidr => {
            let kind = field.kind;
            let read = path.clone();
            let placeholder = match kind {
                FieldType::Cidr => "e.g. 10.0.0.0/16",
                FieldType::Timestamp => "e.g. 2024-01-01T00:00:00Z",
                FieldType::Number => "a number",
                _ => "",
            };
            view! {
                <div class="form-field" class:form-field--wide=is_wide(field)>
                    <label class="form-field__label" for=id.clone()>{label_text(field)}</label>
                    <input
                        id=id
                        class="form-field__input"
                        type="text"
                        inputmode=(kind == FieldType::Number).then_some("numeric")
                        placeholder=placeholder
                        spellcheck="false"
                        data-field=field.name
                        prop:value=move || field_text(draft.get(&read).as_ref())
                        on:input=move |ev| draft.set(&path, field_input(kind, &event_target_value(&ev)))
                    />
                </div>
            }
            .into_any()
        }
        FieldType::Bool => {
            let read = path.clone();
            let current = Memo::new(move |_| match bool_value(draft.get(&read).as_ref()) {
                Some(true) => "true",
                Some(false) => "false",
                None => "",
            });
            view! {
                <div class="form-field">
                    <label class="form-field__label" for=id.clone()>{label_text(field)}</label>
                    <select
                        id=id
                        class="form-field__input"
                        data-field=field.name
                        prop:value=move || current.get()
                        on:change=move |ev| {
                            let old = draft.get(&path);
                            let value = match event_target_value(&ev).as_str() {
                                "true" => Some(bool_input(old.as_ref(), true)),
                                "false" => Some(bool_input(old.as_ref(), false)),
                                _ => None,
                            };
                            draft.set(&path, value);
                        }
                    >
                        <option value="" selected=move || current.get().is_empty()>"(not set: AWS default)"</option>
                        <option value="true" selected=move || current.get() == "true">"true"</option>
                        <option value="false" selected=move || current.get() == "false">"false"</option>
                    </select>
                </div>
            }
            .into_any()
        }
        FieldType::Enum(values) => {
            let options: Vec<(String, String)> = values
                .iter()
                .map(|v| ((*v).to_owned(), (*v).to_owned()))
                .collect();
            select_view(
                ctx,
                label_text(field),
                field.name,
                path,
                options,
                "(not set)",
            )
        }
        FieldType::Reference(reference) => {
            let options = ctx
                .doc
                .with_value(|doc| reference_candidates(doc, reference))
                .into_iter()
                .map(|c| (c.value, c.label))
                .collect();
            select_view(
                ctx,
                label_text(field),
                field.name,
                path,
                options,
                none_label(reference),
            )
        }
        FieldType::References(reference) => {
            let options: Vec<(String, String)> = ctx
                .doc
                .with_value(|doc| reference_candidates(doc, reference))
                .into_iter()
                .map(|c| (c.value, c.label))
                .collect();
            string_list_view(ctx, field, path, Some(options))
        }
        FieldType::Strings => string_list_view(ctx, field, path, None),
        FieldType::Policy | FieldType::Json => document_view(ctx, field, path),
        FieldType::Tags => {
            const TAGS: &[Field] = &[
                Field {
                    name: "Key",
                    kind: FieldType::Text,
                    required: true,
                },
                Field {
                    name: "Value",
                    kind: FieldType::Text,
                    required: false,
                },
            ];
            const KMS_TAGS: &[Field] = &[
                Field {
                    name: "TagKey",
                    kind: FieldType::Text,
                    required: true,
                },
                Field {
                    name: "TagValue",
                    kind: FieldType::Text,
                    required: false,
                },
            ];
            let kms = ctx.kind == EntityKind::Key
                || draft.parsed.with_untracked(|p| {
                    p.as_ref()
                        .and_then(|v| path.index(0).key("TagKey").get(v))
                        .is_some()
                });
            list_view(ctx, field, path, if kms { KMS_TAGS } else { TAGS })
        }
        FieldType::Object(inner) => view! {
            <fieldset class="form-group" data-field=field.name>
                <legend class="form-group__legend">{label_text(field)}</legend>
                {fields_view(ctx, inner, &path)}
            </fieldset>
        }
        .into_any(),
        FieldType::List(inner) => list_view(ctx, field, path, inner),
    }
}

fn none_label(reference: Reference) -> &'static str {
    match reference {
        Reference::Key => "(none: the AWS managed key)",
        _ => "(none)",
    }
}

/// A `<select>` of `options` (value, label), with "not set" first and the current value kept as
/// an option when it is not among them (so opening the form never changes it).
fn select_view(
    ctx: FormContext,
    label: String,
    data_field: &'static str,
    path: EntityPath,
    options: Vec<(String, String)>,
    none: &'static str,
) -> AnyView {
    let id = input_id(&path);
    let draft = ctx.draft;
    let read = path.clone();
    let current = Memo::new(move |_| field_text(draft.get(&read).as_ref()));
    let known: Vec<String> = options.iter().map(|(v, _)| v.clone()).collect();
    let wide = options.iter().any(|(v, _)| v.len() > 24);
    view! {
        <div class="form-field" class:form-field--wide=wide>
            <label class="form-field__label" for=id.clone()>{label}</label>
            <select
                id=id
                class="form-field__input"
                data-field=data_field
                prop:value=move || current.get()
                on:change=move |ev| draft.set(&path, field_input(FieldType::Text, &event_target_value(&ev)))
            >
                <option value="" selected=move || current.with(String::is_empty)>{none}</option>
                {move || {
                    let value = current.get();
                    (!value.is_empty() && !known.contains(&value)).then(|| {
                        let label = format!("{value} (not in the model)");
                        view! { <option value=value selected=true>{label}</option> }
                    })
                }}
                {options
                    .into_iter()
                    .map(|(value, label)| {
                        let v = value.clone();
                        view! { <option value=value selected=move || current.with(|c| *c == v)>{label}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// A list of strings: one input (or picker, with `options`) per element, rows to add and remove.
fn string_list_view(
    ctx: FormContext,
    field: Field,
    path: EntityPath,
    options: Option<Vec<(String, String)>>,
) -> AnyView {
    let draft = ctx.draft;
    let count_path = path.clone();
    let count = Memo::new(move |_| draft.len(&count_path));
    let rows_path = path.clone();
    let options = StoredValue::new(options);
    let add = move |_| {
        let first = options.with_value(|o| {
            o.as_ref()
                .and_then(|o| o.first())
                .map(|(v, _)| v.clone())
                .unwrap_or_default()
        });
        let n = count.get_untracked();
        draft.set(&path.index(n), Some(json!(first)));
    };
    view! {
        <fieldset class="form-group" data-field=field.name>
            <legend class="form-group__legend">{label_text(field)}</legend>
            {move || {
                (0..count.get())
                    .map(|i| {
                        let item = rows_path.index(i);
                        let item_label = format!("{} {}", field.name, i + 1);
                        let remove_path = item.clone();
                        let input = match options.get_value() {
                            Some(options) => select_view(
                                ctx,
                                item_label.clone(),
                                field.name,
                                item.clone(),
                                options,
                                "(none)",
                            ),
                            None => {
                                let read = item.clone();
                                let id = input_id(&item);
                                view! {
                                    <div class="form-field">
                                        <label class="visually-hidden" for=id.clone()>{item_label.clone()}</label>
                                        <input
                                            id=id
                                            class="form-field__input"
                                            type="text"
                                            spellcheck="false"
                                            prop:value=move || field_text(draft.get(&read).as_ref())
                                            on:input=move |ev| {
                                                let text = event_target_value(&ev);
                                                draft.set(&item, Some(json!(text)));
                                            }
                                        />
                                    </div>
                                }
                                .into_any()
                            }
                        };
                        view! {
                            <div class="form-row form-row--inline" aria-label=item_label.clone()>
                                {input}
                                {remove_button(draft, &item_label, remove_path)}
                            </div>
                        }
                    })
                    .collect_view()
            }}
            {add_button(field, add)}
        </fieldset>
    }
    .into_any()
}

/// The "Remove" button of a list row (`label` names the row for screen readers).
fn remove_button(draft: FormDraft, label: &str, path: EntityPath) -> impl IntoView {
    view! {
        <button
            type="button"
            class="button button--secondary form-row__remove"
            aria-label=format!("Remove {label}")
            on:click=move |_| draft.set(&path, None)
        >
            "Remove"
        </button>
    }
}

/// The "+ Add to …" button under a list.
fn add_button(field: Field, add: impl Fn(leptos::ev::MouseEvent) + 'static) -> impl IntoView {
    view! {
        <button type="button" class="button button--secondary form-group__add" data-testid="form-add-row" on:click=add>
            {format!("+ Add to {}", field.name)}
        </button>
    }
}

/// A list of objects: each element's fields in a row, rows to add and remove.
fn list_view(ctx: FormContext, field: Field, path: EntityPath, inner: &'static [Field]) -> AnyView {
    let draft = ctx.draft;
    let count_path = path.clone();
    let count = Memo::new(move |_| draft.len(&count_path));
    let rows_path = path.clone();
    let add = move |_| {
        let n = count.get_untracked();
        draft.set(&path.index(n), Some(json!({})));
    };
    view! {
        <fieldset class="form-group" data-field=field.name>
            <legend class="form-group__legend">{label_text(field)}</legend>
            {move || {
                (0..count.get())
                    .map(|i| {
                        let row = rows_path.index(i);
                        let row_label = format!("{} {}", field.name, i + 1);
                        let remove_path = row.clone();
                        view! {
                            <div class="form-row" role="group" aria-label=row_label.clone()>
                                <div class="form-row__fields">{fields_view(ctx, inner, &row)}</div>
                                {remove_button(draft, &row_label, remove_path)}
                            </div>
                        }
                    })
                    .collect_view()
            }}
            {add_button(field, add)}
        </fieldset>
    }
    .into_any()
}

/// A policy document (or other JSON) in a highlighted JSON editor: the field takes the document
/// whenever the text is valid JSON; a policy's diagnostics are listed under it.
fn document_view(ctx: FormContext, field: Field, path: EntityPath) -> AnyView {
    let draft = ctx.draft;
    let id = input_id(&path);
    let (initial, as_string) = policy_text(draft.get(&path).as_ref());
    let text = RwSignal::new(initial);
    let error = RwSignal::new(None::<String>);
    let is_policy = field.kind == FieldType::Policy;
    let at = path.to_string();
    let kind = ctx.kind;
    let diagnostics = Memo::new(move |_| {
        if !is_policy {
            return Vec::new();
        }
        draft.parsed.with(|p| {
            p.as_ref()
                .map(|entity| {
                    policy_reports(kind, entity)
                        .into_iter()
                        .filter(|r| r.path == at)
                        .flat_map(|r| r.diagnostics)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let write = path.clone();
    view! {
        <div class="form-field form-field--document" data-field=field.name>
            <label class="form-field__label" for=id.clone()>
                {label_text(field)}
                {is_policy.then_some(" (policy document, JSON)")}
            </label>
            <div class="form-document" class:form-document--plain=!is_policy>
                <textarea
                    id=id
                    class="code-input form-document__textarea"
                    spellcheck="false"
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        match policy_input(&value, as_string) {
                            Ok(document) => {
                                error.set(None);
                                draft.set(&write, document);
                            }
                            Err(e) => error.set(Some(e)),
                        }
                        text.set(value);
                    }
                ></textarea>
                {is_policy.then(|| view! {
                <pre class="form-document__mirror editor__mirror" aria-hidden="true">
                    {move || {
                        text.with(|t| highlight(t))
                            .into_iter()
                            .map(|tokens| view! {
                                <div class="json-line">
                                    {tokens
                                        .into_iter()
                                        .map(|t| view! { <span class=t.kind.class()>{t.text}</span> })
                                        .collect_view()}
                                </div>
                            })
                            .collect_view()
                    }}
                </pre>
                })}
            </div>
            {move || error.get().map(|e| view! { <p class="form-field__error" role="alert">{e}</p> })}
            {move || {
                let found = diagnostics.get();
                (!found.is_empty()).then(|| view! {
                    <ul class="editor__diagnostic-list" data-testid="form-policy-diagnostics">
                        {found.into_iter().map(|d| view! {
                            <li class="diagnostic" class:diagnostic--error=d.error>
                                <span class="diagnostic__severity">{if d.error { "✖ Error" } else { "▲ Warning" }}</span>" "
                                <code class="diagnostic__code">{d.code}</code>" at "
                                <code class="diagnostic__location">{d.location}</code>": "
                                <span class="diagnostic__message">{d.message}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                })
            }}
        </div>
    }
    .into_any()
}
