//! KMS keys: `describe-key` `KeyMetadata`, `get-key-policy` `Policy`, `list-grants` `Grants`,
//! `list-aliases --key-id` `Aliases` and `list-resource-tags` `Tags`.

use std::collections::BTreeMap;

use crate::engine::ids::{AccountId, Arn, Region};
use crate::engine::policy::PolicyKind;
use crate::engine::timestamp::Timestamp;

use super::error::Findings;
use super::policy_document::{load_policy, PolicyDocument};
use super::reader::{tags, Obj};
use super::resource_ids::KeyId;
use super::secrets::{check_arn_placement, unwrap_policy};
use super::Tags;

/// `KeyState`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum KeyState {
    Creating,
    Enabled,
    Disabled,
    PendingDeletion,
    PendingImport,
    PendingReplicaDeletion,
    Unavailable,
    Updating,
    /// A state this version does not know, as printed.
    Other(String),
}

impl KeyState {
    fn parse(s: &str) -> KeyState {
        match s {
            "Creating" => KeyState::Creating,
            "Enabled" => KeyState::Enabled,
            "Disabled" => KeyState::Disabled,
            "PendingDeletion" => KeyState::PendingDeletion,
            "PendingImport" => KeyState::PendingImport,
            "PendingReplicaDeletion" => KeyState::PendingReplicaDeletion,
            "Unavailable" => KeyState::Unavailable,
            "Updating" => KeyState::Updating,
            other => KeyState::Other(other.to_owned()),
        }
    }
}

/// `KeyManager`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyManager {
    Aws,
    Customer,
}

/// `Constraints` of a grant.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GrantConstraints {
    pub encryption_context_equals: Option<BTreeMap<String, String>>,
    pub encryption_context_subset: Option<BTreeMap<String, String>>,
}

/// A grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub grant_id: Option<String>,
    pub name: Option<String>,
    /// A principal ARN or a service principal.
    pub grantee_principal: String,
    pub retiring_principal: Option<String>,
    pub operations: Vec<String>,
    pub constraints: Option<GrantConstraints>,
    pub issuing_account: Option<String>,
    pub key_id: Option<String>,
}

/// An alias of a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyAlias {
    /// `alias/…`.
    pub name: String,
    pub arn: Arn,
    pub target_key_id: Option<String>,
}

/// A KMS key.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub key_id: KeyId,
    pub arn: Arn,
    pub account: AccountId,
    pub region: Region,
    pub description: Option<String>,
    pub key_state: KeyState,
    pub enabled: bool,
    pub key_manager: KeyManager,
    pub key_usage: Option<String>,
    pub key_spec: Option<String>,
    pub origin: Option<String>,
    pub deletion_date: Option<Timestamp>,
    pub pending_deletion_window_in_days: Option<i64>,
    pub multi_region: bool,
    /// `None` when the model does not give the key policy (then nothing is allowed by it).
    pub policy: Option<PolicyDocument>,
    pub grants: Vec<Grant>,
    pub aliases: Vec<KeyAlias>,
    pub tags: Tags,
    /// `true` for an AWS managed key the loader wrote because the model does not list it.
    pub synthesized: bool,
}

impl Key {
    /// Whether an alias name (`alias/x`) names this key.
    pub fn has_alias(&self, name: &str) -> bool {
        self.aliases.iter().any(|a| a.name == name)
    }
}

/// `arn:aws:kms:REGION:ACCOUNT:alias/NAME` for `alias/NAME`.
pub fn alias_arn(account: &AccountId, region: &Region, alias_name: &str) -> String {
    format!("arn:aws:kms:{region}:{account}:{alias_name}")
}

