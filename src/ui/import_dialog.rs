//! "Paste AWS output": paste (or drop) what an AWS CLI command printed; the engine says which
//! command it was, the dialog asks only for what the output does not say (account, region, the
//! key or function), and the import is merged into the model as one undoable edit. Bad input is
//! shown with its JSON path and changes nothing.

use leptos::prelude::*;

use super::context::{use_dialogs, use_model};
use crate::engine::import::{merge, recognize, ImportError, Need, Recognized};

/// Every account id and region of the document, for the pickers.
pub fn accounts_and_regions(doc: &serde_json::Value) -> (Vec<String>, Vec<String>) {
    let mut accounts = Vec::new();
    let mut regions = Vec::new();
    for account in doc
        .get("Accounts")
        .and_then(|a| a.as_array())
        .into_iter()
        .flatten()
    {
        if let Some(id) = account.get("AccountId").and_then(|v| v.as_str()) {
            accounts.push(id.to_owned());
        }
        for region in account
            .get("Regions")
            .and_then(|r| r.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(name) = region.get("Region").and_then(|v| v.as_str()) {
                if !regions.iter().any(|r| r == name) {
                    regions.push(name.to_owned());
                }
            }
        }
    }
    (accounts, regions)
}

/// An import error as lines to show: load errors one per line, each with its JSON path.
pub fn import_error_lines(error: &ImportError) -> Vec<String> {
    match error {
        ImportError::Invalid(errors) => {
            let mut lines = vec!["The model would not load after the import:".to_owned()];
            lines.extend(errors.0.iter().map(|e| e.to_string()));
            lines
        }
        other => vec![other.to_string()],
    }
}

/// The paste dialog (shown while `DialogState::paste` is set).
#[component]
pub fn PasteDialog() -> impl IntoView {
    let dialogs = use_dialogs();
    move || {
        dialogs
            .paste
            .get()
            .map(|initial| view! { <PasteDialogBody initial=initial /> })
    }
}

