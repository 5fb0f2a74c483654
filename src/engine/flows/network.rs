//! The first legs every flow shares: resolve the origin and the caller, then the network path
//! from the origin to the service endpoint.

use serde_json::json;

use super::call::wildcard_call;
use super::leg::{combine_calls, verdict_from_legs, Leg};
use super::origin::{resolve_origin, ResolvedOrigin};
use super::principal::{resolve_caller, Principal};
use super::EvalOptions;
use crate::engine::ids::Region;
use crate::engine::model::{Function, Model};
use crate::engine::net::{path_to_service_with, ServiceAddressing, ServicePath, Via};
use crate::engine::query::CallSpec;
use crate::engine::verdict::{Blocker, BlockerCode, Decision, Layer, Verdict};

/// A request's origin and caller, resolved.
pub struct Prepared<'m> {
    pub origin: ResolvedOrigin<'m>,
    pub principal: Principal<'m>,
    /// Which DNS name the call uses (the default name, or an endpoint's own name).
    pub addressing: ServiceAddressing,
}

fn invalid(leg: &str, component: &str, message: String) -> Box<Verdict> {
    Box::new(verdict_from_legs(vec![Leg::new(
        leg,
        Decision::Failed,
        vec![Blocker {
            layer: Layer::Request,
            component: component.to_owned(),
            code: BlockerCode::InvalidRequest,
            statement: None,
            message: message.clone(),
            location: None,
        }],
        json!({"Summary": message}),
    )]))
}

/// Resolve the origin and the caller of a call (the caller defaults to the origin's role).
pub fn prepare<'m>(
    model: &'m Model,
    call: &CallSpec,
    leg: &str,
) -> Result<Prepared<'m>, Box<Verdict>> {
    let origin = resolve_origin(model, &call.from).map_err(|m| invalid(leg, "From", m))?;
    let caller = match (&call.caller, &origin.default_role) {
        (Some(c), _) => c.clone(),
        (None, Some(role)) => role.to_string(),
        (None, None) => {
            return Err(invalid(
                leg,
                "Caller",
                "the query names no `Caller` and its origin has no role (an instance profile role or a function role)".to_owned(),
            ))
        }
    };
    let principal = resolve_caller(model, &caller, origin.session_name.as_deref())
        .map_err(|e| invalid(leg, &caller, e.0))?;
    let addressing = match &call.endpoint_dns {
        None => ServiceAddressing::Default,
        Some(id) => ServiceAddressing::EndpointDns(
            id.parse()
                .map_err(|_| invalid(leg, id, format!("`{id}` is not a VPC endpoint id")))?,
        ),
    };
    Ok(Prepared {
        origin,
        principal,
        addressing,
    })
}

/// Add the `network` leg for a request to `service` in `region` and return the path it takes.
pub fn network_leg<'m>(
    model: &'m Model,
    prepared: &Prepared<'m>,
    service: &str,
    region: &Region,
    options: &EvalOptions,
    legs: &mut Vec<Leg>,
) -> ServicePath<'m> {
    let path = match &prepared.origin.placement {
        Some(placement) => path_to_service_with(placement, service, region, &prepared.addressing),
        None if prepared.addressing != ServiceAddressing::Default => ServicePath {
            via: Via::Internet { source_ip: None },
            endpoint: None,
            hops: Vec::new(),
            blockers: vec![Blocker {
                layer: Layer::Dns,
                component: match &prepared.addressing {
                    ServiceAddressing::EndpointDns(id) => id.as_str().to_owned(),
                    ServiceAddressing::Default => String::new(),
                },
                code: BlockerCode::DnsResolution,
                statement: None,
                message: "an interface endpoint's own DNS name resolves to private addresses in its VPC: a caller on the internet cannot reach it".to_owned(),
                location: None,
            }],
            notes: Vec::new(),
        },
        None => ServicePath {
            via: prepared
                .origin
                .internet
                .clone()
                .unwrap_or(Via::Internet { source_ip: None }),
            endpoint: None,
            hops: Vec::new(),
            blockers: Vec::new(),
            notes: Vec::new(),
        },
    };
    let summary = match &path.via {
        Via::Internet { source_ip: Some(ip) } => format!("over the internet to the public endpoint of {service} in {region}, from {ip}"),
        Via::Internet { source_ip: None } => format!("over the internet to the public endpoint of {service} in {region}, from an unknown public address"),
        Via::Endpoint { vpce, vpc, .. } => format!("through interface endpoint `{vpce}` in `{vpc}`"),
        Via::AwsService => "inside AWS".to_owned(),
    };
    let decision = if path.blockers.is_empty() {
        Decision::Allowed
    } else {
        Decision::Failed
    };
    let mut leg = Leg::new(
        "network",
        decision,
        path.blockers.clone(),
        json!({"Summary": summary, "Hops": path.hops}),
    );
    leg.notes.extend(path.notes.iter().cloned());
    // A function in a VPC reaches anything only through network interfaces Lambda manages with
    // its execution role. Lambda checks those permissions when the function is created or
    // updated, so an existing function without them still runs (inferred): a note, not a block
    // (rotation, where S31 lists them as required, checks them as a leg).
    if let Some(access) = origin_vpc_access_leg(model, prepared, &path.via, options) {
        if access.decision != Decision::Allowed {
            leg.notes.push(format!(
                "the function's execution role may not manage network interfaces ({}): Lambda refuses to create or update a function in a VPC with such a role; an existing function keeps its interfaces, so this request is not blocked by it (inferred)",
                VPC_ACCESS_ACTIONS.join(", ")
            ));
        }
    }
    legs.push(leg);
    path
}

/// The network-interface permissions a Lambda function's execution role needs when the function
/// runs in a VPC (issue 3; S31; AWSLambdaVPCAccessExecutionRole).
pub const VPC_ACCESS_ACTIONS: [&str; 3] = [
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DeleteNetworkInterface",
];

/// For a function in a VPC, the leg that checks its execution role (`role_principal`) may manage
/// its network interfaces; `None` for a function outside any VPC.
pub fn vpc_access_leg<'m>(
    model: &'m Model,
    role_principal: &Principal<'m>,
    function: &Function,
    via: &Via,
    options: &EvalOptions,
) -> Option<Leg> {
    function
        .vpc_config
        .as_ref()
        .filter(|c| !c.subnet_ids.is_empty())?;
    let region = function.arn.region();
    let calls = VPC_ACCESS_ACTIONS
        .into_iter()
        .map(|a| wildcard_call(model, role_principal, a, via, region, options))
        .collect();
    Some(combine_calls(
        "vpc access",
        "a function in a VPC needs its role to manage its network interfaces (S31, AWSLambdaVPCAccessExecutionRole)",
        calls,
    ))
}

/// The `vpc access` leg of a request made from a function's own role (GetSecretValue,
/// GetParameter, Simulate `From` a function in a VPC).
pub fn origin_vpc_access_leg<'m>(
    model: &'m Model,
    prepared: &Prepared<'m>,
    via: &Via,
    options: &EvalOptions,
) -> Option<Leg> {
    let function = prepared.origin.function?;
    let role = function.role.as_ref()?;
    let own_role = match &prepared.principal.identity.kind {
        crate::engine::context::CallerKind::RoleSession { role_arn, .. } => role_arn == role,
        _ => false,
    };
    if own_role {
        return vpc_access_leg(model, &prepared.principal, function, via, options);
    }
    let role_principal = resolve_caller(model, role.as_str(), Some(&function.name)).ok()?;
    vpc_access_leg(model, &role_principal, function, via, options)
}
