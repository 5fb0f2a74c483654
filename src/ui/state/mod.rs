//! Browser state that outlives a page: the autosaved model (`localStorage`) and the share link
//! (the URL fragment). Thin wrappers over [`crate::engine::edit`]; components call them from
//! effects and event handlers.
//!
//! - `autosave`: [`autosave::save`] (or [`autosave::save_document`], no re-parsing) /
//!   [`autosave::restore`] under [`autosave::STORAGE_KEY`].
//! - `share`: [`share::read_hash`] / [`share::write_hash`].

pub mod autosave;
pub mod share;
