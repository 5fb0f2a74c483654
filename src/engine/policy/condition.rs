//! Condition operators: one operator + key + values entry against the request's keys.
//!
//! The rules, with the AWS pages they come from (IAM-UG = IAM User Guide):
//! - A key absent from the request makes a condition false, except negated operators (true),
//!   `…IfExists` (true) and `Null` ("IAM JSON policy elements: Condition operators", S7).
//! - Several values of one key are ORed; for a negated operator they are NORed: true only if the
//!   request value matches none of them ("Conditions with multiple context keys or values":
//!   "If a single negated matching condition operator includes multiple values for a context
//!   key, those values are evaluated using a logical NOR").
//! - `ForAnyValue:` is true when at least one request value satisfies the base operator against
//!   the policy values; false when the key is absent or empty. `ForAllValues:` is true when every
//!   request value satisfies it, and true when the key is absent or empty ("Single-valued vs.
//!   multivalued context keys"). With a negated base the base operator is applied to each request
//!   value (NOR over the policy values): `ForAllValues:StringNotLike {"aws:TagKeys": "key1*"}` is
//!   true for `[key2:audit]` and for an absent key, false for `[key1:legal]` — the table in
//!   IAM-UG "Multivalued context key examples".
//! - A set operator on a key holding a single value treats it as a one-value set (AWS warns this
//!   "could result in overly permissive policies", which means it is evaluated, not rejected).
//! - Several values in the request for an operator *without* a set operator: AWS says multivalued
//!   keys "require a condition set operator" and does not document the outcome otherwise. The
//!   engine answers [`Tri::Unknown`] (fail-closed both ways: an Allow does not apply, a Deny does)
//!   and says so. A one-element list is treated as a single value; an empty list as absent
//!   (IAM-UG: "context keys with empty values" are what `Null` detects).
//! - A value that does not parse for its operator (a number for `Numeric…`, a date, a CIDR, a
//!   boolean, an ARN): that comparison is false. If that leaves a negated operator true only
//!   because a comparison could not be made, the outcome is [`Tri::Unknown`] instead (AWS does not
//!   document it; fail-closed either way).
//! - Policy variables are substituted in String, Bool and ARN operators' values (the operator
//!   page marks "Policy variables: Supported" for these families only).
//! - A key the engine does not understand (absent, not marked absent by the request, not in the
//!   catalogue [`super::keys`]) gives [`Tri::Unknown`].

use std::net::IpAddr;

use ipnet::IpNet;

use crate::engine::context::{ContextValue, RequestContext, UNKNOWN_PUBLIC_IP};
use crate::engine::timestamp::Timestamp;

use super::ast::{Condition, OperatorBase, SetQualifier};
use super::evaluate::Tri;
use super::keys;
use super::matching::{arn_matches, resolve_variables, Pattern, Resolution};

/// The result of one condition entry, ready for an [`super::evaluate::ElementCheck`].
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionOutcome {
    pub outcome: Tri,
    /// Policy values after variable substitution.
    pub policy_values: Vec<String>,
    /// The request's value, `None` when absent.
    pub request_value: Option<ContextValue>,
    pub explanation: String,
}

/// One comparison's result: `Invalid` when a side does not parse for the operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    True,
    False,
    Invalid,
}

impl Cmp {
    fn from_bool(b: bool) -> Cmp {
        if b {
            Cmp::True
        } else {
            Cmp::False
        }
    }
}

/// A policy value after variable substitution.
enum PolicyValue {
    Ready(Pattern),
    /// A variable could not be resolved: the value matches nothing.
    Unresolved,
}

