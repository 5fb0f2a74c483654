//! The app's state, as typed contexts: one small `Copy` struct per capability, each with a
//! `use_…()` accessor. Components dispatch (set a signal), the engine decides (inside memos).
//!
//! - [`ModelState`]: the model text, and everything the engine derives from it (loaded model,
//!   graph index, layout, the model's checks). Any change to the document re-loads it and
//!   re-runs the checks; the index and layout are compared by value, so the graph is redrawn
//!   only where it changed.
//! - [`QueryState`]: the query form, and the verdict on display (a check's or the form's),
//!   re-evaluated whenever the model changes.
//! - The graph follows one task later: the index (and everything drawn from it: layout, path
//!   view, the graph, the selection panel, pickers, search) reads `graph_loaded` and
//!   `graph_verdict`, copies of the loaded model and the verdict that [`follow_in_next_task`]
//!   updates in a `setTimeout(0)` after they change. An edit's checks and verdict reach the
//!   page first; the graph is redrawn in a later task (in Chromium, after the verdict's frame
//!   has been painted).
//! - [`SelectionState`]: what the graph shows and which entity is selected.
//! - [`PanelState`]: the side panel's open tab and the policy on display.

use std::collections::BTreeSet;

use leptos::prelude::*;
use serde_json::{json, Map, Value};

use super::shared::Shared;
use super::timing::timed;
use crate::engine::checks::{run_model_checks, CheckResult};
use crate::engine::edit::{EntityKind, EntityPath, History};
use crate::engine::flows::{evaluate, EvalOptions};
use crate::engine::graph::{
    layout, path_view, GraphIndex, Layout, LayoutOptions, NodeId, NodeKind, PathView,
};
use crate::engine::model::{load_model_value, Model};
use crate::engine::query::parse_query;
use crate::engine::timestamp::Timestamp;
use crate::engine::verdict::Verdict;

/// A model that loaded: the typed model and the load warnings. (The file as JSON, for showing
/// entities and policies as written, is the history's present document: not copied here.)
#[derive(Debug)]
pub struct LoadedModel {
    pub model: Model,
    pub warnings: Vec<String>,
}

/// The model text, loaded: the model, or every load error (`JSON path: message`).
pub type ModelLoad = Result<LoadedModel, Vec<String>>;

/// The model's `Checks`, evaluated, and how long that took.
#[derive(Debug)]
pub struct ChecksRun {
    /// The results in `Checks` order, or the errors that prevent evaluation.
    pub results: Result<Vec<CheckResult>, Vec<String>>,
    /// Wall time of the evaluation in milliseconds (`performance.now()`).
    pub elapsed_ms: f64,
}

/// The model being looked at and what the engine derives from it.
///
/// The document lives in a [`History`]: every edit (a scenario chosen, a file opened, an import,
/// an entity saved or deleted) goes through [`ModelState::apply`], so each can be undone.
#[derive(Clone, Copy)]
pub struct ModelState {
    /// The model document (contract §1) with its undo and redo stacks.
    pub history: RwSignal<History<Value>>,
    /// The present document as pretty-printed JSON text (what is saved, shared, exported).
    pub source: Memo<String>,
    /// What the model is called on screen (an example's title or a file name).
    pub title: RwSignal<String>,
    /// The example file shown, when the model is one of them unchanged.
    pub scenario: RwSignal<Option<String>>,
    /// The errors of the last file or link that could not be opened (the model did not change).
    pub open_errors: RwSignal<Vec<String>>,
    /// What `open_errors` are about ("The file was not opened…").
    pub open_errors_title: RwSignal<String>,
    /// Set when the model on screen was restored from the browser's storage.
    pub restored: RwSignal<bool>,
    /// Why the last autosave failed, if it did.
    pub save_error: RwSignal<Option<String>>,
    /// Set to skip autosaving the next change ("Start over" shows the example, unsaved).
    pub skip_save: StoredValue<bool>,
    /// Bumped by "Run all" to evaluate the checks again.
    pub rerun: RwSignal<u64>,
    pub loaded: Memo<Shared<ModelLoad>>,
    /// `loaded` as the graph sees it: the same value, set one task after `loaded` changes (see
    /// [`follow_in_next_task`]). Read by the graph index, the selection panel and whatever is
    /// drawn from the index, never by the checks or the verdict.
    pub graph_loaded: RwSignal<Shared<ModelLoad>>,
    /// The graph index of `graph_loaded`.
    pub index: Memo<Option<Shared<GraphIndex>>>,
    pub layout: Memo<Option<Shared<Layout>>>,
    pub checks: Memo<Shared<ChecksRun>>,
}

