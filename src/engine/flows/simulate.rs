//! `Simulate`: the authorisation of one action on one resource alone, like the IAM policy
//! simulator — no follow-on calls, no resource state — using the resource's own policy where the
//! model has one (secret, key, function).

use serde_json::json;

use super::call::{authorize_call, endpoint_policy, leg_from_authz, Target};
use super::context::{apply_overrides, base_context, RequestSpec};
use super::kms::{grant_views, key_component};
use super::leg::verdict_from_legs;
use super::network::{network_leg, prepare};
use super::EvalOptions;
use crate::engine::authz::ResourcePolicy;
use crate::engine::context::ContextValue;
use crate::engine::ids::{Arn, Region};
use crate::engine::model::{KeyManager, Model, Tags};
use crate::engine::policy::PolicyKind;
use crate::engine::query::SimulateQuery;
use crate::engine::verdict::Verdict;

/// Evaluate a Simulate query.
pub fn evaluate_simulate(model: &Model, query: &SimulateQuery, options: &EvalOptions) -> Verdict {
    let prepared = match prepare(model, &query.call, &query.action) {
        Ok(p) => p,
        Err(v) => return *v,
    };
    let principal = &prepared.principal;
    let service = query
        .action
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let resource_arn: Option<Arn> = query.resource.parse().ok();
    let region: Option<Region> = resource_arn
        .as_ref()
        .and_then(|a| a.region().parse().ok())
        .or_else(|| {
            prepared
                .origin
                .placement
                .as_ref()
                .map(|p| p.region.region.clone())
        });
    let mut legs = Vec::new();
    // An action without a regional resource is sent to the origin's region (or us-east-1 from
    // the internet, where the region does not change the path).
    let path_region = region
        .clone()
        .unwrap_or_else(|| Region::from_known("us-east-1"));
    let via = network_leg(model, &prepared, &service, &path_region, options, &mut legs);
    let resource_account = resource_arn.as_ref().and_then(Arn::account_id);

    let mut resource_policy = None;
    let mut tags: Option<&Tags> = None;
    let mut kms_key = false;
    let mut aws_managed_key = false;
    let mut grants = Vec::new();
    let mut extra: Vec<(String, ContextValue)> = Vec::new();
    let mut absent: Vec<&str> = Vec::new();
    let mut resource_name = query.resource.clone();
    let mut resource_owner = resource_account.clone();
    if let Some(arn) = &resource_arn {
        match arn.service() {
            "secretsmanager" => {
                let secret = model
                    .accounts
                    .iter()
                    .flat_map(|a| a.regions.iter())
                    .flat_map(|r| r.secrets.iter())
                    .find(|s| &s.arn == arn);
                if let Some(s) = secret {
                    tags = Some(&s.tags);
                    resource_policy = ResourcePolicy::from_document(
                        s.arn.to_string(),
                        PolicyKind::Resource,
                        "secret resource policy",
                        s.resource_policy.as_ref(),
                    );
                    extra.push((
                        "secretsmanager:SecretId".to_owned(),
                        ContextValue::Single(s.arn.to_string()),
                    ));
                    for (k, v) in &s.tags {
                        extra.push((
                            format!("secretsmanager:ResourceTag/{k}"),
                            ContextValue::Single(v.clone()),
                        ));
                    }
                    match &s.rotation_lambda_arn {
                        Some(l) => extra.push((
                            "secretsmanager:resource/AllowRotationLambdaArn".to_owned(),
                            ContextValue::Single(l.to_string()),
                        )),
                        None => absent.push("secretsmanager:resource/AllowRotationLambdaArn"),
                    }
                }
                absent.extend([
                    "secretsmanager:VersionStage",
                    "secretsmanager:VersionId",
                    "secretsmanager:resource/Type",
                    "secretsmanager:SecretPrimaryRegion",
                ]);
            }
            "kms" => {
                kms_key = true;
                let key = match (&resource_account, &region) {
                    (Some(acct), Some(reg)) => {
                        model.resolve_key(acct, reg, arn.as_str()).map(|l| l.item)
                    }
                    _ => None,
                };
                if let Some(k) = key {
                    tags = Some(&k.tags);
                    aws_managed_key = k.key_manager == KeyManager::Aws;
                    resource_name = k.arn.to_string();
                    resource_owner = Some(k.account.clone());
                    resource_policy = ResourcePolicy::from_document(
                        key_component(k),
                        PolicyKind::KeyPolicy,
                        "key policy",
                        k.policy.as_ref(),
                    );
                    grants = grant_views(k);
                    extra.push((
                        "kms:ResourceAliases".to_owned(),
                        ContextValue::Multi(k.aliases.iter().map(|a| a.name.clone()).collect()),
                    ));
                }
                if let Some(acct) = &principal.identity.account {
                    extra.push((
                        "kms:CallerAccount".to_owned(),
                        ContextValue::Single(acct.to_string()),
                    ));
                }
                absent.extend([
                    "kms:ViaService",
                    "kms:EncryptionContextKeys",
                    "kms:GrantIsForAWSResource",
                    "kms:RequestAlias",
                ]);
            }
            "lambda" => {
                let function = model
                    .accounts
                    .iter()
                    .flat_map(|a| a.regions.iter())
                    .flat_map(|r| r.functions.iter())
                    .find(|f| &f.arn == arn);
                if let Some(f) = function {
                    resource_policy = ResourcePolicy::from_document(
                        f.arn.to_string(),
                        PolicyKind::Resource,
                        "function policy",
                        f.policy.as_ref(),
                    );
                }
            }
            _ => {}
        }
    }
    let spec = RequestSpec {
        action: &query.action,
        resource: &resource_name,
        resource_account: resource_owner.as_ref(),
        resource_tags: tags,
        region: region.as_ref().map(Region::as_str),
    };
    let mut context = base_context(model, principal, &spec, &via.via, options.now);
    super::context::set_credential_keys(
        &mut context.keys,
        &prepared.principal.identity,
        &prepared.origin,
    );
    for k in absent {
        context.keys.mark_absent(k);
    }
    for (k, v) in extra {
        context.keys.set(&k, v);
    }
    apply_overrides(&mut context, &query.call.context);
    let endpoint_policy = endpoint_policy(via.endpoint);
    // A Simulate of a KMS operation takes its encryption context from the query's
    // `kms:EncryptionContext:*` keys (grant constraints are checked against it).
    const PREFIX: &str = "kms:encryptioncontext:";
    let encryption_context: Vec<(String, String)> = context
        .keys
        .iter()
        .filter_map(|e| {
            let lower = e.name.to_ascii_lowercase();
            let key = e
                .name
                .get(PREFIX.len()..)
                .filter(|_| lower.starts_with(PREFIX))?;
            match &e.value {
                ContextValue::Single(v) => Some((key.to_owned(), v.clone())),
                ContextValue::Multi(_) => None,
            }
        })
        .collect();
    let target = Target {
        service: &service,
        resource_policy,
        kms_key,
        aws_managed_key,
        grants,
        encryption_context,
    };
    let outcome = authorize_call(
        model,
        principal,
        &context,
        target,
        query.call.session_policy.as_ref(),
        endpoint_policy,
    );
    let summary = format!(
        "`{}` calls `{}` on `{}` (authorisation only, like the IAM policy simulator)",
        principal.identity.request_arn, query.action, resource_name
    );
    let mut leg = leg_from_authz(&query.action, outcome, summary);
    leg.detail.insert("Simulated", json!(true));
    legs.push(leg);
    verdict_from_legs(legs)
}