/// Evaluate one condition entry against the request.
pub fn evaluate_condition(
    condition: &Condition,
    request: &RequestContext,
    variables_enabled: bool,
) -> ConditionOutcome {
    let op = &condition.operator.raw;
    let key = &condition.key;
    let Some(base) = condition.operator.base else {
        return ConditionOutcome {
            outcome: Tri::Unknown,
            policy_values: condition.values.clone(),
            request_value: request.keys.get(key).cloned(),
            explanation: format!(
                "the engine does not know the condition operator `{op}`, so it cannot tell whether this condition holds (an Allow with it never applies, a Deny applies)"
            ),
        };
    };

    let substitute = variables_enabled
        && matches!(
            base,
            OperatorBase::StringEquals
                | OperatorBase::StringNotEquals
                | OperatorBase::StringEqualsIgnoreCase
                | OperatorBase::StringNotEqualsIgnoreCase
                | OperatorBase::StringLike
                | OperatorBase::StringNotLike
                | OperatorBase::Bool
                | OperatorBase::ArnEquals
                | OperatorBase::ArnLike
                | OperatorBase::ArnNotEquals
                | OperatorBase::ArnNotLike
        );
    let mut shown = Vec::with_capacity(condition.values.len());
    let mut values = Vec::with_capacity(condition.values.len());
    let mut unresolved_keys = Vec::new();
    for raw in &condition.values {
        let r = resolve_variables(raw, &request.keys, substitute);
        shown.push(r.display().to_owned());
        match r {
            Resolution::Resolved(p) => values.push(PolicyValue::Ready(p)),
            Resolution::Unresolved { key, .. } => {
                unresolved_keys.push(key);
                values.push(PolicyValue::Unresolved);
            }
        }
    }

    let present = match request.keys.get(key) {
        Some(ContextValue::Multi(v)) if v.is_empty() => None,
        other => other.cloned(),
    };
    let finish =
        |outcome: Tri, explanation: String, request_value: Option<ContextValue>| ConditionOutcome {
            outcome,
            policy_values: shown.clone(),
            request_value,
            explanation,
        };

    let Some(value) = present else {
        let understood = request.keys.get(key).is_some()
            || request.keys.is_known_absent(key)
            || keys::is_understood(key);
        if !understood {
            return finish(
                Tri::Unknown,
                format!(
                    "the engine does not know condition key `{key}`; it cannot tell whether the request carries it, so `{op}` is unknown (an Allow with it never applies, a Deny applies)"
                ),
                None,
            );
        }
        let (outcome, why) = absent_outcome(condition, base);
        return finish(
            outcome,
            format!("`{key}` is absent from the request, so {op} is {why}"),
            None,
        );
    };

    if base == OperatorBase::Null {
        let wants_absent: Vec<bool> = condition
            .values
            .iter()
            .filter_map(|v| parse_bool(v))
            .collect();
        let outcome = Tri::from_bool(wants_absent.contains(&false));
        let explanation = if outcome == Tri::Match {
            format!("`{key}` is present in the request, and Null `false` requires it to be present")
        } else {
            format!("`{key}` is present in the request, but Null `true` requires it to be absent")
        };
        return finish(outcome, explanation, Some(value));
    }

    let request_values: Vec<&str> = value.values();
    let shown_request = describe_values(&request_values);
    let unresolved_note = if unresolved_keys.is_empty() {
        String::new()
    } else {
        format!(
            " (a policy value uses a variable whose key `{}` is absent and has no default, so that value matches nothing)",
            unresolved_keys.join("`, `")
        )
    };

    match condition.operator.qualifier {
        None => {
            let [single] = request_values.as_slice() else {
                return finish(
                    Tri::Unknown,
                    format!(
                        "`{key}` holds several values ({shown_request}) but `{op}` has no ForAnyValue:/ForAllValues: qualifier; AWS requires one for multivalued keys and does not document the result, so the engine treats it as unknown"
                    ),
                    Some(value.clone()),
                );
            };
            let (result, invalid) = apply_base(base, single, &values);
            let outcome = negation_guard(base, result, invalid, !unresolved_keys.is_empty());
            let verb = match outcome {
                Tri::Match => "is true",
                Tri::NoMatch => "is false",
                Tri::Unknown => "cannot be decided",
            };
            let explanation = if outcome == Tri::Unknown {
                format!(
                    "`{key}` is {shown_request}; {op} {verb} because some policy values could not be compared (wrong type or unresolved variable) and a negated operator would only hold for that reason{unresolved_note}"
                )
            } else if invalid && !base.is_negated() {
                format!(
                    "`{key}` is {shown_request}; {op} {verb} against {} (values that do not parse as this operator's type never match){unresolved_note}",
                    describe_values(&shown.iter().map(String::as_str).collect::<Vec<_>>())
                )
            } else {
                format!(
                    "`{key}` is {shown_request}; {op} {verb} against {}{unresolved_note}",
                    describe_values(&shown.iter().map(String::as_str).collect::<Vec<_>>())
                )
            };
            finish(outcome, explanation, Some(value.clone()))
        }
        Some(qualifier) => {
            let mut any_true = false;
            let mut all_true = true;
            let mut any_invalid = false;
            let mut failing: Vec<&str> = Vec::new();
            for rv in &request_values {
                let (r, invalid) = apply_base(base, rv, &values);
                any_invalid |= invalid;
                if r {
                    any_true = true;
                } else {
                    all_true = false;
                    failing.push(rv);
                }
            }
            let result = match qualifier {
                SetQualifier::ForAnyValue => any_true,
                SetQualifier::ForAllValues => all_true,
            };
            let outcome = negation_guard(base, result, any_invalid, !unresolved_keys.is_empty());
            let policy_shown =
                describe_values(&shown.iter().map(String::as_str).collect::<Vec<_>>());
            let explanation = match (qualifier, outcome) {
                (_, Tri::Unknown) => format!(
                    "`{key}` is {shown_request}; {op} cannot be decided because some values could not be compared (wrong type or unresolved variable){unresolved_note}"
                ),
                (SetQualifier::ForAnyValue, Tri::Match) => format!(
                    "`{key}` is {shown_request}; at least one value satisfies {op} against {policy_shown}{unresolved_note}"
                ),
                (SetQualifier::ForAnyValue, Tri::NoMatch) => format!(
                    "`{key}` is {shown_request}; no value satisfies {op} against {policy_shown}{unresolved_note}"
                ),
                (SetQualifier::ForAllValues, Tri::Match) => format!(
                    "`{key}` is {shown_request}; every value satisfies {op} against {policy_shown}{unresolved_note}"
                ),
                (SetQualifier::ForAllValues, Tri::NoMatch) => format!(
                    "`{key}` is {shown_request}; {} does not satisfy {op} against {policy_shown}, and ForAllValues needs every value to{unresolved_note}",
                    describe_values(&failing)
                ),
            };
            finish(outcome, explanation, Some(value.clone()))
        }
    }
}

