//! Which AWS CLI command printed a pasted text, and what it says. Every command is recognised by
//! the top-level members it prints, the way a person who knows the CLI would tell them apart.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::engine::edit::{function_name, key_id_from_arn, strip_secret_material, EntityKind};
use crate::engine::model::JsonPath;

use super::error::ImportError;
use super::suggest::suggestions;
use super::{ImportMode, ImportWarning, Imported, Need, Recognized};

const REGIONAL: &[Need] = &[Need::Account, Need::Region];

/// Recognise pasted AWS CLI output (JSON) and extract its entities.
pub fn recognize(text: &str) -> Result<Recognized, ImportError> {
    let mut value: Value = serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let message = full
            .rfind(" at line ")
            .and_then(|cut| full.get(..cut))
            .unwrap_or(&full)
            .to_owned();
        ImportError::NotJson {
            line: e.line(),
            column: e.column(),
            message,
        }
    })?;
    let removed = strip_secret_material(&mut value);
    let Value::Object(root) = &value else {
        return Err(ImportError::NotAnObject {
            found: type_name(&value),
        });
    };
    let top_level_secret = removed
        .iter()
        .any(|p| matches!(p.0.as_slice(), [crate::engine::edit::Segment::Key(_)]));
    let mut recognized = detect(root, top_level_secret)?;
    let mut warnings: Vec<ImportWarning> = removed
        .iter()
        .map(|path| {
            let member = match path.0.last() {
                Some(crate::engine::edit::Segment::Key(k)) => k.as_str(),
                _ => "value",
            };
            ImportWarning {
                path: path.to_json_path(),
                message: format!(
                    "secret material `{member}` was removed from the pasted output; the model never holds secret values"
                ),
            }
        })
        .collect();
    warnings.append(&mut recognized.warnings);
    recognized.warnings = warnings;
    let found = suggestions(&value);
    recognized.suggested_account = found.account;
    recognized.suggested_region = found.region;
    recognized.suggested_organization = found.organization;
    Ok(recognized)
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn recognized(command: &'static str, needs: &[Need], entities: Vec<Imported>) -> Recognized {
    Recognized {
        command,
        entities,
        needs: needs.to_vec(),
        suggested_account: None,
        suggested_region: None,
        suggested_organization: None,
        owner: None,
        warnings: Vec::new(),
    }
}

fn present(root: &Map<String, Value>, key: &str) -> bool {
    root.get(key).is_some_and(|v| !v.is_null())
}

fn text<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    o.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// The objects of the list `root.key`; an error for an empty list or a non-object entry.
fn entries<'a>(
    root: &'a Map<String, Value>,
    key: &str,
    command: &'static str,
    what: &'static str,
) -> Result<Vec<&'a Map<String, Value>>, ImportError> {
    let items = match root.get(key) {
        Some(Value::Array(items)) => items,
        _ => return Err(ImportError::Empty { command, what }),
    };
    if items.is_empty() {
        return Err(ImportError::Empty { command, what });
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_object().ok_or_else(|| ImportError::NotAnEntity {
                path: JsonPath::root().key(key).index(i).to_string(),
                what,
            })
        })
        .collect()
}

/// A whole entity, replacing one with the same identity.
fn whole(kind: EntityKind, fields: &Map<String, Value>) -> Imported {
    Imported {
        kind,
        id: kind.id_of(&Value::Object(fields.clone())),
        fields: fields.clone(),
        mode: ImportMode::Replace,
    }
}

/// Members to set on the entity `id` (or on the one the user names, when `None`).
fn part(kind: EntityKind, id: Option<String>, fields: Map<String, Value>) -> Imported {
    Imported {
        kind,
        id,
        fields,
        mode: ImportMode::SetFields,
    }
}

fn one(key: &str, value: Value) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(key.to_owned(), value);
    m
}

fn list_of(
    root: &Map<String, Value>,
    key: &str,
    command: &'static str,
    what: &'static str,
    kind: EntityKind,
) -> Result<Recognized, ImportError> {
    let items = entries(root, key, command, what)?;
    Ok(recognized(
        command,
        REGIONAL,
        items.into_iter().map(|m| whole(kind, m)).collect(),
    ))
}

