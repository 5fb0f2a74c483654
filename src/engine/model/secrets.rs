//! Secrets Manager secrets: `describe-secret` output plus `ResourcePolicy` (from
//! `get-resource-policy`) and `SecretStructure` (the database secret's JSON without the password).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::engine::ids::{AccountId, Arn, Region};
use crate::engine::policy::PolicyKind;
use crate::engine::timestamp::Timestamp;

use super::error::{Findings, JsonPath};
use super::policy_document::{load_policy, PolicyDocument};
use super::reader::{tags, type_name, Obj};
use super::Tags;

/// `RotationRules`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RotationRules {
    pub automatically_after_days: Option<i64>,
    pub duration: Option<String>,
    pub schedule_expression: Option<String>,
}

/// The documented JSON structure of a database secret, without the password.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecretStructure {
    pub engine: Option<String>,
    /// Matches a DB instance's `Endpoint.Address`.
    pub host: Option<String>,
    pub port: Option<u16>,
    pub username: Option<String>,
    pub dbname: Option<String>,
    /// The superuser secret of the alternating-users strategy.
    pub masterarn: Option<Arn>,
}

/// A secret.
#[derive(Debug, Clone, PartialEq)]
pub struct Secret {
    pub arn: Arn,
    pub name: String,
    pub description: Option<String>,
    /// As written (key id, key ARN, alias name or alias ARN). `None`: `aws/secretsmanager`.
    pub kms_key_id: Option<String>,
    pub rotation_enabled: bool,
    pub rotation_lambda_arn: Option<Arn>,
    pub rotation_rules: Option<RotationRules>,
    pub last_rotated_date: Option<Timestamp>,
    pub next_rotation_date: Option<Timestamp>,
    /// Set when the secret is scheduled for deletion.
    pub deleted_date: Option<Timestamp>,
    /// Version id → staging labels.
    pub version_ids_to_stages: BTreeMap<String, Vec<String>>,
    pub tags: Tags,
    pub primary_region: Option<Region>,
    pub owning_service: Option<String>,
    pub resource_policy: Option<PolicyDocument>,
    pub structure: Option<SecretStructure>,
}

/// The alias of the key a secret without `KmsKeyId` uses.
pub const SECRETS_MANAGER_MANAGED_KEY_ALIAS: &str = "alias/aws/secretsmanager";

impl Secret {
    /// The key reference to resolve: `KmsKeyId`, or the AWS managed key's alias.
    pub fn key_reference(&self) -> &str {
        self.kms_key_id
            .as_deref()
            .unwrap_or(SECRETS_MANAGER_MANAGED_KEY_ALIAS)
    }

    /// Whether the secret is scheduled for deletion.
    pub fn is_scheduled_for_deletion(&self) -> bool {
        self.deleted_date.is_some()
    }

    /// The ARN without the `-` and 6 random characters AWS appends (a "partial ARN").
    pub fn partial_arn(&self) -> &str {
        strip_suffix(self.arn.as_str())
    }
}

/// Strip `-XXXXXX` (6 characters) from a secret ARN or name, when present.
pub(crate) fn strip_suffix(text: &str) -> &str {
    let len = text.len();
    match (len.checked_sub(7), text.get(len.saturating_sub(7)..)) {
        (Some(cut), Some(tail))
            if tail.starts_with('-') && tail.bytes().skip(1).all(|b| b.is_ascii_alphanumeric()) =>
        {
            text.get(..cut).unwrap_or(text)
        }
        _ => text,
    }
}

/// Accept the policy as a JSON string, a policy object, or the whole `get-resource-policy`
/// output (`{ARN, Name, ResourcePolicy}`). Returns the document and its path.
pub(crate) fn unwrap_policy<'a>(
    value: &'a Value,
    path: JsonPath,
    wrapper_key: &str,
) -> Option<(&'a Value, JsonPath)> {
    match value {
        Value::Object(m) if m.contains_key(wrapper_key) && !m.contains_key("Statement") => {
            match m.get(wrapper_key) {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) if s.trim().is_empty() => None,
                Some(inner) => Some((inner, path.key(wrapper_key))),
            }
        }
        Value::String(s) if s.trim().is_empty() => None,
        other => Some((other, path)),
    }
}

