//! Parsing and validation of policy documents.
//!
//! A document is a JSON object, a string holding JSON, or a URL-encoded JSON string (as the IAM
//! API returns inline and managed policy documents). Every finding is collected — parsing never
//! stops at the first — with a location such as
//! `Statement[2] (Sid "AllowRead").Condition.StringEquals.aws:SourceVpc`.
//!
//! [`ParsedPolicy::policy`] is `Some` whenever the document is a JSON object: statements whose
//! Effect is missing or invalid are left out of it (they cannot be evaluated), everything else is
//! kept on a best-effort basis. A caller must treat any [`Severity::Error`] as "AWS would reject
//! this document". Elements the engine does not understand are reported as warnings and recorded
//! in [`Statement::unsupported`], which makes the statement deny-only.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::{Map, Value};

use super::ast::{
    Condition, ConditionOperator, Effect, OperatorBase, PatternElement, Policy, PolicyKind,
    PrincipalElement, PrincipalSet, PrincipalType, SetQualifier, Statement,
};
use super::keys;
use super::matching::{has_partial_wildcard, is_arn_pattern, Pattern};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Severity {
    /// AWS would reject the document (MalformedPolicyDocument): the model is invalid.
    Error,
    /// Accepted by AWS but suspicious or unsupported by the engine (the statement is then
    /// evaluated so that it can only deny).
    Warning,
}

/// One finding, located by statement and element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code, e.g. `UNKNOWN_OPERATOR`, `DUPLICATE_SID`, `OVERLY_PERMISSIVE_CONDITION`.
    pub code: String,
    /// Where: `Statement[2] (Sid "AllowRead").Condition.StringEquals.aws:SourceVpc`, or a JSON
    /// pointer-like path relative to the document.
    pub location: String,
    pub message: String,
}

/// A parsed document with everything found wrong in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedPolicy {
    /// `None` when the document is too broken to evaluate (then `diagnostics` has an Error).
    pub policy: Option<Policy>,
    pub diagnostics: Vec<Diagnostic>,
}