/// The network and compute lists: top-level key, command, what, kind.
const LISTS: &[(&str, &str, &str, EntityKind)] = &[
    ("Vpcs", "aws ec2 describe-vpcs", "VPCs", EntityKind::Vpc),
    (
        "Subnets",
        "aws ec2 describe-subnets",
        "subnets",
        EntityKind::Subnet,
    ),
    (
        "RouteTables",
        "aws ec2 describe-route-tables",
        "route tables",
        EntityKind::RouteTable,
    ),
    (
        "SecurityGroups",
        "aws ec2 describe-security-groups",
        "security groups",
        EntityKind::SecurityGroup,
    ),
    (
        "NetworkAcls",
        "aws ec2 describe-network-acls",
        "network ACLs",
        EntityKind::NetworkAcl,
    ),
    (
        "VpcEndpoints",
        "aws ec2 describe-vpc-endpoints",
        "VPC endpoints",
        EntityKind::VpcEndpoint,
    ),
    (
        "NatGateways",
        "aws ec2 describe-nat-gateways",
        "NAT gateways",
        EntityKind::NatGateway,
    ),
    (
        "InternetGateways",
        "aws ec2 describe-internet-gateways",
        "internet gateways",
        EntityKind::InternetGateway,
    ),
    (
        "DBInstances",
        "aws rds describe-db-instances",
        "DB instances",
        EntityKind::DbInstance,
    ),
    (
        "Functions",
        "aws lambda list-functions",
        "functions",
        EntityKind::Function,
    ),
];

fn detect(root: &Map<String, Value>, top_level_secret: bool) -> Result<Recognized, ImportError> {
    let has = |key: &str| present(root, key);
    let first_of = |key: &str| {
        root.get(key)
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .and_then(Value::as_object)
    };
    if has("Format") || first_of("Accounts").is_some_and(|a| a.contains_key("AccountId")) {
        return Err(ImportError::ModelFile);
    }
    let iam_policies = first_of("Policies")
        .is_some_and(|p| p.contains_key("PolicyName") || p.contains_key("PolicyVersionList"));
    if has("UserDetailList") || has("GroupDetailList") || has("RoleDetailList") || iam_policies {
        return iam(root);
    }
    if has("SecretList") {
        return list_secrets(root);
    }
    let secret_arn = text(root, "ARN").is_some_and(|a| a.contains(":secretsmanager:"));
    if has("ResourcePolicy") && has("ARN") {
        return Ok(get_resource_policy(root));
    }
    if secret_arn && (top_level_secret || has("VersionStages")) {
        return Ok(get_secret_value(root));
    }
    if secret_arn {
        return Ok(recognized(
            "aws secretsmanager describe-secret",
            REGIONAL,
            vec![whole(EntityKind::Secret, root)],
        ));
    }
    if has("Parameters") {
        let command = if has("InvalidParameters") || top_level_secret_in_list(root) {
            "aws ssm get-parameters"
        } else {
            "aws ssm describe-parameters"
        };
        return list_of(
            root,
            "Parameters",
            command,
            "parameters",
            EntityKind::Parameter,
        );
    }
    if let Some(Value::Object(p)) = root.get("Parameter") {
        let id = text(p, "Name").map(str::to_owned);
        return Ok(recognized(
            "aws ssm get-parameter",
            REGIONAL,
            vec![part(EntityKind::Parameter, id, p.clone())],
        ));
    }
    if let Some(Value::Object(meta)) = root.get("KeyMetadata") {
        let fields = one("KeyMetadata", Value::Object(meta.clone()));
        return Ok(recognized(
            "aws kms describe-key",
            REGIONAL,
            vec![whole(EntityKind::Key, &fields)],
        ));
    }
    match root.get("Policy") {
        Some(Value::Object(p)) if p.contains_key("PolicySummary") || p.contains_key("Content") => {
            return describe_org_policy(p);
        }
        Some(Value::String(policy)) => return Ok(string_policy(root, policy)),
        _ => {}
    }
    if has("Grants") {
        return list_grants(root);
    }
    if has("Aliases") {
        return list_aliases(root);
    }
    if first_of("Tags").is_some_and(|t| t.contains_key("TagKey")) {
        let tags = entries(root, "Tags", "aws kms list-resource-tags", "tags")?;
        let tags = tags.into_iter().cloned().map(Value::Object).collect();
        return Ok(recognized(
            "aws kms list-resource-tags",
            &[Need::Account, Need::Region, Need::Key],
            vec![part(EntityKind::Key, None, one("Tags", Value::Array(tags)))],
        ));
    }
    for (key, command, what, kind) in LISTS {
        if has(key) {
            return list_of(root, key, command, what, *kind);
        }
    }
    if has("Reservations") {
        return describe_instances(root);
    }
    if has("VpcId") && (has("EnableDnsSupport") || has("EnableDnsHostnames")) {
        let mut fields = Map::new();
        for key in ["EnableDnsSupport", "EnableDnsHostnames"] {
            if let Some(v) = root.get(key).filter(|v| !v.is_null()) {
                fields.insert(key.to_owned(), v.clone());
            }
        }
        let id = text(root, "VpcId").map(str::to_owned);
        return Ok(recognized(
            "aws ec2 describe-vpc-attribute",
            REGIONAL,
            vec![part(EntityKind::Vpc, id, fields)],
        ));
    }
    if let Some(Value::Object(config)) = root.get("Configuration") {
        if config.contains_key("FunctionArn") || config.contains_key("FunctionName") {
            return Ok(recognized(
                "aws lambda get-function",
                REGIONAL,
                vec![whole(EntityKind::Function, config)],
            ));
        }
    }
    if has("FunctionArn") || (has("FunctionName") && (has("Role") || has("Runtime"))) {
        return Ok(recognized(
            "aws lambda get-function-configuration",
            REGIONAL,
            vec![whole(EntityKind::Function, root)],
        ));
    }
    if let Some(Value::Object(org)) = root.get("Organization") {
        return Ok(describe_organization(org));
    }
    if has("Policies") {
        return list_org_policies(root);
    }
    if has("Accounts") {
        return list_accounts(root);
    }
    if has("Roots") {
        let roots = entries(root, "Roots", "aws organizations list-roots", "roots")?;
        let entities = roots
            .into_iter()
            .map(|r| whole(EntityKind::OrganizationRoot, &pick(r, &["Id", "Name"])))
            .collect();
        return Ok(recognized("aws organizations list-roots", &[], entities));
    }
    Err(ImportError::UnknownOutput {
        keys: root.keys().cloned().collect(),
    })
}