impl ModelState {
    fn new(title: &str, document: Value, scenario: Option<String>) -> ModelState {
        let history = RwSignal::new(History::new(document));
        let rerun = RwSignal::new(0_u64);
        // Lazy: serialised only when read (autosave, share, export), never on the way to a
        // verdict.
        let source = Memo::new(move |_| {
            history.with(|h| serde_json::to_string_pretty(h.present()).unwrap_or_default())
        });
        // One memo per derived thing, so that each reader re-runs only when what it reads
        // changed: a layout change does not re-run the checks, a re-run does not re-layout.
        let loaded = Memo::new(move |_| {
            history.with(|h| timed("load", || Shared::new(load_value(h.present()))))
        });
        // The first model is drawn at once; later ones one task after they load.
        let graph_loaded = RwSignal::new(loaded.get_untracked());
        // The index and the layout compare by value: an edit that changes no node, edge or
        // placement (a policy's wording) leaves the graph alone, and the layout is not redone.
        let index = Memo::new_with_compare(
            move |_| {
                let loaded = graph_loaded.get();
                timed("graph-index", || {
                    loaded
                        .as_ref()
                        .ok()
                        .map(|m| Shared::new(GraphIndex::build(&m.model)))
                })
            },
            changed_by_value,
        );
        let layout = Memo::new_with_compare(
            move |_| {
                let index = index.get();
                timed("layout", || {
                    index.map(|i| Shared::new(layout(&i, &LayoutOptions::default())))
                })
            },
            changed_by_value,
        );
        let checks = Memo::new(move |_| {
            rerun.track();
            let loaded = loaded.get();
            timed("checks", || {
                let started = now_ms();
                let results = match loaded.as_ref() {
                    Ok(m) => run_model_checks(&m.model, &eval_options()),
                    Err(errors) => Err(errors.clone()),
                };
                Shared::new(ChecksRun {
                    results,
                    elapsed_ms: now_ms() - started,
                })
            })
        });
        ModelState {
            history,
            source,
            title: RwSignal::new(title.to_owned()),
            scenario: RwSignal::new(scenario),
            open_errors: RwSignal::new(Vec::new()),
            open_errors_title: RwSignal::new(String::new()),
            restored: RwSignal::new(false),
            save_error: RwSignal::new(None),
            skip_save: StoredValue::new(false),
            rerun,
            loaded,
            graph_loaded,
            index,
            layout,
            checks,
        }
    }

    /// The present document (untracked).
    pub fn document(&self) -> Value {
        self.history.with_untracked(|h| h.present().clone())
    }

    /// Makes `next` the model, as one undoable edit. Returns whether anything changed.
    pub fn apply(&self, next: Value) -> bool {
        let changed = self.history.try_update(|h| h.apply(next)).unwrap_or(false);
        if changed {
            self.scenario.set(None);
        }
        changed
    }

    /// Goes back one edit.
    pub fn undo(&self) {
        if self.can_undo_untracked() {
            self.history.update(|h| {
                h.undo();
            });
            self.scenario.set(None);
        }
    }

    /// Redoes the edit last undone.
    pub fn redo(&self) {
        if self.history.with_untracked(History::can_redo) {
            self.history.update(|h| {
                h.redo();
            });
            self.scenario.set(None);
        }
    }

    fn can_undo_untracked(&self) -> bool {
        self.history.with_untracked(History::can_undo)
    }

