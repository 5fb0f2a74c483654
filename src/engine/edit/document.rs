//! Operations on the model document that the app's forms call: add, update and delete an entity,
//! find one by its identity. Each takes the document and returns a new one, or an error that
//! says where and why; the input is never changed.
//!
//! The operations check the document's shape (the entity is an object with its identity, the
//! identity is not taken, the path leads to an entity) but not the whole model: a form may pass
//! through a state the loader rejects, and the app shows the loader's diagnostics for it.
//! Secret material is refused outright, so no edit can put a secret value into the document.

use serde_json::{json, Map, Value};

use crate::engine::ids::{AccountId, Region};
use crate::engine::model::FORMAT;

use super::error::EditError;
use super::kind::{EntityKind, Scope};
use super::path::{EntityPath, Segment};
use super::secret_material::find_secret_material;

/// An empty model: the format and no accounts.
pub fn new_model() -> Value {
    json!({"Format": FORMAT, "Accounts": []})
}

/// One entity of the document, for pickers and lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRef {
    pub kind: EntityKind,
    pub path: EntityPath,
    /// Its identity ([`EntityKind::id_of`]), when it has one.
    pub id: Option<String>,
    /// The account it belongs to, for account and region scoped kinds.
    pub account: Option<String>,
    /// The region it belongs to, for region scoped kinds.
    pub region: Option<String>,
}

/// Add `entity` of `kind` to the document. `account` and `region` place account and region
/// scoped kinds (their entries are created when missing) and are ignored for the others.
pub fn add_entity(
    doc: &Value,
    kind: EntityKind,
    account: &str,
    region: &str,
    entity: Value,
) -> Result<Value, EditError> {
    check_entity(kind, &entity)?;
    let id = kind
        .id_of(&entity)
        .ok_or_else(|| EditError::missing_id(kind))?;
    let mut out = doc.clone();
    if kind == EntityKind::Organization {
        let root = root_object(&mut out)?;
        if root.get("Organization").is_some_and(|o| !o.is_null()) {
            return Err(EditError::Duplicate {
                path: EntityPath::root().key("Organization"),
                kind: kind.describe(),
                id,
            });
        }
        root.insert("Organization".to_owned(), entity);
        return Ok(out);
    }
    let list_path = ensure_list(&mut out, kind, account, region)?;
    if let Some(found) = find_in_list(&out, &list_path, kind, &id) {
        return Err(EditError::Duplicate {
            path: found,
            kind: kind.describe(),
            id,
        });
    }
    list_at(&mut out, &list_path)?.push(entity);
    Ok(out)
}

/// Replace the entity at `path` with `entity`. Its identity may change, but not to one another
/// entity of its kind in the same place already has.
pub fn update_entity(doc: &Value, path: &EntityPath, entity: Value) -> Result<Value, EditError> {
    let kind = path
        .entity_kind()
        .ok_or_else(|| EditError::NotAnEntityPath { path: path.clone() })?;
    check_entity(kind, &entity)?;
    let id = kind
        .id_of(&entity)
        .ok_or_else(|| EditError::missing_id(kind))?;
    if path.get(doc).is_none_or(Value::is_null) {
        return Err(EditError::NoSuchEntity { path: path.clone() });
    }
    if let Some((list_path, index)) = path.split_last_index() {
        if let Some(other) = find_in_list(doc, &list_path, kind, &id) {
            if other != list_path.index(index) {
                return Err(EditError::Duplicate {
                    path: other,
                    kind: kind.describe(),
                    id,
                });
            }
        }
    }
    let mut out = doc.clone();
    let slot = path
        .get_mut(&mut out)
        .ok_or_else(|| EditError::NoSuchEntity { path: path.clone() })?;
    *slot = entity;
    Ok(out)
}

/// Remove the entity at `path`. Nothing that refers to it is changed: the loader reports such
/// references as warnings, which is what a user deleting one thing at a time expects.
pub fn delete_entity(doc: &Value, path: &EntityPath) -> Result<Value, EditError> {
    if path.entity_kind().is_none() {
        return Err(EditError::NotAnEntityPath { path: path.clone() });
    }
    let mut out = doc.clone();
    let removed = match path.split_last_index() {
        Some((list_path, index)) => match list_path.get_mut(&mut out) {
            Some(Value::Array(items)) if index < items.len() => {
                items.remove(index);
                true
            }
            _ => false,
        },
        None => match (path.0.as_slice(), out.as_object_mut()) {
            ([Segment::Key(key)], Some(root)) => root.remove(key).is_some(),
            _ => false,
        },
    };
    if removed {
        Ok(out)
    } else {
        Err(EditError::NoSuchEntity { path: path.clone() })
    }
}

