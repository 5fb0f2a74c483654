//! Recognised output into the model document: each entity under its account and region,
//! replacing the one with the same identity, and the result checked by loading it.

use serde_json::{json, Map, Value};

use crate::engine::edit::{
    find_entity, function_name, key_id_from_arn, strip_secret_material, upsert, EditError,
    EntityKind, Merge, Upsert,
};
use crate::engine::model::{load_model_value, LoadErrors};

use super::error::ImportError;
use super::{ImportMode, Imported, Need, Recognized};

/// A new model document: `model_json` with the recognised entities added under `account` and
/// `region` (ignored where the output does not need them). The new document must load; if it
/// does not, every new load error is returned with its JSON path and nothing changes. Importing
/// the same output twice gives the same document.
pub fn merge(
    model_json: &Value,
    recognized: &Recognized,
    account: &str,
    region: &str,
) -> Result<Value, ImportError> {
    if !model_json.is_object() {
        return Err(EditError::NotAModel.into());
    }
    for (need, given, what) in [
        (Need::Account, account, "account"),
        (Need::Region, region, "region"),
    ] {
        if recognized.needs.contains(&need) && given.trim().is_empty() {
            return Err(ImportError::MissingPlacement {
                command: recognized.command,
                what,
            });
        }
    }
    let mut doc = model_json.clone();
    let owner = owner_id(&doc, recognized, account, region)?;
    for item in &recognized.entities {
        if is_organization_kind(item.kind) {
            ensure_organization(&mut doc, recognized, item)?;
        }
        let id = item
            .id
            .clone()
            .or_else(|| owner.clone())
            .unwrap_or_default();
        let mut fields = item.fields.clone();
        // `recognize` removed secret material already; a `Recognized` built by hand may hold some.
        remove_secret_material(item.kind, &mut fields);
        if item.kind == EntityKind::OrganizationAccount {
            place_in_organization(&mut doc, &id, &mut fields)?;
        }
        upsert(
            &mut doc,
            account,
            region,
            Merge {
                kind: item.kind,
                id: &id,
                fields: &fields,
                skeleton: skeleton(item.kind, &id),
                how: match item.mode {
                    ImportMode::Replace => Upsert::Replace,
                    ImportMode::SetFields => Upsert::SetFields,
                    ImportMode::SetFieldsIfPresent => Upsert::SetFieldsIfPresent,
                },
            },
        )?;
    }
    check_loads(model_json, &doc)?;
    Ok(doc)
}

fn remove_secret_material(kind: EntityKind, fields: &mut Map<String, Value>) {
    if kind == EntityKind::Parameter {
        fields.remove("Value");
    }
    let mut value = Value::Object(std::mem::take(fields));
    strip_secret_material(&mut value);
    if let Value::Object(map) = value {
        *fields = map;
    }
}

fn is_organization_kind(kind: EntityKind) -> bool {
    matches!(
        kind,
        EntityKind::OrganizationRoot
            | EntityKind::OrganizationalUnit
            | EntityKind::OrganizationAccount
            | EntityKind::OrganizationPolicy
    )
}

/// The key or function the user named, as the model identifies it (a key id, a function name).
fn owner_id(
    doc: &Value,
    recognized: &Recognized,
    account: &str,
    region: &str,
) -> Result<Option<String>, ImportError> {
    let needs_owner = |need| {
        recognized.needs.contains(&need) && recognized.entities.iter().any(|e| e.id.is_none())
    };
    let owner = recognized.owner.as_deref().map(str::trim);
    if needs_owner(Need::Function) {
        let owner = owner.ok_or(ImportError::MissingOwner {
            command: recognized.command,
            what: "function",
        })?;
        return Ok(Some(function_name(owner).unwrap_or(owner).to_owned()));
    }
    if needs_owner(Need::Key) {
        let owner = owner.ok_or(ImportError::MissingOwner {
            command: recognized.command,
            what: "key",
        })?;
        if let Some(id) = key_id_from_arn(owner) {
            return Ok(Some(id.to_owned()));
        }
        let alias = owner
            .find("alias/")
            .and_then(|i| owner.get(i..))
            .filter(|_| owner.starts_with("alias/") || owner.starts_with("arn:"));
        return match alias {
            Some(alias) => key_with_alias(doc, account, region, alias)
                .map(Some)
                .ok_or_else(|| ImportError::UnknownOwner {
                    what: "key",
                    id: owner.to_owned(),
                }),
            None => Ok(Some(owner.to_owned())),
        };
    }
    Ok(None)
}