    /// Shows one of the built-in examples (an undoable edit). Returns whether the model changed.
    pub fn show_example(&self, file: &str, title: &str, text: &str) -> bool {
        self.open_errors.set(Vec::new());
        let changed = serde_json::from_str::<Value>(text).is_ok_and(|value| self.apply(value));
        self.title.set(title.to_owned());
        self.scenario.set(Some(file.to_owned()));
        changed
    }

    /// Shows errors about something that could not be opened (the model is unchanged).
    pub fn show_open_errors(&self, title: &str, errors: Vec<String>) {
        self.open_errors_title.set(title.to_owned());
        self.open_errors.set(errors);
    }

    /// Replaces the model with a file's text, if it loads; otherwise keeps the current model and
    /// records the errors, each with its JSON path.
    pub fn open_file(&self, name: &str, text: String) -> Result<(), Vec<String>> {
        let loaded = serde_json::from_str::<Value>(&text)
            .map_err(|e| vec![format!("$: the file is not valid JSON: {e}")])
            .and_then(|value| match load_value(&value) {
                Ok(_) => Ok(value),
                Err(errors) => Err(errors),
            });
        match loaded {
            Ok(value) => {
                self.open_errors.set(Vec::new());
                self.apply(value);
                self.title.set(name.to_owned());
                self.scenario.set(None);
                Ok(())
            }
            Err(messages) => {
                self.show_open_errors(
                    "The file was not opened; the model is unchanged",
                    messages.clone(),
                );
                Err(messages)
            }
        }
    }
}

/// A memo comparator: whether two optional shared values differ in value (not in identity).
fn changed_by_value<T: PartialEq>(
    old: Option<&Option<Shared<T>>>,
    new: Option<&Option<Shared<T>>>,
) -> bool {
    old.map(|v| v.as_deref()) != new.map(|v| v.as_deref())
}

/// The load errors of `value` as `JSON path: message` lines (empty when it loads).
pub fn load_errors(value: &Value) -> Vec<String> {
    load_value(value).err().unwrap_or_default()
}

fn load_value(value: &Value) -> ModelLoad {
    let loaded = load_model_value(value)
        .map_err(|e| e.0.iter().map(|x| x.to_string()).collect::<Vec<_>>())?;
    Ok(LoadedModel {
        warnings: loaded.warnings.iter().map(|w| w.to_string()).collect(),
        model: loaded.model,
    })
}

/// The shell supplies the clock: `aws:CurrentTime` is the browser's now.
pub fn eval_options() -> EvalOptions {
    EvalOptions {
        now: Some(Timestamp((js_sys::Date::now() / 1000.0) as i64)),
    }
}

/// `performance.now()` in milliseconds (0 where there is no such clock).
pub fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or_default()
}

/// The kinds of query the form builds (contract §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryKind {
    GetSecretValue,
    GetParameter,
    Simulate,
    RotateSecret,
}

impl QueryKind {
    pub const ALL: [QueryKind; 4] = [
        QueryKind::GetSecretValue,
        QueryKind::GetParameter,
        QueryKind::Simulate,
        QueryKind::RotateSecret,
    ];

