//! One Secrets Manager API call on a secret by a principal, over a network path: the request
//! context with the secret's keys (S21), the secret's resource policy, the endpoint policy.
//! GetSecretValue and every call of a rotation go through here.

use super::call::{authorize_call, endpoint_policy, leg_from_authz, Target};
use super::context::{apply_overrides, base_context, RequestSpec};
use super::leg::Leg;
use super::principal::Principal;
use super::EvalOptions;
use crate::engine::authz::ResourcePolicy;
use crate::engine::context::{ContextValue, RequestContext};
use crate::engine::model::{Account, Model, RegionResources, Secret};
use crate::engine::net::ServicePath;
use crate::engine::policy::{Policy, PolicyKind};

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
pub fn find_secret<'m>(
    model: &'m Model,
    secret_id: &str,
    account: Option<&crate::engine::ids::AccountId>,
    region: Option<&crate::engine::ids::Region>,
) -> (Option<FoundSecret<'m>>, Vec<&'m Secret>) {
    let all = model.accounts.iter().flat_map(|a| {
        a.regions
            .iter()
            .flat_map(move |r| r.secrets.iter().map(move |s| (a, r, s)))
    });
    if secret_id.starts_with("arn:") {
        for (a, r, s) in all {
            let arn = s.arn.as_str();
            let partial = arn.len() > 7 && arn.get(..arn.len() - 7) == Some(secret_id);
            if arn == secret_id || partial {
                return (
                    Some(FoundSecret {
                        account: a,
                        region: r,
                        secret: s,
                        by_arn: true,
                    }),
                    Vec::new(),
                );
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
                found = Some(FoundSecret {
                    account: a,
                    region: r,
                    secret: s,
                    by_arn: false,
                });
            }
        } else {
            elsewhere.push(s);
        }
    }
    (found, elsewhere)
}

/// What is asked of the secret.
pub struct SecretRequest<'a> {
    /// `secretsmanager:GetSecretValue`, `secretsmanager:PutSecretValue`…
    pub action: &'a str,
    pub leg_name: &'a str,
    /// Passed request parameters: their condition keys exist only when passed (S8).
    pub version_stage: Option<&'a str>,
    pub version_id: Option<&'a str>,
    pub overrides: &'a [(String, ContextValue)],
    pub session_policy: Option<&'a Policy>,
    /// Where the caller's credentials come from (an instance's or function's own role sets
    /// `ec2:SourceInstanceARN` / `lambda:SourceFunctionArn`).
    pub origin: Option<&'a super::origin::ResolvedOrigin<'a>>,
}

/// Authorise one Secrets Manager call on `found` made over `path`; returns the leg and the
/// request context (the KMS call behind it starts from that context).
pub fn authorize_secret_call<'m>(
    model: &'m Model,
    principal: &Principal<'m>,
    found: &FoundSecret<'m>,
    path: &ServicePath<'m>,
    request: &SecretRequest<'_>,
    options: &EvalOptions,
) -> (Leg, RequestContext) {
    let secret = found.secret;
    let region = &found.region.region;
    let tags = &secret.tags;
    let spec = RequestSpec {
        action: request.action,
        resource: secret.arn.as_str(),
        resource_account: Some(&found.account.id),
        resource_tags: Some(tags),
        region: Some(region.as_str()),
    };
    let mut context = base_context(model, principal, &spec, &path.via, options.now);
    context
        .keys
        .set_str("secretsmanager:SecretId", secret.arn.to_string());
    match request.version_stage {
        Some(s) => context.keys.set_str("secretsmanager:VersionStage", s),
        None => context.keys.mark_absent("secretsmanager:VersionStage"),
    }
    match request.version_id {
        Some(v) => context.keys.set_str("secretsmanager:VersionId", v),
        None => context.keys.mark_absent("secretsmanager:VersionId"),
    }
    for (k, v) in tags {
        context
            .keys
            .set_str(&format!("secretsmanager:ResourceTag/{k}"), v.clone());
    }
    match &secret.rotation_lambda_arn {
        Some(arn) => context.keys.set_str(
            "secretsmanager:resource/AllowRotationLambdaArn",
            arn.to_string(),
        ),
        None => context
            .keys
            .mark_absent("secretsmanager:resource/AllowRotationLambdaArn"),
    }
    match &secret.primary_region {
        Some(r) => context
            .keys
            .set_str("secretsmanager:SecretPrimaryRegion", r.to_string()),
        None => context
            .keys
            .mark_absent("secretsmanager:SecretPrimaryRegion"),
    }
    context.keys.mark_absent("secretsmanager:resource/Type");
    if let Some(origin) = request.origin {
        super::context::set_credential_keys(&mut context.keys, &principal.identity, origin);
    }
    apply_overrides(&mut context, request.overrides);

    let resource_policy = ResourcePolicy::from_document(
        secret.arn.to_string(),
        PolicyKind::Resource,
        "secret resource policy",
        secret.resource_policy.as_ref(),
    );
    let endpoint_policy = endpoint_policy(path.endpoint);
    let outcome = authorize_call(
        model,
        principal,
        &context,
        Target::plain("secretsmanager", resource_policy),
        request.session_policy,
        endpoint_policy,
    );
    let operation = request
        .action
        .strip_prefix("secretsmanager:")
        .unwrap_or(request.action);
    let summary = format!(
        "`{}` calls {operation} on `{}`",
        principal.identity.request_arn, secret.arn
    );
    (leg_from_authz(request.leg_name, outcome, summary), context)
}
