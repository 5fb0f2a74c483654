//! Argument parsing, file reading and exit statuses.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde_json::json;

use secretpath::engine::checks::{explain_with, run_checks_with, CheckRun};
use secretpath::engine::flows::EvalOptions;
use secretpath::engine::timestamp::Timestamp;

use crate::render;

/// Would this call for a secret succeed, and if not, exactly what blocks it?
#[derive(Debug, Parser)]
#[command(name = "secretpath", version, about)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Evaluate every entry of "Checks" in one or more models (files, or folders of *.json).
    Check {
        /// Model files or folders.
        #[arg(required = true)]
        models: Vec<PathBuf>,
        /// Print the verdicts as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Explain one query against a model. QUERY is JSON text, or @file.
    Explain {
        model: PathBuf,
        query: String,
        /// Print the verdict as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// The shell supplies the clock: `aws:CurrentTime` is now (a query's `Context` may override it).
fn options() -> EvalOptions {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| Timestamp(i64::try_from(d.as_secs()).unwrap_or(i64::MAX)))
        .ok();
    EvalOptions { now }
}

const EXIT_OK: u8 = 0;
const EXIT_EXPECT_FAILED: u8 = 1;
const EXIT_INVALID: u8 = 2;

pub fn run() -> ExitCode {
    let args = Args::parse();
    let code = match args.command {
        Command::Check { models, json } => check(&models, json),
        Command::Explain { model, query, json } => explain_command(&model, &query, json),
    };
    ExitCode::from(code)
}

/// Expand folders into their `*.json` files (sorted, not recursive into hidden folders).
fn expand(paths: &[PathBuf]) -> Vec<(String, Result<PathBuf, String>)> {
    let mut out = Vec::new();
    for p in paths {
        let shown = p.display().to_string();
        if p.is_dir() {
            match std::fs::read_dir(p) {
                Ok(entries) => {
                    let mut files: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "json"))
                        .collect();
                    files.sort();
                    if files.is_empty() {
                        out.push((shown, Err("folder holds no *.json model files".to_owned())));
                    }
                    for f in files {
                        out.push((f.display().to_string(), Ok(f)));
                    }
                }
                Err(e) => out.push((shown, Err(format!("cannot read folder: {e}")))),
            }
        } else {
            out.push((shown, Ok(p.clone())));
        }
    }
    out
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read file: {e}"))
}

fn check(paths: &[PathBuf], as_json: bool) -> u8 {
    let mut status = EXIT_OK;
    let mut results = Vec::new();
    let mut runs: Vec<(String, CheckRun)> = Vec::new();
    let mut documents: Vec<Option<serde_json::Value>> = Vec::new();
    for (shown, path) in expand(paths) {
        let text = path.and_then(|p| read(&p));
        let run = match &text {
            Ok(text) => run_checks_with(text, &options()),
            Err(message) => CheckRun {
                errors: vec![message.clone()],
                warnings: Vec::new(),
                results: Vec::new(),
            },
        };
        // The readable output quotes deciding statements from the file itself.
        // Parsed again only when a blocker points into it.
        let quotes_needed = !as_json
            && run
                .results
                .iter()
                .any(|r| r.verdict.blockers.iter().any(|b| b.location.is_some()));
        documents.push(if quotes_needed {
            text.ok().and_then(|t| serde_json::from_str(&t).ok())
        } else {
            None
        });
        if !run.errors.is_empty() {
            status = EXIT_INVALID;
        } else if run.results.iter().any(|r| !r.holds) && status == EXIT_OK {
            status = EXIT_EXPECT_FAILED;
        }
        runs.push((shown, run));
    }
    if as_json {
        for (shown, run) in &runs {
            for r in &run.results {
                let mut v = serde_json::to_value(r).unwrap_or_else(|_| json!({}));
                if let serde_json::Value::Object(map) = &mut v {
                    map.insert("Model".to_owned(), json!(shown));
                    // Put Model first, as the contract lists it.
                    let mut ordered = serde_json::Map::new();
                    ordered.insert("Model".to_owned(), json!(shown));
                    for (k, val) in map.iter() {
                        if k != "Model" {
                            ordered.insert(k.clone(), val.clone());
                        }
                    }
                    v = serde_json::Value::Object(ordered);
                }
                results.push(v);
            }
        }
        let errors: Vec<serde_json::Value> = runs
            .iter()
            .flat_map(|(shown, run)| {
                run.errors
                    .iter()
                    .map(move |e| json!({"Model": shown, "Error": e}))
            })
            .collect();
        let out = if errors.is_empty() {
            json!({ "Results": results })
        } else {
            json!({ "Results": results, "Errors": errors })
        };
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        for (shown, run) in &runs {
            for e in &run.errors {
                eprintln!("error: {shown}: {e}");
            }
        }
    } else {
        let mut stdout = String::new();
        for ((shown, run), document) in runs.iter().zip(&documents) {
            stdout.push_str(&render::check_run(shown, run, document.as_ref()));
        }
        print!("{stdout}");
        for (shown, run) in &runs {
            for e in &run.errors {
                eprintln!("error: {shown}: {e}");
            }
        }
        let total: usize = runs.iter().map(|(_, r)| r.results.len()).sum();
        let failed: usize = runs
            .iter()
            .map(|(_, r)| r.results.iter().filter(|c| !c.holds).count())
            .sum();
        let invalid = runs.iter().filter(|(_, r)| !r.errors.is_empty()).count();
        println!(
            "{} checks in {} models: {} hold, {} do not{}",
            total,
            runs.len(),
            total - failed,
            failed,
            if invalid > 0 {
                format!("; {invalid} invalid model(s)")
            } else {
                String::new()
            }
        );
    }
    status
}

fn explain_command(model: &Path, query: &str, as_json: bool) -> u8 {
    let model_text = match read(model) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {}: {e}", model.display());
            return EXIT_INVALID;
        }
    };
    let (query_text, query_name) = match query.strip_prefix('@') {
        Some(file) => match read(Path::new(file)) {
            Ok(t) => (t, file.to_owned()),
            Err(e) => {
                eprintln!("error: {file}: {e}");
                return EXIT_INVALID;
            }
        },
        None => (query.to_owned(), "QUERY".to_owned()),
    };
    match explain_with(&model_text, &query_text, &options()) {
        Ok(verdict) => {
            if as_json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&verdict).unwrap_or_default()
                );
            } else {
                let document = serde_json::from_str(&model_text).ok();
                print!("{}", render::verdict(&verdict, document.as_ref()));
            }
            EXIT_OK
        }
        Err(e) => {
            let file = if e.in_query {
                query_name
            } else {
                model.display().to_string()
            };
            for message in e.messages {
                eprintln!("error: {file}: {message}");
            }
            EXIT_INVALID
        }
    }
}
