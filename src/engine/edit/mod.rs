//! Editing the model document (the contract's JSON, as `serde_json::Value`): what the app's
//! forms, import and share links do to it. Every operation takes a document and returns a new
//! one or an error that says where; nothing is changed in place, so [`History`] can keep the old
//! documents for undo.
//!
//! - `kind`: [`EntityKind`], where each kind lives and what identifies it.
//! - `path`: [`EntityPath`], the location of an entity, printed as the loader prints JSON paths.
//! - `document`: [`add_entity`], [`update_entity`], [`delete_entity`], [`find_entity`],
//!   [`list_entities`].
//! - `history`: [`History`], bounded undo / redo.
//! - `schema`: [`form_schema`], the fields a form shows for each kind (AWS field names, types,
//!   references, nested lists); `form`: reading and writing one field, keeping the rest.
//! - `candidates`: [`reference_candidates`], what a reference picker offers.
//! - `template`: [`template`], a new entity of each kind that loads, with fresh identifiers.
//! - `account`: [`account_placement`], an account's parent and SCP / RCP attachments.
//! - `secret_material`: keeps secret values out of stored and shared documents.
//! - [`share`]: the model in a URL fragment.
//!
//! **Invariant:** no operation here can put secret material into a document: edits refuse it,
//! share links and stored copies have it removed.

mod account;
mod candidates;
mod document;
mod error;
mod form;
mod history;
mod kind;
mod path;
mod schema;
mod secret_material;
pub mod share;
mod template;

pub use account::{account_placement, set_account_placement, AccountPlacement};
pub use candidates::{reference_candidates, Candidate};
pub use document::{
    add_entity, delete_entity, find_entity, list_entities, new_model, update_entity, EntityRef,
};
pub(crate) use document::{ensure_account as ensure_account_entry, upsert, Merge, Upsert};
pub use error::EditError;
pub use form::{
    bool_input, bool_value, field_input, field_text, field_value, policy_input, policy_text,
    set_field,
};
pub use history::{History, DEFAULT_HISTORY_LIMIT};
pub(crate) use kind::{function_name, key_id_from_arn};
pub use kind::{EntityKind, Scope, UnknownKind};
pub use path::{EntityPath, PathSyntaxError, Segment};
pub use schema::{form_schema, Field, FieldType, Reference};
pub use secret_material::{find_secret_material, strip_secret_material};
pub use template::template;
