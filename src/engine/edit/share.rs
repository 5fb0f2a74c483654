//! Share links: the model, without secret material, compressed (raw DEFLATE) and written in
//! base64url into the URL fragment, `#model=…`. A fragment never leaves the browser, so nothing
//! is uploaded. Links are limited to [`MAX_FRAGMENT_CHARS`]; past it the user is told to export
//! the file instead.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;
use serde_json::Value;
use thiserror::Error;

use super::secret_material::strip_secret_material;

/// The fragment's parameter name: `#model=…`.
pub const FRAGMENT_PREFIX: &str = "model=";

/// The longest fragment written or read (64 KiB of text): browsers and chat tools that carry
/// longer URLs exist, but not reliably.
pub const MAX_FRAGMENT_CHARS: usize = 64 * 1024;

/// The largest model a link may expand to; a link that inflates past it is refused, so a small
/// hostile link cannot exhaust memory.
pub const MAX_MODEL_BYTES: usize = 16 * 1024 * 1024;

/// Why a model cannot be shared, or a fragment is not a shared model.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ShareError {
    #[error("the model is not valid JSON, so it cannot be shared: {0}")]
    NotJson(String),
    #[error("the model is too large for a share link: it needs {chars} characters and a link holds at most {limit}; export the model file and share that instead")]
    TooLarge { chars: usize, limit: usize },
    #[error("the link holds no model (expected `#model=…`)")]
    NoModel,
    #[error("the link's model is damaged: {0}")]
    Damaged(String),
}

/// The fragment (`#model=…`) that carries `model_json`, without its secret material.
pub fn encode(model_json: &str) -> Result<String, ShareError> {
    let mut value: Value =
        serde_json::from_str(model_json).map_err(|e| ShareError::NotJson(e.to_string()))?;
    strip_secret_material(&mut value);
    let compact = value.to_string();
    let compressed = compress_to_vec(compact.as_bytes(), 9);
    let encoded = URL_SAFE_NO_PAD.encode(compressed);
    let chars = encoded.len() + FRAGMENT_PREFIX.len() + 1;
    if chars > MAX_FRAGMENT_CHARS {
        return Err(ShareError::TooLarge {
            chars,
            limit: MAX_FRAGMENT_CHARS,
        });
    }
    Ok(format!("#{FRAGMENT_PREFIX}{encoded}"))
}

/// The model a fragment carries, as pretty-printed JSON text without secret material. The
/// fragment may come with or without its `#`, and may hold other `&`-separated parameters.
pub fn decode(fragment: &str) -> Result<String, ShareError> {
    let fragment = fragment.trim();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareError::TooLarge {
            chars: fragment.len(),
            limit: MAX_FRAGMENT_CHARS,
        });
    }
    let payload = fragment
        .split('&')
        .find_map(|part| part.strip_prefix(FRAGMENT_PREFIX))
        .ok_or(ShareError::NoModel)?;
    let compressed = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|e| ShareError::Damaged(format!("it is not base64url text ({e})")))?;
    let bytes = decompress_to_vec_with_limit(&compressed, MAX_MODEL_BYTES).map_err(|e| {
        ShareError::Damaged(format!(
            "it does not decompress ({:?}); it may have been cut short when copied",
            e.status
        ))
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| ShareError::Damaged("it does not decompress to text".to_owned()))?;
    let mut value: Value = serde_json::from_str(&text)
        .map_err(|e| ShareError::Damaged(format!("it does not hold JSON ({e})")))?;
    strip_secret_material(&mut value);
    serde_json::to_string_pretty(&value).map_err(|e| ShareError::Damaged(e.to_string()))
}
