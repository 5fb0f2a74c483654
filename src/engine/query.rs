//! Queries (contract §2), parsed from JSON with every error located by its JSON path.
//!
//! Unknown fields in a query are errors (unlike in the model, where unknown AWS fields are
//! ignored): a misspelt `VersionStage` silently ignored would answer a different question.

use std::net::IpAddr;

use serde_json::{Map, Value};
use thiserror::Error;

use super::context::ContextValue;
use super::policy::{parse_policy, Policy, PolicyKind, Severity};

/// A query error with the JSON path of the offending part.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{path}: {message}")]
pub struct QueryError {
    pub path: String,
    pub message: String,
}

/// Where the call is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Outside AWS, over the public endpoint; `None` is an unknown public address.
    Internet { source_ip: Option<IpAddr> },
    /// An EC2 instance (`i-…`).
    Instance(String),
    /// A Lambda function, by ARN (or name).
    Function(String),
    /// A network interface in a subnet with these security groups.
    Subnet {
        subnet_id: String,
        security_groups: Vec<String>,
        private_ip: Option<IpAddr>,
    },
}

/// Fields common to requests made by a caller from an origin.
#[derive(Debug, Clone, PartialEq)]
pub struct CallSpec {
    /// An ARN (user, role, assumed-role session, service principal for Simulate); `None`: the
    /// origin's role.
    pub caller: Option<String>,
    pub from: Origin,
    pub session_policy: Option<Policy>,
    /// Keys added or overridden by the query.
    pub context: Vec<(String, ContextValue)>,
    /// Extension: call the service through this interface endpoint's own DNS name
    /// (`vpce-….secretsmanager.REGION.vpce.amazonaws.com`, an SDK `endpoint_url`) instead of the
    /// default name; private DNS is then not needed, `enableDnsSupport` is.
    pub endpoint_dns: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GetSecretValueQuery {
    pub secret_id: String,
    pub version_stage: Option<String>,
    pub version_id: Option<String>,
    pub call: CallSpec,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GetParameterQuery {
    pub name: String,
    pub with_decryption: bool,
    pub call: CallSpec,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RotateSecretQuery {
    pub secret_id: String,
    pub caller: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SimulateQuery {
    pub action: String,
    pub resource: String,
    pub call: CallSpec,
}

/// One query.
#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    GetSecretValue(GetSecretValueQuery),
    GetParameter(GetParameterQuery),
    RotateSecret(RotateSecretQuery),
    Simulate(SimulateQuery),
}

impl Query {
    /// The query's kind as the contract names it.
    pub fn kind(&self) -> &'static str {
        match self {
            Query::GetSecretValue(_) => "GetSecretValue",
            Query::GetParameter(_) => "GetParameter",
            Query::RotateSecret(_) => "RotateSecret",
            Query::Simulate(_) => "Simulate",
        }
    }
}

struct Fields<'a> {
    path: String,
    map: &'a Map<String, Value>,
    errors: &'a mut Vec<QueryError>,
}

impl<'a> Fields<'a> {
    fn error(&mut self, field: &str, message: impl Into<String>) {
        let path = if field.is_empty() {
            self.path.clone()
        } else {
            format!("{}.{field}", self.path)
        };
        self.errors.push(QueryError {
            path,
            message: message.into(),
        });
    }
    fn allow_only(&mut self, allowed: &[&str]) {
        let unknown: Vec<String> = self
            .map
            .keys()
            .filter(|k| !allowed.contains(&k.as_str()))
            .cloned()
            .collect();
        for k in unknown {
            let message = match allowed.iter().find(|a| a.eq_ignore_ascii_case(&k)) {
                Some(a) => format!(
                    "unknown field `{k}`: did you mean `{a}`? (field names are case-sensitive)"
                ),
                None => format!(
                    "unknown field `{k}` (expected one of: {})",
                    allowed.join(", ")
                ),
            };
            self.error(&k, message);
        }
    }
    fn string(&mut self, field: &str, required: bool) -> Option<String> {
        match self.map.get(field) {
            None | Some(Value::Null) => {
                if required {
                    self.error(field, format!("`{field}` is required"));
                }
                None
            }
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            Some(Value::String(_)) => {
                self.error(field, format!("`{field}` must not be empty"));
                None
            }
            Some(other) => {
                self.error(
                    field,
                    format!("`{field}` must be a string, not {}", type_name(other)),
                );
                None
            }
        }
    }
    fn bool(&mut self, field: &str, default: bool) -> bool {
        match self.map.get(field) {
            None | Some(Value::Null) => default,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.error(
                    field,
                    format!("`{field}` must be true or false, not {}", type_name(other)),
                );
                default
            }
        }
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn parse_origin(value: Option<&Value>, path: &str, errors: &mut Vec<QueryError>) -> Origin {
    let default = Origin::Internet { source_ip: None };
    let Some(value) = value else { return default };
    let Value::Object(map) = value else {
        errors.push(QueryError {
            path: path.to_owned(),
            message: format!("`From` must be an object, not {}", type_name(value)),
        });
        return default;
    };
    let keys: Vec<&String> = map.keys().collect();
    let single = map.contains_key("Internet")
        || map.contains_key("Instance")
        || map.contains_key("Function");
    if single && keys.len() != 1 {
        errors.push(QueryError {
            path: path.to_owned(),
            message:
                "`From` names exactly one origin: `Internet`, `Instance`, `Function` or `Subnet`"
                    .to_owned(),
        });
    }
    if let Some(v) = map.get("Internet") {
        let p = format!("{path}.Internet");
        let Value::Object(inner) = v else {
            errors.push(QueryError {
                path: p,
                message: "`Internet` must be an object".to_owned(),
            });
            return default;
        };
        let mut f = Fields {
            path: p,
            map: inner,
            errors,
        };
        f.allow_only(&["SourceIp"]);
        let ip = f.string("SourceIp", false);
        let source_ip = ip.and_then(|s| match s.parse::<IpAddr>() {
            Ok(ip) => Some(ip),
            Err(_) => {
                f.error("SourceIp", format!("`{s}` is not an IP address"));
                None
            }
        });
        return Origin::Internet { source_ip };
    }
    if let Some(v) = map.get("Instance") {
        return match v {
            Value::String(s) if s.starts_with("i-") => Origin::Instance(s.clone()),
            _ => {
                errors.push(QueryError {
                    path: format!("{path}.Instance"),
                    message: "`Instance` must be an instance id such as `i-0123456789abcdef0`"
                        .to_owned(),
                });
                default
            }
        };
    }
    if let Some(v) = map.get("Function") {
        return match v {
            Value::String(s) if !s.is_empty() => Origin::Function(s.clone()),
            _ => {
                errors.push(QueryError {
                    path: format!("{path}.Function"),
                    message: "`Function` must be a function ARN".to_owned(),
                });
                default
            }
        };
    }
    if map.contains_key("Subnet") {
        let mut f = Fields {
            path: path.to_owned(),
            map,
            errors,
        };
        f.allow_only(&["Subnet", "SecurityGroups", "PrivateIp"]);
        let subnet_id = f.string("Subnet", true).unwrap_or_default();
        let private_ip = f
            .string("PrivateIp", false)
            .and_then(|s| match s.parse::<IpAddr>() {
                Ok(ip) => Some(ip),
                Err(_) => {
                    f.error("PrivateIp", format!("`{s}` is not an IP address"));
                    None
                }
            });
        let mut security_groups = Vec::new();
        match map.get("SecurityGroups") {
            None => {}
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) if s.starts_with("sg-") => security_groups.push(s.clone()),
                        _ => errors.push(QueryError {
                            path: format!("{path}.SecurityGroups[{i}]"),
                            message: "a security group id such as `sg-0123…` is expected"
                                .to_owned(),
                        }),
                    }
                }
            }
            Some(_) => errors.push(QueryError {
                path: format!("{path}.SecurityGroups"),
                message: "`SecurityGroups` must be a list of `sg-…` ids".to_owned(),
            }),
        }
        return Origin::Subnet {
            subnet_id,
            security_groups,
            private_ip,
        };
    }
    if !map.is_empty() {
        errors.push(QueryError {
            path: path.to_owned(),
            message: format!(
                "unknown origin {} (expected `Internet`, `Instance`, `Function` or `Subnet`)",
                keys.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    default
}

fn parse_context(
    value: Option<&Value>,
    path: &str,
    errors: &mut Vec<QueryError>,
) -> Vec<(String, ContextValue)> {
    let Some(value) = value else {
        return Vec::new();
    };
    let Value::Object(map) = value else {
        errors.push(QueryError {
            path: path.to_owned(),
            message: "`Context` must be an object of key → value".to_owned(),
        });
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in map {
        let scalar = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        match v {
            Value::Array(items) => {
                let values: Option<Vec<String>> = items.iter().map(scalar).collect();
                match values {
                    Some(vs) => out.push((k.clone(), ContextValue::Multi(vs))),
                    None => errors.push(QueryError {
                        path: format!("{path}.{k}"),
                        message: "a context value list must hold strings".to_owned(),
                    }),
                }
            }
            other => match scalar(other) {
                Some(s) => out.push((k.clone(), ContextValue::Single(s))),
                None => errors.push(QueryError {
                    path: format!("{path}.{k}"),
                    message: "a context value must be a string or a list of strings".to_owned(),
                }),
            },
        }
    }
    out
}

fn parse_session_policy(
    value: Option<&Value>,
    path: &str,
    errors: &mut Vec<QueryError>,
) -> Option<Policy> {
    let value = value?;
    let parsed = parse_policy(value, PolicyKind::Session);
    for d in &parsed.diagnostics {
        if d.severity == Severity::Error {
            errors.push(QueryError {
                path: format!("{path} {}", d.location),
                message: d.message.clone(),
            });
        }
    }
    parsed.policy
}

fn parse_call(map: &Map<String, Value>, path: &str, errors: &mut Vec<QueryError>) -> CallSpec {
    let caller = {
        let mut f = Fields {
            path: path.to_owned(),
            map,
            errors,
        };
        f.string("Caller", false)
    };
    if let Some(c) = &caller {
        if !c.starts_with("arn:") && !c.ends_with(".amazonaws.com") {
            errors.push(QueryError {
                path: format!("{path}.Caller"),
                message: format!(
                    "`{c}` is not an ARN (a user, role, assumed-role session or service principal)"
                ),
            });
        }
    }
    CallSpec {
        caller,
        from: parse_origin(map.get("From"), &format!("{path}.From"), errors),
        session_policy: parse_session_policy(
            map.get("SessionPolicy"),
            &format!("{path}.SessionPolicy"),
            errors,
        ),
        context: parse_context(map.get("Context"), &format!("{path}.Context"), errors),
        endpoint_dns: match map.get("EndpointDnsOf") {
            None | Some(Value::Null) => None,
            Some(Value::String(id)) if id.starts_with("vpce-") => Some(id.clone()),
            Some(_) => {
                errors.push(QueryError {
                    path: format!("{path}.EndpointDnsOf"),
                    message: "`EndpointDnsOf` names an interface endpoint (`vpce-…`) whose own DNS name the call uses".to_owned(),
                });
                None
            }
        },
    }
}

/// Parse a query object at JSON path `path` (e.g. `$.Checks[2].Query`).
pub fn parse_query(value: &Value, path: &str) -> Result<Query, Vec<QueryError>> {
    let mut errors = Vec::new();
    let Value::Object(outer) = value else {
        return Err(vec![QueryError {
            path: path.to_owned(),
            message: format!("a query must be an object, not {}", type_name(value)),
        }]);
    };
    let kinds = ["GetSecretValue", "GetParameter", "RotateSecret", "Simulate"];
    if outer.len() != 1 {
        return Err(vec![QueryError {
            path: path.to_owned(),
            message: format!(
                "a query has exactly one of {}",
                kinds.map(|k| format!("`{k}`")).join(", ")
            ),
        }]);
    }
    let Some((kind, body)) = outer.iter().next() else {
        return Err(vec![QueryError {
            path: path.to_owned(),
            message: "empty query".to_owned(),
        }]);
    };
    let body_path = format!("{path}.{kind}");
    let Value::Object(map) = body else {
        return Err(vec![QueryError {
            path: body_path,
            message: format!("`{kind}` must be an object"),
        }]);
    };
    let call_fields = [
        "Caller",
        "From",
        "SessionPolicy",
        "Context",
        "EndpointDnsOf",
    ];
    let query = match kind.as_str() {
        "GetSecretValue" => {
            let mut f = Fields {
                path: body_path.clone(),
                map,
                errors: &mut errors,
            };
            let allowed: Vec<&str> = ["SecretId", "VersionStage", "VersionId"]
                .iter()
                .chain(call_fields.iter())
                .copied()
                .collect();
            f.allow_only(&allowed);
            let secret_id = f.string("SecretId", true).unwrap_or_default();
            let version_stage = f.string("VersionStage", false);
            let version_id = f.string("VersionId", false);
            let call = parse_call(map, &body_path, &mut errors);
            Query::GetSecretValue(GetSecretValueQuery {
                secret_id,
                version_stage,
                version_id,
                call,
            })
        }
        "GetParameter" => {
            let mut f = Fields {
                path: body_path.clone(),
                map,
                errors: &mut errors,
            };
            let allowed: Vec<&str> = ["Name", "WithDecryption"]
                .iter()
                .chain(call_fields.iter())
                .copied()
                .collect();
            f.allow_only(&allowed);
            let name = f.string("Name", true).unwrap_or_default();
            let with_decryption = f.bool("WithDecryption", false);
            let call = parse_call(map, &body_path, &mut errors);
            Query::GetParameter(GetParameterQuery {
                name,
                with_decryption,
                call,
            })
        }
        "RotateSecret" => {
            let mut f = Fields {
                path: body_path.clone(),
                map,
                errors: &mut errors,
            };
            f.allow_only(&["SecretId", "Caller"]);
            let secret_id = f.string("SecretId", true).unwrap_or_default();
            let caller = f.string("Caller", false);
            Query::RotateSecret(RotateSecretQuery { secret_id, caller })
        }
        "Simulate" => {
            let mut f = Fields {
                path: body_path.clone(),
                map,
                errors: &mut errors,
            };
            let allowed: Vec<&str> = ["Action", "Resource"]
                .iter()
                .chain(call_fields.iter())
                .copied()
                .collect();
            f.allow_only(&allowed);
            let action = f.string("Action", true).unwrap_or_default();
            if !action.is_empty() && !action.contains(':') {
                f.error("Action", format!("`{action}` is not `service:Action`"));
            }
            let resource = f
                .string("Resource", false)
                .unwrap_or_else(|| "*".to_owned());
            let call = parse_call(map, &body_path, &mut errors);
            Query::Simulate(SimulateQuery {
                action,
                resource,
                call,
            })
        }
        other => {
            return Err(vec![QueryError {
                path: path.to_owned(),
                message: format!(
                    "unknown query `{other}` (expected one of {})",
                    kinds.map(|k| format!("`{k}`")).join(", ")
                ),
            }]);
        }
    };
    if errors.is_empty() {
        Ok(query)
    } else {
        Err(errors)
    }
}