pub(crate) fn load_key(
    o: &Obj<'_>,
    account: &AccountId,
    region: &Region,
    f: &mut Findings,
) -> Option<Key> {
    let Some(meta) = o.object("KeyMetadata", f) else {
        if !o.has("KeyMetadata") {
            f.error(&o.path, "`KeyMetadata` is missing");
        }
        return None;
    };
    let arn = meta.parse::<Arn>("Arn", f);
    if let Some(a) = &arn {
        check_arn_placement(a, "kms", account, region, &meta.at("Arn"), f);
    }
    let key_id = meta.string("KeyId", f).or_else(|| {
        arn.as_ref()
            .and_then(|a| a.resource().strip_prefix("key/").map(str::to_owned))
    });
    let Some(key_id) = key_id else {
        f.error(&meta.path, "`KeyId` and `Arn` are both missing");
        return None;
    };
    let arn = match arn {
        Some(a) => a,
        None => format!("arn:aws:kms:{region}:{account}:key/{key_id}")
            .parse::<Arn>()
            .ok()?,
    };
    let key_state_text = meta.string("KeyState", f);
    let enabled = meta.bool("Enabled", f);
    let key_state = match (&key_state_text, enabled) {
        (Some(s), _) => KeyState::parse(s),
        (None, Some(false)) => KeyState::Disabled,
        (None, _) => KeyState::Enabled,
    };
    if let KeyState::Other(s) = &key_state {
        f.warn(
            &meta.at("KeyState"),
            format!("key state `{s}` is not known; the key is treated as unusable"),
        );
    }
    let key_manager = match meta.str("KeyManager", f) {
        None | Some("CUSTOMER") => KeyManager::Customer,
        Some("AWS") => KeyManager::Aws,
        Some(other) => {
            f.error(
                &meta.at("KeyManager"),
                format!("`{other}` is not a key manager (`AWS` or `CUSTOMER`)"),
            );
            KeyManager::Customer
        }
    };
    let policy = match o
        .get("Policy")
        .and_then(|v| unwrap_policy(v, o.at("Policy"), "Policy"))
    {
        Some((doc, path)) => Some(load_policy(doc, PolicyKind::KeyPolicy, &path, f)),
        None => {
            f.warn(&o.path, format!("key `{key_id}` has no `Policy` in the model; nothing is allowed by its key policy"));
            None
        }
    };
    let grants = o
        .objects("Grants", "a grant", f)
        .into_iter()
        .filter_map(|g| {
            let grantee = g.req_str("GranteePrincipal", f).map(str::to_owned);
            let constraints = g.object("Constraints", f).map(|c| GrantConstraints {
                encryption_context_equals: c.string_map("EncryptionContextEquals", f),
                encryption_context_subset: c.string_map("EncryptionContextSubset", f),
            });
            Some(Grant {
                grant_id: g.string("GrantId", f),
                name: g.string("Name", f),
                retiring_principal: g.string("RetiringPrincipal", f),
                operations: g.strings("Operations", f),
                constraints,
                issuing_account: g.string("IssuingAccount", f),
                key_id: g.string("KeyId", f),
                grantee_principal: grantee?,
            })
        })
        .collect();
    let mut aliases = Vec::new();
    for a in o.objects("Aliases", "an alias", f) {
        let Some(name) = a.req_str("AliasName", f).map(str::to_owned) else {
            continue;
        };
        if !name.starts_with("alias/") {
            f.error(
                &a.at("AliasName"),
                format!("`{name}` is not an alias name (expected `alias/…`)"),
            );
            continue;
        }
        let arn = match a.parse::<Arn>("AliasArn", f) {
            Some(arn) => arn,
            None => match alias_arn(account, region, &name).parse::<Arn>() {
                Ok(arn) => arn,
                Err(_) => continue,
            },
        };
        aliases.push(KeyAlias {
            name,
            arn,
            target_key_id: a.string("TargetKeyId", f),
        });
    }
    Some(Key {
        key_id: KeyId(key_id),
        arn,
        account: account.clone(),
        region: region.clone(),
        description: meta.string("Description", f),
        enabled: enabled.unwrap_or(key_state == KeyState::Enabled),
        key_state,
        key_manager,
        key_usage: meta.string("KeyUsage", f),
        key_spec: meta
            .string("KeySpec", f)
            .or_else(|| meta.string("CustomerMasterKeySpec", f)),
        origin: meta.string("Origin", f),
        deletion_date: meta.timestamp("DeletionDate", f),
        pending_deletion_window_in_days: meta.int("PendingDeletionWindowInDays", f),
        multi_region: meta.bool("MultiRegion", f).unwrap_or(false),
        policy,
        grants,
        aliases,
        tags: tags(o, "Tags", f),
        synthesized: false,
    })
}
