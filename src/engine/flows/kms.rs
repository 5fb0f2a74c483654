//! The KMS call a service makes on the caller's behalf (S12–S17, S23): a forward access session
//! request under the caller's identity, against the key's policy, grants and state.

use serde_json::json;

use super::call::{authorize_call, leg_from_authz, Target};
use super::context::{forward_access, org_facts};
use super::leg::Leg;
use super::principal::Principal;
use crate::engine::authz::{GrantView, ResourcePolicy};
use crate::engine::context::{ContextValue, RequestContext};
use crate::engine::ids::{AccountId, Region};
use crate::engine::model::{Key, KeyManager, KeyState, Model};
use crate::engine::policy::PolicyKind;
use crate::engine::verdict::{Blocker, BlockerCode, Decision, Layer};

/// The name verdicts use for a key: its alias ARN for an AWS managed key the model did not list
/// (contract §3), else its ARN.
pub fn key_component(key: &Key) -> String {
    if key.synthesized {
        if let Some(alias) = key.aliases.first() {
            return alias.arn.to_string();
        }
    }
    key.arn.to_string()
}

/// The key's grants as authorisation sees them (operations without the `kms:` prefix, and
/// their encryption-context constraints).
pub fn grant_views(key: &Key) -> Vec<GrantView<'_>> {
    key.grants
        .iter()
        .map(|g| GrantView {
            grant_id: g.grant_id.as_deref().unwrap_or("(grant)"),
            grantee_principal: &g.grantee_principal,
            operations: g
                .operations
                .iter()
                .map(|o| o.strip_prefix("kms:").unwrap_or(o))
                .collect(),
            context_equals: g
                .constraints
                .as_ref()
                .and_then(|c| c.encryption_context_equals.as_ref())
                .map(|m| m.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()),
            context_subset: g
                .constraints
                .as_ref()
                .and_then(|c| c.encryption_context_subset.as_ref())
                .map(|m| m.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()),
        })
        .collect()
}

/// What the KMS leg is for.
pub struct KmsCall<'a> {
    /// `kms:Decrypt`, `kms:GenerateDataKey`…
    pub action: &'a str,
    /// The service that calls KMS: `secretsmanager` or `ssm`.
    pub via_service: &'a str,
    pub region: &'a Region,
    /// Where the key reference is resolved (the secret's or parameter's account).
    pub owner_account: &'a AccountId,
    /// The reference as the secret or parameter names it, or the AWS managed alias.
    pub key_ref: &'a str,
    pub encryption_context: Vec<(String, String)>,
    /// The leg's name in the verdict.
    pub leg_name: &'a str,
}

fn key_state_blocker(key: &Key) -> Option<Blocker> {
    let component = key_component(key);
    let (code, message) = match &key.key_state {
        KeyState::Enabled if key.enabled => return None,
        KeyState::Enabled => (BlockerCode::KeyDisabled, "the key is disabled (Enabled is false)".to_owned()),
        KeyState::Disabled => (
            BlockerCode::KeyDisabled,
            "the key is disabled: KMS refuses cryptographic operations with DisabledException, which the service reports as a decryption failure (S17; the exact error mapping is inferred)".to_owned(),
        ),
        KeyState::PendingDeletion => (
            BlockerCode::KeyPendingDeletion,
            "the key is pending deletion and cannot be used in any cryptographic operation (S17)".to_owned(),
        ),
        other => (BlockerCode::KeyUnavailable, format!("the key is in state `{other:?}`, which refuses cryptographic operations (S17)")),
    };
    Some(Blocker {
        layer: Layer::KeyState,
        component,
        code,
        statement: None,
        message,
        location: None,
    })
}

