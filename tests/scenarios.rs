//! Data-driven scenario tests. Each file under `tests/scenarios/rules/` is an ordinary model file
//! (contract §1) whose `Checks` carry their expected decision in `Expect` and, as an extension,
//! the exact blockers in `ExpectBlockers` (`[{"Layer", "Code", "Component"?, "Statement"?}]`).
//! One test per file, named after the rule it pins; `every_scenario_file_has_a_test` makes sure
//! no file is forgotten. The same files run with `secretpath check`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::collections::BTreeSet;
use std::path::Path;

use secretpath::engine::checks::run_checks;
use serde_json::Value;

/// Run every check of one scenario file and assert its decision and blockers.
fn check(folder: &str, name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios")
        .join(folder)
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let run = run_checks(&text);
    assert!(
        run.errors.is_empty(),
        "{name}: model does not load: {:#?}",
        run.errors
    );
    let doc: Value = serde_json::from_str(&text).unwrap();
    let checks = doc["Checks"].as_array().cloned().unwrap_or_default();
    assert!(
        !checks.is_empty(),
        "{name}: a scenario needs at least one check"
    );
    assert_eq!(
        checks.len(),
        run.results.len(),
        "{name}: one result per check"
    );
    for (spec, result) in checks.iter().zip(&run.results) {
        let verdict_json = serde_json::to_string_pretty(&result.verdict).unwrap();
        assert!(
            result.holds,
            "{name} / {}: expected {:?}, got {}\n{verdict_json}",
            result.name, result.expect, result.verdict.decision
        );
        if let Some(expected) = spec.get("ExpectStagesAfter") {
            let got = serde_json::to_value(&result.verdict.version_stages_after).unwrap();
            assert_eq!(
                expected, &got,
                "{name} / {}: version stages after the run differ\n{verdict_json}",
                result.name
            );
        }
        if let Some(expected) = spec.get("ExpectBlockers").and_then(Value::as_array) {
            let got: BTreeSet<String> = result
                .verdict
                .blockers
                .iter()
                .map(|b| {
                    let b = serde_json::to_value(b).unwrap();
                    blocker_key(&b, expected)
                })
                .collect();
            let want: BTreeSet<String> =
                expected.iter().map(|e| blocker_key(e, expected)).collect();
            assert_eq!(
                want, got,
                "{name} / {}: blockers differ\n{verdict_json}",
                result.name
            );
        }
    }
}

/// A comparable key for a blocker: Layer and Code always; Component and Statement when any
/// expected blocker names them.
fn blocker_key(b: &Value, expected: &[Value]) -> String {
    let with_component = expected.iter().any(|e| e.get("Component").is_some());
    let with_statement = expected.iter().any(|e| e.get("Statement").is_some());
    let mut key = format!(
        "{} {}",
        b["Layer"].as_str().unwrap_or(""),
        b["Code"].as_str().unwrap_or("")
    );
    if with_component {
        key.push_str(&format!(" {}", b["Component"].as_str().unwrap_or("")));
    }
    if with_statement {
        key.push_str(&format!(" {}", b["Statement"].as_str().unwrap_or("")));
    }
    key
}

macro_rules! scenarios {
    ($folder:literal, $list:ident: $($name:ident),* $(,)?) => {
        $( #[test] fn $name() { check($folder, stringify!($name)); } )*
        pub const $list: &[&str] = &[$(stringify!($name)),*];
    };
}

mod rules {
    use super::check;
    include!("scenarios/rules.list");
}

mod rotation {
    use super::check;
    include!("scenarios/rotation.list");
}

/// Every `*.json` in `folder` is listed.
fn all_listed(folder: &str, listed: &[&str]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios")
        .join(folder);
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "json") {
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            if !listed.contains(&stem.as_str()) {
                missing.push(stem);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add these to tests/scenarios/{folder}.list: {missing:?}"
    );
}

#[test]
fn every_scenario_file_has_a_test() {
    all_listed("rules", rules::LISTED);
    all_listed("rotation", rotation::LISTED);
}
