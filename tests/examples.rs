//! The example models of `public/examples/` (the web app's catalogue, and the exam scenarios of
//! the study material) are documentation that must stay true: every check in every example holds,
//! and `index.json` catalogues every example. Adding an example is adding a file and its entry.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use secretpath::engine::checks::run_checks;
use serde_json::Value;

/// Examples owned by another branch: listed in the catalogue before their file arrives here.
const ARRIVING_FROM_OTHER_BRANCHES: &[&str] = &[];

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public/examples")
}

/// The example model files: every `*.json` except the catalogue.
fn example_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(examples_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && p.file_name().is_some_and(|n| n != "index.json")
        })
        .collect();
    files.sort();
    files
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

fn catalogue() -> Vec<Value> {
    let text = std::fs::read_to_string(examples_dir().join("index.json")).unwrap();
    let index: Value = serde_json::from_str(&text).unwrap();
    index["Examples"]
        .as_array()
        .cloned()
        .expect("index.json has an `Examples` array")
}

#[test]
fn every_check_of_every_example_holds() {
    let files = example_files();
    assert!(
        files.len() >= 5,
        "the five exam scenarios at least: {files:?}"
    );
    let mut failures = Vec::new();
    for path in &files {
        let name = file_name(path);
        let text = std::fs::read_to_string(path).unwrap();
        let run = run_checks(&text);
        assert!(
            run.errors.is_empty(),
            "{name}: does not load: {:#?}",
            run.errors
        );
        assert!(
            run.warnings.is_empty(),
            "{name}: an example loads without warnings: {:#?}",
            run.warnings
        );
        assert!(!run.results.is_empty(), "{name}: an example has checks");
        for result in &run.results {
            if !result.holds {
                failures.push(format!(
                    "{name} / {}: expected {:?}, got {}\n{}",
                    result.name,
                    result.expect,
                    result.verdict.decision,
                    serde_json::to_string_pretty(&result.verdict.blockers).unwrap()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} check(s) do not hold:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_example_shows_an_allowed_request_and_a_blocked_one() {
    for path in example_files() {
        let name = file_name(&path);
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let expects: Vec<&str> = doc["Checks"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["Expect"].as_str())
            .collect();
        assert!(
            expects.contains(&"Allowed"),
            "{name}: no check expects Allowed"
        );
        assert!(
            expects.iter().any(|e| *e != "Allowed"),
            "{name}: no check shows a block"
        );
    }
}

#[test]
fn the_catalogue_lists_every_example_and_only_examples() {
    let listed: Vec<String> = catalogue()
        .iter()
        .map(|e| {
            e["File"]
                .as_str()
                .expect("each entry has a File")
                .to_owned()
        })
        .collect();
    let unique: BTreeSet<&String> = listed.iter().collect();
    assert_eq!(
        unique.len(),
        listed.len(),
        "index.json lists a file twice: {listed:?}"
    );
    let present: BTreeSet<String> = example_files().iter().map(|p| file_name(p)).collect();
    let missing: Vec<&String> = present.iter().filter(|f| !listed.contains(f)).collect();
    assert!(
        missing.is_empty(),
        "add these to public/examples/index.json: {missing:?}"
    );
    let dangling: Vec<&String> = listed
        .iter()
        .filter(|f| !present.contains(*f) && !ARRIVING_FROM_OTHER_BRANCHES.contains(&f.as_str()))
        .collect();
    assert!(
        dangling.is_empty(),
        "index.json lists files that do not exist: {dangling:?}"
    );
}

#[test]
fn every_catalogue_entry_has_a_title_a_description_and_something_to_try() {
    for entry in catalogue() {
        let file = entry["File"].as_str().unwrap_or("?");
        for field in ["Title", "Description"] {
            assert!(
                entry[field].as_str().is_some_and(|t| !t.trim().is_empty()),
                "{file}: `{field}` is empty"
            );
        }
        assert!(
            entry["WhatToTry"].as_array().is_some_and(|a| !a.is_empty()),
            "{file}: `WhatToTry` is empty"
        );
    }
}

#[test]
fn the_catalogue_counts_each_examples_checks() {
    let present: BTreeSet<String> = example_files().iter().map(|p| file_name(p)).collect();
    for entry in catalogue() {
        let file = entry["File"].as_str().unwrap();
        let (Some(count), true) = (entry["Checks"].as_u64(), present.contains(file)) else {
            continue;
        };
        let doc: Value =
            serde_json::from_str(&std::fs::read_to_string(examples_dir().join(file)).unwrap())
                .unwrap();
        assert_eq!(
            doc["Checks"].as_array().unwrap().len() as u64,
            count,
            "{file}: `Checks` in index.json is stale"
        );
    }
}

#[test]
fn the_catalogue_itself_loads_as_an_empty_model() {
    // `secretpath check public/examples/` reads every *.json in the folder, index.json included.
    let run = run_checks(&std::fs::read_to_string(examples_dir().join("index.json")).unwrap());
    assert!(
        run.errors.is_empty(),
        "index.json must load (as a model with no accounts and no checks): {:#?}",
        run.errors
    );
    assert!(run.results.is_empty());
}