fn load_structure(v: &Value, path: &JsonPath, f: &mut Findings) -> Option<SecretStructure> {
    let parsed;
    let value = match v {
        Value::String(s) => match serde_json::from_str::<Value>(s) {
            Ok(inner) => {
                parsed = inner;
                &parsed
            }
            Err(e) => {
                f.error(path, format!("`SecretStructure` is not JSON: {e}"));
                return None;
            }
        },
        other => other,
    };
    if let Value::Object(m) = value {
        // A structure given as a string was not seen by the secret-material scan.
        for k in m.keys() {
            if k.eq_ignore_ascii_case("password") && matches!(v, Value::String(_)) {
                f.warn(
                    &path.key(k),
                    format!(
                        "secret material `{k}` was dropped; the model never holds secret values"
                    ),
                );
            }
        }
    }
    let o = Obj::new(value, path.clone(), "`SecretStructure`", f)?;
    Some(SecretStructure {
        engine: o.string("engine", f),
        host: o.string("host", f),
        port: o.port("port", f),
        username: o.string("username", f),
        dbname: o.string("dbname", f),
        masterarn: o.parse::<Arn>("masterarn", f),
    })
}

pub(crate) fn load_secret(
    o: &Obj<'_>,
    account: &AccountId,
    region: &Region,
    f: &mut Findings,
) -> Option<Secret> {
    if !o.has("ARN") {
        f.error(&o.path, "`ARN` is missing (describe-secret prints it; a secret's ARN cannot be derived from its name)");
    }
    let arn = o.parse::<Arn>("ARN", f);
    if let Some(arn) = &arn {
        check_arn_placement(arn, "secretsmanager", account, region, &o.at("ARN"), f);
        if !arn.resource().starts_with("secret:") {
            f.error(
                &o.at("ARN"),
                format!("`{arn}` is not a secret ARN (expected `…:secret:NAME-XXXXXX`)"),
            );
        }
    }
    let arn = arn?;
    let name = o.string("Name", f).unwrap_or_else(|| {
        strip_suffix(arn.resource().strip_prefix("secret:").unwrap_or_default()).to_owned()
    });
    let mut version_ids_to_stages = BTreeMap::new();
    if let Some(v) = o.object("VersionIdsToStages", f) {
        for (id, stages) in v.entries() {
            let stages = match stages {
                Value::Array(items) => items
                    .iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect(),
                Value::String(s) => vec![s.clone()],
                other => {
                    f.error(
                        &v.at(id),
                        format!(
                            "staging labels must be an array of strings, found {}",
                            type_name(other)
                        ),
                    );
                    continue;
                }
            };
            version_ids_to_stages.insert(id.clone(), stages);
        }
    }
    let rotation_rules = o.object("RotationRules", f).map(|r| RotationRules {
        automatically_after_days: r.int("AutomaticallyAfterDays", f),
        duration: r.string("Duration", f),
        schedule_expression: r.string("ScheduleExpression", f),
    });
    let resource_policy = o
        .get("ResourcePolicy")
        .and_then(|v| unwrap_policy(v, o.at("ResourcePolicy"), "ResourcePolicy"))
        .map(|(doc, path)| load_policy(doc, PolicyKind::Resource, &path, f));
    let rotation_lambda_arn = o.parse::<Arn>("RotationLambdaARN", f);
    Some(Secret {
        name,
        description: o.string("Description", f),
        kms_key_id: o.string("KmsKeyId", f),
        rotation_enabled: o.bool("RotationEnabled", f).unwrap_or(false),
        rotation_lambda_arn,
        rotation_rules,
        last_rotated_date: o.timestamp("LastRotatedDate", f),
        next_rotation_date: o.timestamp("NextRotationDate", f),
        deleted_date: o.timestamp("DeletedDate", f),
        version_ids_to_stages,
        tags: tags(o, "Tags", f),
        primary_region: o.parse::<Region>("PrimaryRegion", f),
        owning_service: o.string("OwningService", f),
        resource_policy,
        structure: o
            .get("SecretStructure")
            .and_then(|v| load_structure(v, &o.at("SecretStructure"), f)),
        arn,
    })
}

/// An identifying ARN must be of the service and sit in the account and region it is listed under.
pub(crate) fn check_arn_placement(
    arn: &Arn,
    service: &str,
    account: &AccountId,
    region: &Region,
    path: &JsonPath,
    f: &mut Findings,
) {
    if arn.service() != service {
        f.error(path, format!("`{arn}` is not a `{service}` ARN"));
    } else if arn.account() != account.as_str() {
        f.error(
            path,
            format!(
                "`{arn}` belongs to account `{}`, but is listed under account `{account}`",
                arn.account()
            ),
        );
    } else if arn.region() != region.as_str() {
        f.error(
            path,
            format!(
                "`{arn}` is in region `{}`, but is listed under region `{region}`",
                arn.region()
            ),
        );
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a broken fixture"
)]
mod tests {
    use super::*;

    #[test]
    fn the_random_suffix_is_stripped() {
        assert_eq!(
            strip_suffix("arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf"),
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db"
        );
        assert_eq!(strip_suffix("db"), "db");
        assert_eq!(strip_suffix("prod/db-x"), "prod/db-x");
    }
}
