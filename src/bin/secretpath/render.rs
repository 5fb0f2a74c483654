//! Readable output for a person, in the manner of a good compiler error: the verdict first,
//! then each blocker with its location and the statement that decided, then the legs.

use std::fmt::Write;

use secretpath::engine::checks::CheckRun;
use secretpath::engine::verdict::{Decision, Outcome, Verdict};

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
fn body(v: &Verdict, indent: &str, out: &mut String) {
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
        let _ = writeln!(out, "{indent}   = {}", b.message);
    }
    if !v.steps.is_empty() {
        let _ = writeln!(out, "{indent}legs:");
        for s in &v.steps {
            let summary = s
                .detail
                .get("Summary")
                .and_then(|x| x.as_str())
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

/// A whole verdict for `secretpath explain`.
pub fn verdict(v: &Verdict) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", decision_phrase(v.decision));
    body(v, "  ", &mut out);
    out
}

/// Every check of one model for `secretpath check`.
pub fn check_run(model: &str, run: &CheckRun) -> String {
    let mut out = String::new();
    if !run.errors.is_empty() {
        let _ = writeln!(
            out,
            "{model}: invalid model ({} errors, see below)",
            run.errors.len()
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
            body(&r.verdict, "       ", &mut out);
        }
    }
    out
}
