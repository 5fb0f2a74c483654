//! SecretPath: would this call for a secret succeed, and if not, exactly what blocks it?
//!
//! The [`engine`] is plain Rust with no I/O, no clock and no web dependency. The command line
//! (`src/bin/secretpath.rs`) and the web app ([`ui`], wasm32 only) are thin shells around it.
//! See `ARCHITECTURE.md` for the bird's-eye view.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod ui;
