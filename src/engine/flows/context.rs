//! Request contexts derived from the model and the request's path, never typed in (contract §2).
//! A query's `Context` may add or override keys afterwards.

use super::principal::{principal_tags, user_id, Principal};
use crate::engine::context::{CallerKind, ContextKeys, ContextValue, RequestContext};
use crate::engine::ids::AccountId;
use crate::engine::model::{Model, Tags};
use crate::engine::timestamp::Timestamp;

pub use crate::engine::net::Via;

pub use crate::engine::context::UNKNOWN_PUBLIC_IP;

/// The organization id and paths of an account (`aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`).
pub fn org_facts(model: &Model, account: &AccountId) -> (Option<String>, Vec<String>) {
    if let Some(org) = &model.organization {
        if org.contains_account(account) {
            let path = org.path_to(account);
            let mut text = format!("{}/", org.id);
            for node in path
                .iter()
                .filter(|n| !matches!(n, crate::engine::model::OrgNodeId::Account(_)))
            {
                text.push_str(&format!("{node}/"));
            }
            return (Some(org.id.clone()), vec![text]);
        }
    }
    let id = model
        .accounts
        .iter()
        .find(|a| &a.id == account)
        .and_then(|a| a.organization_id.clone());
    (id, Vec::new())
}

/// What a request is about.
pub struct RequestSpec<'a> {
    pub action: &'a str,
    pub resource: &'a str,
    pub resource_account: Option<&'a AccountId>,
    /// Tags of the resource (`aws:ResourceTag/*`).
    pub resource_tags: Option<&'a Tags>,
    /// The region of the service endpoint (`aws:RequestedRegion`).
    pub region: Option<&'a str>,
}

fn set_tags(keys: &mut ContextKeys, prefix: &str, tags: Option<&Tags>) {
    if let Some(tags) = tags {
        for (k, v) in tags {
            keys.set_str(&format!("{prefix}{k}"), v.clone());
        }
    }
}