impl ParsedPolicy {
    /// Whether any finding is an Error (AWS would reject the document).
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Every diagnostic code the parser emits, with a one-line description (for the docs).
pub const DIAGNOSTIC_CODES: &[(&str, &str)] = &[
    ("MALFORMED_POLICY", "Error: the document is not a JSON object (nor a string holding one, plain or URL-encoded)."),
    ("INVALID_VERSION", "Error: Version is not `2012-10-17` or `2008-10-17`."),
    ("INVALID_ID", "Error: Id is not a string."),
    ("MISSING_STATEMENT", "Error: the document has no Statement element."),
    ("INVALID_STATEMENT", "Error: Statement is not an object or a list of objects."),
    ("EMPTY_STATEMENT", "Warning: the Statement list is empty, so the policy grants and denies nothing."),
    ("UNKNOWN_ELEMENT", "Warning: an element the engine does not know; the statements it affects can only deny."),
    ("INVALID_SID", "Error: Sid is not a string."),
    ("DUPLICATE_SID", "Warning: two statements share a Sid."),
    ("MISSING_EFFECT", "Error: a statement has no Effect."),
    ("INVALID_EFFECT", "Error: Effect is not exactly `Allow` or `Deny`; the statement is left out."),
    ("MISSING_ACTION", "Error: a statement has neither Action nor NotAction."),
    ("BOTH_ACTION_AND_NOT_ACTION", "Error: a statement has both Action and NotAction."),
    ("INVALID_ACTION", "Error: an Action value is not `*` or `service:action` text."),
    ("MISSING_RESOURCE", "Error: a statement has neither Resource nor NotResource where this kind of policy requires one."),
    ("BOTH_RESOURCE_AND_NOT_RESOURCE", "Error: a statement has both Resource and NotResource."),
    ("INVALID_RESOURCE", "Error: a Resource value is not a string or a list of strings."),
    ("MALFORMED_ARN", "Warning: a Resource pattern is neither `*` nor an ARN with six parts; it never matches."),
    ("MISSING_PRINCIPAL", "Error: a statement has neither Principal nor NotPrincipal in a policy kind that needs one."),
    ("PRINCIPAL_NOT_ALLOWED", "Error: Principal or NotPrincipal in an identity, boundary, session or SCP policy."),
    ("BOTH_PRINCIPAL_AND_NOT_PRINCIPAL", "Error: a statement has both Principal and NotPrincipal."),
    ("INVALID_PRINCIPAL", "Error: a Principal is not `*` or an object of AWS/Service/Federated/CanonicalUser entries."),
    ("PRINCIPAL_WILDCARD", "Error: a Principal entry contains a partial wildcard; AWS allows only `*` alone."),
    ("UNRECOGNIZED_PRINCIPAL", "Warning: an AWS principal is neither `*`, an account id nor an ARN (e.g. a deleted principal's unique id); it never matches."),
    ("RCP_PRINCIPAL_MUST_BE_WILDCARD", "Error: a resource control policy statement must have `\"Principal\": \"*\"`."),
    ("INVALID_CONDITION", "Error: the Condition block or an operator's block is not an object."),
    ("INVALID_CONDITION_VALUE", "Error: a condition value is not a string, number, boolean or a list of them."),
    ("UNKNOWN_OPERATOR", "Warning: a condition operator the engine does not know; the statement can only deny."),
    ("INVALID_NULL_VALUE", "Error: the Null operator takes only `true` or `false`."),
    ("FOR_ALL_VALUES_ON_SINGLE_VALUED_KEY", "Warning: ForAllValues on a single-valued key is true when the key is absent — usually overly permissive."),
    ("FOR_ANY_VALUE_ON_SINGLE_VALUED_KEY", "Warning: ForAnyValue on a single-valued key; AWS advises against set operators on single-valued keys."),
    ("MISSING_SET_OPERATOR", "Warning: a multivalued key without ForAnyValue:/ForAllValues:; with several request values the engine cannot decide it."),
    ("OVERLY_PERMISSIVE_CONDITION", "Error (key policies): ForAllValues with a kms:EncryptionContext:<key> condition; KMS rejects it at PutKeyPolicy."),
    ("SET_OPERATOR_ON_ENCRYPTION_CONTEXT", "Warning: ForAnyValue/ForAllValues with a kms:EncryptionContext:<key> condition, which KMS advises against."),
    ("VARIABLES_NEED_VERSION_2012", "Warning: `${…}` appears but Version is not `2012-10-17`, so it is literal text."),
];

/// Parse a policy given as a JSON object, a JSON-encoded string, or a URL-encoded string.
pub fn parse_policy(document: &serde_json::Value, kind: PolicyKind) -> ParsedPolicy {
    let mut parser = Parser {
        kind,
        diagnostics: Vec::new(),
        sids: HashSet::new(),
    };
    let policy = parser.document(document);
    ParsedPolicy {
        policy,
        diagnostics: parser.diagnostics,
    }
}

/// Decode a string document: JSON text, or URL-encoded JSON text.
fn decode_string_document(text: &str) -> Option<Value> {
    let trimmed = text.trim();
    if let Ok(v) = serde_json::from_str::<Value>(trimmed) {
        return Some(v);
    }
    if trimmed.contains('%') {
        let decoded = percent_encoding::percent_decode_str(trimmed)
            .decode_utf8()
            .ok()?;
        if let Ok(v) = serde_json::from_str::<Value>(decoded.trim()) {
            return Some(v);
        }
        // Form encoding writes spaces as `+`.
        let plus = trimmed.replace('+', " ");
        let decoded = percent_encoding::percent_decode_str(&plus)
            .decode_utf8()
            .ok()?;
        return serde_json::from_str::<Value>(decoded.trim()).ok();
    }
    None
}

struct Parser {
    kind: PolicyKind,
    diagnostics: Vec<Diagnostic>,
    /// Sids seen so far, to report duplicates.
    sids: HashSet<String>,
}

/// Known statement elements.
const STATEMENT_ELEMENTS: &[&str] = &[
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

impl Parser {
    fn error(&mut self, code: &str, location: &str, message: String) {
        self.push(Severity::Error, code, location, message);
    }
    fn warning(&mut self, code: &str, location: &str, message: String) {
        self.push(Severity::Warning, code, location, message);
    }
    fn push(&mut self, severity: Severity, code: &str, location: &str, message: String) {
        self.diagnostics.push(Diagnostic {
            severity,
            code: code.to_owned(),
            location: location.to_owned(),
            message,
        });
    }

    fn document(&mut self, document: &Value) -> Option<Policy> {
        let decoded;
        let value = match document {
            Value::String(text) => match decode_string_document(text) {
                Some(v) => {
                    decoded = v;
                    &decoded
                }
                None => {
                    self.error(
                        "MALFORMED_POLICY",
                        "(document)",
                        "the policy document is a string that is neither JSON nor URL-encoded JSON"
                            .to_owned(),
                    );
                    return None;
                }
            },
            other => other,
        };
        let Value::Object(map) = value else {
            self.error(
                "MALFORMED_POLICY",
                "(document)",
                format!(
                    "the policy document must be a JSON object, not {}",
                    json_type(value)
                ),
            );
            return None;
        };

        let mut unknown_top = Vec::new();
        for name in map.keys() {
            if !matches!(name.as_str(), "Version" | "Id" | "Statement") {
                self.warning(
                    "UNKNOWN_ELEMENT",
                    name,
                    format!("unknown top-level element `{name}`; the engine ignores it and lets the policy only deny"),
                );
                unknown_top.push(format!("unknown top-level element `{name}`"));
            }
        }

        let version = match map.get("Version") {
            None => None,
            Some(Value::String(v)) => {
                if v != "2012-10-17" && v != "2008-10-17" {
                    self.error(
                        "INVALID_VERSION",
                        "Version",
                        format!("Version `{v}` is not valid; use `2012-10-17` (or the legacy `2008-10-17`)"),
                    );
                }
                Some(v.clone())
            }
            Some(other) => {
                self.error(
                    "INVALID_VERSION",
                    "Version",
                    format!("Version must be a string, not {}", json_type(other)),
                );
                None
            }
        };
        let id = match map.get("Id") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.error(
                    "INVALID_ID",
                    "Id",
                    format!("Id must be a string, not {}", json_type(other)),
                );
                None
            }
        };
        let variables_enabled = version.as_deref() == Some("2012-10-17");

        let mut statements = Vec::new();
        match map.get("Statement") {
            None => self.error(
                "MISSING_STATEMENT",
                "Statement",
                "the policy has no Statement element".to_owned(),
            ),
            Some(Value::Object(one)) => {
                let location = match one.get("Sid") {
                    Some(Value::String(sid)) => format!("Statement (Sid \"{sid}\")"),
                    _ => "Statement".to_owned(),
                };
                if let Some(s) = self.statement(one, 0, location, variables_enabled) {
                    statements.push(s);
                }
            }
            Some(Value::Array(list)) => {
                if list.is_empty() {
                    self.warning(
                        "EMPTY_STATEMENT",
                        "Statement",
                        "the Statement list is empty".to_owned(),
                    );
                }
                for (i, item) in list.iter().enumerate() {
                    let location = format!("Statement[{i}]");
                    match item {
                        Value::Object(obj) => {
                            let with_sid = match obj.get("Sid") {
                                Some(Value::String(sid)) => format!("{location} (Sid \"{sid}\")"),
                                _ => location,
                            };
                            if let Some(s) = self.statement(obj, i, with_sid, variables_enabled) {
                                statements.push(s);
                            }
                        }
                        other => self.error(
                            "INVALID_STATEMENT",
                            &location,
                            format!(
                                "each statement must be a JSON object, not {}",
                                json_type(other)
                            ),
                        ),
                    }
                }
            }
            Some(other) => self.error(
                "INVALID_STATEMENT",
                "Statement",
                format!(
                    "Statement must be an object or a list of objects, not {}",
                    json_type(other)
                ),
            ),
        }

        if !unknown_top.is_empty() {
            for s in &mut statements {
                s.unsupported.extend(unknown_top.iter().cloned());
            }
        }
        Some(Policy {
            version,
            id,
            statements,
        })
    }

