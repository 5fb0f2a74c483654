//! `GetSecretValue` as a chain of legs: the network path to Secrets Manager, the
//! `secretsmanager:GetSecretValue` authorisation with the secret's state, and the `kms:Decrypt`
//! Secrets Manager makes on the caller's behalf (S12–S25).

use serde_json::json;

use super::kms::{kms_leg, KmsCall};
use super::leg::{verdict_from_legs, Leg};
use super::network::{network_leg, prepare, Prepared};
use super::secret_call::{authorize_secret_call, find_secret, SecretRequest};
use super::EvalOptions;
use crate::engine::model::{Model, Secret};
use crate::engine::query::GetSecretValueQuery;
use crate::engine::verdict::{Blocker, BlockerCode, Decision, Layer, Verdict};

/// The AWS managed key of Secrets Manager.
pub const SECRETS_MANAGER_MANAGED_ALIAS: &str = "alias/aws/secretsmanager";

fn request_failure(
    leg_name: &str,
    component: String,
    code: BlockerCode,
    message: String,
) -> Verdict {
    verdict_from_legs(vec![Leg::new(
        leg_name,
        Decision::Failed,
        vec![Blocker {
            layer: Layer::Request,
            component,
            code,
            statement: None,
            message: message.clone(),
            location: None,
        }],
        json!({"Summary": message}),
    )])
}

/// The version a GetSecretValue reads: (version id, its stages) or a blocker.
fn resolve_version(
    secret: &Secret,
    stage: Option<&str>,
    version_id: Option<&str>,
) -> Result<(String, Vec<String>), Blocker> {
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
                location: None,
            }),
        };
    }
    let not_found = |what: String| Blocker {
        layer: Layer::SecretState,
        component: component.clone(),
        code: BlockerCode::VersionNotFound,
        statement: None,
        message: format!("{what} (ResourceNotFoundException)"),
        location: None,
    };
    match (version_id, stage) {
        (Some(id), stage) => {
            let Some(stages) = versions.get(id) else {
                return Err(not_found(format!("the secret has no version `{id}`")));
            };
            if let Some(st) = stage {
                if !stages.iter().any(|s| s == st) {
                    return Err(not_found(format!(
                        "version `{id}` does not carry the staging label `{st}`"
                    )));
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
                .ok_or_else(|| {
                    not_found(format!(
                        "no version of the secret carries the staging label `{st}`"
                    ))
                })
        }
    }
}

/// Evaluate a GetSecretValue query.
pub fn evaluate_get_secret_value(
    model: &Model,
    query: &GetSecretValueQuery,
    options: &EvalOptions,
) -> Verdict {
    const LEG: &str = "secretsmanager:GetSecretValue";
    let prepared = match prepare(model, &query.call, LEG) {
        Ok(p) => p,
        Err(verdict) => return *verdict,
    };
    let Prepared {
        principal, origin, ..
    } = &prepared;
    let caller_account = principal.identity.account.clone();
    let origin_region = origin.placement.as_ref().map(|p| p.region.region.clone());
    let (found, elsewhere) = find_secret(
        model,
        &query.secret_id,
        caller_account.as_ref(),
        origin_region.as_ref(),
    );
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
        return request_failure(
            LEG,
            query.secret_id.clone(),
            BlockerCode::ResourceNotFound,
            format!("secret `{}` is not in the model", query.secret_id),
        );
    };
    let secret = found.secret;
    let region = &found.region.region;

    let mut legs = Vec::new();
    let path = network_leg(
        model,
        &prepared,
        "secretsmanager",
        region,
        options,
        &mut legs,
    );

    // The Secrets Manager call.
    let request = SecretRequest {
        action: LEG,
        leg_name: LEG,
        version_stage: query.version_stage.as_deref(),
        version_id: query.version_id.as_deref(),
        overrides: &query.call.context,
        session_policy: query.call.session_policy.as_ref(),
        origin: Some(&prepared.origin),
    };
    let (mut leg, context) =
        authorize_secret_call(model, principal, &found, &path, &request, options);
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
            message: "a caller in another account must address the secret by its ARN (S20)"
                .to_owned(),
            location: None,
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
            location: None,
        });
    }
    if secret.version_ids_to_stages.is_empty() {
        leg.notes.push(format!(
            "the model lists no VersionIdsToStages for `{}`: SecretPath assumes the one version AWS guarantees, labelled AWSCURRENT (S24)",
            secret.name
        ));
    }
    let version = match resolve_version(
        secret,
        query.version_stage.as_deref(),
        query.version_id.as_deref(),
    ) {
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
    if let Some((id, stages)) = &version {
        leg.detail
            .insert("Version", json!({"VersionId": id, "Stages": stages}));
    }
    let context_for_kms = context.clone();
    legs.push(leg);

    // The KMS call Secrets Manager makes on the caller's behalf.
    let key_ref = secret
        .kms_key_id
        .clone()
        .unwrap_or_else(|| SECRETS_MANAGER_MANAGED_ALIAS.to_owned());
    let version_id = version
        .map(|(id, _)| id)
        .unwrap_or_else(|| "(unknown version)".to_owned());
    let kms = KmsCall {
        action: "kms:Decrypt",
        via_service: "secretsmanager",
        region,
        owner_account: &found.account.id,
        key_ref: &key_ref,
        encryption_context: vec![
            ("SecretARN".to_owned(), secret.arn.to_string()),
            ("SecretVersionId".to_owned(), version_id),
        ],
        leg_name: "kms:Decrypt",
    };
    legs.push(kms_leg(model, principal, &context_for_kms, &kms));
    verdict_from_legs(legs)
}
