//! The entity editor: an entity's JSON (secret material removed) in a textarea, a highlighted
//! read-only mirror with line numbers and markers on the statements at fault, the engine's
//! policy diagnostics as you type, and the model's load errors with the edit applied.
//!
//! **Decision:** an edit that would make the model fail to load (a load error the model did not
//! already have) is not applied: "Save" keeps the editor open with the errors listed. Policy
//! warnings do not block saving (AWS accepts such documents).

use leptos::prelude::*;
use serde_json::{json, Map, Value};

use super::context::{load_errors, use_dialogs, use_model, EditorTarget};
use super::import_dialog::accounts_and_regions;
use super::json_highlight::{highlight, path_within, statement_index};
use super::json_path::{decode_document, scrub_secret_material};
use crate::engine::edit::{add_entity, delete_entity, update_entity, EntityKind, Scope};
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
            for (i, v) in items.iter().enumerate() {
                walk(kind, root, v, &format!("{path}[{i}]"), member, out);
            }
        }
        _ => {}
    }
}

/// A minimal new entity of `kind`, in AWS field names, placed in `account` / `region`.
pub fn template(kind: EntityKind, account: &str, region: &str) -> Value {
    let a = if account.is_empty() {
        "111111111111"
    } else {
        account
    };
    let r = if region.is_empty() {
        "us-east-1"
    } else {
        region
    };
    let allow_all_in_account = json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "EnableIamPolicies",
            "Effect": "Allow",
            "Principal": {"AWS": format!("arn:aws:iam::{a}:root")},
            "Action": "kms:*",
            "Resource": "*"
        }]
    });
    let value = match kind {
        EntityKind::Secret => json!({
            "ARN": format!("arn:aws:secretsmanager:{r}:{a}:secret:new-secret-AbCdEf"),
            "Name": "new-secret",
            "VersionIdsToStages": {"00000000-0000-0000-0000-000000000001": ["AWSCURRENT"]}
        }),
        EntityKind::Parameter => json!({
            "Name": "/new/parameter",
            "Type": "SecureString",
            "ARN": format!("arn:aws:ssm:{r}:{a}:parameter/new/parameter")
        }),
        EntityKind::Key => json!({
            "KeyMetadata": {
                "KeyId": "00000000-0000-0000-0000-000000000001",
                "Arn": format!("arn:aws:kms:{r}:{a}:key/00000000-0000-0000-0000-000000000001"),
                "KeyManager": "CUSTOMER",
                "KeyState": "Enabled"
            },
            "Policy": allow_all_in_account
        }),
        EntityKind::Role => json!({
            "RoleName": "new-role",
            "Arn": format!("arn:aws:iam::{a}:role/new-role"),
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": "ec2.amazonaws.com"},
                    "Action": "sts:AssumeRole"
                }]
            },
            "RolePolicyList": [{
                "PolicyName": "read-secrets",
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Effect": "Allow",
                        "Action": "secretsmanager:GetSecretValue",
                        "Resource": "*"
                    }]
                }
            }],
            "AttachedManagedPolicies": []
        }),
        EntityKind::User => json!({
            "UserName": "new-user",
            "Arn": format!("arn:aws:iam::{a}:user/new-user"),
            "UserPolicyList": [],
            "AttachedManagedPolicies": [],
            "GroupList": []
        }),
        EntityKind::Group => json!({
            "GroupName": "new-group",
            "Arn": format!("arn:aws:iam::{a}:group/new-group"),
            "GroupPolicyList": [],
            "AttachedManagedPolicies": []
        }),
        EntityKind::ManagedPolicy => json!({
            "PolicyName": "new-policy",
            "Arn": format!("arn:aws:iam::{a}:policy/new-policy"),
            "DefaultVersionId": "v1",
            "PolicyVersionList": [{
                "VersionId": "v1",
                "IsDefaultVersion": true,
                "Document": {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]
                }
            }]
        }),
        EntityKind::Vpc => json!({"VpcId": "vpc-0new", "CidrBlock": "10.0.0.0/16"}),
        EntityKind::Subnet => json!({
            "SubnetId": "subnet-0new",
            "VpcId": "vpc-0new",
            "CidrBlock": "10.0.1.0/24",
            "AvailabilityZone": format!("{r}a")
        }),
        EntityKind::VpcEndpoint => json!({
            "VpcEndpointId": "vpce-0new",
            "VpcEndpointType": "Interface",
            "VpcId": "vpc-0new",
            "ServiceName": format!("com.amazonaws.{r}.secretsmanager"),
            "SubnetIds": [],
            "Groups": [],
            "PrivateDnsEnabled": true
        }),
        EntityKind::Function => json!({
            "FunctionName": "new-function",
            "FunctionArn": format!("arn:aws:lambda:{r}:{a}:function:new-function"),
            "Role": format!("arn:aws:iam::{a}:role/new-role")
        }),
        EntityKind::Check => json!({
            "Name": "new check",
            "Query": {"GetSecretValue": {"SecretId": "new-secret", "Caller": format!("arn:aws:iam::{a}:role/new-role")}},
            "Expect": "Allowed"
        }),
        _ => Value::Object(Map::new()),
    };
    let mut value = value;
    let id_field = kind.id_field();
    if !id_field.contains('.') {
        if let Value::Object(map) = &mut value {
            map.entry(id_field.to_owned())
                .or_insert_with(|| json!(format!("new-{}", kind.as_str().to_lowercase())));
        }
    }
    value
}