    fn statement(
        &mut self,
        obj: &Map<String, Value>,
        index: usize,
        location: String,
        variables_enabled: bool,
    ) -> Option<Statement> {
        let loc = location.as_str();
        let mut unsupported = Vec::new();
        for name in obj.keys() {
            if !STATEMENT_ELEMENTS.contains(&name.as_str()) {
                self.warning(
                    "UNKNOWN_ELEMENT",
                    &format!("{loc}.{name}"),
                    format!("unknown statement element `{name}`; the statement can only deny"),
                );
                unsupported.push(format!("unknown element `{name}`"));
            }
        }

        let sid = match obj.get("Sid") {
            None => None,
            Some(Value::String(s)) => {
                if !s.is_empty() && !self.sids.insert(s.clone()) {
                    self.warning(
                        "DUPLICATE_SID",
                        &format!("{loc}.Sid"),
                        format!("Sid `{s}` is used by more than one statement"),
                    );
                }
                Some(s.clone())
            }
            Some(other) => {
                self.error(
                    "INVALID_SID",
                    &format!("{loc}.Sid"),
                    format!("Sid must be a string, not {}", json_type(other)),
                );
                None
            }
        };

        let effect = match obj.get("Effect") {
            None => {
                self.error(
                    "MISSING_EFFECT",
                    &format!("{loc}.Effect"),
                    "the statement has no Effect".to_owned(),
                );
                None
            }
            Some(Value::String(e)) if e == "Allow" => Some(Effect::Allow),
            Some(Value::String(e)) if e == "Deny" => Some(Effect::Deny),
            Some(other) => {
                self.error(
                    "INVALID_EFFECT",
                    &format!("{loc}.Effect"),
                    format!("Effect must be `Allow` or `Deny`, not {}", show(other)),
                );
                None
            }
        };

        let principal = self.principal_element(obj, loc);
        let action = self.action_element(obj, loc);
        let resource = self.resource_element(obj, loc, variables_enabled);
        let conditions = match obj.get("Condition") {
            None => Vec::new(),
            Some(c) => self.conditions(c, loc, variables_enabled, &mut unsupported),
        };

        let effect = effect?;
        Some(Statement {
            index,
            sid,
            effect,
            principal,
            action: action.unwrap_or(PatternElement {
                negated: false,
                patterns: Vec::new(),
            }),
            resource,
            conditions,
            unsupported,
        })
    }