/// The global condition keys of a direct request by `principal`.
pub fn base_context(
    model: &Model,
    principal: &Principal<'_>,
    spec: &RequestSpec<'_>,
    via: &Via,
    now: Option<Timestamp>,
) -> RequestContext {
    let caller = &principal.identity;
    let mut keys = ContextKeys::new();
    let is_service = matches!(caller.kind, CallerKind::Service { .. });
    if is_service {
        keys.set_str("aws:PrincipalServiceName", caller.request_arn.clone());
        keys.set_str("aws:PrincipalIsAWSService", "true");
        for k in [
            "aws:PrincipalArn",
            "aws:PrincipalAccount",
            "aws:PrincipalOrgID",
            "aws:PrincipalOrgPaths",
            "aws:PrincipalType",
            "aws:userid",
            "aws:username",
        ] {
            keys.mark_absent(k);
        }
    } else {
        keys.set_str("aws:PrincipalIsAWSService", "false");
        keys.mark_absent("aws:PrincipalServiceName");
        keys.set_str("aws:PrincipalArn", caller.principal_arn());
        if let Some(account) = &caller.account {
            keys.set_str("aws:PrincipalAccount", account.to_string());
            let (org_id, paths) = org_facts(model, account);
            match org_id {
                Some(id) => keys.set_str("aws:PrincipalOrgID", id),
                None => keys.mark_absent("aws:PrincipalOrgID"),
            }
            if paths.is_empty() {
                keys.mark_absent("aws:PrincipalOrgPaths");
            } else {
                keys.set("aws:PrincipalOrgPaths", ContextValue::Multi(paths));
            }
        }
        let principal_type = match &caller.kind {
            CallerKind::User { .. } => "User",
            CallerKind::RoleSession { .. } => "AssumedRole",
            CallerKind::Root => "Account",
            CallerKind::FederatedUser { .. } => "FederatedUser",
            CallerKind::Service { .. } | CallerKind::Anonymous => "Anonymous",
        };
        keys.set_str("aws:PrincipalType", principal_type);
        keys.set_str("aws:userid", user_id(principal));
        match &caller.kind {
            CallerKind::User { user_arn } => {
                let name = user_arn
                    .resource()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                keys.set_str("aws:username", name);
            }
            _ => keys.mark_absent("aws:username"),
        }
        set_tags(&mut keys, "aws:PrincipalTag/", principal_tags(principal));
        if matches!(caller.kind, CallerKind::RoleSession { .. }) {
            keys.set_str(
                "aws:RoleSessionName",
                match &caller.kind {
                    CallerKind::RoleSession { session_name, .. } => session_name.clone(),
                    _ => String::new(),
                },
            );
        }
    }
    if let Some(account) = spec.resource_account {
        keys.set_str("aws:ResourceAccount", account.to_string());
        let (org_id, paths) = org_facts(model, account);
        match org_id {
            Some(id) => keys.set_str("aws:ResourceOrgID", id),
            None => keys.mark_absent("aws:ResourceOrgID"),
        }
        if paths.is_empty() {
            keys.mark_absent("aws:ResourceOrgPaths");
        } else {
            keys.set("aws:ResourceOrgPaths", ContextValue::Multi(paths));
        }
    }
    set_tags(&mut keys, "aws:ResourceTag/", spec.resource_tags);
    if let Some(region) = spec.region {
        keys.set_str("aws:RequestedRegion", region);
    }
    if let Some(now) = now {
        keys.set_str("aws:CurrentTime", now.to_iso8601());
        keys.set_str("aws:EpochTime", now.0.to_string());
    }
    keys.set_str("aws:SecureTransport", "true");
    keys.set_str("aws:ViaAWSService", "false");
    if let (Some(now), CallerKind::RoleSession { .. } | CallerKind::FederatedUser { .. }) =
        (now, &caller.kind)
    {
        // Temporary credentials carry their issue time; the model has none, so the session is
        // taken as issued now (inferred).
        keys.set_str("aws:TokenIssueTime", now.to_iso8601());
    }
    set_network(model, &mut keys, via);
    RequestContext {
        caller: caller.clone(),
        action: spec.action.to_owned(),
        resource: spec.resource.to_owned(),
        resource_account: spec.resource_account.cloned(),
        keys,
    }
}

/// Keys that exist only for requests through a VPC endpoint.
const ENDPOINT_KEYS: [&str; 7] = [
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:VpcSourceIp",
    "aws:SourceVpcArn",
    "aws:VpceAccount",
    "aws:VpceOrgID",
    "aws:VpceOrgPaths",
];

fn set_network(model: &Model, keys: &mut ContextKeys, via: &Via) {
    // The endpoint keys are absent unless set below (`context::ABSENT_UNLESS_SET`).
    match via {
        Via::Internet { source_ip } => {
            keys.set_str(
                "aws:SourceIp",
                source_ip.map_or_else(|| UNKNOWN_PUBLIC_IP.to_owned(), |ip| ip.to_string()),
            );
        }
        Via::Endpoint {
            vpce,
            vpc,
            vpc_source_ip,
            account,
            region,
        } => {
            keys.mark_absent("aws:SourceIp");
            keys.set_str(
                "aws:SourceVpcArn",
                format!("arn:aws:ec2:{region}:{account}:vpc/{vpc}"),
            );
            keys.set_str("aws:VpceAccount", account.clone());
            if let Ok(account_id) = account.parse::<AccountId>() {
                let (org_id, paths) = org_facts(model, &account_id);
                if let Some(id) = org_id {
                    keys.set_str("aws:VpceOrgID", id);
                }
                if !paths.is_empty() {
                    keys.set("aws:VpceOrgPaths", ContextValue::Multi(paths));
                }
            }
            keys.set_str("aws:SourceVpce", vpce.clone());
            keys.set_str("aws:SourceVpc", vpc.clone());
            match vpc_source_ip {
                Some(ip) => keys.set_str("aws:VpcSourceIp", ip.to_string()),
                None => keys.mark_absent("aws:VpcSourceIp"),
            }
        }
        Via::AwsService => {
            for k in [
                "aws:SourceIp",
                "aws:SourceVpc",
                "aws:SourceVpce",
                "aws:VpcSourceIp",
            ] {
                keys.mark_absent(k);
            }
        }
    }
}

