//! Readable output for a person, in the manner of a good compiler error: the verdict first,
//! then each blocker with its location and the statement that decided, then the legs.

use std::fmt::Write;

use secretpath::engine::checks::CheckRun;
use secretpath::engine::verdict::{Decision, Outcome, Verdict};
use serde_json::Value;

fn decision_phrase(d: Decision) -> &'static str {
    match d {
        Decision::Allowed => "ALLOWED",
        Decision::ExplicitlyDenied => "EXPLICITLY DENIED",
        Decision::ImplicitlyDenied => "IMPLICITLY DENIED",
        Decision::Failed => "FAILED",
    }
}

fn outcome_phrase(o: Outcome) -> &'static str {
    match o {
        Outcome::Allowed => "allowed",
        Outcome::ExplicitlyDenied => "explicitly denied",
        Outcome::ImplicitlyDenied => "implicitly denied",
        Outcome::Failed => "failed",
        Outcome::Skipped => "skipped",
    }
}

/// The body of a verdict, indented by `indent` spaces.
/// Decode a policy document given as a JSON string or a URL-encoded JSON string.
fn decode_document(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok().or_else(|| {
        let decoded = percent_encoding::percent_decode_str(text)
            .decode_utf8()
            .ok()?;
        serde_json::from_str(&decoded).ok()
    })
}

/// The value at a JSON path such as `$.Accounts[0].Iam.RoleDetailList[1].RolePolicyList[0]
/// .PolicyDocument.Statement[2]`, looking inside documents given as strings.
fn at_path(root: &Value, path: &str) -> Option<Value> {
    let rest = path.strip_prefix('$')?;
    let mut tokens: Vec<String> = Vec::new();
    for part in rest.split('.').filter(|p| !p.is_empty()) {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
            tokens.push(key.to_owned());
        }
        tokens.extend(pieces.map(|index| format!("[{index}")));
    }
    let mut current = root.clone();
    for token in tokens {
        if let Value::String(text) = &current {
            current = decode_document(text)?;
        }
        current = match token.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            Some(i) => {
                let i: usize = i.parse().ok()?;
                match &current {
                    Value::Array(items) => items.get(i)?.clone(),
                    // `Statement` written as a single object is statement 0.
                    other if i == 0 => other.clone(),
                    _ => return None,
                }
            }
            None => current.get(&token)?.clone(),
        };
    }
    Some(current)
}

/// The statement at `location` in the model, pretty-printed, each line prefixed.
fn quote(model: Option<&Value>, location: &str, prefix: &str) -> Option<String> {
    let statement = at_path(model?, location)?;
    let text = serde_json::to_string_pretty(&statement).ok()?;
    Some(text.lines().map(|l| format!("{prefix}{l}\n")).collect())
}

fn body(v: &Verdict, model: Option<&Value>, indent: &str, out: &mut String) {
    for (i, b) in v.blockers.iter().enumerate() {
        let statement = b
            .statement
            .as_deref()
            .map(|s| format!(", statement `{s}`"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{indent}blocker {}: [{}] {}{statement}",
            i + 1,
            b.code,
            b.layer
        );
        let _ = writeln!(out, "{indent}  --> {}", b.component);
        if let Some(location) = &b.location {
            let _ = writeln!(out, "{indent}  at  {location}");
            if let Some(q) = quote(model, location, &format!("{indent}   | ")) {
                out.push_str(&q);
            }
        }
        let _ = writeln!(out, "{indent}   = {}", b.message);
    }
    if !v.steps.is_empty() {
        let _ = writeln!(out, "{indent}legs:");
        for s in &v.steps {
            let summary = s
                .detail
                .summary
                .as_deref()
                .map(|x| format!(" — {x}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{indent}  {:<32} {}{summary}",
                s.leg,
                outcome_phrase(s.outcome)
            );
        }
    }
    if let Some(stages) = &v.version_stages_after {
        let _ = writeln!(out, "{indent}version stages after the run:");
        for (version, labels) in stages {
            let _ = writeln!(out, "{indent}  {version}: {}", labels.join(", "));
        }
    }
    for n in &v.notes {
        let _ = writeln!(out, "{indent}note: {n}");
    }
}

/// A whole verdict for `secretpath explain`; `model` is the model file's JSON, for quoting.
pub fn verdict(v: &Verdict, model: Option<&Value>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", decision_phrase(v.decision));
    body(v, model, "  ", &mut out);
    out
}

/// Every check of one model for `secretpath check`.
pub fn check_run(model: &str, run: &CheckRun, document: Option<&Value>) -> String {
    let mut out = String::new();
    if !run.errors.is_empty() {
        let _ = writeln!(
            out,
            "{model}: invalid model ({} error{}, see below)",
            run.errors.len(),
            if run.errors.len() == 1 { "" } else { "s" }
        );
        return out;
    }
    let _ = writeln!(out, "{model}");
    for w in &run.warnings {
        let _ = writeln!(out, "  warning: {w}");
    }
    for r in &run.results {
        let mark = if r.holds { "ok  " } else { "FAIL" };
        let expect = match &r.expect {
            Some(e) if !r.holds => format!(" (expected {e})"),
            Some(_) => String::new(),
            None => " (no expectation)".to_owned(),
        };
        let _ = writeln!(
            out,
            "  {mark} {}: {}{expect}",
            r.name,
            decision_phrase(r.verdict.decision)
        );
        if !r.holds || r.verdict.decision != Decision::Allowed {
            body(&r.verdict, document, "       ", &mut out);
        }
    }
    out
}