/// The new document an editor text makes, or why it is refused (each message with its path).
pub fn edited_document(
    doc: &Value,
    target: &EditorTarget,
    text: &str,
    account: &str,
    region: &str,
) -> Result<Value, Vec<String>> {
    let entity: Value = serde_json::from_str(text).map_err(|e| {
        vec![format!(
            "$: not valid JSON yet: {e} (line {}, column {})",
            e.line(),
            e.column()
        )]
    })?;
    let next = match target {
        EditorTarget::Existing { path, .. } => update_entity(doc, path, entity),
        EditorTarget::New { kind } => add_entity(doc, *kind, account, region, entity),
    }
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
        EditorTarget::New { kind } => {
            template(*kind, &account.get_untracked(), &region.get_untracked())
        }
    };
    let text = RwSignal::new(serde_json::to_string_pretty(&initial).unwrap_or_default());
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
        model.history.with(|h| {
            target.with_value(|t| edited_document(h.present(), t, &text, &account, &region))
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
            EditorTarget::Existing { path, .. } => delete_entity(&model.document(), path).ok(),
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
    let account_options = accounts
        .into_iter()
        .map(|a| view! { <option value=a.clone()>{a.clone()}</option> })
        .collect_view();
    let region_options = regions
        .into_iter()
        .map(|r| view! { <option value=r.clone()>{r.clone()}</option> })
        .collect_view();
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
                        {needs_account.then(|| view! {
                            <label class="dialog__field">
                                <span class="dialog__label">"Account"</span>
                                <input
                                    type="text"
                                    list="editor-accounts"
                                    data-testid="editor-account"
                                    prop:value=move || account.get()
                                    on:input=move |ev| account.set(event_target_value(&ev))
                                />
                                <datalist id="editor-accounts">{account_options}</datalist>
                            </label>
                        })}
                        {needs_region.then(|| view! {
                            <label class="dialog__field">
                                <span class="dialog__label">"Region"</span>
                                <input
                                    type="text"
                                    list="editor-regions"
                                    data-testid="editor-region"
                                    prop:value=move || region.get()
                                    on:input=move |ev| region.set(event_target_value(&ev))
                                />
                                <datalist id="editor-regions">{region_options}</datalist>
                            </label>
                        })}
                    </div>
                })}
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
