//! What can go wrong when importing pasted AWS CLI output.

use thiserror::Error;

use crate::engine::edit::EditError;
use crate::engine::model::LoadErrors;

/// Why pasted text cannot be imported. The model is left unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("the pasted text is not JSON: {message} at line {line}, column {column}")]
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the pasted JSON is {found}; AWS CLI output is an object")]
    NotAnObject { found: &'static str },
    #[error("the pasted JSON is not the output of a command SecretPath knows (top-level keys seen: {})", keys_list(.keys))]
    UnknownOutput { keys: Vec<String> },
    #[error("the pasted JSON is a SecretPath model file, not AWS CLI output; open it as a model instead")]
    ModelFile,
    #[error("the `{command}` output lists no {what}; there is nothing to import")]
    Empty {
        command: &'static str,
        what: &'static str,
    },
    #[error("{path}: {what} must be a JSON object")]
    NotAnEntity { path: String, what: &'static str },
    #[error("the `{command}` output does not say which {what} it belongs to; give the {what}")]
    MissingOwner {
        command: &'static str,
        what: &'static str,
    },
    #[error("the `{command}` output needs the {what} it was taken in")]
    MissingPlacement {
        command: &'static str,
        what: &'static str,
    },
    #[error("`{id}` names no {what} in this account and region; give its id instead")]
    UnknownOwner { what: &'static str, id: String },
    #[error("the organization is not in the model and the output does not name it; import `aws organizations describe-organization` output first")]
    NoOrganization,
    #[error("account `{account}` has no parent in the model and the organization has {roots} roots; import `aws organizations list-roots` output first")]
    NoParent { account: String, roots: usize },
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error("the model would not load after the import:\n{0}")]
    Invalid(LoadErrors),
}

fn keys_list(keys: &[String]) -> String {
    if keys.is_empty() {
        "none".to_owned()
    } else {
        keys.iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
