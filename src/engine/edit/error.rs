//! What can be wrong with an edit, and where.

use thiserror::Error;

use super::kind::EntityKind;
use super::path::EntityPath;

/// An edit the document cannot take. The document is left unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("the model must be a JSON object")]
    NotAModel,
    #[error("{path}: `{member}` must be {expected}; the edit would overwrite what is there")]
    Malformed {
        path: EntityPath,
        member: String,
        expected: &'static str,
    },
    #[error("{kind} must be a JSON object")]
    NotAnObject { kind: &'static str },
    #[error("{kind} needs `{field}` to be identified")]
    MissingId {
        kind: &'static str,
        field: &'static str,
    },
    #[error("{path}: {kind} `{id}` is already in the model")]
    Duplicate {
        path: EntityPath,
        kind: &'static str,
        id: String,
    },
    #[error("{path}: there is nothing there to edit")]
    NoSuchEntity { path: EntityPath },
    #[error("{path}: this is not where an entity lives")]
    NotAnEntityPath { path: EntityPath },
    #[error("{path}: {message}")]
    SecretMaterial { path: EntityPath, message: String },
    #[error("`{0}` is not a 12-digit AWS account id")]
    InvalidAccount(String),
    #[error("`{0}` is not a region name")]
    InvalidRegion(String),
}

impl EditError {
    pub(crate) fn missing_id(kind: EntityKind) -> EditError {
        EditError::MissingId {
            kind: kind.describe(),
            field: kind.id_field(),
        }
    }
}
