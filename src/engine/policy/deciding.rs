//! Which parts of a statement decided its outcome, and the statement printed line by line with
//! those parts marked: what the app highlights inside the deciding statement ("the statement and
//! the condition that decided").
//!
//! - A statement that **applies** was decided by its conditions (every one matched); one without
//!   conditions, by the elements that matched the request (Principal, Action, Resource).
//! - A statement that **does not apply** was decided by the elements that did not match (or
//!   could not be evaluated): the one to fix.

use serde_json::Value;

use super::evaluate::{ElementKind, StatementTrace, Tri};

/// One part of a statement: an element (`Resource`, …) or one condition (operator and key, as
/// written in the policy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecidingPart {
    Element(ElementKind),
    Condition { operator: String, key: String },
}

/// The parts that decided a statement's outcome (see the module documentation).
pub fn deciding_parts(trace: &StatementTrace) -> Vec<DecidingPart> {
    let part = |check: &super::evaluate::ElementCheck| match (
        check.element,
        &check.operator,
        &check.key,
    ) {
        (ElementKind::Condition, Some(operator), Some(key)) => DecidingPart::Condition {
            operator: operator.clone(),
            key: key.clone(),
        },
        (element, _, _) => DecidingPart::Element(element),
    };
    let mut parts: Vec<DecidingPart> = if trace.applies {
        let conditions: Vec<DecidingPart> = trace
            .checks
            .iter()
            .filter(|c| c.element == ElementKind::Condition && c.outcome == Tri::Match)
            .map(part)
            .collect();
        if conditions.is_empty() {
            trace
                .checks
                .iter()
                .filter(|c| c.outcome == Tri::Match)
                .map(part)
                .collect()
        } else {
            conditions
        }
    } else {
        trace.failed_checks().map(part).collect()
    };
    parts.dedup();
    parts
}

/// One line of a statement printed as pretty JSON, and whether it belongs to a deciding part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    pub text: String,
    pub deciding: bool,
}

fn element_field(element: ElementKind) -> &'static str {
    match element {
        ElementKind::Principal => "Principal",
        ElementKind::NotPrincipal => "NotPrincipal",
        ElementKind::Action => "Action",
        ElementKind::NotAction => "NotAction",
        ElementKind::Resource => "Resource",
        ElementKind::NotResource => "NotResource",
        ElementKind::Condition => "Condition",
    }
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

/// `"key": value` at `indent` spaces, the value pretty-printed over as many lines as it takes;
/// every line marked `deciding`.
fn push_member(
    out: &mut Vec<StatementLine>,
    indent: usize,
    key: &str,
    value: &Value,
    comma: bool,
    deciding: bool,
) {
    let pad = " ".repeat(indent);
    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut lines = pretty.lines();
    let first = lines.next().unwrap_or_default();
    let mut text = format!("{pad}{}: {first}", quoted(key));
    for line in lines {
        out.push(StatementLine { text, deciding });
        text = format!("{pad}{line}");
    }
    if comma {
        text.push(',');
    }
    out.push(StatementLine { text, deciding });
}

/// A statement printed as pretty JSON (two-space indent, the same text as
/// `serde_json::to_string_pretty`), line by line, with the lines of the deciding parts marked.
/// Operators and keys are matched as written; a condition key also case-insensitively, as IAM
/// compares keys.
pub fn statement_lines(statement: &Value, parts: &[DecidingPart]) -> Vec<StatementLine> {
    let Value::Object(members) = statement else {
        return serde_json::to_string_pretty(statement)
            .unwrap_or_default()
            .lines()
            .map(|text| StatementLine {
                text: text.to_owned(),
                deciding: false,
            })
            .collect();
    };
    let element_decides = |field: &str| {
        parts
            .iter()
            .any(|p| matches!(p, DecidingPart::Element(e) if element_field(*e) == field && *e != ElementKind::Condition))
    };
    let condition_decides = |operator: &str, key: &str| {
        parts.iter().any(|p| {
            matches!(p, DecidingPart::Condition { operator: o, key: k }
                if o == operator && k.eq_ignore_ascii_case(key))
        })
    };
    let mut out = vec![StatementLine {
        text: "{".to_owned(),
        deciding: false,
    }];
    let count = members.len();
    for (n, (field, value)) in members.iter().enumerate() {
        let comma = n + 1 < count;
        match (field.as_str(), value) {
            ("Condition", Value::Object(operators)) if !operators.is_empty() => {
                out.push(StatementLine {
                    text: "  \"Condition\": {".to_owned(),
                    deciding: false,
                });
                let operator_count = operators.len();
                for (m, (operator, keys)) in operators.iter().enumerate() {
                    let operator_comma = m + 1 < operator_count;
                    match keys {
                        Value::Object(keys) if !keys.is_empty() => {
                            out.push(StatementLine {
                                text: format!("    {}: {{", quoted(operator)),
                                deciding: false,
                            });
                            let key_count = keys.len();
                            for (k, (key, values)) in keys.iter().enumerate() {
                                push_member(
                                    &mut out,
                                    6,
                                    key,
                                    values,
                                    k + 1 < key_count,
                                    condition_decides(operator, key),
                                );
                            }
                            out.push(StatementLine {
                                text: format!("    }}{}", if operator_comma { "," } else { "" }),
                                deciding: false,
                            });
                        }
                        other => push_member(&mut out, 4, operator, other, operator_comma, false),
                    }
                }
                out.push(StatementLine {
                    text: format!("  }}{}", if comma { "," } else { "" }),
                    deciding: false,
                });
            }
            _ => push_member(&mut out, 2, field, value, comma, element_decides(field)),
        }
    }
    out.push(StatementLine {
        text: "}".to_owned(),
        deciding: false,
    });
    out
}