    fn principal_element(
        &mut self,
        obj: &Map<String, Value>,
        loc: &str,
    ) -> Option<PrincipalElement> {
        let positive = obj.get("Principal");
        let negative = obj.get("NotPrincipal");
        if !self.kind.has_principal() {
            if positive.is_some() || negative.is_some() {
                let name = if positive.is_some() {
                    "Principal"
                } else {
                    "NotPrincipal"
                };
                self.error(
                    "PRINCIPAL_NOT_ALLOWED",
                    &format!("{loc}.{name}"),
                    format!("{name} is not allowed in a {:?} policy", self.kind),
                );
            }
            return None;
        }
        let (negated, value, name) = match (positive, negative) {
            (Some(_), Some(_)) => {
                self.error(
                    "BOTH_PRINCIPAL_AND_NOT_PRINCIPAL",
                    loc,
                    "a statement cannot have both Principal and NotPrincipal".to_owned(),
                );
                return None;
            }
            (Some(v), None) => (false, v, "Principal"),
            (None, Some(v)) => (true, v, "NotPrincipal"),
            (None, None) => {
                if self.kind == PolicyKind::EndpointPolicy {
                    // An endpoint policy statement without Principal means everyone.
                    return Some(PrincipalElement {
                        negated: false,
                        set: PrincipalSet::Anyone,
                    });
                }
                self.error(
                    "MISSING_PRINCIPAL",
                    &format!("{loc}.Principal"),
                    format!(
                        "a {:?} policy statement needs a Principal or NotPrincipal",
                        self.kind
                    ),
                );
                return None;
            }
        };
        let location = format!("{loc}.{name}");
        let set = match value {
            Value::String(s) if s == "*" => PrincipalSet::Anyone,
            Value::Object(map) => {
                if map.is_empty() {
                    self.error(
                        "INVALID_PRINCIPAL",
                        &location,
                        format!("{name} is an empty object"),
                    );
                }
                let mut entries = Vec::new();
                for (type_name, v) in map {
                    let entry_location = format!("{location}.{type_name}");
                    let principal_type = match type_name.as_str() {
                        "AWS" => PrincipalType::Aws,
                        "Service" => PrincipalType::Service,
                        "Federated" => PrincipalType::Federated,
                        "CanonicalUser" => PrincipalType::CanonicalUser,
                        other => {
                            self.error(
                                "INVALID_PRINCIPAL",
                                &entry_location,
                                format!("unknown principal type `{other}` (expected AWS, Service, Federated or CanonicalUser)"),
                            );
                            continue;
                        }
                    };
                    let Some(values) = self.string_list(v, &entry_location, "INVALID_PRINCIPAL")
                    else {
                        continue;
                    };
                    for value in values {
                        if has_partial_wildcard(&value) {
                            self.error(
                                "PRINCIPAL_WILDCARD",
                                &entry_location,
                                format!("`{value}` contains a wildcard; a Principal allows only `*` alone (use a condition on aws:PrincipalArn instead)"),
                            );
                        } else if principal_type == PrincipalType::Aws
                            && value != "*"
                            && value.parse::<crate::engine::ids::AccountId>().is_err()
                            && value.parse::<crate::engine::ids::Arn>().is_err()
                        {
                            self.warning(
                                "UNRECOGNIZED_PRINCIPAL",
                                &entry_location,
                                format!("`{value}` is neither an account id nor an ARN (a deleted principal shows as its unique id); it never matches"),
                            );
                        }
                        entries.push((principal_type, value));
                    }
                }
                PrincipalSet::Entries(entries)
            }
            other => {
                self.error(
                    "INVALID_PRINCIPAL",
                    &location,
                    format!(
                        "{name} must be `\"*\"` or an object such as {{\"AWS\": …}}, not {}",
                        show(other)
                    ),
                );
                PrincipalSet::Entries(Vec::new())
            }
        };
        if self.kind == PolicyKind::Rcp && (negated || set != PrincipalSet::Anyone) {
            self.error(
                "RCP_PRINCIPAL_MUST_BE_WILDCARD",
                &location,
                "a resource control policy statement must use `\"Principal\": \"*\"`".to_owned(),
            );
        }
        Some(PrincipalElement { negated, set })
    }

