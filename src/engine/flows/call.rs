//! Authorising one API call by a principal: gather every policy layer that governs it (SCPs,
//! RCPs, endpoint policy, resource policy, identity policies, boundary, session policy, grants)
//! and hand them to [`authorize`].

use super::context::{base_context, RequestSpec};
use super::EvalOptions;
use crate::engine::net::Via;
use crate::engine::verdict::Detail;

use super::leg::Leg;
use super::org::{rcp_levels, scp_levels};
use super::principal::{identity_policies, permissions_boundary, Principal};
use crate::engine::authz::{
    authorize, AuthzInput, AuthzOutcome, GrantView, NamedPolicy, ResourcePolicy,
};
use crate::engine::context::RequestContext;
use crate::engine::model::{Model, VpcEndpoint};
use crate::engine::policy::Policy;

/// The resource side of a call.
pub struct Target<'m> {
    /// The service prefix (`secretsmanager`, `kms`, `ssm`, `lambda`…), for RCP scope.
    pub service: &'m str,
    pub resource_policy: Option<ResourcePolicy<'m>>,
    pub kms_key: bool,
    pub aws_managed_key: bool,
    pub grants: Vec<GrantView<'m>>,
    pub encryption_context: Vec<(String, String)>,
}

impl<'m> Target<'m> {
    pub fn plain(service: &'m str, resource_policy: Option<ResourcePolicy<'m>>) -> Target<'m> {
        Target {
            service,
            resource_policy,
            kms_key: false,
            aws_managed_key: false,
            grants: Vec::new(),
            encryption_context: Vec::new(),
        }
    }
}

/// Authorise `request` made by `principal` against `target`.
pub fn authorize_call<'m>(
    model: &'m Model,
    principal: &Principal<'m>,
    request: &RequestContext,
    target: Target<'m>,
    session_policy: Option<&'m Policy>,
    endpoint_policy: Option<(String, NamedPolicy<'m>)>,
) -> AuthzOutcome {
    let mut notes = Vec::new();
    let scps = scp_levels(model, &request.caller, &mut notes);
    let rcps = rcp_levels(
        model,
        target.service,
        request.resource_account.as_ref(),
        target.aws_managed_key,
        &mut notes,
    );
    let (identity, identity_notes) = identity_policies(model, principal);
    notes.extend(identity_notes);
    let boundary = permissions_boundary(model, principal).map(|(p, note)| {
        if let Some(n) = note {
            notes.push(n);
        }
        NamedPolicy::from(p)
    });
    let input = AuthzInput {
        request,
        scps,
        rcps,
        endpoint_policy,
        resource_policy: target.resource_policy,
        identity_policies: identity.into_iter().map(NamedPolicy::from).collect(),
        permissions_boundary: boundary,
        session_policy: session_policy.map(|policy| NamedPolicy {
            name: "session policy",
            policy,
            location: None,
        }),
        grants: target.grants,
        encryption_context: target.encryption_context,
        kms_key: target.kms_key,
        notes,
    };
    authorize(&input)
}

/// The policy of the VPC endpoint a request goes through, as the `vpc-endpoint-policy` layer.
pub fn endpoint_policy(endpoint: Option<&VpcEndpoint>) -> Option<(String, NamedPolicy<'_>)> {
    let e = endpoint?;
    NamedPolicy::from_document(e.id.as_str(), &e.policy).map(|p| (e.id.as_str().to_owned(), p))
}

/// A leg from an authorisation outcome, with extra blockers (state, request) and a summary.
pub fn leg_from_authz(name: &str, outcome: AuthzOutcome, summary: String) -> Leg {
    let detail = Detail {
        summary: Some(summary),
        authorization: Some(Box::new(outcome.trace)),
        ..Detail::default()
    };
    Leg {
        name: name.to_owned(),
        decision: outcome.decision,
        blockers: outcome.blockers,
        detail,
        notes: outcome.notes,
    }
}

/// An action with no resource type (`Resource: *`: GetRandomPassword, EC2 network interfaces…)
/// by `principal`, decided by its own policies.
pub fn wildcard_call<'m>(
    model: &'m Model,
    principal: &Principal<'m>,
    action: &str,
    via: &Via,
    region: &str,
    options: &EvalOptions,
) -> Leg {
    let spec = RequestSpec {
        action,
        resource: "*",
        resource_account: None,
        resource_tags: None,
        region: Some(region),
    };
    let context = base_context(model, principal, &spec, via, options.now);
    let service = action.split(':').next().unwrap_or_default();
    let outcome = authorize_call(
        model,
        principal,
        &context,
        Target::plain(service, None),
        None,
        None,
    );
    leg_from_authz(
        action,
        outcome,
        format!(
            "`{}` calls `{action}` on `*`",
            principal.identity.request_arn
        ),
    )
}
