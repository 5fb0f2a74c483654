//! The values a reference field may take in a document: the ids, ARNs or names of the entities
//! of the referenced kind, across every account and region, each with a label for a picker.

use serde_json::Value;

use super::document::{list_entities, EntityRef};
use super::kind::EntityKind;
use super::schema::Reference;

/// One value a reference picker offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// What the field is set to (an id, ARN or name, as the referring field holds it).
    pub value: String,
    /// How a picker shows it: a name when the entity has one, the value, and where it lives.
    pub label: String,
    pub kind: EntityKind,
}

/// Every value `reference` may take in `doc`, in document order, without duplicates.
pub fn reference_candidates(doc: &Value, reference: Reference) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    if reference == Reference::RouteGateway {
        out.push(Candidate {
            value: "local".to_owned(),
            label: "local (within the VPC)".to_owned(),
            kind: EntityKind::Vpc,
        });
    }
    for entity in list_entities(doc) {
        if !reference.kinds().contains(&entity.kind) {
            continue;
        }
        let Some(value) = entity.path.get(doc) else {
            continue;
        };
        for (v, name) in values_of(reference, &entity, value) {
            if out.iter().any(|c| c.value == v) {
                continue;
            }
            let place = match (&entity.account, &entity.region) {
                (Some(a), Some(r)) => format!(" · {a} {r}"),
                (Some(a), None) if entity.kind != EntityKind::Account => format!(" · {a}"),
                _ => String::new(),
            };
            let label = match name {
                Some(name) if name != v => format!("{name} ({v}){place}"),
                _ => format!("{v}{place}"),
            };
            out.push(Candidate {
                value: v,
                label,
                kind: entity.kind,
            });
        }
    }
    out
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// The `Name` tag, in either of AWS's tag shapes.
fn name_tag(value: &Value) -> Option<String> {
    value
        .get("Tags")
        .and_then(Value::as_array)?
        .iter()
        .find(|t| text(t, "Key").or_else(|| text(t, "TagKey")) == Some("Name"))
        .and_then(|t| text(t, "Value").or_else(|| text(t, "TagValue")))
        .map(str::to_owned)
}

/// The values (and a display name) an entity offers for a reference of this sort.
fn values_of(
    reference: Reference,
    entity: &EntityRef,
    value: &Value,
) -> Vec<(String, Option<String>)> {
    let account = entity.account.as_deref().unwrap_or_default();
    let region = entity.region.as_deref().unwrap_or_default();
    let id = entity.id.clone();
    let owned = |s: Option<&str>| s.map(str::to_owned);
    match (reference, entity.kind) {
        (Reference::InstanceProfile, _) => value
            .get("InstanceProfileList")
            .and_then(Value::as_array)
            .map(|profiles| {
                profiles
                    .iter()
                    .filter_map(|p| {
                        let arn = text(p, "Arn")?.to_owned();
                        let name = format!(
                            "{} (role {})",
                            text(p, "InstanceProfileName").unwrap_or("instance profile"),
                            text(value, "RoleName").unwrap_or("?")
                        );
                        Some((arn, Some(name)))
                    })
                    .collect()
            })
            .unwrap_or_default(),
        (Reference::RouteGateway, EntityKind::VpcEndpoint)
            if text(value, "VpcEndpointType") != Some("Gateway") =>
        {
            Vec::new()
        }
        (_, EntityKind::Key) => {
            let meta = value.get("KeyMetadata").unwrap_or(&Value::Null);
            let arn = owned(text(meta, "Arn"))
                .or_else(|| id.map(|k| format!("arn:aws:kms:{region}:{account}:key/{k}")));
            let name = value
                .get("Aliases")
                .and_then(Value::as_array)
                .and_then(|a| a.first())
                .and_then(|a| text(a, "AliasName"))
                .or_else(|| text(meta, "Description"))
                .map(str::to_owned);
            arn.map(|a| (a, name)).into_iter().collect()
        }
        (_, EntityKind::Function) => {
            let arn = owned(text(value, "FunctionArn")).or_else(|| {
                id.clone()
                    .map(|n| format!("arn:aws:lambda:{region}:{account}:function:{n}"))
            });
            arn.map(|a| (a, id)).into_iter().collect()
        }
        (_, EntityKind::Secret) => id
            .map(|arn| (arn, owned(text(value, "Name"))))
            .into_iter()
            .collect(),
        (_, EntityKind::Role) => id
            .map(|arn| (arn, owned(text(value, "RoleName"))))
            .into_iter()
            .collect(),
        (_, EntityKind::ManagedPolicy) => id
            .map(|arn| (arn, owned(text(value, "PolicyName"))))
            .into_iter()
            .collect(),
        (_, EntityKind::SecurityGroup) => id
            .map(|g| {
                (
                    g,
                    owned(text(value, "GroupName")).or_else(|| name_tag(value)),
                )
            })
            .into_iter()
            .collect(),
        (_, EntityKind::Account) => id
            .map(|a| (a, owned(text(value, "Name"))))
            .into_iter()
            .collect(),
        (_, EntityKind::OrganizationalUnit) => id
            .map(|ou| (ou, owned(text(value, "Name"))))
            .into_iter()
            .collect(),
        _ => id.map(|i| (i, name_tag(value))).into_iter().collect(),
    }
}
