//! `GetSecretValue` as a chain of legs: the network path to Secrets Manager, the
//! `secretsmanager:GetSecretValue` authorisation with the secret's state, and the `kms:Decrypt`
//! Secrets Manager makes on the caller's behalf (S12–S25).

use serde_json::json;

use super::call::{authorize_call, leg_from_authz, Target};
use super::context::{apply_overrides, base_context, RequestSpec};
use super::kms::{kms_leg, KmsCall};
use super::leg::{verdict_from_legs, Leg};
use super::network::{network_leg, prepare, Prepared};
use super::EvalOptions;
use crate::engine::authz::{NamedPolicy, ResourcePolicy};
use crate::engine::model::{Account, Model, RegionResources, Secret};
use crate::engine::policy::PolicyKind;
use crate::engine::query::GetSecretValueQuery;
use crate::engine::verdict::{Blocker, BlockerCode, Decision, Layer, Verdict};

/// The AWS managed key of Secrets Manager.
pub const SECRETS_MANAGER_MANAGED_ALIAS: &str = "alias/aws/secretsmanager";

/// A secret found for a `SecretId`.
pub struct FoundSecret<'m> {
    pub account: &'m Account,
    pub region: &'m RegionResources,
    pub secret: &'m Secret,
    /// Whether the query named it by full or partial ARN.
    pub by_arn: bool,
}

/// Find a secret by full ARN, partial ARN (without the 6-character suffix) or name. A name is
/// looked up in `account` (the caller's), preferring `region`; the second value lists other
/// accounts that hold a secret of that name (for the cross-account-needs-ARN explanation).
pub fn find_secret<'m>(model: &'m Model, secret_id: &str, account: Option<&crate::engine::ids::AccountId>, region: Option<&crate::engine::ids::Region>) -> (Option<FoundSecret<'m>>, Vec<&'m Secret>) {
    let all = model.accounts.iter().flat_map(|a| a.regions.iter().flat_map(move |r| r.secrets.iter().map(move |s| (a, r, s))));
    if secret_id.starts_with("arn:") {
        for (a, r, s) in all {
            let arn = s.arn.as_str();
            let partial = arn.len() > 7 && arn.get(..arn.len() - 7) == Some(secret_id);
            if arn == secret_id || partial {
                return (Some(FoundSecret { account: a, region: r, secret: s, by_arn: true }), Vec::new());
            }
        }
        return (None, Vec::new());
    }
    let mut found: Option<FoundSecret<'m>> = None;
    let mut elsewhere = Vec::new();
    for (a, r, s) in all {
        if s.name != secret_id {
            continue;
        }
        let same_account = account.is_none_or(|acct| &a.id == acct);
        if same_account {
            let better = match &found {
                None => true,
                Some(f) => region.is_some_and(|reg| &r.region == reg && &f.region.region != reg),
            };
            if better {
                found = Some(FoundSecret { account: a, region: r, secret: s, by_arn: false });
            }
        } else {
            elsewhere.push(s);
        }
    }
    (found, elsewhere)
}

fn request_failure(leg_name: &str, component: String, code: BlockerCode, message: String) -> Verdict {
    verdict_from_legs(vec![Leg::new(
        leg_name,
        Decision::Failed,
        vec![Blocker { layer: Layer::Request, component, code, statement: None, message: message.clone() }],
        json!({"Summary": message}),
    )])
}