#[component]
fn PasteDialogBody(initial: String) -> impl IntoView {
    let model = use_model();
    let dialogs = use_dialogs();
    let text = RwSignal::new(initial);
    let account = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let recognized = Memo::new(move |_| {
        let text = text.get();
        if text.trim().is_empty() {
            None
        } else {
            Some(recognize(&text).map_err(|e| import_error_lines(&e)))
        }
    });
    let (known_accounts, known_regions) = model
        .history
        .with_untracked(|h| accounts_and_regions(h.present()));
    let first_account = known_accounts.first().cloned().unwrap_or_default();
    let first_region = known_regions.first().cloned().unwrap_or_default();
    // Pre-fill what the output suggests (or the model's first account and region).
    Effect::new(move |_| {
        if let Some(Ok(r)) = recognized.get() {
            account.set(
                r.suggested_account
                    .clone()
                    .unwrap_or_else(|| first_account.clone()),
            );
            region.set(
                r.suggested_region
                    .clone()
                    .unwrap_or_else(|| first_region.clone()),
            );
            owner.set(r.owner.clone().unwrap_or_default());
        }
        errors.set(Vec::new());
    });
    let needs =
        move |need: Need| recognized.with(|r| matches!(r, Some(Ok(r)) if r.needs.contains(&need)));
    let close = move || dialogs.paste.set(None);
    let on_import = move |_| {
        let Some(Ok(rec)) = recognized.get_untracked() else {
            return;
        };
        let rec: Recognized = if needs(Need::Key) || needs(Need::Function) {
            rec.with_owner(&owner.get_untracked())
        } else {
            rec
        };
        let doc = model.document();
        match merge(
            &doc,
            &rec,
            account.get_untracked().trim(),
            region.get_untracked().trim(),
        ) {
            Ok(next) => {
                model.apply(next);
                dialogs.paste.set(None);
            }
            Err(e) => errors.set(import_error_lines(&e)),
        }
    };
    let account_list: Vec<_> = known_accounts
        .into_iter()
        .map(|a| view! { <option value=a></option> })
        .collect();
    let region_list: Vec<_> = known_regions
        .into_iter()
        .map(|r| view! { <option value=r></option> })
        .collect();
    view! {
        <div class="dialog-backdrop">
            <div
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="paste-title"
                data-testid="paste-dialog"
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        close();
                    }
                }
            >
                <h2 class="dialog__title" id="paste-title">"Paste AWS CLI output"</h2>
                <p class="dialog__hint">
                    "Paste what an AWS CLI command printed (JSON), e.g. "
                    <code>"aws ec2 describe-vpc-endpoints"</code>
                    ". SecretPath recognises the command and asks only for what the output does not say. Secret values are never imported."
                </p>
                <label class="dialog__field">
                    <span class="dialog__label">"Output"</span>
                    <textarea
                        class="dialog__textarea code-input"
                        data-testid="paste-text"
                        spellcheck="false"
                        autofocus=true
                        rows="12"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    ></textarea>
                </label>
                {move || match recognized.get() {
                    None => None,
                    Some(Err(lines)) => Some(view! {
                        <div class="notice notice--error" role="alert" data-testid="paste-error">
                            <p class="notice__title">"This cannot be imported; the model is unchanged"</p>
                            <ul class="notice__list">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                        </div>
                    }.into_any()),
                    Some(Ok(r)) => Some(view! {
                        <div class="notice notice--info" role="status">
                            <p data-testid="paste-command">
                                "This is the output of "
                                <code>{r.command}</code>
                                {format!(" ({} item{}).", r.entities.len(), if r.entities.len() == 1 { "" } else { "s" })}
                            </p>
                            {(!r.warnings.is_empty()).then(|| view! {
                                <ul class="notice__list">
                                    {r.warnings.iter().map(|w| view! { <li>{format!("{}: {}", w.path, w.message)}</li> }).collect_view()}
                                </ul>
                            })}
                        </div>
                    }.into_any()),
                }}
                <div class="dialog__row">
                    <Show when=move || needs(Need::Account)>
                        <label class="dialog__field">
                            <span class="dialog__label">"Account id"</span>
                            <input
                                type="text"
                                list="paste-accounts"
                                inputmode="numeric"
                                data-testid="paste-account"
                                prop:value=move || account.get()
                                on:input=move |ev| account.set(event_target_value(&ev))
                            />
                        </label>
                    </Show>
                    <Show when=move || needs(Need::Region)>
                        <label class="dialog__field">
                            <span class="dialog__label">"Region"</span>
                            <input
                                type="text"
                                list="paste-regions"
                                data-testid="paste-region"
                                prop:value=move || region.get()
                                on:input=move |ev| region.set(event_target_value(&ev))
                            />
                        </label>
                    </Show>
                    <Show when=move || needs(Need::Key) || needs(Need::Function)>
                        <label class="dialog__field">
                            <span class="dialog__label">
                                {move || if needs(Need::Key) { "Key (id, ARN or alias)" } else { "Function (name or ARN)" }}
                            </span>
                            <input
                                type="text"
                                data-testid="paste-owner"
                                prop:value=move || owner.get()
                                on:input=move |ev| owner.set(event_target_value(&ev))
                            />
                        </label>
                    </Show>
                </div>
                <datalist id="paste-accounts">{account_list}</datalist>
                <datalist id="paste-regions">{region_list}</datalist>
                {move || {
                    let lines = errors.get();
                    (!lines.is_empty()).then(|| view! {
                        <div class="notice notice--error" role="alert" data-testid="paste-merge-error">
                            <p class="notice__title">"Not imported; the model is unchanged"</p>
                            <ul class="notice__list">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                        </div>
                    })
                }}
                <div class="dialog__actions">
                    <button
                        class="button"
                        data-testid="paste-import"
                        disabled=move || !matches!(recognized.get(), Some(Ok(_)))
                        on:click=on_import
                    >
                        "Import"
                    </button>
                    <button class="button button--secondary" data-testid="paste-cancel" on:click=move |_| close()>
                        "Cancel"
                    </button>
                </div>
            </div>
        </div>
    }
}
