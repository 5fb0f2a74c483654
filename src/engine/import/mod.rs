//! Import: pasted AWS CLI output into the model document. [`recognize`] says which command
//! printed the text and extracts its entities (removing secret material, with a warning naming
//! where it was); [`merge`] adds them to a model under an account and region, replacing entities
//! with the same identity, and returns the new document only if it still loads.
//!
//! - `recognize`: which command printed it (the contract's commands and a few close relatives).
//! - `suggest`: the account, region and organization the output's ARNs point to.
//! - `merge`: the entities into the document, checked by loading it.
//!
//! Policies printed as JSON strings (`get-key-policy`, `get-resource-policy`, `lambda
//! get-policy`, `describe-vpc-endpoints`, `describe-policy`) are kept as strings: the loader
//! decodes them.

mod error;
mod merge;
mod recognize;
mod suggest;

use serde_json::{Map, Value};

use crate::engine::edit::EntityKind;
use crate::engine::model::JsonPath;

pub use error::ImportError;
pub use merge::merge;
pub use recognize::recognize;

/// What the user must supply before [`merge`] can place the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The account the output was taken in.
    Account,
    /// The region the output was taken in.
    Region,
    /// The KMS key the output is about (`get-key-policy`, `list-resource-tags`): its id, ARN,
    /// alias name or alias ARN, in [`Recognized::owner`].
    Key,
    /// The function the output is about (`lambda get-policy`): its name or ARN, in
    /// [`Recognized::owner`].
    Function,
}

/// How an imported entity meets one with the same identity already in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// The output is the whole entity: it replaces the one in the model, keeping what other
    /// commands attached to it (a secret's `ResourcePolicy`, a key's `Policy`, …).
    Replace,
    /// The output is part of an entity (a key's `Policy`, a VPC's DNS attribute): these members
    /// are set on it, and a minimal entity is created when the model has none.
    SetFields,
    /// As [`ImportMode::SetFields`], but nothing is created (aliases of AWS managed keys, policy
    /// names from `organizations list-policies`).
    SetFieldsIfPresent,
}

/// One entity (or part of one) taken from the output.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub kind: EntityKind,
    /// Its identity ([`EntityKind::id_of`]); `None` when it is the entity the user names in
    /// [`Recognized::owner`].
    pub id: Option<String>,
    /// The entity's members, as the command printed them (without secret material).
    pub fields: Map<String, Value>,
    pub mode: ImportMode,
}

/// Something recognition did on the user's behalf: secret material removed, parts skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    /// Where in the pasted output.
    pub path: JsonPath,
    pub message: String,
}

/// Pasted output, recognised.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognized {
    /// The command that printed it, as typed (`aws ec2 describe-vpc-endpoints`).
    pub command: &'static str,
    pub entities: Vec<Imported>,
    /// What the user must supply; [`merge`] takes the account and region, [`Recognized::owner`]
    /// holds the key or function.
    pub needs: Vec<Need>,
    /// The account the output's ARNs and owner ids point to, when they agree on one.
    pub suggested_account: Option<String>,
    /// The region the output's ARNs and availability zones point to.
    pub suggested_region: Option<String>,
    /// The organization id an `organizations` output names (`o-…`) and its management account.
    pub suggested_organization: Option<(String, String)>,
    /// For [`Need::Key`] and [`Need::Function`]: the key or function, pre-filled when the output
    /// names it (a function policy's `Resource`); the user may change it.
    pub owner: Option<String>,
    pub warnings: Vec<ImportWarning>,
}

impl Recognized {
    /// The same recognition, about the key or function named `owner`.
    pub fn with_owner(mut self, owner: &str) -> Recognized {
        self.owner = Some(owner.trim().to_owned()).filter(|o| !o.is_empty());
        self
    }
}