/// The path of the entity of `kind` with identity `id` in `account` / `region` (ignored where
/// the kind does not live in one).
pub fn find_entity(
    doc: &Value,
    kind: EntityKind,
    account: &str,
    region: &str,
    id: &str,
) -> Option<EntityPath> {
    if kind == EntityKind::Organization {
        let path = EntityPath::root().key("Organization");
        return path.get(doc).filter(|v| v.is_object()).map(|_| path);
    }
    let list_path = existing_list(doc, kind, account, region)?;
    find_in_list(doc, &list_path, kind, id)
}

/// Every entity of the document, in document order.
pub fn list_entities(doc: &Value) -> Vec<EntityRef> {
    let mut out = Vec::new();
    let root = EntityPath::root();
    let push_list = |out: &mut Vec<EntityRef>,
                     kind: EntityKind,
                     list_path: EntityPath,
                     account: Option<&str>,
                     region: Option<&str>| {
        if let Some(Value::Array(items)) = list_path.get(doc) {
            for (i, item) in items.iter().enumerate() {
                out.push(EntityRef {
                    kind,
                    path: list_path.index(i),
                    id: kind.id_of(item),
                    account: account.map(str::to_owned),
                    region: region.map(str::to_owned),
                });
            }
        }
    };
    if doc.get("Organization").is_some_and(Value::is_object) {
        out.push(EntityRef {
            kind: EntityKind::Organization,
            path: root.key("Organization"),
            id: doc
                .get("Organization")
                .and_then(|o| EntityKind::Organization.id_of(o)),
            account: None,
            region: None,
        });
    }
    for kind in EntityKind::ALL {
        if let Scope::Organization(list) = kind.scope() {
            push_list(
                &mut out,
                kind,
                root.key("Organization").key(list),
                None,
                None,
            );
        }
    }
    if let Some(Value::Array(accounts)) = doc.get("Accounts") {
        for (a, account) in accounts.iter().enumerate() {
            let account_id = account.get("AccountId").and_then(Value::as_str);
            let account_path = root.key("Accounts").index(a);
            out.push(EntityRef {
                kind: EntityKind::Account,
                path: account_path.clone(),
                id: EntityKind::Account.id_of(account),
                account: account_id.map(str::to_owned),
                region: None,
            });
            for kind in EntityKind::ALL {
                if let Scope::Account(list) = kind.scope() {
                    let path = account_path.key("Iam").key(list);
                    push_list(&mut out, kind, path, account_id, None);
                }
            }
            let Some(Value::Array(regions)) = account.get("Regions") else {
                continue;
            };
            for (r, region) in regions.iter().enumerate() {
                let region_name = region.get("Region").and_then(Value::as_str);
                let region_path = account_path.key("Regions").index(r);
                for kind in EntityKind::ALL {
                    if let Scope::Region(list) = kind.scope() {
                        let path = region_path.key(list);
                        push_list(&mut out, kind, path, account_id, region_name);
                    }
                }
            }
        }
    }
    push_list(&mut out, EntityKind::Check, root.key("Checks"), None, None);
    out
}

fn check_entity(kind: EntityKind, entity: &Value) -> Result<(), EditError> {
    if !entity.is_object() {
        return Err(EditError::NotAnObject {
            kind: kind.describe(),
        });
    }
    let parameter_value = (kind == EntityKind::Parameter && entity.get("Value").is_some())
        .then(|| EntityPath::root().key("Value"));
    if let Some(path) = parameter_value.or_else(|| find_secret_material(entity).into_iter().next())
    {
        return Err(EditError::SecretMaterial {
            message: format!(
                "{} may not hold secret material; the model never holds secret values",
                kind.describe()
            ),
            path,
        });
    }
    Ok(())
}

fn root_object(doc: &mut Value) -> Result<&mut Map<String, Value>, EditError> {
    doc.as_object_mut().ok_or(EditError::NotAModel)
}

/// The list at `path`, which [`ensure_list`] made sure exists.
fn list_at<'a>(doc: &'a mut Value, path: &EntityPath) -> Result<&'a mut Vec<Value>, EditError> {
    match path.get_mut(doc) {
        Some(Value::Array(items)) => Ok(items),
        _ => Err(EditError::NoSuchEntity { path: path.clone() }),
    }
}

