//! Running a model's `Checks` (contract §1, §3), and explaining one query.
//!
//! A check whose query is invalid makes the model invalid (exit status 2): no verdict is given
//! for a question the engine could not read.

use serde::Serialize;

use super::flows::{evaluate, EvalOptions};
use super::model::{load_model, Expectation, Model};
use super::query::{parse_query, Query};
use super::verdict::{Decision, Verdict};

/// One check's result, as `secretpath check --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CheckResult {
    pub name: String,
    /// `Allowed`, `ExplicitlyDenied`, `ImplicitlyDenied`, `Failed`, `Denied`, or absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expect: Option<String>,
    pub holds: bool,
    #[serde(flatten)]
    pub verdict: Verdict,
}

/// The outcome of loading a model and running all its checks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CheckRun {
    /// Load errors, each `JSON path: message`. When non-empty there are no results.
    pub errors: Vec<String>,
    /// Load warnings (secret material dropped, dangling references…).
    pub warnings: Vec<String>,
    pub results: Vec<CheckResult>,
}

/// Whether a decision meets an expectation (`Denied` accepts either kind of denial).
pub fn expectation_holds(expect: Expectation, decision: Decision) -> bool {
    match expect {
        Expectation::Allowed => decision == Decision::Allowed,
        Expectation::ExplicitlyDenied => decision == Decision::ExplicitlyDenied,
        Expectation::ImplicitlyDenied => decision == Decision::ImplicitlyDenied,
        Expectation::Failed => decision == Decision::Failed,
        Expectation::Denied => matches!(
            decision,
            Decision::ExplicitlyDenied | Decision::ImplicitlyDenied
        ),
    }
}

/// Run every check of an already loaded model. Query errors come back as `JSON path: message`.
pub fn run_model_checks(
    model: &Model,
    options: &EvalOptions,
) -> Result<Vec<CheckResult>, Vec<String>> {
    let mut parsed: Vec<Query> = Vec::new();
    let mut errors = Vec::new();
    for (i, check) in model.checks.iter().enumerate() {
        match parse_query(&check.query, &format!("$.Checks[{i}].Query")) {
            Ok(q) => parsed.push(q),
            Err(es) => errors.extend(es.into_iter().map(|e| e.to_string())),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(model
        .checks
        .iter()
        .zip(parsed)
        .map(|(check, query)| {
            let verdict = evaluate(model, &query, options);
            CheckResult {
                name: check.name.clone(),
                expect: check.expect.map(|e| e.as_str().to_owned()),
                holds: check
                    .expect
                    .is_none_or(|e| expectation_holds(e, verdict.decision)),
                verdict,
            }
        })
        .collect())
}

/// Load a model from JSON text and run every check in it.
pub fn run_checks(model_json: &str) -> CheckRun {
    run_checks_with(model_json, &EvalOptions::default())
}

/// [`run_checks`] with the shell's options (the current time).
pub fn run_checks_with(model_json: &str, options: &EvalOptions) -> CheckRun {
    match load_model(model_json) {
        Err(errors) => {
            let mut all: Vec<String> = errors.0.iter().map(|e| e.to_string()).collect();
            all.extend(query_errors_of_raw(model_json));
            CheckRun {
                errors: all,
                warnings: Vec::new(),
                results: Vec::new(),
            }
        }
        Ok(loaded) => {
            let warnings = loaded.warnings.iter().map(|w| w.to_string()).collect();
            match run_model_checks(&loaded.model, options) {
                Ok(results) => CheckRun {
                    errors: Vec::new(),
                    warnings,
                    results,
                },
                Err(errors) => CheckRun {
                    errors,
                    warnings,
                    results: Vec::new(),
                },
            }
        }
    }
}

/// The errors in the `Checks` queries of a model that did not load, so that an invalid model
/// reports every error at once.
fn query_errors_of_raw(model_json: &str) -> Vec<String> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(model_json) else {
        return Vec::new();
    };
    let Some(checks) = value.get("Checks").and_then(|c| c.as_array()) else {
        return Vec::new();
    };
    checks
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.get("Query").map(|q| (i, q)))
        .flat_map(
            |(i, q)| match parse_query(q, &format!("$.Checks[{i}].Query")) {
                Ok(_) => Vec::new(),
                Err(es) => es.into_iter().map(|e| e.to_string()).collect(),
            },
        )
        .collect()
}

/// Why `explain` could not produce a verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainError {
    /// `true` when the query (not the model) is at fault.
    pub in_query: bool,
    /// Each `JSON path: message`.
    pub messages: Vec<String>,
}

/// Load a model and evaluate one query (JSON text) against it.
pub fn explain(model_json: &str, query_json: &str) -> Result<Verdict, ExplainError> {
    explain_with(model_json, query_json, &EvalOptions::default())
}

/// [`explain`] with the shell's options.
pub fn explain_with(
    model_json: &str,
    query_json: &str,
    options: &EvalOptions,
) -> Result<Verdict, ExplainError> {
    let loaded = load_model(model_json).map_err(|e| ExplainError {
        in_query: false,
        messages: e.0.iter().map(|x| x.to_string()).collect(),
    })?;
    let value: serde_json::Value = serde_json::from_str(query_json).map_err(|e| ExplainError {
        in_query: true,
        messages: vec![format!("$: the query is not valid JSON: {e}")],
    })?;
    let query = parse_query(&value, "$").map_err(|es| ExplainError {
        in_query: true,
        messages: es.iter().map(|e| e.to_string()).collect(),
    })?;
    Ok(evaluate(&loaded.model, &query, options))
}
