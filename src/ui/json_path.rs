//! Reading the model file by JSON path: what a blocker's `location` points at, and which object
//! of the file an entity of the graph came from. Pure functions over `serde_json::Value`.
//!
//! A policy document may be a JSON string (or URL-encoded, as the raw IAM API returns it): a
//! path continues inside the decoded document, so resolving decodes a string whenever segments
//! remain.

use std::borrow::Cow;

use serde_json::Value;

use crate::engine::graph::{NodeId, NodeKind};

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// `.Name` or `["Name"]`.
    Key(String),
    /// `[3]`.
    Index(usize),
}

/// Splits `$.Accounts[0].Iam["odd key"]` into segments; `None` when it is not such a path.
pub fn parse_path(path: &str) -> Option<Vec<Segment>> {
    let mut rest = path.strip_prefix('$')?;
    let mut segments = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            let (name, tail) = after.split_at(end);
            if name.is_empty() {
                return None;
            }
            segments.push(Segment::Key(name.to_owned()));
            rest = tail;
        } else if let Some(after) = rest.strip_prefix("[\"") {
            // A quoted key is a JSON string: find its closing quote, skipping escapes.
            let mut escaped = false;
            let mut close = None;
            for (i, c) in after.char_indices() {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => {
                        close = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let close = close?;
            let literal = format!("\"{}\"", after.get(..close)?);
            let name: String = serde_json::from_str(&literal).ok()?;
            segments.push(Segment::Key(name));
            rest = after.get(close + 1..)?.strip_prefix(']')?;
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            let index = after.get(..end)?.parse().ok()?;
            segments.push(Segment::Index(index));
            rest = after.get(end + 1..)?;
        } else {
            return None;
        }
    }
    Some(segments)
}

/// A policy document given as a JSON string (or URL-encoded JSON), decoded.
pub fn decode_document(text: &str) -> Option<Value> {
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        return Some(value);
    }
    let decoded = percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()?;
    serde_json::from_str(&decoded).ok()
}

/// The value at `path`, decoding string documents on the way.
pub fn resolve<'v>(root: &'v Value, path: &str) -> Option<Cow<'v, Value>> {
    let segments = parse_path(path)?;
    let mut at: Cow<'v, Value> = Cow::Borrowed(root);
    for segment in &segments {
        if let Value::String(text) = at.as_ref() {
            at = Cow::Owned(decode_document(text)?);
        }
        at = match at {
            Cow::Borrowed(value) => Cow::Borrowed(step(value, segment)?),
            Cow::Owned(value) => Cow::Owned(step(&value, segment)?.clone()),
        };
    }
    if let Value::String(text) = at.as_ref() {
        // A path that ends at a string document means the document.
        if let Some(document) = decode_document(text).filter(Value::is_object) {
            return Some(Cow::Owned(document));
        }
    }
    Some(at)
}

fn step<'v>(value: &'v Value, segment: &Segment) -> Option<&'v Value> {
    match segment {
        Segment::Key(name) => value.get(name.as_str()),
        Segment::Index(i) => value.get(*i),
    }
}

/// Where a statement sits: the document's path and the statement's index (a single-object
/// `Statement` is index 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLocation {
    pub document: String,
    pub index: usize,
}