/// The entity of `kind` with identity `id` in the list at `list_path`.
pub(crate) fn find_in_list(
    doc: &Value,
    list_path: &EntityPath,
    kind: EntityKind,
    id: &str,
) -> Option<EntityPath> {
    let Some(Value::Array(items)) = list_path.get(doc) else {
        return None;
    };
    items
        .iter()
        .position(|item| kind.id_of(item).as_deref() == Some(id))
        .map(|i| list_path.index(i))
}

/// The path of the kind's list for this account and region, if the document has one.
pub(crate) fn existing_list(
    doc: &Value,
    kind: EntityKind,
    account: &str,
    region: &str,
) -> Option<EntityPath> {
    let root = EntityPath::root();
    let account_path = || {
        let Some(Value::Array(accounts)) = doc.get("Accounts") else {
            return None;
        };
        accounts
            .iter()
            .position(|a| a.get("AccountId").and_then(Value::as_str) == Some(account))
            .map(|i| root.key("Accounts").index(i))
    };
    let path = match kind.scope() {
        Scope::Model(list) => root.key(list),
        Scope::Organization(list) => root.key("Organization").key(list),
        Scope::OrganizationItself => root.key("Organization"),
        Scope::Account(list) => account_path()?.key("Iam").key(list),
        Scope::Region(list) => {
            let account_path = account_path()?;
            let Some(Value::Array(regions)) = account_path.key("Regions").get(doc) else {
                return None;
            };
            let r = regions
                .iter()
                .position(|r| r.get("Region").and_then(Value::as_str) == Some(region))?;
            account_path.key("Regions").index(r).key(list)
        }
    };
    Some(path)
}

/// Make sure the kind's list exists for this account and region, creating the account, region,
/// `Iam` or `Organization` entries on the way; returns its path.
pub(crate) fn ensure_list(
    doc: &mut Value,
    kind: EntityKind,
    account: &str,
    region: &str,
) -> Result<EntityPath, EditError> {
    let root = EntityPath::root();
    match kind.scope() {
        Scope::Model(list) => {
            ensure_member(doc, &root, list, Value::Array(Vec::new()), "an array")?;
            Ok(root.key(list))
        }
        Scope::OrganizationItself => Ok(root.key("Organization")),
        Scope::Organization(list) => {
            ensure_member(doc, &root, "Organization", json!({}), "an object")?;
            let org = root.key("Organization");
            ensure_member(doc, &org, list, Value::Array(Vec::new()), "an array")?;
            Ok(org.key(list))
        }
        Scope::Account(list) => {
            let account_path = ensure_account(doc, account)?;
            ensure_member(doc, &account_path, "Iam", json!({}), "an object")?;
            let iam = account_path.key("Iam");
            ensure_member(doc, &iam, list, Value::Array(Vec::new()), "an array")?;
            Ok(iam.key(list))
        }
        Scope::Region(list) => {
            let account_path = ensure_account(doc, account)?;
            let region_path = ensure_region(doc, &account_path, region)?;
            ensure_member(
                doc,
                &region_path,
                list,
                Value::Array(Vec::new()),
                "an array",
            )?;
            Ok(region_path.key(list))
        }
    }
}

/// Set `parent.member` to `default` when it is absent or `null`; fail when it is of another type.
fn ensure_member(
    doc: &mut Value,
    parent: &EntityPath,
    member: &str,
    default: Value,
    expected: &'static str,
) -> Result<(), EditError> {
    let malformed = || EditError::Malformed {
        path: parent.clone(),
        member: member.to_owned(),
        expected,
    };
    let Some(Value::Object(map)) = parent.get_mut(doc) else {
        return Err(if parent.0.is_empty() {
            EditError::NotAModel
        } else {
            malformed()
        });
    };
    match map.get(member) {
        None | Some(Value::Null) => {
            map.insert(member.to_owned(), default);
            Ok(())
        }
        Some(existing) if same_type(existing, &default) => Ok(()),
        Some(_) => Err(malformed()),
    }
}

fn same_type(a: &Value, b: &Value) -> bool {
    matches!(
        (a, b),
        (Value::Array(_), Value::Array(_)) | (Value::Object(_), Value::Object(_))
    )
}

