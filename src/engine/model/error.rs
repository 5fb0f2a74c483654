//! What can be wrong with a model file, and where: every error and warning carries the JSON path
//! of the offending input (`$.Accounts[0].Regions[1].Secrets[2].KmsKeyId`).

use std::fmt;

use thiserror::Error;

/// A location in the model file, written as a JSONPath (`$.Accounts[0].Iam.RoleDetailList[3]`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JsonPath(String);

impl JsonPath {
    /// The document root, `$`.
    pub fn root() -> JsonPath {
        JsonPath("$".to_owned())
    }

    /// The path of a member of this object.
    pub fn key(&self, name: &str) -> JsonPath {
        let plain = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b':');
        if plain {
            JsonPath(format!("{}.{}", self.0, name))
        } else {
            JsonPath(format!(
                "{}[{}]",
                self.0,
                serde_json::Value::String(name.to_owned())
            ))
        }
    }

    /// The path of an element of this array.
    pub fn index(&self, i: usize) -> JsonPath {
        JsonPath(format!("{}[{}]", self.0, i))
    }

    /// A location inside an embedded document (a policy), as that document's parser names it.
    pub fn within(&self, location: &str) -> JsonPath {
        let location = location.trim_start_matches(['$', '.', '/']);
        if location.is_empty() {
            self.clone()
        } else if location.starts_with('[') {
            JsonPath(format!("{}{}", self.0, location))
        } else {
            JsonPath(format!("{}.{}", self.0, location))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Something that makes the model invalid. A model with any is rejected and yields no verdict.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{path}: {message}")]
pub struct LoadError {
    pub path: JsonPath,
    /// Lowercase, naming the offending input in backticks.
    pub message: String,
}

/// Something the loader did on the user's behalf or could not resolve (secret material dropped,
/// a reference to something not in the model). The model is still valid.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{path}: {message}")]
pub struct LoadWarning {
    pub path: JsonPath,
    pub message: String,
}

/// Every error found in an invalid model, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for e in &self.0 {
            if !first {
                f.write_str("\n")?;
            }
            first = false;
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// The errors and warnings gathered while loading.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    pub errors: Vec<LoadError>,
    pub warnings: Vec<LoadWarning>,
}

impl Findings {
    pub fn error(&mut self, path: &JsonPath, message: impl Into<String>) {
        self.errors.push(LoadError {
            path: path.clone(),
            message: message.into(),
        });
    }

    pub fn warn(&mut self, path: &JsonPath, message: impl Into<String>) {
        self.warnings.push(LoadWarning {
            path: path.clone(),
            message: message.into(),
        });
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a broken fixture"
)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_as_jsonpath() {
        let p = JsonPath::root()
            .key("Accounts")
            .index(0)
            .key("Regions")
            .index(1)
            .key("Secrets");
        assert_eq!(p.as_str(), "$.Accounts[0].Regions[1].Secrets");
        assert_eq!(JsonPath::root().key("a b").as_str(), "$[\"a b\"]");
        assert_eq!(
            JsonPath::root()
                .key("Policy")
                .within("Statement[0].Action")
                .as_str(),
            "$.Policy.Statement[0].Action"
        );
    }
}
