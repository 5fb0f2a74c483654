//! An account's place in the organization, which the contract keeps outside the account entry:
//! its `Organization.Accounts` entry (`Id`, `ParentId`) and the SCPs and RCPs whose `Targets`
//! name it. The account form reads and writes both here.

use serde_json::{json, Value};

use super::error::EditError;
use super::path::EntityPath;

/// Where an account sits in the organization.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccountPlacement {
    /// The root or OU it is under (`Organization.Accounts[].ParentId`); `None` when the
    /// organization does not list it.
    pub parent: Option<String>,
    /// The organization policies (SCPs and RCPs) whose `Targets` name it directly, by id.
    pub policies: Vec<String>,
}

/// A target as `Targets` holds it: a plain id, or list-targets-for-policy's `{"TargetId": …}`.
fn target_id(target: &Value) -> Option<&str> {
    match target {
        Value::String(s) => Some(s.as_str()),
        Value::Object(m) => m.get("TargetId").and_then(Value::as_str),
        _ => None,
    }
}

fn org_list<'a>(doc: &'a Value, list: &str) -> &'a [Value] {
    doc.get("Organization")
        .and_then(|o| o.get(list))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

fn org_account_id(entry: &Value) -> Option<&str> {
    entry
        .get("Id")
        .or_else(|| entry.get("AccountId"))
        .and_then(Value::as_str)
}

/// Where `account` sits in the organization of `doc`.
pub fn account_placement(doc: &Value, account: &str) -> AccountPlacement {
    let parent = org_list(doc, "Accounts")
        .iter()
        .find(|a| org_account_id(a) == Some(account))
        .and_then(|a| a.get("ParentId"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let policies = org_list(doc, "Policies")
        .iter()
        .filter(|p| {
            p.get("Targets")
                .and_then(Value::as_array)
                .is_some_and(|ts| ts.iter().any(|t| target_id(t) == Some(account)))
        })
        .filter_map(|p| p.get("Id").and_then(Value::as_str).map(str::to_owned))
        .collect();
    AccountPlacement { parent, policies }
}

/// The document with the account once called `old` (its placement and the policy targets naming
/// it) now placed as `placement` under the id `new`. An organization is needed to place an
/// account under a parent or attach a policy; without one, only an empty placement is taken.
pub fn set_account_placement(
    doc: &Value,
    old: &str,
    new: &str,
    placement: &AccountPlacement,
) -> Result<Value, EditError> {
    let mut out = doc.clone();
    let wants_org = placement.parent.is_some() || !placement.policies.is_empty();
    let Some(org) = out.get_mut("Organization").filter(|o| o.is_object()) else {
        return if wants_org {
            Err(EditError::NoSuchEntity {
                path: EntityPath::root().key("Organization"),
            })
        } else {
            Ok(out)
        };
    };
    // The organization's account entry: renamed, re-parented, added or removed.
    let accounts = org
        .as_object_mut()
        .map(|o| o.entry("Accounts").or_insert_with(|| json!([])));
    if let Some(Value::Array(accounts)) = accounts {
        let position = accounts.iter().position(|a| org_account_id(a) == Some(old));
        match (position, &placement.parent) {
            (Some(i), Some(parent)) => {
                if let Some(Value::Object(entry)) = accounts.get_mut(i) {
                    let key = if entry.contains_key("Id") || !entry.contains_key("AccountId") {
                        "Id"
                    } else {
                        "AccountId"
                    };
                    entry.insert(key.to_owned(), json!(new));
                    entry.insert("ParentId".to_owned(), json!(parent));
                }
            }
            (Some(i), None) => {
                accounts.remove(i);
            }
            (None, Some(parent)) => accounts.push(json!({"Id": new, "ParentId": parent})),
            (None, None) => {}
        }
    }
    // The policies' targets: the account named where it is attached, nowhere else.
    if let Some(Value::Array(policies)) = org.get_mut("Policies") {
        for policy in policies.iter_mut() {
            let id = policy
                .get("Id")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_default();
            let attach = placement.policies.contains(&id);
            let Some(map) = policy.as_object_mut() else {
                continue;
            };
            let targets = map.entry("Targets").or_insert_with(|| json!([]));
            let Value::Array(targets) = targets else {
                continue;
            };
            let names = |t: &Value| matches!(target_id(t), Some(n) if n == old || n == new);
            if attach {
                // Kept in place (renamed), so a `{"TargetId", "Name", …}` entry keeps the rest.
                let mut found = false;
                targets.retain(|t| !(names(t) && std::mem::replace(&mut found, true)));
                match targets.iter_mut().find(|t| names(t)) {
                    Some(Value::Object(entry)) => {
                        entry.insert("TargetId".to_owned(), json!(new));
                    }
                    Some(plain) => *plain = json!(new),
                    None => targets.push(json!(new)),
                }
            } else {
                targets.retain(|t| !names(t));
            }
        }
    }
    Ok(out)
}