/// The version a GetSecretValue reads: (version id, its stages) or a blocker.
fn resolve_version(secret: &Secret, stage: Option<&str>, version_id: Option<&str>) -> Result<(String, Vec<String>), Blocker> {
    let component = secret.arn.to_string();
    let versions = &secret.version_ids_to_stages;
    if versions.is_empty() {
        // The model does not list versions: a secret always has AWSCURRENT (S24).
        return match (stage, version_id) {
            (None, None) | (Some("AWSCURRENT"), None) => Ok(("(current version)".to_owned(), vec!["AWSCURRENT".to_owned()])),
            _ => Err(Blocker {
                layer: Layer::SecretState,
                component,
                code: BlockerCode::VersionNotFound,
                statement: None,
                message: "the model lists no VersionIdsToStages for this secret, so only AWSCURRENT is known to exist".to_owned(),
            }),
        };
    }
    let not_found = |what: String| Blocker {
        layer: Layer::SecretState,
        component: component.clone(),
        code: BlockerCode::VersionNotFound,
        statement: None,
        message: format!("{what} (ResourceNotFoundException)"),
    };
    match (version_id, stage) {
        (Some(id), stage) => {
            let Some(stages) = versions.get(id) else {
                return Err(not_found(format!("the secret has no version `{id}`")));
            };
            if let Some(st) = stage {
                if !stages.iter().any(|s| s == st) {
                    return Err(not_found(format!("version `{id}` does not carry the staging label `{st}`")));
                }
            }
            Ok((id.to_owned(), stages.clone()))
        }
        (None, stage) => {
            let st = stage.unwrap_or("AWSCURRENT");
            versions
                .iter()
                .find(|(_, labels)| labels.iter().any(|l| l == st))
                .map(|(id, labels)| (id.clone(), labels.clone()))
                .ok_or_else(|| not_found(format!("no version of the secret carries the staging label `{st}`")))
        }
    }
}