    /// The query's name in the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            QueryKind::GetSecretValue => "GetSecretValue",
            QueryKind::GetParameter => "GetParameter",
            QueryKind::Simulate => "Simulate",
            QueryKind::RotateSecret => "RotateSecret",
        }
    }

    pub fn parse(text: &str) -> Option<QueryKind> {
        QueryKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Which verdict the Verdict tab and the graph show.
#[derive(Debug, Clone, PartialEq)]
pub enum ActiveQuery {
    None,
    /// The model's check at this index.
    Check(usize),
    /// A query built in the Query tab (its JSON, contract §2).
    Query(Value),
}

/// The verdict on display, or why there is none (the query's errors).
pub type ActiveVerdict = Option<Shared<Result<Verdict, Vec<String>>>>;

/// The query form and the verdict on display.
#[derive(Clone, Copy)]
pub struct QueryState {
    pub kind: RwSignal<QueryKind>,
    /// A principal ARN; empty for the origin's own role.
    pub caller: RwSignal<String>,
    /// `internet`, `instance:i-…`, `function:ARN` or `subnet:subnet-…`.
    pub origin: RwSignal<String>,
    /// For an internet origin: the caller's address (optional).
    pub source_ip: RwSignal<String>,
    /// For a subnet origin: a security group (optional).
    pub security_group: RwSignal<String>,
    /// The secret (GetSecretValue, RotateSecret), parameter name, or resource ARN (Simulate).
    pub target: RwSignal<String>,
    /// For Simulate: `service:Action`.
    pub action: RwSignal<String>,
    /// For GetSecretValue: `VersionStage` (optional).
    pub version_stage: RwSignal<String>,
    /// For GetParameter: `WithDecryption`.
    pub with_decryption: RwSignal<bool>,
    /// The errors of the last query the form built (`JSON path: message`).
    pub errors: RwSignal<Vec<String>>,
    pub active: RwSignal<ActiveQuery>,
    /// The active query's verdict, re-evaluated whenever the model changes.
    pub verdict: Memo<ActiveVerdict>,
    /// `verdict` as the graph sees it: set one task after it changes, with `graph_loaded`.
    pub graph_verdict: RwSignal<ActiveVerdict>,
    /// What the verdict touched on the graph (`graph_verdict` on the graph index).
    pub path: Memo<Option<Shared<PathView>>>,
}

impl QueryState {
    fn new(model: ModelState) -> QueryState {
        let active = RwSignal::new(ActiveQuery::None);
        // By value: "Run all", or an edit that does not change this verdict, leaves the verdict
        // tab and the graph's marks alone.
        let verdict = Memo::new_with_compare(
            move |_| match active.get() {
                ActiveQuery::None => None,
                ActiveQuery::Check(i) => model.checks.with(|run| match &run.results {
                    Ok(results) => results.get(i).map(|r| Shared::new(Ok(r.verdict.clone()))),
                    Err(errors) => Some(Shared::new(Err(errors.clone()))),
                }),
                ActiveQuery::Query(json) => Some(Shared::new(
                    model.loaded.with(|loaded| evaluate_json(loaded, &json)),
                )),
            },
            changed_by_value,
        );
        let graph_verdict: RwSignal<ActiveVerdict> = RwSignal::new(None);
        let path = Memo::new_with_compare(
            move |_| {
                let index = model.index.get()?;
                let verdict = graph_verdict.get()?;
                let result: &Result<Verdict, Vec<String>> = &verdict;
                let verdict = result.as_ref().ok()?;
                Some(timed("path-view", || {
                    Shared::new(path_view(&index, verdict))
                }))
            },
            changed_by_value,
        );
        QueryState {
            kind: RwSignal::new(QueryKind::GetSecretValue),
            caller: RwSignal::new(String::new()),
            origin: RwSignal::new("internet".to_owned()),
            source_ip: RwSignal::new(String::new()),
            security_group: RwSignal::new(String::new()),
            target: RwSignal::new(String::new()),
            action: RwSignal::new("secretsmanager:GetSecretValue".to_owned()),
            version_stage: RwSignal::new(String::new()),
            with_decryption: RwSignal::new(true),
            errors: RwSignal::new(Vec::new()),
            active,
            verdict,
            graph_verdict,
            path,
        }
    }

    /// The form as a query (contract §2). Empty optional fields are left out. Reads the form's
    /// signals tracked (the Query tab previews it).
    pub fn draft(&self) -> Value {
        let kind = self.kind.get();
        let mut body = Map::new();
        let text = |s: RwSignal<String>| s.get().trim().to_owned();
        let target = text(self.target);
        match kind {
            QueryKind::GetSecretValue | QueryKind::RotateSecret => {
                body.insert("SecretId".into(), json!(target));
            }
            QueryKind::GetParameter => {
                body.insert("Name".into(), json!(target));
                body.insert("WithDecryption".into(), json!(self.with_decryption.get()));
            }
            QueryKind::Simulate => {
                body.insert("Action".into(), json!(text(self.action)));
                body.insert("Resource".into(), json!(target));
            }
        }
        let caller = text(self.caller);
        if !caller.is_empty() {
            body.insert("Caller".into(), json!(caller));
        }
        if kind != QueryKind::RotateSecret {
            if let Some(from) = self.origin_json() {
                body.insert("From".into(), from);
            }
        }
        let stage = text(self.version_stage);
        if kind == QueryKind::GetSecretValue && !stage.is_empty() {
            body.insert("VersionStage".into(), json!(stage));
        }
        let mut query = Map::new();
        query.insert(kind.as_str().into(), Value::Object(body));
        Value::Object(query)
    }

    fn origin_json(&self) -> Option<Value> {
        let origin = self.origin.get();
        let (kind, id) = origin.split_once(':').unwrap_or((origin.as_str(), ""));
        match kind {
            "instance" => Some(json!({"Instance": id})),
            "function" => Some(json!({"Function": id})),
            "subnet" => {
                let mut subnet = Map::new();
                subnet.insert("Subnet".into(), json!(id));
                let group = self.security_group.get();
                if !group.trim().is_empty() {
                    subnet.insert("SecurityGroups".into(), json!([group.trim()]));
                }
                Some(Value::Object(subnet))
            }
            _ => {
                let ip = self.source_ip.get();
                if ip.trim().is_empty() {
                    None
                } else {
                    Some(json!({"Internet": {"SourceIp": ip.trim()}}))
                }
            }
        }
    }

    /// Evaluates the form: shows the verdict, or the query's errors.
    pub fn evaluate_draft(&self) -> bool {
        let draft = untrack(|| self.draft());
        match parse_query(&draft, "$") {
            Ok(_) => {
                self.errors.set(Vec::new());
                self.active.set(ActiveQuery::Query(draft));
                true
            }
            Err(errors) => {
                self.errors
                    .set(errors.iter().map(|e| e.to_string()).collect());
                false
            }
        }
    }
}

fn evaluate_json(loaded: &ModelLoad, json: &Value) -> Result<Verdict, Vec<String>> {
    let loaded = loaded.as_ref().map_err(Clone::clone)?;
    let query = parse_query(json, "$")
        .map_err(|errors| errors.iter().map(|e| e.to_string()).collect::<Vec<_>>())?;
    Ok(evaluate(&loaded.model, &query, &eval_options()))
}

/// What the graph shows and what is selected.
#[derive(Clone, Copy)]
pub struct SelectionState {
    pub selected: RwSignal<Option<NodeId>>,
    /// The search box's text: matching nodes are highlighted.
    pub search: RwSignal<String>,
    pub hidden_kinds: RwSignal<BTreeSet<NodeKind>>,
    /// Account ids whose boxes are hidden.
    pub hidden_accounts: RwSignal<BTreeSet<String>>,
    /// Show only what the verdict touched.
    pub path_only: RwSignal<bool>,
    /// Bumped when something outside the graph selects a node: the graph brings it into view.
    pub reveal: RwSignal<u64>,
}

impl SelectionState {
    fn new() -> SelectionState {
        SelectionState {
            selected: RwSignal::new(None),
            search: RwSignal::new(String::new()),
            hidden_kinds: RwSignal::new(BTreeSet::new()),
            hidden_accounts: RwSignal::new(BTreeSet::new()),
            path_only: RwSignal::new(false),
            reveal: RwSignal::new(0),
        }
    }

    /// Selects a node and asks the graph to bring it into view.
    pub fn select_and_reveal(&self, node: NodeId) {
        self.selected.set(Some(node));
        self.reveal.update(|n| *n += 1);
    }
}

/// The side panel's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Checks,
    Query,
    Verdict,
    Policy,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Checks, Tab::Query, Tab::Verdict, Tab::Policy];

    /// The id suffix and test id (`tab-checks`).
    pub fn as_str(self) -> &'static str {
        match self {
            Tab::Checks => "checks",
            Tab::Query => "query",
            Tab::Verdict => "verdict",
            Tab::Policy => "policy",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Tab::Checks => "Checks",
            Tab::Query => "Query",
            Tab::Verdict => "Verdict",
            Tab::Policy => "Policy",
        }
    }
}

