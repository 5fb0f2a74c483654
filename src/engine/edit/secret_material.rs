//! Keeping secret material out of documents the app stores or shares. The same members the
//! loader drops (`SecretString`, `SecretBinary`, `password`, a parameter's `Value`) are found
//! here, so that an autosaved copy, a share link or an imported output never carries them.

use serde_json::Value;

use super::path::EntityPath;
use crate::engine::model::{self, Stripped};

/// Where `value` holds secret material (nothing is changed).
pub fn find_secret_material(value: &Value) -> Vec<EntityPath> {
    let mut copy = value.clone();
    strip_secret_material(&mut copy)
}

/// Remove secret material from `value` in place; returns where each removed member was. The
/// walker is the loader's (`model::strip_secret_material`): one definition of secret material.
pub fn strip_secret_material(value: &mut Value) -> Vec<EntityPath> {
    model::strip_secret_material(value)
        .into_iter()
        .map(|stripped| {
            let path = match stripped {
                Stripped::Member(path, _) | Stripped::TooDeep(path) => path,
            };
            // A path the editor cannot name still reports that something was removed.
            path.as_str().parse().unwrap_or_else(|_| EntityPath::root())
        })
        .collect()
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
