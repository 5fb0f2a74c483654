//! The model, kept in the browser's `localStorage` so that a reload restores the user's work.
//! Only JSON is saved, and never secret material: a document holding some is saved without it.

use thiserror::Error;

use crate::engine::edit::strip_secret_material;
use crate::engine::model::holds_secret_material;

/// The `localStorage` key of the autosaved model.
pub const STORAGE_KEY: &str = "secretpath/model";

/// Why the model was not saved. The previously saved copy, if any, is kept.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AutosaveError {
    #[error("the model is not valid JSON yet, so it was not saved; the last saved copy is kept")]
    NotJson,
    #[error("the browser's storage is not available (private browsing?); work is not saved")]
    Unavailable,
    #[error("the browser refused to store the model ({0}); it may be too large")]
    Refused(String),
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Save `model_json`, without secret material. Text that is not JSON is not saved.
pub fn save(model_json: &str) -> Result<(), AutosaveError> {
    let value: serde_json::Value =
        serde_json::from_str(model_json).map_err(|_| AutosaveError::NotJson)?;
    save_document(&value, model_json.to_owned())
}

/// Save a model document whose pretty-printed text is `text`, without secret material (the
/// text is stored as is when the document holds none; no re-parsing).
pub fn save_document(document: &serde_json::Value, text: String) -> Result<(), AutosaveError> {
    let text = if holds_secret_material(document) {
        let mut value = document.clone();
        strip_secret_material(&mut value);
        serde_json::to_string_pretty(&value).map_err(|_| AutosaveError::NotJson)?
    } else {
        text
    };
    storage()
        .ok_or(AutosaveError::Unavailable)?
        .set_item(STORAGE_KEY, &text)
        .map_err(|e| AutosaveError::Refused(format!("{e:?}")))
}

/// The saved model, if there is one.
pub fn restore() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok().flatten()
}

/// Forget the saved model.
pub fn clear() {
    if let Some(s) = storage() {
        // Nothing to do if the browser refuses: there is then nothing saved either.
        let _ = s.remove_item(STORAGE_KEY);
    }
}