/// The policy on display in the Policy tab: a statement's (or document's) JSON path in the
/// model file.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyFocus {
    pub location: String,
    /// The component the policy belongs to (a blocker's component, a layer's component).
    pub component: String,
    /// The deciding statement's Sid or `#index`, as the verdict names it.
    pub statement: Option<String>,
}

/// The side panel.
#[derive(Clone, Copy)]
pub struct PanelState {
    pub tab: RwSignal<Tab>,
    pub policy: RwSignal<Option<PolicyFocus>>,
}

impl PanelState {
    /// Opens the Policy tab on a statement.
    pub fn show_policy(&self, focus: PolicyFocus) {
        self.policy.set(Some(focus));
        self.tab.set(Tab::Policy);
    }
}

/// Creates the app's state and provides it to every component below.
pub fn provide_app_state(title: &str, text: &str, scenario: Option<String>) -> ModelState {
    let document =
        serde_json::from_str::<Value>(text).unwrap_or_else(|_| crate::engine::edit::new_model());
    let model = ModelState::new(title, document, scenario);
    let query = QueryState::new(model);
    follow_in_next_task(model, query);
    provide_context(model);
    provide_context(query);
    provide_context(SelectionState::new());
    provide_context(PanelState {
        tab: RwSignal::new(Tab::Checks),
        policy: RwSignal::new(None),
    });
    provide_context(DialogState {
        paste: RwSignal::new(None),
        editor: RwSignal::new(None),
    });
    model
}