/// Evaluate a GetSecretValue query.
pub fn evaluate_get_secret_value(model: &Model, query: &GetSecretValueQuery, options: &EvalOptions) -> Verdict {
    const LEG: &str = "secretsmanager:GetSecretValue";
    let prepared = match prepare(model, &query.call, LEG) {
        Ok(p) => p,
        Err(verdict) => return *verdict,
    };
    let Prepared { principal, origin, .. } = &prepared;
    let caller_account = principal.identity.account.clone();
    let origin_region = origin.placement.as_ref().map(|p| p.region.region.clone());
    let (found, elsewhere) = find_secret(model, &query.secret_id, caller_account.as_ref(), origin_region.as_ref());
    let Some(found) = found else {
        if let Some(other) = elsewhere.first() {
            return request_failure(
                LEG,
                other.arn.to_string(),
                BlockerCode::CrossAccountNeedsArn,
                format!(
                    "`{}` is a secret of another account (`{}`): to retrieve a secret from another account you must use its ARN (S20)",
                    query.secret_id, other.arn
                ),
            );
        }
        return request_failure(LEG, query.secret_id.clone(), BlockerCode::ResourceNotFound, format!("secret `{}` is not in the model", query.secret_id));
    };
    let secret = found.secret;
    let region = &found.region.region;

    let mut legs = Vec::new();
    let path = network_leg(&prepared, "secretsmanager", region, &mut legs);

    // The Secrets Manager call.
    let tags = &secret.tags;
    let spec = RequestSpec {
        action: LEG,
        resource: secret.arn.as_str(),
        resource_account: Some(&found.account.id),
        resource_tags: Some(tags),
        region: Some(region.as_str()),
    };
    let mut context = base_context(model, principal, &spec, &path.via, options.now);
    super::context::set_credential_keys(&mut context.keys, &prepared);
    context.keys.set_str("secretsmanager:SecretId", secret.arn.to_string());
    match &query.version_stage {
        Some(s) => context.keys.set_str("secretsmanager:VersionStage", s.clone()),
        None => context.keys.mark_absent("secretsmanager:VersionStage"),
    }
    match &query.version_id {
        Some(v) => context.keys.set_str("secretsmanager:VersionId", v.clone()),
        None => context.keys.mark_absent("secretsmanager:VersionId"),
    }
    for (k, v) in tags {
        context.keys.set_str(&format!("secretsmanager:ResourceTag/{k}"), v.clone());
    }
    match &secret.rotation_lambda_arn {
        Some(arn) => context.keys.set_str("secretsmanager:resource/AllowRotationLambdaArn", arn.to_string()),
        None => context.keys.mark_absent("secretsmanager:resource/AllowRotationLambdaArn"),
    }
    match &secret.primary_region {
        Some(r) => context.keys.set_str("secretsmanager:SecretPrimaryRegion", r.to_string()),
        None => context.keys.mark_absent("secretsmanager:SecretPrimaryRegion"),
    }
    context.keys.mark_absent("secretsmanager:resource/Type");
    apply_overrides(&mut context, &query.call.context);

    let resource_policy = secret.resource_policy.as_ref().and_then(|d| d.policy.as_ref()).map(|policy| ResourcePolicy {
        component: secret.arn.to_string(),
        kind: PolicyKind::Resource,
        policy: NamedPolicy { name: "secret resource policy", policy },
    });
    let endpoint_policy = path.endpoint.and_then(|e| {
        e.policy.policy.as_ref().map(|policy| (e.id.as_str().to_owned(), NamedPolicy { name: e.id.as_str(), policy }))
    });
    let outcome = authorize_call(
        model,
        principal,
        &context,
        Target::plain("secretsmanager", resource_policy),
        query.call.session_policy.as_ref(),
        endpoint_policy,
    );
    let summary = format!("`{}` calls GetSecretValue on `{}`", principal.identity.request_arn, secret.arn);
    let mut leg = leg_from_authz(LEG, outcome, summary);
    leg.notes.extend(origin.notes.iter().cloned());

    // Request and state checks (they fail the call even when it is authorised).
    let mut state_blockers = Vec::new();
    let cross_account = caller_account.as_ref() != Some(&found.account.id);
    if cross_account && !found.by_arn {
        state_blockers.push(Blocker {
            layer: Layer::Request,
            component: secret.arn.to_string(),
            code: BlockerCode::CrossAccountNeedsArn,
            statement: None,
            message: "a caller in another account must address the secret by its ARN (S20)".to_owned(),
        });
    }
    if let Some(deleted) = secret.deleted_date {
        state_blockers.push(Blocker {
            layer: Layer::SecretState,
            component: secret.arn.to_string(),
            code: BlockerCode::SecretScheduledForDeletion,
            statement: None,
            message: format!(
                "the secret is scheduled for deletion (DeletedDate {deleted}): its value is not accessible and the call fails with InvalidRequestException; RestoreSecret cancels the deletion during the recovery window (S25)"
            ),
        });
    }
    let version = match resolve_version(secret, query.version_stage.as_deref(), query.version_id.as_deref()) {
        Ok(v) => Some(v),
        Err(b) => {
            state_blockers.push(b);
            None
        }
    };
    if !state_blockers.is_empty() {
        if leg.decision == Decision::Allowed {
            leg.decision = Decision::Failed;
        }
        leg.blockers.extend(state_blockers);
    }
    if let (Some((id, stages)), serde_json::Value::Object(map)) = (&version, &mut leg.detail) {
        map.insert("Version".to_owned(), json!({"VersionId": id, "Stages": stages}));
    }
    let context_for_kms = context.clone();
    legs.push(leg);

    // The KMS call Secrets Manager makes on the caller's behalf.
    let key_ref = secret.kms_key_id.clone().unwrap_or_else(|| SECRETS_MANAGER_MANAGED_ALIAS.to_owned());
    let version_id = version.map(|(id, _)| id).unwrap_or_else(|| "(unknown version)".to_owned());
    let kms = KmsCall {
        action: "kms:Decrypt",
        via_service: "secretsmanager",
        region,
        owner_account: &found.account.id,
        key_ref: &key_ref,
        encryption_context: vec![("SecretARN".to_owned(), secret.arn.to_string()), ("SecretVersionId".to_owned(), version_id)],
        leg_name: "kms:Decrypt",
    };
    legs.push(kms_leg(model, principal, &context_for_kms, &kms));
    verdict_from_legs(legs)
}
