//! The AWS managed keys `aws/secretsmanager` and `aws/ssm`. AWS creates them on first use and
//! fixes their key policies (SM-UG `security-encryption.md` "Key policy of the AWS managed key";
//! KMS-DG `services-parameter-store.md`): any principal of the owning account may use the key,
//! but only through the owning service in that region (`kms:CallerAccount` + `kms:ViaService`,
//! aws-semantics S12–S14, S35); the account may read the key's metadata and revoke grants.
//! A model need not list them: the loader writes them for every account and region.

use crate::engine::ids::{AccountId, Region};
use crate::engine::policy::PolicyKind;

use super::kms::{alias_arn, Key, KeyAlias, KeyManager, KeyState};
use super::policy_document::{synthesized, AllowSpec, PrincipalSpec};
use super::resource_ids::KeyId;

/// The AWS managed keys the model synthesises: (alias name, service, policy Id, Sid of the use
/// statement).
const MANAGED_KEYS: [(&str, &str, &str, &str); 2] = [
    (
        "alias/aws/secretsmanager",
        "secretsmanager",
        "auto-secretsmanager-1",
        "Allow access through AWS Secrets Manager for all principals in the account that are authorized to use AWS Secrets Manager",
    ),
    (
        "alias/aws/ssm",
        "ssm",
        "auto-ssm-1",
        "Allow access through Systems Manager for all principals in the account that are authorized to use Systems Manager",
    ),
];

/// A deterministic, UUID-shaped key id for a synthesised key (FNV-1a of the alias, account and
/// region), so that verdicts are reproducible.
fn synthetic_key_id(alias: &str, account: &AccountId, region: &Region) -> String {
    let seed = format!("{alias}|{account}|{region}");
    let mut hex = String::new();
    for round in 0u64..2 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ round;
        for b in seed.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        hex.push_str(&format!("{h:016x}"));
    }
    let part = |a: usize, b: usize| hex.get(a..b).unwrap_or("0").to_owned();
    format!(
        "{}-{}-4{}-8{}-{}",
        part(0, 8),
        part(8, 12),
        part(13, 16),
        part(17, 20),
        part(20, 32)
    )
}

/// The AWS managed key with `alias` (`alias/aws/secretsmanager` or `alias/aws/ssm`) of an account
/// and region, with its fixed key policy. `None` for any other alias.
pub fn synthesize_managed_key(alias: &str, account: &AccountId, region: &Region) -> Option<Key> {
    let (alias_name, service, policy_id, sid) = MANAGED_KEYS.iter().find(|(a, ..)| *a == alias)?;
    let key_id = synthetic_key_id(alias_name, account, region);
    let arn = format!("arn:aws:kms:{region}:{account}:key/{key_id}")
        .parse()
        .ok()?;
    let alias_arn = alias_arn(account, region, alias_name).parse().ok()?;
    let root = format!("arn:aws:iam::{account}:root");
    let policy = synthesized(
        PolicyKind::KeyPolicy,
        Some(policy_id),
        &[
            AllowSpec {
                sid: Some(sid),
                principal: Some(PrincipalSpec::Aws("*")),
                actions: &[
                    "kms:Encrypt",
                    "kms:Decrypt",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*",
                    "kms:CreateGrant",
                    "kms:DescribeKey",
                ],
                resources: &["*"],
                string_equals: vec![
                    (
                        "kms:ViaService",
                        format!("{service}.{region}.amazonaws.com"),
                    ),
                    ("kms:CallerAccount", account.to_string()),
                ],
            },
            AllowSpec {
                sid: Some("Allow direct access to key metadata to the account"),
                principal: Some(PrincipalSpec::Aws(&root)),
                actions: &["kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant"],
                resources: &["*"],
                string_equals: Vec::new(),
            },
        ],
    );
    Some(Key {
        key_id: KeyId(key_id.clone()),
        arn,
        account: account.clone(),
        region: region.clone(),
        description: Some(format!(
            "Default key that protects my {} data when no other key is defined",
            if *service == "ssm" {
                "SSM parameters"
            } else {
                "Secrets Manager"
            }
        )),
        key_state: KeyState::Enabled,
        enabled: true,
        key_manager: KeyManager::Aws,
        key_usage: Some("ENCRYPT_DECRYPT".to_owned()),
        key_spec: Some("SYMMETRIC_DEFAULT".to_owned()),
        origin: Some("AWS_KMS".to_owned()),
        deletion_date: None,
        pending_deletion_window_in_days: None,
        multi_region: false,
        policy: Some(policy),
        grants: Vec::new(),
        aliases: vec![KeyAlias {
            name: (*alias_name).to_owned(),
            arn: alias_arn,
            target_key_id: Some(key_id),
        }],
        tags: Default::default(),
        synthesized: true,
    })
}

/// The aliases of the AWS managed keys the loader synthesises.
pub fn managed_key_aliases() -> impl Iterator<Item = &'static str> {
    MANAGED_KEYS.iter().map(|(a, ..)| *a)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a broken fixture"
)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_key_ids_are_uuid_shaped_and_stable() {
        let a: AccountId = "111122223333".parse().unwrap();
        let r: Region = "us-east-1".parse().unwrap();
        let id = synthetic_key_id("alias/aws/ssm", &a, &r);
        assert_eq!(id.len(), 36);
        assert_eq!(id, synthetic_key_id("alias/aws/ssm", &a, &r));
        assert_ne!(id, synthetic_key_id("alias/aws/secretsmanager", &a, &r));
    }
}
