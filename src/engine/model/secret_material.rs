//! Dropping secret material. A `SecretString`, `SecretBinary` or `password` member anywhere, and
//! a parameter's `Value`, are removed from the input before anything else reads it, each with a
//! warning naming where it was. The value itself is never copied, shown or stored.

use serde_json::Value;

use super::error::{Findings, JsonPath};

/// Deeper than this, the document is rejected (serde_json's own parser stops at 128).
pub(crate) const MAX_DEPTH: usize = 256;

fn is_secret_key(key: &str) -> bool {
    key == "SecretString" || key == "SecretBinary" || key.eq_ignore_ascii_case("password")
}

/// Remove secret material from `value` in place, recording a warning per member removed.
pub(crate) fn drop_secret_material(value: &mut Value, f: &mut Findings) {
    walk(value, &JsonPath::root(), false, 0, f);
}

fn walk(
    value: &mut Value,
    path: &JsonPath,
    in_parameter_list: bool,
    depth: usize,
    f: &mut Findings,
) {
    if depth > MAX_DEPTH {
        f.error(
            path,
            format!("the document is nested more than {MAX_DEPTH} levels deep"),
        );
        *value = Value::Null;
        return;
    }
    match value {
        Value::Object(map) => {
            let doomed: Vec<String> = map
                .keys()
                .filter(|k| is_secret_key(k) || (in_parameter_list && k.as_str() == "Value"))
                .cloned()
                .collect();
            for key in doomed {
                map.remove(&key);
                f.warn(
                    &path.key(&key),
                    format!(
                        "secret material `{key}` was dropped; the model never holds secret values"
                    ),
                );
            }
            for (key, child) in map.iter_mut() {
                let child_path = path.key(key);
                match child {
                    Value::Array(items) if key == "Parameters" => {
                        for (i, item) in items.iter_mut().enumerate() {
                            walk(item, &child_path.index(i), true, depth + 1, f);
                        }
                    }
                    other => walk(other, &child_path, false, depth + 1, f),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, &path.index(i), false, depth + 1, f);
            }
        }
        _ => {}
    }
}
