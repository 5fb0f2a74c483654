//! The first legs every flow shares: resolve the origin and the caller, then the network path
//! from the origin to the service endpoint.

use serde_json::json;

use super::leg::{verdict_from_legs, Leg};
use super::origin::{resolve_origin, ResolvedOrigin};
use super::principal::{resolve_caller, Principal};
use crate::engine::ids::Region;
use crate::engine::model::Model;
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
    prepared: &Prepared<'m>,
    service: &str,
    region: &Region,
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
    legs.push(leg);
    path
}