fn top_level_secret_in_list(root: &Map<String, Value>) -> bool {
    // `get-parameters` prints values, `describe-parameters` never does; the values are gone by
    // now, but `Version` next to `LastModifiedDate` without `Policies` is what get-parameters
    // prints.
    root.get("Parameters")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_object)
        .is_some_and(|p| p.contains_key("Version") && !p.contains_key("Policies"))
}

/// The named members of an object, in that order, when present.
fn pick(o: &Map<String, Value>, keys: &[&str]) -> Map<String, Value> {
    keys.iter()
        .filter_map(|k| {
            o.get(*k)
                .filter(|v| !v.is_null())
                .map(|v| ((*k).to_owned(), v.clone()))
        })
        .collect()
}

fn iam(root: &Map<String, Value>) -> Result<Recognized, ImportError> {
    let command = "aws iam get-account-authorization-details";
    let mut entities = Vec::new();
    for (key, kind) in [
        ("UserDetailList", EntityKind::User),
        ("GroupDetailList", EntityKind::Group),
        ("RoleDetailList", EntityKind::Role),
        ("Policies", EntityKind::ManagedPolicy),
    ] {
        if matches!(root.get(key), Some(Value::Array(a)) if !a.is_empty()) {
            for item in entries(root, key, command, "IAM entities")? {
                entities.push(whole(kind, item));
            }
        }
    }
    if entities.is_empty() {
        return Err(ImportError::Empty {
            command,
            what: "users, groups, roles or policies",
        });
    }
    Ok(recognized(command, &[Need::Account], entities))
}

fn list_secrets(root: &Map<String, Value>) -> Result<Recognized, ImportError> {
    let command = "aws secretsmanager list-secrets";
    let items = entries(root, "SecretList", command, "secrets")?;
    let entities = items
        .into_iter()
        .map(|s| {
            // list-secrets names the stages map differently from describe-secret.
            let mut s = s.clone();
            if let (false, Some(stages)) = (
                s.contains_key("VersionIdsToStages"),
                s.get("SecretVersionsToStages").cloned(),
            ) {
                s.insert("VersionIdsToStages".to_owned(), stages);
            }
            whole(EntityKind::Secret, &s)
        })
        .collect();
    Ok(recognized(command, REGIONAL, entities))
}