/// The id of the key in this account and region that has the alias.
fn key_with_alias(doc: &Value, account: &str, region: &str, alias: &str) -> Option<String> {
    let accounts = doc.get("Accounts")?.as_array()?;
    let account = accounts
        .iter()
        .find(|a| a.get("AccountId").and_then(Value::as_str) == Some(account))?;
    let region = account
        .get("Regions")?
        .as_array()?
        .iter()
        .find(|r| r.get("Region").and_then(Value::as_str) == Some(region))?;
    region.get("Keys")?.as_array()?.iter().find_map(|key| {
        let named = key.get("Aliases")?.as_array()?.iter().any(|a| {
            a.get("AliasName").and_then(Value::as_str) == Some(alias)
                || a.get("AliasArn")
                    .and_then(Value::as_str)
                    .is_some_and(|arn| arn.ends_with(&format!(":{alias}")))
        });
        if named {
            EntityKind::Key.id_of(key)
        } else {
            None
        }
    })
}

/// The minimal entity created when members are set on one the model does not have.
fn skeleton(kind: EntityKind, id: &str) -> Map<String, Value> {
    let value = match kind {
        EntityKind::Key => json!({"KeyMetadata": {"KeyId": id}}),
        EntityKind::Organization => json!({}),
        other => json!({ other.id_field(): id }),
    };
    match value {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// An organization entity needs the model's `Organization`: create it from what the output's
/// ARNs name, or fail asking for `describe-organization`.
fn ensure_organization(
    doc: &mut Value,
    recognized: &Recognized,
    item: &Imported,
) -> Result<(), ImportError> {
    if find_entity(doc, EntityKind::Organization, "", "", "").is_some() {
        return Ok(());
    }
    if item.mode == ImportMode::SetFieldsIfPresent {
        return Ok(());
    }
    let (id, management) = recognized
        .suggested_organization
        .clone()
        .ok_or(ImportError::NoOrganization)?;
    let mut org = Map::new();
    org.insert("Id".to_owned(), Value::String(id));
    if !management.is_empty() {
        org.insert("ManagementAccountId".to_owned(), Value::String(management));
    }
    if let Some(root) = doc.as_object_mut() {
        root.insert("Organization".to_owned(), Value::Object(org));
    }
    Ok(())
}

/// `list-accounts` prints no parent: keep the one the model has, else the organization's only
/// root. The account also gets its entry in `Accounts`, named as the organization names it.
fn place_in_organization(
    doc: &mut Value,
    id: &str,
    fields: &mut Map<String, Value>,
) -> Result<(), ImportError> {
    let known = find_entity(doc, EntityKind::OrganizationAccount, "", "", id)
        .and_then(|p| p.get(doc).cloned())
        .and_then(|a| a.get("ParentId").cloned());
    let parent = match known {
        Some(parent) => parent,
        None => {
            let roots: Vec<Value> = doc
                .get("Organization")
                .and_then(|o| o.get("Roots"))
                .and_then(Value::as_array)
                .map(|roots| roots.iter().filter_map(|r| r.get("Id").cloned()).collect())
                .unwrap_or_default();
            match roots.as_slice() {
                [only] => only.clone(),
                _ => {
                    return Err(ImportError::NoParent {
                        account: id.to_owned(),
                        roots: roots.len(),
                    })
                }
            }
        }
    };
    fields.insert("ParentId".to_owned(), parent);
    let name = fields.get("Name").cloned();
    let path = crate::engine::edit::ensure_account_entry(doc, id)?;
    if let (Some(name), Some(Value::Object(entry))) = (name, path.get_mut(doc)) {
        entry.entry("Name").or_insert(name);
    }
    Ok(())
}

/// The merged document must load, apart from errors the model already had.
fn check_loads(before: &Value, after: &Value) -> Result<(), ImportError> {
    let Err(LoadErrors(errors)) = load_model_value(after) else {
        return Ok(());
    };
    let old = match load_model_value(before) {
        Ok(_) => Vec::new(),
        Err(LoadErrors(old)) => old,
    };
    let new: Vec<_> = errors.into_iter().filter(|e| !old.contains(e)).collect();
    if new.is_empty() {
        Ok(())
    } else {
        Err(ImportError::Invalid(LoadErrors(new)))
    }
}
