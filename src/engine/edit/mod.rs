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
//! - `secret_material`: keeps secret values out of stored and shared documents.
//! - [`share`]: the model in a URL fragment.
//!
//! **Invariant:** no operation here can put secret material into a document: edits refuse it,
//! share links and stored copies have it removed.

mod document;
mod error;
mod history;
mod kind;
mod path;
mod secret_material;
pub mod share;

pub use document::{
    add_entity, delete_entity, find_entity, list_entities, new_model, update_entity, EntityRef,
};
pub(crate) use document::{ensure_account as ensure_account_entry, upsert, Merge, Upsert};
pub use error::EditError;
pub use history::{History, DEFAULT_HISTORY_LIMIT};
pub(crate) use kind::{function_name, key_id_from_arn};
pub use kind::{EntityKind, Scope, UnknownKind};
pub use path::{EntityPath, PathSyntaxError, Segment};
pub use secret_material::{find_secret_material, strip_secret_material};