/// Keeps the graph's copies (`graph_loaded`, `graph_verdict`) equal to the loaded model and
/// the verdict, one task behind: a change schedules one `setTimeout(0)`, which copies whatever
/// they are by then. The checks and the verdict (what the user waits for after an edit) are
/// rendered in the task of the change; the graph index, layout, path view and their views in
/// a later task (in Chromium, after the verdict's frame has been painted: the graph costs a
/// frame more, the verdict none). Without a timer (no window), the copies are made at once.
fn follow_in_next_task(model: ModelState, query: QueryState) {
    let pending = StoredValue::new(false);
    let copy = move || {
        pending.set_value(false);
        let loaded = model.loaded.get_untracked();
        if model.graph_loaded.with_untracked(|g| *g != loaded) {
            model.graph_loaded.set(loaded);
        }
        let verdict = query.verdict.get_untracked();
        if query.graph_verdict.with_untracked(|g| *g != verdict) {
            query.graph_verdict.set(verdict);
        }
    };
    // An effect, because the copies must follow every change of what it reads.
    Effect::new(move |_| {
        model.loaded.track();
        query.verdict.track();
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        if set_timeout_with_handle(copy, std::time::Duration::ZERO).is_err() {
            copy();
        }
    });
}

/// The model and what the engine derives from it. Panics outside [`provide_app_state`]'s tree.
pub fn use_model() -> ModelState {
    expect_context::<ModelState>()
}

/// The query form and the verdict on display.
pub fn use_query() -> QueryState {
    expect_context::<QueryState>()
}

/// The graph's selection and filters.
pub fn use_selection() -> SelectionState {
    expect_context::<SelectionState>()
}

/// The side panel.
pub fn use_panel() -> PanelState {
    expect_context::<PanelState>()
}

/// What the entity editor edits: an entity of the document, or a new one of a kind.
#[derive(Debug, Clone, PartialEq)]
pub enum EditorTarget {
    Existing {
        path: EntityPath,
        kind: EntityKind,
        /// The entity's name as the graph shows it.
        label: String,
    },
    New {
        kind: EntityKind,
    },
}

/// The dialogs: the paste (import) dialog and the entity editor.
#[derive(Clone, Copy)]
pub struct DialogState {
    /// The paste dialog is open, with this text pre-filled (a dropped file's).
    pub paste: RwSignal<Option<String>>,
    pub editor: RwSignal<Option<EditorTarget>>,
}

/// The paste dialog and the entity editor.
pub fn use_dialogs() -> DialogState {
    expect_context::<DialogState>()
}
