//! The Leptos web app (wasm32 only): thin components over the engine.
//!
//! Components dispatch, the engine decides: the state ([`context`]) holds the model document and
//! what the user chose; memos call the engine (load, graph index, layout, checks, the verdict
//! on display, its path view). Any change to the model re-loads it and re-runs the checks; the
//! index, layout, verdict and path view are compared by value, and lists are keyed `<For>`s
//! whose items read their own memos or signals, so the DOM changes only where the result did.
//! The graph (index, layout, path view, graph view, selection panel, pickers, search) follows
//! the loaded model and the verdict one task later, so that an edit's verdict is rendered first.
//! Work nobody waits for (serialising the document, autosaving it) happens after the frame. Everything is
//! rendered as text nodes: user text is never rendered as HTML. `src/bin/app.rs` only mounts
//! [`App`].
//!
//! Codemap:
//! - `app`: the page shell: top bar, graph canvas with the selection panel, side panel.
//! - `context`: typed contexts (`ModelState` with the document's undo `History`, `QueryState`,
//!   `SelectionState`, `PanelState`, `DialogState`) and their `use_…()` accessors.
//! - `shared`: `Shared<T>`, memo values compared by identity (or by value where that is cheaper
//!   than what re-rendering would cost: graph index, layout, verdict, path view).
//! - `timing`: User Timing measures of the engine's work (off unless the page asks), for the
//!   edit-to-verdict measurement.
//! - `examples`: the example models and their catalogue, compiled in (no network).
//! - `top_bar`: scenario picker, "Open model file", undo / redo, add, paste, share, export,
//!   search.
//! - `editor`: the entity editor, in Form mode (default) or JSON mode (highlighted mirror),
//!   both over the same text, with live policy diagnostics and load errors (an edit that makes
//!   the model fail to load is not applied); an account with its organization placement.
//! - `entity_form`: the Form mode: the engine's form schema as labelled inputs, pickers for
//!   references and enums, list rows, policy documents in a highlighted JSON editor.
//! - `json_highlight`: the editor's tokenizer (tokens with their JSON paths).
//! - `import_dialog`: "Paste AWS output" (recognise, ask for the placement, merge).
//! - `files`: reading dropped / chosen files, export download, clipboard.
//! - `graph_view`: the SVG graph (pan, zoom, select, filters, path-only, verdict marks, the
//!   path's hop numbers and the lines between consecutive hops) and its list alternative.
//! - `selection_panel`: the selected entity's JSON and relations.
//! - `side_panel`: the tabs; `checks_tab`, `query_tab`, `verdict_tab`, `policy_tab`.
//! - `verdict_view`: a verdict: banner, blockers, the steps as a tree.
//! - `json_path`: reading the model file by JSON path (blocker locations, entities).
//! - `model_report`, `check_row`, `decision_banner`: a model's checks as a report;
//!   `load_notices`: a model's load errors and warnings (Checks tab and report).

mod app;
mod check_row;
mod checks_tab;
pub mod context;
mod decision_banner;
pub mod editor;
pub mod entity_form;
mod examples;
pub mod files;
mod graph_view;
pub mod import_dialog;
pub mod json_highlight;
pub mod json_path;
mod load_notices;
mod model_report;
mod policy_tab;
mod query_tab;
mod selection_panel;
mod shared;
mod side_panel;
pub mod state;
mod timing;
mod top_bar;
mod verdict_tab;
mod verdict_view;

pub use app::App;
pub use check_row::CheckRow;
pub use decision_banner::DecisionBanner;
pub use examples::{example_text, examples, Example, QUICKSTART_MODEL};
pub use model_report::ModelReport;
pub use policy_tab::{statement_evaluations, PolicyDocumentView};
pub use shared::Shared;
pub use verdict_view::{StepTree, VerdictView};
