//! Keeping secret material out of documents the app stores or shares. The same members the
//! loader drops (`SecretString`, `SecretBinary`, `password`, a parameter's `Value`) are found
//! here, so that an autosaved copy, a share link or an imported output never carries them.

use serde_json::Value;

use super::path::EntityPath;

/// Deeper than this, content is dropped rather than searched (the JSON parser stops at 128).
const MAX_DEPTH: usize = 256;

fn is_secret_key(key: &str) -> bool {
    key == "SecretString" || key == "SecretBinary" || key.eq_ignore_ascii_case("password")
}

/// Where secret material sits in `value`, without changing it.
pub fn find_secret_material(value: &Value) -> Vec<EntityPath> {
    let mut copy = value.clone();
    strip_secret_material(&mut copy)
}

/// Remove secret material from `value` in place; returns where each removed member was.
pub fn strip_secret_material(value: &mut Value) -> Vec<EntityPath> {
    let mut removed = Vec::new();
    walk(value, &EntityPath::root(), false, 0, &mut removed);
    removed
}

fn walk(
    value: &mut Value,
    path: &EntityPath,
    holds_parameter: bool,
    depth: usize,
    removed: &mut Vec<EntityPath>,
) {
    if depth > MAX_DEPTH {
        *value = Value::Null;
        removed.push(path.clone());
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
                removed.push(path.key(&key));
            }
            for (key, child) in map.iter_mut() {
                let child_path = path.key(key);
                match child {
                    Value::Array(items) if key == "Parameters" => {
                        for (i, item) in items.iter_mut().enumerate() {
                            walk(item, &child_path.index(i), true, depth + 1, removed);
                        }
                    }
                    other => walk(other, &child_path, key == "Parameter", depth + 1, removed),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, &path.index(i), false, depth + 1, removed);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn secret_members_and_parameter_values_are_removed_but_tag_values_stay() {
        let mut doc = json!({
            "Secrets": [{"ARN": "a", "SecretString": "hunter2", "Tags": [{"Key": "k", "Value": "v"}]}],
            "Parameters": [{"Name": "p", "Value": "s3cr3t"}],
            "Parameter": {"Name": "q", "Value": "s3cr3t"},
            "SecretStructure": {"Password": "x", "username": "app"}
        });
        let removed = strip_secret_material(&mut doc);
        let text = doc.to_string();
        assert!(!text.contains("hunter2") && !text.contains("s3cr3t"));
        assert!(text.contains("\"Value\":\"v\""));
        assert_eq!(removed.len(), 4);
        assert_eq!(
            removed.first().map(ToString::to_string).as_deref(),
            Some("$.Secrets[0].SecretString")
        );
    }
}