fn get_resource_policy(root: &Map<String, Value>) -> Recognized {
    let id = text(root, "ARN").map(str::to_owned);
    let policy = root.get("ResourcePolicy").cloned().unwrap_or(Value::Null);
    recognized(
        "aws secretsmanager get-resource-policy",
        REGIONAL,
        vec![part(EntityKind::Secret, id, one("ResourcePolicy", policy))],
    )
}

fn get_secret_value(root: &Map<String, Value>) -> Recognized {
    let id = text(root, "ARN").map(str::to_owned);
    let mut r = recognized(
        "aws secretsmanager get-secret-value",
        REGIONAL,
        vec![part(EntityKind::Secret, id, pick(root, &["Name"]))],
    );
    r.warnings.push(ImportWarning {
        path: JsonPath::root(),
        message: "`get-secret-value` output only tells that the secret exists; import `describe-secret` output for its key, rotation and versions".to_owned(),
    });
    r
}

/// `Policy` as a JSON string: `kms get-key-policy` or `lambda get-policy`.
fn string_policy(root: &Map<String, Value>, policy: &str) -> Recognized {
    let parsed: Option<Value> = serde_json::from_str(policy).ok();
    let statements: Vec<&Value> = match parsed.as_ref().and_then(|p| p.get("Statement")) {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    let strings_of = |s: &Value, key: &str| -> Vec<String> {
        match s.get(key) {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        }
    };
    let lambda_actions = statements.iter().any(|s| {
        strings_of(s, "Action")
            .iter()
            .any(|a| a.to_ascii_lowercase().starts_with("lambda:"))
    });
    let is_lambda = present(root, "RevisionId") || (!present(root, "PolicyName") && lambda_actions);
    let fields = one("Policy", Value::String(policy.to_owned()));
    if is_lambda {
        let owner = statements
            .iter()
            .flat_map(|s| strings_of(s, "Resource"))
            .find_map(|r| function_name(&r).map(str::to_owned));
        let mut r = recognized(
            "aws lambda get-policy",
            &[Need::Account, Need::Region, Need::Function],
            vec![part(EntityKind::Function, None, fields)],
        );
        r.owner = owner;
        r
    } else {
        recognized(
            "aws kms get-key-policy",
            &[Need::Account, Need::Region, Need::Key],
            vec![part(EntityKind::Key, None, fields)],
        )
    }
}

/// The key id a `KeyId` / `TargetKeyId` names (an id or a key ARN).
fn key_id(reference: &str) -> String {
    key_id_from_arn(reference).unwrap_or(reference).to_owned()
}

fn list_grants(root: &Map<String, Value>) -> Result<Recognized, ImportError> {
    let command = "aws kms list-grants";
    let grants = entries(root, "Grants", command, "grants")?;
    let mut by_key: BTreeMap<Option<String>, Vec<Value>> = BTreeMap::new();
    for g in grants {
        by_key
            .entry(text(g, "KeyId").map(key_id))
            .or_default()
            .push(Value::Object(g.clone()));
    }
    let needs_owner = by_key.contains_key(&None);
    let entities = by_key
        .into_iter()
        .map(|(id, grants)| part(EntityKind::Key, id, one("Grants", Value::Array(grants))))
        .collect();
    let needs: &[Need] = if needs_owner {
        &[Need::Account, Need::Region, Need::Key]
    } else {
        REGIONAL
    };
    Ok(recognized(command, needs, entities))
}

fn list_aliases(root: &Map<String, Value>) -> Result<Recognized, ImportError> {
    let command = "aws kms list-aliases";
    let aliases = entries(root, "Aliases", command, "aliases")?;
    let mut by_key: BTreeMap<String, (bool, Vec<Value>)> = BTreeMap::new();
    let mut unassociated = 0;
    for a in aliases {
        let Some(target) = text(a, "TargetKeyId").map(key_id) else {
            unassociated += 1;
            continue;
        };
        let aws_managed = text(a, "AliasName").is_some_and(|n| n.starts_with("alias/aws/"));
        let entry = by_key.entry(target).or_insert((true, Vec::new()));
        entry.0 &= aws_managed;
        entry.1.push(Value::Object(a.clone()));
    }
    let entities = by_key
        .into_iter()
        .map(|(id, (aws_managed, aliases))| Imported {
            kind: EntityKind::Key,
            id: Some(id),
            fields: one("Aliases", Value::Array(aliases)),
            // AWS managed keys need not be listed: their aliases only join keys already there.
            mode: if aws_managed {
                ImportMode::SetFieldsIfPresent
            } else {
                ImportMode::SetFields
            },
        })
        .collect();
    let mut r = recognized(command, REGIONAL, entities);
    if unassociated > 0 {
        r.warnings.push(ImportWarning {
            path: JsonPath::root().key("Aliases"),
            message: format!(
                "{unassociated} alias(es) point to no key (`TargetKeyId` is absent) and were skipped"
            ),
        });
    }
    Ok(r)
}

fn describe_instances(root: &Map<String, Value>) -> Result<Recognized, ImportError> {
    let command = "aws ec2 describe-instances";
    let reservations = entries(root, "Reservations", command, "reservations")?;
    let mut entities = Vec::new();
    for (r, reservation) in reservations.into_iter().enumerate() {
        let Some(Value::Array(instances)) = reservation.get("Instances") else {
            continue;
        };
        for (i, instance) in instances.iter().enumerate() {
            let instance = instance
                .as_object()
                .ok_or_else(|| ImportError::NotAnEntity {
                    path: JsonPath::root()
                        .key("Reservations")
                        .index(r)
                        .key("Instances")
                        .index(i)
                        .to_string(),
                    what: "an instance",
                })?;
            entities.push(whole(EntityKind::Instance, instance));
        }
    }
    if entities.is_empty() {
        return Err(ImportError::Empty {
            command,
            what: "instances",
        });
    }
    Ok(recognized(command, REGIONAL, entities))
}

fn describe_organization(org: &Map<String, Value>) -> Recognized {
    let mut fields = pick(org, &["Id"]);
    if let Some(management) = org
        .get("ManagementAccountId")
        .or_else(|| org.get("MasterAccountId"))
        .filter(|v| !v.is_null())
    {
        fields.insert("ManagementAccountId".to_owned(), management.clone());
    }
    let id = text(org, "Id").map(str::to_owned);
    recognized(
        "aws organizations describe-organization",
        &[],
        vec![part(EntityKind::Organization, id, fields)],
    )
}

fn describe_org_policy(policy: &Map<String, Value>) -> Result<Recognized, ImportError> {
    let summary = policy
        .get("PolicySummary")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut fields = pick(&summary, &["Id", "Name", "Description", "Type"]);
    if let Some(content) = policy.get("Content").filter(|v| !v.is_null()) {
        fields.insert("Content".to_owned(), content.clone());
    }
    Ok(recognized(
        "aws organizations describe-policy",
        &[],
        vec![whole(EntityKind::OrganizationPolicy, &fields)],
    ))
}

fn list_org_policies(root: &Map<String, Value>) -> Result<Recognized, ImportError> {
    let command = "aws organizations list-policies";
    let policies = entries(root, "Policies", command, "policies")?;
    let mut entities = Vec::new();
    let mut without_content = Vec::new();
    for p in policies {
        if p.get("AwsManaged").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        if let Some(id) = text(p, "Id") {
            without_content.push(format!("`{id}`"));
        }
        entities.push(Imported {
            kind: EntityKind::OrganizationPolicy,
            id: text(p, "Id").map(str::to_owned),
            fields: pick(p, &["Id", "Name", "Description", "Type"]),
            mode: ImportMode::SetFieldsIfPresent,
        });
    }
    let mut r = recognized(command, &[], entities);
    if !without_content.is_empty() {
        r.warnings.push(ImportWarning {
            path: JsonPath::root().key("Policies"),
            message: format!(
                "`list-policies` prints no policy content: policies already in the model are renamed, others need `aws organizations describe-policy` output ({})",
                without_content.join(", ")
            ),
        });
    }
    Ok(r)
}

fn list_accounts(root: &Map<String, Value>) -> Result<Recognized, ImportError> {
    let command = "aws organizations list-accounts";
    let accounts = entries(root, "Accounts", command, "accounts")?;
    let entities = accounts
        .into_iter()
        .map(|a| whole(EntityKind::OrganizationAccount, &pick(a, &["Id", "Name"])))
        .collect();
    Ok(recognized(command, &[], entities))
}