impl Tri {
    fn from_bool(b: bool) -> Tri {
        if b {
            Tri::Match
        } else {
            Tri::NoMatch
        }
    }
}

/// The outcome for an understood key that is absent, and the words for why.
fn absent_outcome(condition: &Condition, base: OperatorBase) -> (Tri, &'static str) {
    if base == OperatorBase::Null {
        let wants: Vec<bool> = condition
            .values
            .iter()
            .filter_map(|v| parse_bool(v))
            .collect();
        return if wants.contains(&true) {
            (
                Tri::Match,
                "true (Null `true` means the key must be absent)",
            )
        } else {
            (
                Tri::NoMatch,
                "false (Null `false` requires the key to be present)",
            )
        };
    }
    match condition.operator.qualifier {
        Some(SetQualifier::ForAllValues) => (
            Tri::Match,
            "true (ForAllValues is true when the key is missing or empty — AWS's documented pitfall)",
        ),
        Some(SetQualifier::ForAnyValue) if condition.operator.if_exists => {
            (Tri::Match, "true (…IfExists conditions hold when the key is missing)")
        }
        Some(SetQualifier::ForAnyValue) => (Tri::NoMatch, "false (ForAnyValue is false when the key is missing)"),
        None if condition.operator.if_exists => (Tri::Match, "true (…IfExists conditions hold when the key is missing)"),
        None if base.is_negated() => (Tri::Match, "true (negated operators are true when the key is missing)"),
        None => (Tri::NoMatch, "false (a condition on a missing key does not match)"),
    }
}

/// A negated operator that holds only because some comparisons could not be made is `Unknown`.
fn negation_guard(base: OperatorBase, result: bool, invalid: bool, unresolved: bool) -> Tri {
    if base.is_negated() && result && (invalid || unresolved) {
        Tri::Unknown
    } else {
        Tri::from_bool(result)
    }
}

/// The base operator for one request value against all policy values: OR of the positive
/// comparisons, negated for negated operators. Also says whether any comparison was invalid.
fn apply_base(base: OperatorBase, request_value: &str, values: &[PolicyValue]) -> (bool, bool) {
    let mut any = false;
    let mut invalid = false;
    for v in values {
        let PolicyValue::Ready(pattern) = v else {
            continue;
        };
        match compare(base, request_value, pattern) {
            Cmp::True => any = true,
            Cmp::False => {}
            Cmp::Invalid => invalid = true,
        }
    }
    if base.is_negated() {
        (!any, invalid)
    } else {
        (any, invalid)
    }
}