    fn action_element(&mut self, obj: &Map<String, Value>, loc: &str) -> Option<PatternElement> {
        let (negated, value, name) = match (obj.get("Action"), obj.get("NotAction")) {
            (Some(_), Some(_)) => {
                self.error(
                    "BOTH_ACTION_AND_NOT_ACTION",
                    loc,
                    "a statement cannot have both Action and NotAction".to_owned(),
                );
                return None;
            }
            (Some(v), None) => (false, v, "Action"),
            (None, Some(v)) => (true, v, "NotAction"),
            (None, None) => {
                self.error(
                    "MISSING_ACTION",
                    &format!("{loc}.Action"),
                    "the statement has no Action or NotAction".to_owned(),
                );
                return None;
            }
        };
        let location = format!("{loc}.{name}");
        let patterns = self.string_list(value, &location, "INVALID_ACTION")?;
        for p in &patterns {
            let valid = p == "*"
                || p.split_once(':')
                    .is_some_and(|(service, action)| !service.is_empty() && !action.is_empty());
            if !valid {
                self.error(
                    "INVALID_ACTION",
                    &location,
                    format!(
                        "`{p}` is not an action; write `service:Action` (wildcards allowed) or `*`"
                    ),
                );
            }
        }
        Some(PatternElement { negated, patterns })
    }

    fn resource_element(
        &mut self,
        obj: &Map<String, Value>,
        loc: &str,
        variables_enabled: bool,
    ) -> Option<PatternElement> {
        let (negated, value, name) = match (obj.get("Resource"), obj.get("NotResource")) {
            (Some(_), Some(_)) => {
                self.error(
                    "BOTH_RESOURCE_AND_NOT_RESOURCE",
                    loc,
                    "a statement cannot have both Resource and NotResource".to_owned(),
                );
                return None;
            }
            (Some(v), None) => (false, v, "Resource"),
            (None, Some(v)) => (true, v, "NotResource"),
            (None, None) => {
                return match self.kind {
                    PolicyKind::Trust => None,
                    PolicyKind::EndpointPolicy => Some(PatternElement {
                        negated: false,
                        patterns: vec!["*".to_owned()],
                    }),
                    _ => {
                        self.error(
                            "MISSING_RESOURCE",
                            &format!("{loc}.Resource"),
                            format!(
                                "a {:?} policy statement needs a Resource or NotResource",
                                self.kind
                            ),
                        );
                        None
                    }
                };
            }
        };
        let location = format!("{loc}.{name}");
        let patterns = self.string_list(value, &location, "INVALID_RESOURCE")?;
        for p in &patterns {
            let pattern = Pattern::wildcard(p);
            if !pattern.is_match_all() && !is_arn_pattern(&pattern) {
                self.warning(
                    "MALFORMED_ARN",
                    &location,
                    format!("`{p}` is neither `*` nor an ARN with six parts (`arn:partition:service:region:account:resource`); it never matches"),
                );
            }
            if !variables_enabled && p.contains("${") {
                self.variables_warning(&location, p);
            }
        }
        Some(PatternElement { negated, patterns })
    }

