//! Files in and out of the page, all local: reading a chosen or dropped file (`FileReader`),
//! downloading the model (a `Blob` behind an object URL and an `<a download>`), and copying a
//! link to the clipboard. Nothing goes over the network.

use js_sys::{Array, Function, Reflect};
use leptos::prelude::Set;
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::context::{DialogState, ModelState};
use crate::engine::edit::strip_secret_material;

/// Reads `file` as text and hands it, with the file's name, to `done`.
pub fn read_file_text(file: &web_sys::File, done: impl FnOnce(String, String) + 'static) {
    let Ok(reader) = web_sys::FileReader::new() else {
        return;
    };
    let name = file.name();
    let done_reader = reader.clone();
    let on_load = Closure::once(move || {
        let text = done_reader
            .result()
            .ok()
            .and_then(|r| r.as_string())
            .unwrap_or_default();
        done(name, text);
    });
    reader.set_onload(Some(on_load.as_ref().unchecked_ref()));
    // The closure lives as long as the reader needs it; it runs once.
    on_load.forget();
    let _ = reader.read_as_text(file);
}

/// Where a dropped file goes.
#[derive(Clone, Copy)]
pub struct DropTarget {
    pub model: ModelState,
    pub dialogs: DialogState,
}

/// A file dropped on the page: a model file (it has `Format`) replaces the model, through the
/// history; any other text goes to the paste dialog, which says what it is.
pub fn on_drop_file(ev: &web_sys::DragEvent, target: DropTarget) {
    let Some(file) = dropped_file(ev) else {
        return;
    };
    read_file_text(&file, move |name, text| {
        route_dropped_text(target, &name, text)
    });
}

/// What [`on_drop_file`] does with a dropped file's text.
pub fn route_dropped_text(target: DropTarget, name: &str, text: String) {
    let is_model = serde_json::from_str::<Value>(&text)
        .ok()
        .is_some_and(|v| v.get("Format").is_some());
    if is_model {
        let _ = target.model.open_file(name, text);
    } else {
        target.dialogs.paste.set(Some(text));
    }
}

fn dropped_file(ev: &web_sys::DragEvent) -> Option<web_sys::File> {
    // `DataTransfer` is read through JS reflection: only its `files` is needed.
    let transfer = Reflect::get(ev.as_ref(), &JsValue::from_str("dataTransfer")).ok()?;
    let files = Reflect::get(&transfer, &JsValue::from_str("files")).ok()?;
    files.dyn_into::<web_sys::FileList>().ok()?.get(0)
}

/// The model file to export: pretty-printed, secret material removed.
pub fn export_text(document: &Value) -> String {
    let mut value = document.clone();
    strip_secret_material(&mut value);
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// A file name for a model called `title`: `secretpath-my-model.json`.
pub fn export_file_name(title: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "secretpath-model.json".to_owned()
    } else {
        format!("secretpath-{slug}.json")
    }
}

fn url_function(name: &str) -> Option<(JsValue, Function)> {
    let url = Reflect::get(&js_sys::global(), &JsValue::from_str("URL")).ok()?;
    let f = Reflect::get(&url, &JsValue::from_str(name))
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    Some((url, f))
}

/// Downloads `text` as `file_name` (JSON). Returns whether the browser took it.
pub fn download_text(file_name: &str, text: &str) -> bool {
    let parts = Array::of1(&JsValue::from_str(text));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence(&parts) else {
        return false;
    };
    let Some((url_ctor, create)) = url_function("createObjectURL") else {
        return false;
    };
    let Some(href) = create
        .call1(&url_ctor, &blob)
        .ok()
        .and_then(|u| u.as_string())
    else {
        return false;
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(anchor) = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return false;
    };
    anchor.set_href(&href);
    anchor.set_download(file_name);
    anchor.click();
    if let Some((url_ctor, revoke)) = url_function("revokeObjectURL") {
        // Revoke once the click has been handled.
        let href = JsValue::from_str(&href);
        let later = Closure::once(move || {
            let _ = revoke.call1(&url_ctor, &href);
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                later.as_ref().unchecked_ref(),
                1_000,
            );
        }
        later.forget();
    }
    true
}

/// Copies `text` to the clipboard where the browser allows it; `done(true)` once copied,
/// `done(false)` when it cannot be.
pub fn copy_to_clipboard(text: &str, done: impl FnOnce(bool) + 'static) {
    let clipboard = web_sys::window()
        .and_then(|w| Reflect::get(w.as_ref(), &JsValue::from_str("navigator")).ok())
        .and_then(|n| Reflect::get(&n, &JsValue::from_str("clipboard")).ok())
        .filter(|c| !c.is_undefined() && !c.is_null());
    let write = clipboard.as_ref().and_then(|c| {
        Reflect::get(c, &JsValue::from_str("writeText"))
            .ok()?
            .dyn_into::<Function>()
            .ok()
    });
    let promise = match (clipboard, write) {
        (Some(c), Some(f)) => f
            .call1(&c, &JsValue::from_str(text))
            .ok()
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok()),
        _ => None,
    };
    let Some(promise) = promise else {
        done(false);
        return;
    };
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let ok_done = done.clone();
    let ok = Closure::once(move |_: JsValue| {
        if let Some(f) = ok_done.take() {
            f(true);
        }
    });
    let fail = Closure::once(move |_: JsValue| {
        if let Some(f) = done.take() {
            f(false);
        }
    });
    let _ = promise.then2(&ok, &fail);
    ok.forget();
    fail.forget();
}