/// The positive comparison behind `base` (StringNotEquals compares as StringEquals, …).
fn compare(base: OperatorBase, request_value: &str, policy: &Pattern) -> Cmp {
    use OperatorBase as O;
    let text = policy.text.as_str();
    match base {
        O::StringEquals | O::StringNotEquals => Cmp::from_bool(request_value == literal(policy)),
        O::StringEqualsIgnoreCase | O::StringNotEqualsIgnoreCase => {
            Cmp::from_bool(request_value.to_lowercase() == literal(policy).to_lowercase())
        }
        O::StringLike | O::StringNotLike => Cmp::from_bool(policy.matches(request_value, false)),
        O::NumericEquals | O::NumericNotEquals => numeric(request_value, text, |a, b| a == b),
        O::NumericLessThan => numeric(request_value, text, |a, b| a < b),
        O::NumericLessThanEquals => numeric(request_value, text, |a, b| a <= b),
        O::NumericGreaterThan => numeric(request_value, text, |a, b| a > b),
        O::NumericGreaterThanEquals => numeric(request_value, text, |a, b| a >= b),
        O::DateEquals | O::DateNotEquals => date(request_value, text, |a, b| a == b),
        O::DateLessThan => date(request_value, text, |a, b| a < b),
        O::DateLessThanEquals => date(request_value, text, |a, b| a <= b),
        O::DateGreaterThan => date(request_value, text, |a, b| a > b),
        O::DateGreaterThanEquals => date(request_value, text, |a, b| a >= b),
        O::Bool => match (parse_bool(request_value), parse_bool(&literal(policy))) {
            (Some(a), Some(b)) => Cmp::from_bool(a == b),
            _ => Cmp::Invalid,
        },
        O::BinaryEquals => match decode_base64(text) {
            Some(policy_bytes) => {
                let request_bytes = decode_base64(request_value)
                    .unwrap_or_else(|| request_value.as_bytes().to_vec());
                Cmp::from_bool(policy_bytes == request_bytes)
            }
            None => Cmp::Invalid,
        },
        // An unknown public address lies in no CIDR: a definite "no", not an invalid value
        // (contract §2: `IpAddress` false, `NotIpAddress` true).
        O::IpAddress | O::NotIpAddress if request_value == UNKNOWN_PUBLIC_IP => {
            match parse_network(text) {
                Some(_) => Cmp::False,
                None => Cmp::Invalid,
            }
        }
        O::IpAddress | O::NotIpAddress => {
            match (request_value.trim().parse::<IpAddr>(), parse_network(text)) {
                (Ok(ip), Some(net)) => Cmp::from_bool(net.contains(&ip)),
                _ => Cmp::Invalid,
            }
        }
        O::ArnEquals | O::ArnLike | O::ArnNotEquals | O::ArnNotLike => {
            if !request_value.starts_with("arn:") || request_value.splitn(6, ':').count() < 6 {
                Cmp::Invalid
            } else {
                Cmp::from_bool(arn_matches(policy, request_value))
            }
        }
        O::Null => Cmp::Invalid,
    }
}

/// The pattern's text with wildcards as plain characters (StringEquals has no wildcards).
fn literal(p: &Pattern) -> String {
    p.text.clone()
}

fn numeric(request_value: &str, policy: &str, f: impl Fn(f64, f64) -> bool) -> Cmp {
    match (parse_number(request_value), parse_number(policy)) {
        (Some(a), Some(b)) => Cmp::from_bool(f(a, b)),
        _ => Cmp::Invalid,
    }
}

fn parse_number(s: &str) -> Option<f64> {
    let n: f64 = s.trim().parse().ok()?;
    n.is_finite().then_some(n)
}

fn date(request_value: &str, policy: &str, f: impl Fn(Timestamp, Timestamp) -> bool) -> Cmp {
    match (Timestamp::parse(request_value), Timestamp::parse(policy)) {
        (Some(a), Some(b)) => Cmp::from_bool(f(a, b)),
        _ => Cmp::Invalid,
    }
}

/// `true`/`false`, case-insensitively.
pub fn parse_bool(s: &str) -> Option<bool> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("true") {
        Some(true)
    } else if t.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// A CIDR (`10.0.0.0/8`, `2001:db8::/32`) or a bare address (a one-address network).
pub fn parse_network(s: &str) -> Option<IpNet> {
    let t = s.trim();
    if let Ok(net) = t.parse::<IpNet>() {
        return Some(net);
    }
    t.parse::<IpAddr>().ok().map(IpNet::from)
}

/// Standard base64 (with or without padding). `None` when not base64.
pub fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let t = s.trim().trim_end_matches('=');
    let mut out = Vec::with_capacity(t.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0u32;
    for c in t.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    if t.len() % 4 == 1 {
        return None;
    }
    Some(out)
}

/// `"a"`, or `["a", "b"]`, for explanations.
fn describe_values(values: &[&str]) -> String {
    match values {
        [one] => format!("`{one}`"),
        many => format!(
            "[{}]",
            many.iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes_with_and_without_padding() {
        assert_eq!(decode_base64("QmluYXJ5"), Some(b"Binary".to_vec()));
        assert_eq!(decode_base64("YQ=="), Some(b"a".to_vec()));
        assert_eq!(decode_base64("YQ"), Some(b"a".to_vec()));
        assert_eq!(decode_base64("not base64!"), None);
    }
}