/// The path of the account entry, created when missing.
pub(crate) fn ensure_account(doc: &mut Value, account: &str) -> Result<EntityPath, EditError> {
    let account: AccountId = account
        .trim()
        .parse()
        .map_err(|_| EditError::InvalidAccount(account.to_owned()))?;
    let root = EntityPath::root();
    ensure_member(doc, &root, "Accounts", Value::Array(Vec::new()), "an array")?;
    let accounts = list_at(doc, &root.key("Accounts"))?;
    let index = match accounts
        .iter()
        .position(|a| a.get("AccountId").and_then(Value::as_str) == Some(account.as_str()))
    {
        Some(i) => i,
        None => {
            accounts.push(json!({"AccountId": account.as_str()}));
            accounts.len().saturating_sub(1)
        }
    };
    Ok(root.key("Accounts").index(index))
}

/// The path of the region entry of an account, created when missing.
fn ensure_region(
    doc: &mut Value,
    account_path: &EntityPath,
    region: &str,
) -> Result<EntityPath, EditError> {
    let region: Region = region
        .trim()
        .parse()
        .map_err(|_| EditError::InvalidRegion(region.to_owned()))?;
    ensure_member(
        doc,
        account_path,
        "Regions",
        Value::Array(Vec::new()),
        "an array",
    )?;
    let regions_path = account_path.key("Regions");
    let regions = list_at(doc, &regions_path)?;
    let index = match regions
        .iter()
        .position(|r| r.get("Region").and_then(Value::as_str) == Some(region.as_str()))
    {
        Some(i) => i,
        None => {
            regions.push(json!({"Region": region.as_str()}));
            regions.len().saturating_sub(1)
        }
    };
    Ok(regions_path.index(index))
}

/// How [`upsert`] treats an entity that is already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Upsert {
    /// Replace it, keeping the members other commands attached ([`EntityKind::attached_fields`]).
    Replace,
    /// Set these members on it; create it (skeleton + members) when absent.
    SetFields,
    /// Set these members on it; do nothing when absent.
    SetFieldsIfPresent,
}

/// One entity to add or merge by [`upsert`].
pub(crate) struct Merge<'a> {
    pub kind: EntityKind,
    /// Its identity ([`EntityKind::id_of`] of the entity in the document).
    pub id: &'a str,
    /// The whole entity ([`Upsert::Replace`]) or the members to set.
    pub fields: &'a Map<String, Value>,
    /// The minimal entity created for [`Upsert::SetFields`] when none has that identity.
    pub skeleton: Map<String, Value>,
    pub how: Upsert,
}

/// Add or merge an entity into the document in place, by identity.
pub(crate) fn upsert(
    doc: &mut Value,
    account: &str,
    region: &str,
    item: Merge<'_>,
) -> Result<(), EditError> {
    let Merge {
        kind,
        id,
        fields,
        skeleton,
        how,
    } = item;
    let list_path = ensure_list(doc, kind, account, region)?;
    let existing = if kind == EntityKind::Organization {
        Some(list_path.clone()).filter(|p| p.get(doc).is_some_and(Value::is_object))
    } else {
        find_in_list(doc, &list_path, kind, id)
    };
    match (existing, how) {
        (Some(path), Upsert::Replace) => {
            let slot = path
                .get_mut(doc)
                .ok_or_else(|| EditError::NoSuchEntity { path: path.clone() })?;
            let mut fresh = fields.clone();
            if let Value::Object(old) = slot {
                for field in kind.attached_fields() {
                    if let (false, Some(v)) = (fresh.contains_key(*field), old.get(*field)) {
                        fresh.insert((*field).to_owned(), v.clone());
                    }
                }
            }
            *slot = Value::Object(fresh);
        }
        (Some(path), Upsert::SetFields | Upsert::SetFieldsIfPresent) => {
            if let Some(Value::Object(old)) = path.get_mut(doc) {
                for (k, v) in fields {
                    old.insert(k.clone(), v.clone());
                }
            }
        }
        (None, Upsert::SetFieldsIfPresent) => {}
        (None, Upsert::Replace | Upsert::SetFields) => {
            let mut fresh = if how == Upsert::Replace {
                Map::new()
            } else {
                skeleton
            };
            for (k, v) in fields {
                fresh.insert(k.clone(), v.clone());
            }
            if kind == EntityKind::Organization {
                root_object(doc)?.insert("Organization".to_owned(), Value::Object(fresh));
            } else {
                list_at(doc, &list_path)?.push(Value::Object(fresh));
            }
        }
    }
    Ok(())
}