    fn variables_warning(&mut self, location: &str, text: &str) {
        self.warning(
            "VARIABLES_NEED_VERSION_2012",
            location,
            format!("`{text}` looks like a policy variable, but variables work only with Version `2012-10-17`; it is literal text here"),
        );
    }

    fn conditions(
        &mut self,
        value: &Value,
        loc: &str,
        variables_enabled: bool,
        unsupported: &mut Vec<String>,
    ) -> Vec<Condition> {
        let location = format!("{loc}.Condition");
        let Value::Object(block) = value else {
            self.error(
                "INVALID_CONDITION",
                &location,
                format!("Condition must be an object, not {}", json_type(value)),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (raw_operator, keys_value) in block {
            let op_location = format!("{location}.{raw_operator}");
            let operator = parse_operator(raw_operator);
            if operator.base.is_none() {
                self.warning(
                    "UNKNOWN_OPERATOR",
                    &op_location,
                    format!(
                        "unknown condition operator `{raw_operator}`; the statement can only deny"
                    ),
                );
                unsupported.push(format!("unknown condition operator `{raw_operator}`"));
            }
            let Value::Object(entries) = keys_value else {
                self.error(
                    "INVALID_CONDITION",
                    &op_location,
                    format!(
                        "the `{raw_operator}` block must be an object of key → values, not {}",
                        json_type(keys_value)
                    ),
                );
                continue;
            };
            for (key, raw_values) in entries {
                let key_location = format!("{op_location}.{key}");
                let Some(values) = self.condition_values(raw_values, &key_location) else {
                    continue;
                };
                self.check_condition(&operator, key, &values, &key_location, variables_enabled);
                out.push(Condition {
                    operator: operator.clone(),
                    key: key.clone(),
                    values,
                });
            }
        }
        out
    }

    fn check_condition(
        &mut self,
        operator: &ConditionOperator,
        key: &str,
        values: &[String],
        location: &str,
        variables_enabled: bool,
    ) {
        if operator.base == Some(OperatorBase::Null) {
            if let Some(bad) = values
                .iter()
                .find(|v| !v.eq_ignore_ascii_case("true") && !v.eq_ignore_ascii_case("false"))
            {
                self.error(
                    "INVALID_NULL_VALUE",
                    location,
                    format!("Null takes `true` or `false`, not `{bad}`"),
                );
            }
        }
        let multivalued = keys::is_multivalued(key);
        match operator.qualifier {
            Some(SetQualifier::ForAllValues) if multivalued == Some(false) && !keys::is_encryption_context_key(key) => self.warning(
                "FOR_ALL_VALUES_ON_SINGLE_VALUED_KEY",
                location,
                format!("`{key}` is single-valued; ForAllValues is true when it is absent, which usually grants more than intended"),
            ),
            Some(SetQualifier::ForAnyValue) if multivalued == Some(false) && !keys::is_encryption_context_key(key) => self.warning(
                "FOR_ANY_VALUE_ON_SINGLE_VALUED_KEY",
                location,
                format!("`{key}` is single-valued; AWS advises against set operators on single-valued keys"),
            ),
            None if multivalued == Some(true) && operator.base.is_some() && operator.base != Some(OperatorBase::Null) => self.warning(
                "MISSING_SET_OPERATOR",
                location,
                format!("`{key}` is multivalued; use ForAnyValue: or ForAllValues: (with several values in a request the engine cannot decide `{}`)", operator.raw),
            ),
            _ => {}
        }
        if keys::is_encryption_context_key(key) {
            // KMS-DG conditions-kms, kms:EncryptionContext:context-key: do not use ForAnyValue or
            // ForAllValues with it; KMS returns OverlyPermissiveCondition for ForAllValues in a key
            // policy (S15).
            match (operator.qualifier, self.kind) {
                (Some(SetQualifier::ForAllValues), PolicyKind::KeyPolicy) => self.error(
                    "OVERLY_PERMISSIVE_CONDITION",
                    location,
                    format!("KMS rejects ForAllValues with `{key}` in a key policy (OverlyPermissiveCondition); use the operator without a set qualifier"),
                ),
                (Some(_), _) => self.warning(
                    "SET_OPERATOR_ON_ENCRYPTION_CONTEXT",
                    location,
                    format!("`{key}` is single-valued; KMS advises against ForAnyValue/ForAllValues with encryption-context keys"),
                ),
                (None, _) => {}
            }
        }
        if !variables_enabled {
            if let Some(v) = values.iter().find(|v| v.contains("${")) {
                self.variables_warning(location, v);
            }
        }
    }

    fn condition_values(&mut self, value: &Value, location: &str) -> Option<Vec<String>> {
        let scalar = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        };
        let out = match value {
            Value::Array(items) => items.iter().map(scalar).collect::<Option<Vec<_>>>(),
            other => scalar(other).map(|s| vec![s]),
        };
        if out.is_none() {
            self.error(
                "INVALID_CONDITION_VALUE",
                location,
                format!("condition values must be strings, numbers or booleans (or a list of them), not {}", show(value)),
            );
        }
        out
    }

    /// A string or a list of strings.
    fn string_list(&mut self, value: &Value, location: &str, code: &str) -> Option<Vec<String>> {
        let out = match value {
            Value::String(s) => Some(vec![s.clone()]),
            Value::Array(items) => items
                .iter()
                .map(|i| match i {
                    Value::String(s) => Some(s.clone()),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        if out.is_none() {
            self.error(
                code,
                location,
                format!(
                    "expected a string or a list of strings, not {}",
                    show(value)
                ),
            );
        }
        out
    }
}

/// Split `ForAnyValue:StringLikeIfExists` into qualifier, base and IfExists. Operator names are
/// matched case-insensitively; an unknown name gives `base: None`.
pub fn parse_operator(raw: &str) -> ConditionOperator {
    let mut rest = raw.trim();
    let mut qualifier = None;
    if let Some((prefix, tail)) = rest.split_once(':') {
        if prefix.eq_ignore_ascii_case("ForAnyValue") {
            qualifier = Some(SetQualifier::ForAnyValue);
            rest = tail;
        } else if prefix.eq_ignore_ascii_case("ForAllValues") {
            qualifier = Some(SetQualifier::ForAllValues);
            rest = tail;
        }
    }
    let mut if_exists = false;
    let lower = rest.to_ascii_lowercase();
    let mut name = lower.as_str();
    if let Some(stripped) = name.strip_suffix("ifexists") {
        if_exists = true;
        name = stripped;
    }
    let base = operator_base(name);
    // `Null` cannot take IfExists (IAM-UG condition operators: "…except the Null condition").
    let base = match base {
        Some(OperatorBase::Null) if if_exists => None,
        other => other,
    };
    ConditionOperator {
        raw: raw.to_owned(),
        base,
        qualifier,
        if_exists,
    }
}

fn operator_base(lower: &str) -> Option<OperatorBase> {
    use OperatorBase as O;
    Some(match lower {
        "stringequals" => O::StringEquals,
        "stringnotequals" => O::StringNotEquals,
        "stringequalsignorecase" => O::StringEqualsIgnoreCase,
        "stringnotequalsignorecase" => O::StringNotEqualsIgnoreCase,
        "stringlike" => O::StringLike,
        "stringnotlike" => O::StringNotLike,
        "numericequals" => O::NumericEquals,
        "numericnotequals" => O::NumericNotEquals,
        "numericlessthan" => O::NumericLessThan,
        "numericlessthanequals" => O::NumericLessThanEquals,
        "numericgreaterthan" => O::NumericGreaterThan,
        "numericgreaterthanequals" => O::NumericGreaterThanEquals,
        "dateequals" => O::DateEquals,
        "datenotequals" => O::DateNotEquals,
        "datelessthan" => O::DateLessThan,
        "datelessthanequals" => O::DateLessThanEquals,
        "dategreaterthan" => O::DateGreaterThan,
        "dategreaterthanequals" => O::DateGreaterThanEquals,
        "bool" => O::Bool,
        "binaryequals" => O::BinaryEquals,
        "ipaddress" => O::IpAddress,
        "notipaddress" => O::NotIpAddress,
        "arnequals" => O::ArnEquals,
        "arnlike" => O::ArnLike,
        "arnnotequals" => O::ArnNotEquals,
        "arnnotlike" => O::ArnNotLike,
        "null" => O::Null,
        _ => return None,
    })
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A short rendering of a JSON value for messages.
fn show(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 60 {
        let short: String = text.chars().take(57).collect();
        format!("`{short}…`")
    } else {
        format!("`{text}`")
    }
}
