//! The share link: the model in the page's URL fragment (`#model=…`), which never leaves the
//! browser. Encoding, decoding, the size limit and the removal of secret material are
//! [`crate::engine::edit::share`]'s.

use thiserror::Error;

use crate::engine::edit::share::{decode, encode, ShareError, FRAGMENT_PREFIX};

/// Why the link could not be written.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WriteHashError {
    #[error(transparent)]
    Share(#[from] ShareError),
    #[error("the browser refused to change the address ({0})")]
    Browser(String),
}

/// The model the page's address carries: `None` when the fragment holds no `model=`, else the
/// model's JSON text or why it cannot be read.
pub fn read_hash() -> Option<Result<String, ShareError>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let fragment = hash.strip_prefix('#').unwrap_or(&hash);
    if fragment
        .split('&')
        .any(|part| part.starts_with(FRAGMENT_PREFIX))
    {
        Some(decode(fragment))
    } else {
        None
    }
}

/// Put `model_json` into the page's address (replacing the current history entry, so Back is
/// not flooded) and return the whole link to copy.
pub fn write_hash(model_json: &str) -> Result<String, WriteHashError> {
    let fragment = encode(model_json)?;
    let window =
        web_sys::window().ok_or_else(|| WriteHashError::Browser("no window".to_owned()))?;
    let location = window.location();
    let href = location
        .href()
        .map_err(|e| WriteHashError::Browser(format!("{e:?}")))?;
    let base = href.split('#').next().unwrap_or(&href);
    let link = format!("{base}{fragment}");
    let history = window
        .history()
        .map_err(|e| WriteHashError::Browser(format!("{e:?}")))?;
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&link))
        .map_err(|e| WriteHashError::Browser(format!("{e:?}")))?;
    Ok(link)
}