/// Evaluate the KMS call that `call.via_service` makes on behalf of `principal`, whose direct
/// request had `original` as its context.
pub fn kms_leg<'m>(
    model: &'m Model,
    principal: &Principal<'m>,
    original: &RequestContext,
    call: &KmsCall<'_>,
) -> Leg {
    let service_principal = format!("{}.amazonaws.com", call.via_service);
    let Some(key) = model
        .resolve_key(call.owner_account, call.region, call.key_ref)
        .map(|l| l.item)
    else {
        let component = if call.key_ref.starts_with("arn:") {
            call.key_ref.to_owned()
        } else {
            format!(
                "arn:aws:kms:{}:{}:{}",
                call.region,
                call.owner_account,
                if call.key_ref.starts_with("alias/") {
                    call.key_ref.to_owned()
                } else {
                    format!("key/{}", call.key_ref)
                }
            )
        };
        return Leg::new(
            call.leg_name,
            Decision::ImplicitlyDenied,
            vec![Blocker {
                layer: Layer::KeyPolicy,
                component: component.clone(),
                code: BlockerCode::KeyNotInModel,
                statement: None,
                message: format!(
                    "key `{}` is not in the model: its key policy cannot be seen, so SecretPath cannot find an Allow for `{}` (it never fails open)",
                    call.key_ref, call.action
                ),
                location: None,
            }],
            json!({"Summary": format!("key `{}` not in model", call.key_ref), "Key": component}),
        );
    };
    let aws_managed = key.key_manager == KeyManager::Aws;
    let mut request = forward_access(
        original,
        &service_principal,
        call.action,
        key.arn.as_str(),
        Some(&key.account),
    );
    request.keys.set_str(
        "kms:ViaService",
        format!("{}.{}.amazonaws.com", call.via_service, call.region),
    );
    if let Some(account) = &request.caller.account {
        request
            .keys
            .set_str("kms:CallerAccount", account.to_string());
    }
    for (k, v) in &call.encryption_context {
        request
            .keys
            .set_str(&format!("kms:EncryptionContext:{k}"), v.clone());
    }
    request.keys.set(
        "kms:EncryptionContextKeys",
        ContextValue::Multi(
            call.encryption_context
                .iter()
                .map(|(k, _)| k.clone())
                .collect(),
        ),
    );
    request
        .keys
        .set_str("kms:EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    request.keys.set(
        "kms:ResourceAliases",
        ContextValue::Multi(key.aliases.iter().map(|a| a.name.clone()).collect()),
    );
    for (k, v) in &key.tags {
        request
            .keys
            .set_str(&format!("aws:ResourceTag/{k}"), v.clone());
    }
    request
        .keys
        .set_str("aws:ResourceAccount", key.account.to_string());
    let (org_id, org_paths) = org_facts(model, &key.account);
    match org_id {
        Some(id) => request.keys.set_str("aws:ResourceOrgID", id),
        None => request.keys.mark_absent("aws:ResourceOrgID"),
    }
    if org_paths.is_empty() {
        request.keys.mark_absent("aws:ResourceOrgPaths");
    } else {
        request
            .keys
            .set("aws:ResourceOrgPaths", ContextValue::Multi(org_paths));
    }
    // Properties of the key that KMS puts in the context of operations that use it.
    request.keys.set_str(
        "kms:KeySpec",
        key.key_spec
            .clone()
            .unwrap_or_else(|| "SYMMETRIC_DEFAULT".to_owned()),
    );
    request.keys.set_str(
        "kms:KeyUsage",
        key.key_usage
            .clone()
            .unwrap_or_else(|| "ENCRYPT_DECRYPT".to_owned()),
    );
    request.keys.set_str(
        "kms:KeyOrigin",
        key.origin.clone().unwrap_or_else(|| "AWS_KMS".to_owned()),
    );
    request
        .keys
        .set_str("kms:MultiRegion", key.multi_region.to_string());
    let component = key_component(key);
    let resource_policy = ResourcePolicy::from_document(
        component.clone(),
        PolicyKind::KeyPolicy,
        "key policy",
        key.policy.as_ref(),
    );
    let mut notes = Vec::new();
    if resource_policy.is_none() {
        notes.push(format!(
            "key `{component}` has no key policy in the model: nothing in it can allow (S10)"
        ));
    }
    let grants = grant_views(key);
    let target = Target {
        service: "kms",
        resource_policy,
        kms_key: true,
        aws_managed_key: aws_managed,
        grants,
        encryption_context: call.encryption_context.clone(),
    };
    let outcome = authorize_call(model, principal, &request, target, None, None);
    let cross_account = request.caller.account.as_ref() != Some(&key.account);
    let summary = format!(
        "{} makes `{}` on `{}` for the caller (forward access session: aws:ViaAWSService=true, kms:ViaService={}.{}.amazonaws.com)",
        call.via_service, call.action, component, call.via_service, call.region
    );
    let mut leg = leg_from_authz(call.leg_name, outcome, summary);
    leg.notes.extend(notes);
    if aws_managed && cross_account && leg.decision != Decision::Allowed {
        // S14: the fixed policy of an AWS managed key admits only its own account.
        for b in &mut leg.blockers {
            if b.layer == Layer::KeyPolicy && b.code == BlockerCode::KeyPolicyNoAllow {
                b.code = BlockerCode::AwsManagedKeyCrossAccount;
                b.message = format!(
                    "`{component}` is an AWS managed key: its fixed key policy allows use only through {} by principals of account `{}` (kms:CallerAccount), so it cannot be used from another account (S14). Encrypt the secret with a customer managed key whose policy allows the other account.",
                    call.via_service, key.account
                );
            }
        }
    }
    if let Some(state) = key_state_blocker(key) {
        if leg.decision == Decision::Allowed {
            leg.decision = Decision::Failed;
        }
        leg.blockers.push(state);
    }
    let detail = &mut leg.detail;
    detail.insert("Key", json!(component));
    detail.insert("KeyState", json!(format!("{:?}", key.key_state)));
    detail.insert(
        "KeyManager",
        json!(if aws_managed { "AWS" } else { "CUSTOMER" }),
    );
    let context: serde_json::Map<String, serde_json::Value> = call
        .encryption_context
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    detail.insert("EncryptionContext", serde_json::Value::Object(context));
    leg
}
