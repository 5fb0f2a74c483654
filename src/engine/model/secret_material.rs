//! Dropping secret material. A `SecretString`, `SecretBinary` or `password` member anywhere, and
//! a parameter's `Value`, are removed from the input before anything else reads it, each with a
//! warning naming where it was. The value itself is never copied, shown or stored.

use serde_json::Value;

use super::error::{Findings, JsonPath};

/// Documents nested deeper than this are refused (and emptied) rather than walked.
pub const MAX_DEPTH: usize = 256;

fn is_secret_key(key: &str) -> bool {
    key == "SecretString" || key == "SecretBinary" || key.eq_ignore_ascii_case("password")
}

/// What [`strip_secret_material`] removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stripped {
    /// A member holding secret material: its path (ending with the key) and the key.
    Member(JsonPath, String),
    /// A part nested deeper than [`MAX_DEPTH`], emptied.
    TooDeep(JsonPath),
}

/// Remove secret material in place: `SecretString`, `SecretBinary`, `password` (any case)
/// anywhere, and a parameter's `Value` (in `Parameters[]` entries and a `Parameter` object, as
/// describe-parameters and get-parameter print them). The one walker every writer of model
/// documents uses (loader, editor, share links, import).
pub fn strip_secret_material(value: &mut Value) -> Vec<Stripped> {
    let mut removed = Vec::new();
    walk(value, &JsonPath::root, false, 0, &mut removed);
    removed
}

/// Whether [`strip_secret_material`] would change `value`: the same rules, read only, so that a
/// document without secret material (the usual case) is never copied to be stripped.
pub fn holds_secret_material(value: &Value) -> bool {
    holds(value, false, 0)
}

fn holds(value: &Value, holds_parameter: bool, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return true;
    }
    match value {
        Value::Object(map) => map.iter().any(|(key, child)| {
            is_secret_key(key)
                || (holds_parameter && key == "Value")
                || match child {
                    Value::Array(items) if key == "Parameters" => {
                        items.iter().any(|item| holds(item, true, depth + 1))
                    }
                    other => holds(other, key == "Parameter", depth + 1),
                }
        }),
        Value::Array(items) => items.iter().any(|item| holds(item, false, depth + 1)),
        _ => false,
    }
}

pub(crate) fn drop_secret_material(value: &mut Value, f: &mut Findings) {
    for stripped in strip_secret_material(value) {
        match stripped {
            Stripped::Member(path, key) => {
                f.warn(
                    &path,
                    format!(
                        "secret material `{key}` was dropped; the model never holds secret values"
                    ),
                );
            }
            Stripped::TooDeep(path) => f.error(
                &path,
                format!("the document is nested more than {MAX_DEPTH} levels deep"),
            ),
        }
    }
}

/// `path` builds the value's JSON path on demand: paths are only needed for what is removed,
/// and building one per member of a large document would cost more than the walk itself.
fn walk(
    value: &mut Value,
    path: &dyn Fn() -> JsonPath,
    holds_parameter: bool,
    depth: usize,
    removed: &mut Vec<Stripped>,
) {
    if depth > MAX_DEPTH {
        *value = Value::Null;
        removed.push(Stripped::TooDeep(path()));
        return;
    }
    match value {
        Value::Object(map) => {
            let doomed: Vec<String> = map
                .keys()
                .filter(|k| is_secret_key(k) || (holds_parameter && k.as_str() == "Value"))
                .cloned()
                .collect();
            for key in doomed {
                map.remove(&key);
                removed.push(Stripped::Member(path().key(&key), key));
            }
            for (key, child) in map.iter_mut() {
                let child_path = || path().key(key);
                match child {
                    Value::Array(items) if key == "Parameters" => {
                        for (i, item) in items.iter_mut().enumerate() {
                            walk(item, &|| child_path().index(i), true, depth + 1, removed);
                        }
                    }
                    other => walk(other, &child_path, key == "Parameter", depth + 1, removed),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, &|| path().index(i), false, depth + 1, removed);
            }
        }
        _ => {}
    }
}
