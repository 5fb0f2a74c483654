//! Running a model's `Checks` (contract §1, §3). INTERFACE STUB until the flows land.

use serde::Serialize;

use super::verdict::Verdict;

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

/// Load a model from JSON text and run every check in it.
pub fn run_checks(model_json: &str) -> CheckRun {
    let _ = model_json;
    CheckRun { errors: vec!["the engine is not built yet".to_owned()], warnings: Vec::new(), results: Vec::new() }
}
