//! The Leptos web app (wasm32 only): thin components over the engine.
//!
//! Components dispatch, the engine decides: a component holds the model text, runs
//! [`crate::engine::checks::run_checks`] inside a memo, and renders the result as text nodes (user
//! text is never rendered as HTML). `src/bin/app.rs` only mounts [`App`].
//!
//! Codemap:
//! - `app`: the page shell (header, main area) showing the built-in example.
//! - `examples`: example models compiled into the app, so the page needs no network.
//! - `model_report`: a model's description, load errors and warnings, and its list of checks.
//! - `check_row`: one check: name, decision, whether its `Expect` holds, blockers.
//! - `decision_banner`: the decision as a banner with text, symbol and colour.

mod app;
mod check_row;
mod decision_banner;
mod examples;
mod model_report;
pub mod state;

pub use app::App;
pub use check_row::CheckRow;
pub use decision_banner::DecisionBanner;
pub use examples::QUICKSTART_MODEL;
pub use model_report::ModelReport;
