//! A policy document as the model holds it: the parsed [`Policy`] plus the text it came from.
//! Documents found in the file go through [`parse_policy`]; documents AWS fixes (FullAWSAccess,
//! AWS managed key policies, the default endpoint policy) are synthesised here.

use serde_json::{json, Value};

use super::error::{Findings, JsonPath};
use crate::engine::policy::{
    parse_policy, Condition, ConditionOperator, Effect, OperatorBase, PatternElement, Policy,
    PolicyKind, PrincipalElement, PrincipalSet, PrincipalType, Severity, Statement,
};

/// One policy document.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyDocument {
    pub kind: PolicyKind,
    /// `None` when the document could not be parsed (the model then has an error for it).
    pub policy: Option<Policy>,
    /// The document as given (object, JSON string or URL-encoded string), or as synthesised.
    pub source: Value,
    /// Where it was in the model file; `None` for synthesised documents.
    pub path: Option<JsonPath>,
    /// `true` when the loader wrote this document (AWS fixes its text; the model did not list it).
    pub synthesized: bool,
}

impl PolicyDocument {
    /// Where the document is in the model file, as a JSON path (`None` when synthesised).
    pub fn location(&self) -> Option<&str> {
        self.path.as_ref().map(JsonPath::as_str)
    }
}

/// Parse a document found in the file. Error diagnostics become load errors at the document's
/// path plus the diagnostic's location; warnings become load warnings.
pub(crate) fn load_policy(
    value: &Value,
    kind: PolicyKind,
    path: &JsonPath,
    f: &mut Findings,
) -> PolicyDocument {
    let parsed = parse_policy(value, kind);
    for d in &parsed.diagnostics {
        let at = path.within(&d.location);
        let message = format!("{} ({})", d.message, d.code);
        match d.severity {
            Severity::Error => f.error(&at, format!("invalid policy document: {message}")),
            Severity::Warning => f.warn(&at, format!("policy document: {message}")),
        }
    }
    PolicyDocument {
        kind,
        policy: parsed.policy,
        source: value.clone(),
        path: Some(path.clone()),
        synthesized: false,
    }
}

/// The Principal of a synthesised statement.
#[derive(Clone, Copy)]
pub(crate) enum PrincipalSpec<'a> {
    /// `"Principal": "*"`.
    Anyone,
    /// `"Principal": {"AWS": …}` (which may be `"*"`).
    Aws(&'a str),
}

/// A statement of a synthesised policy: an Allow with string-equality conditions only.
pub(crate) struct AllowSpec<'a> {
    pub sid: Option<&'a str>,
    /// `None`: no Principal element.
    pub principal: Option<PrincipalSpec<'a>>,
    pub actions: &'a [&'a str],
    pub resources: &'a [&'a str],
    /// `StringEquals` key/value pairs.
    pub string_equals: Vec<(&'a str, String)>,
}

/// Build a policy AWS fixes, as both the parsed form and the JSON text AWS shows.
pub(crate) fn synthesized(
    kind: PolicyKind,
    id: Option<&str>,
    statements: &[AllowSpec<'_>],
) -> PolicyDocument {
    let mut json_statements = Vec::new();
    let mut parsed = Vec::new();
    for (index, s) in statements.iter().enumerate() {
        let mut js = serde_json::Map::new();
        if let Some(sid) = s.sid {
            js.insert("Sid".into(), json!(sid));
        }
        js.insert("Effect".into(), json!("Allow"));
        let principal = s.principal.map(|p| match p {
            PrincipalSpec::Anyone => {
                js.insert("Principal".into(), json!("*"));
                PrincipalElement {
                    negated: false,
                    set: PrincipalSet::Anyone,
                }
            }
            PrincipalSpec::Aws(who) => {
                js.insert("Principal".into(), json!({ "AWS": who }));
                PrincipalElement {
                    negated: false,
                    set: PrincipalSet::Entries(vec![(PrincipalType::Aws, who.to_owned())]),
                }
            }
        });
        js.insert("Action".into(), one_or_many(s.actions));
        js.insert("Resource".into(), one_or_many(s.resources));
        let mut conditions = Vec::new();
        if !s.string_equals.is_empty() {
            let mut block = serde_json::Map::new();
            for (k, v) in &s.string_equals {
                block.insert((*k).to_owned(), json!(v));
                conditions.push(Condition {
                    operator: ConditionOperator {
                        raw: "StringEquals".to_owned(),
                        base: Some(OperatorBase::StringEquals),
                        qualifier: None,
                        if_exists: false,
                    },
                    key: (*k).to_owned(),
                    values: vec![v.clone()],
                });
            }
            js.insert(
                "Condition".into(),
                json!({ "StringEquals": Value::Object(block) }),
            );
        }
        json_statements.push(Value::Object(js));
        parsed.push(Statement {
            index,
            sid: s.sid.map(str::to_owned),
            effect: Effect::Allow,
            principal,
            action: PatternElement {
                negated: false,
                patterns: s.actions.iter().map(|a| (*a).to_owned()).collect(),
            },
            resource: Some(PatternElement {
                negated: false,
                patterns: s.resources.iter().map(|r| (*r).to_owned()).collect(),
            }),
            conditions,
            unsupported: Vec::new(),
        });
    }
    let mut doc = serde_json::Map::new();
    doc.insert("Version".into(), json!("2012-10-17"));
    if let Some(id) = id {
        doc.insert("Id".into(), json!(id));
    }
    doc.insert("Statement".into(), Value::Array(json_statements));
    PolicyDocument {
        kind,
        policy: Some(Policy {
            version: Some("2012-10-17".to_owned()),
            id: id.map(str::to_owned),
            statements: parsed,
        }),
        source: Value::Object(doc),
        path: None,
        synthesized: true,
    }
}

fn one_or_many(items: &[&str]) -> Value {
    match items {
        [one] => json!(one),
        many => json!(many),
    }
}