/// Splits a blocker's location (`…PolicyDocument.Statement[1]`) into document and index.
/// A location that names a document only gives index 0 of it.
pub fn statement_location(location: &str) -> StatementLocation {
    match location.rfind(".Statement") {
        Some(at) => {
            let document = location.get(..at).unwrap_or(location).to_owned();
            let tail = location.get(at + ".Statement".len()..).unwrap_or("");
            let index = tail
                .strip_prefix('[')
                .and_then(|t| t.split(']').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            StatementLocation { document, index }
        }
        None => StatementLocation {
            document: location.to_owned(),
            index: 0,
        },
    }
}

/// Removes what the model never shows: secret values (`SecretString`, `SecretBinary`,
/// `password`) anywhere, and a parameter's `Value`.
pub fn scrub_secret_material(value: &mut Value, is_parameter: bool) {
    // The engine's one definition of secret material; a parameter's `Value` counts inside a
    // `Parameter` object, so a parameter entity is stripped in that shape.
    if is_parameter {
        let mut wrapped = serde_json::json!({ "Parameter": value.take() });
        secretpath_strip(&mut wrapped);
        if let Some(inner) = wrapped.get_mut("Parameter") {
            *value = inner.take();
        }
    } else {
        secretpath_strip(value);
    }
}

fn secretpath_strip(value: &mut Value) {
    let _ = crate::engine::model::strip_secret_material(value);
}

/// Where the entities of one kind are listed (relative to an account, `Regions[]` entries for
/// regional kinds) and the members that identify them.
fn entity_places(kind: NodeKind) -> (&'static [&'static str], &'static [&'static str], bool) {
    // (path inside the account or region, identifying members, regional?)
    match kind {
        NodeKind::Account => (&[], &["AccountId"], false),
        NodeKind::User => (&["Iam", "UserDetailList"], &["Arn", "UserName"], false),
        NodeKind::Group => (&["Iam", "GroupDetailList"], &["Arn", "GroupName"], false),
        NodeKind::Role => (&["Iam", "RoleDetailList"], &["Arn", "RoleName"], false),
        NodeKind::Secret => (&["Secrets"], &["ARN", "Name"], true),
        NodeKind::Parameter => (&["Parameters"], &["ARN", "Name"], true),
        NodeKind::Key => (&["Keys"], &["KeyMetadata.Arn", "KeyMetadata.KeyId"], true),
        NodeKind::Function => (&["Functions"], &["FunctionArn", "FunctionName"], true),
        NodeKind::Instance => (&["Instances"], &["InstanceId"], true),
        NodeKind::DbInstance => (
            &["DBInstances"],
            &["DBInstanceArn", "DBInstanceIdentifier"],
            true,
        ),
        NodeKind::Vpc => (&["Vpcs"], &["VpcId"], true),
        NodeKind::Subnet => (&["Subnets"], &["SubnetId"], true),
        NodeKind::VpcEndpoint => (&["VpcEndpoints"], &["VpcEndpointId"], true),
        NodeKind::InternetGateway => (&["InternetGateways"], &["InternetGatewayId"], true),
        NodeKind::NatGateway => (&["NatGateways"], &["NatGatewayId"], true),
        NodeKind::RouteTable => (&["RouteTables"], &["RouteTableId"], true),
        NodeKind::SecurityGroup => (&["SecurityGroups"], &["GroupId"], true),
        NodeKind::NetworkAcl => (&["NetworkAcls"], &["NetworkAclId"], true),
    }
}

fn member<'v>(value: &'v Value, dotted: &str) -> Option<&'v str> {
    dotted
        .split('.')
        .try_fold(value, |at, name| at.get(name))
        .and_then(Value::as_str)
}

/// Whether a listed entity is the node: an identifying member equals the id, or (for names) the
/// id is an ARN ending in `:name`, `/name` or `:name-XXXXXX` (a secret's suffix).
fn identifies(id: &str, value: &str) -> bool {
    if value.is_empty() {
        return false;
    }
    if id == value {
        return true;
    }
    let name = value.trim_start_matches('/');
    id.ends_with(&format!("/{name}"))
        || id.ends_with(&format!(":{name}"))
        || id
            .rsplit_once('-')
            .is_some_and(|(head, suffix)| suffix.len() == 6 && head.ends_with(&format!(":{name}")))
}

/// The object of the model file an entity of the graph came from, with its JSON path, secret
/// material removed. An account is shown without its `Iam` and `Regions` (they are entities of
/// their own).
pub fn entity_json(model: &Value, node: &NodeId) -> Option<(String, Value)> {
    let kind = node.kind();
    let id = node.as_str();
    let (inner, members, regional) = entity_places(kind);
    let accounts = model.get("Accounts")?.as_array()?;
    let mut fallback = None;
    for (a, account) in accounts.iter().enumerate() {
        let account_path = format!("$.Accounts[{a}]");
        if kind == NodeKind::Account {
            if member(account, "AccountId") == Some(id) {
                let mut shown = account.clone();
                if let Value::Object(map) = &mut shown {
                    map.remove("Iam");
                    map.remove("Regions");
                }
                return Some((account_path, shown));
            }
            continue;
        }
        let mut scopes: Vec<(String, &Value)> = Vec::new();
        if regional {
            for (r, region) in account
                .get("Regions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                scopes.push((format!("{account_path}.Regions[{r}]"), region));
            }
        } else {
            scopes.push((account_path.clone(), account));
        }
        for (scope_path, scope) in scopes {
            let list = inner
                .iter()
                .try_fold(scope, |at, name| at.get(*name))
                .and_then(Value::as_array);
            let list_path = inner
                .iter()
                .fold(scope_path, |path, name| format!("{path}.{name}"));
            for (i, entity) in list.into_iter().flatten().enumerate() {
                let values: Vec<&str> = members.iter().filter_map(|m| member(entity, m)).collect();
                let exact = values.contains(&id);
                if exact || (fallback.is_none() && values.iter().any(|v| identifies(id, v))) {
                    let mut shown = entity.clone();
                    scrub_secret_material(&mut shown, kind == NodeKind::Parameter);
                    let found = (format!("{list_path}[{i}]"), shown);
                    if exact {
                        return Some(found);
                    }
                    fallback = Some(found);
                }
            }
        }
    }
    fallback
}