/// Keys AWS derives from the credentials the caller signs with (contract §2), which depend on the
/// query's origin:
/// - temporary credentials (role sessions, federated users) carry `aws:MultiFactorAuthPresent`
///   (`false`: the model records no MFA, so this value is inferred); long-term user keys
///   do not carry it (IAM-UG "AWS global condition context keys");
/// - EC2 instance role credentials carry `ec2:SourceInstanceARN`, `aws:Ec2InstanceSourceVpc` and
///   `aws:Ec2InstanceSourcePrivateIPv4`;
/// - a Lambda function's execution-role credentials carry `lambda:SourceFunctionArn`.
pub fn set_credential_keys(
    keys: &mut ContextKeys,
    caller: &crate::engine::context::CallerIdentity,
    origin: &super::origin::ResolvedOrigin<'_>,
) {
    if matches!(
        caller.kind,
        CallerKind::RoleSession { .. } | CallerKind::FederatedUser { .. }
    ) {
        keys.set_str("aws:MultiFactorAuthPresent", "false");
    }
    let CallerKind::RoleSession {
        role_arn,
        session_name,
    } = &caller.kind
    else {
        return;
    };
    let own_role = origin.default_role.as_ref() == Some(role_arn)
        && origin.session_name.as_deref() == Some(session_name.as_str());
    let Some(placement) = origin.placement.as_ref().filter(|_| own_role) else {
        return;
    };
    match origin.function {
        Some(function) => keys.set_str("lambda:SourceFunctionArn", function.arn.to_string()),
        None => {
            keys.set_str(
                "ec2:SourceInstanceARN",
                format!(
                    "arn:aws:ec2:{}:{}:instance/{session_name}",
                    placement.region.region, placement.account.id
                ),
            );
            if let Some(vpc) = placement.vpc {
                keys.set_str("aws:Ec2InstanceSourceVpc", vpc.id.as_str());
            }
            if let Some(ip) = placement.private_ip {
                keys.set_str("aws:Ec2InstanceSourcePrivateIPv4", ip.to_string());
            }
        }
    }
}

/// The context of a forward access session request that `service` (e.g.
/// `secretsmanager.amazonaws.com`) makes on the caller's behalf (S23): the caller's identity and
/// keys, with `aws:ViaAWSService` true and `aws:CalledVia*` set; the caller's `aws:SourceIp` is
/// kept after a public-endpoint request; the VPC endpoint keys are not carried over.
pub fn forward_access(
    original: &RequestContext,
    service: &str,
    action: &str,
    resource: &str,
    resource_account: Option<&AccountId>,
) -> RequestContext {
    let mut keys = original.keys.clone();
    keys.set_str("aws:ViaAWSService", "true");
    keys.set(
        "aws:CalledVia",
        ContextValue::Multi(vec![service.to_owned()]),
    );
    keys.set_str("aws:CalledViaFirst", service);
    keys.set_str("aws:CalledViaLast", service);
    for k in ENDPOINT_KEYS {
        keys.mark_absent(k);
    }
    // Resource keys belong to the new resource.
    let resource_tag_keys: Vec<String> = keys
        .iter()
        .filter(|e| {
            e.name.to_ascii_lowercase().starts_with("aws:resourcetag/")
                || e.name.to_ascii_lowercase().starts_with("secretsmanager:")
        })
        .map(|e| e.name.clone())
        .collect();
    for k in resource_tag_keys {
        keys.remove(&k);
    }
    RequestContext {
        caller: original.caller.clone(),
        action: action.to_owned(),
        resource: resource.to_owned(),
        resource_account: resource_account.cloned(),
        keys,
    }
}

/// Apply a query's `Context` overrides.
pub fn apply_overrides(context: &mut RequestContext, overrides: &[(String, ContextValue)]) {
    for (k, v) in overrides {
        context.keys.set(k, v.clone());
    }
}
