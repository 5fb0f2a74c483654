//! Network paths: where an origin sits, and how its requests reach an AWS service endpoint
//! (interface VPC endpoint with private DNS, else the public endpoint over NAT or an internet
//! gateway). The result sets the network condition keys (S22, S27).
//!
//! This module is the seam for hop-by-hop checks (routes, security groups, network ACLs, DNS):
//! each hop becomes a [`Hop`] and every blocking hop a blocker.

use std::net::IpAddr;

use serde::Serialize;

use crate::engine::ids::Region;
use crate::engine::model::{Account, Model, RegionResources, Subnet, Vpc, VpcEndpoint};
use crate::engine::verdict::Blocker;

/// How a request reaches a service, for the network condition keys (S22).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// Over the public endpoint; `None` is an unknown public address (matches no CIDR).
    Internet { source_ip: Option<IpAddr> },
    /// Through an interface VPC endpoint.
    Endpoint {
        vpce: String,
        vpc: String,
        vpc_source_ip: Option<IpAddr>,
    },
    /// From inside AWS by a service (forward access sessions, service principals).
    AwsService,
}

/// Where an origin sits in the network.
#[derive(Debug, Clone)]
pub struct Placement<'m> {
    pub account: &'m Account,
    pub region: &'m RegionResources,
    /// `None` outside any VPC (a Lambda function without `VpcConfig`).
    pub vpc: Option<&'m Vpc>,
    pub subnet: Option<&'m Subnet>,
    pub security_groups: Vec<String>,
    pub private_ip: Option<IpAddr>,
    pub public_ip: Option<IpAddr>,
    /// What this origin is, for explanations (`instance i-…`, `function …`, `subnet …`).
    pub label: String,
}

/// One hop of a path, for the explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Hop {
    /// `dns`, `route`, `security-group`, `network-acl`, `vpc-endpoint`, `internet`…
    pub kind: String,
    /// The AWS id of the component.
    pub component: String,
    pub admitted: bool,
    /// The rule that admitted or blocked (route, SG rule, ACL rule number), in words.
    pub reason: String,
}

/// The path from an origin to a service endpoint.
#[derive(Debug, Clone)]
pub struct ServicePath<'m> {
    pub via: Via,
    pub endpoint: Option<&'m VpcEndpoint>,
    pub hops: Vec<Hop>,
    pub blockers: Vec<Blocker>,
    pub notes: Vec<String>,
}

/// The service name of an interface endpoint for `service` in `region`.
pub fn endpoint_service_name(service: &str, region: &Region) -> String {
    format!("com.amazonaws.{region}.{service}")
}

/// Find the account and region that hold a subnet.
pub fn find_subnet<'m>(
    model: &'m Model,
    subnet_id: &str,
) -> Option<(&'m Account, &'m RegionResources, &'m Subnet)> {
    model.accounts.iter().find_map(|a| {
        a.regions.iter().find_map(|r| {
            r.subnets
                .iter()
                .find(|s| s.id.as_str() == subnet_id)
                .map(|s| (a, r, s))
        })
    })
}

/// The VPC of a subnet, in the same region.
pub fn vpc_of<'m>(region: &'m RegionResources, subnet: &Subnet) -> Option<&'m Vpc> {
    region.vpcs.iter().find(|v| v.id == subnet.vpc_id)
}

/// How requests from `placement` reach `service` (`secretsmanager`, `ssm`, `kms`, `lambda`…)
/// in its region: the VPC's interface endpoint when it has one whose private DNS is on and the
/// VPC resolves it (S27), else the public endpoint.
pub fn path_to_service<'m>(
    placement: &Placement<'m>,
    service: &str,
    target_region: &Region,
) -> ServicePath<'m> {
    let mut hops = Vec::new();
    let mut notes = Vec::new();
    if &placement.region.region != target_region {
        notes.push(format!(
            "{} is in `{}` and the service endpoint in `{target_region}`: interface endpoints serve their own region, so the request uses the public endpoint",
            placement.label, placement.region.region
        ));
        let source_ip = placement.public_ip.or_else(|| nat_public_ip(placement));
        if placement.vpc.is_none() {
            return ServicePath {
                via: Via::Internet { source_ip: None },
                endpoint: None,
                hops,
                blockers: Vec::new(),
                notes,
            };
        }
        return ServicePath {
            via: Via::Internet { source_ip },
            endpoint: None,
            hops,
            blockers: Vec::new(),
            notes,
        };
    }
    let Some(vpc) = placement.vpc else {
        hops.push(Hop {
            kind: "internet".to_owned(),
            component: placement.label.clone(),
            admitted: true,
            reason: "outside any VPC: AWS-managed network with internet access (a Lambda function without VpcConfig)".to_owned(),
        });
        return ServicePath {
            via: Via::Internet { source_ip: None },
            endpoint: None,
            hops,
            blockers: Vec::new(),
            notes,
        };
    };
    let name = endpoint_service_name(service, target_region);
    let endpoints: Vec<&VpcEndpoint> = placement
        .region
        .vpc_endpoints
        .iter()
        .filter(|e| e.vpc_id == vpc.id && e.service_name == name)
        .collect();
    let dns_ok = vpc.enable_dns_support && vpc.enable_dns_hostnames;
    let chosen = endpoints.iter().find(|e| {
        matches!(
            e.endpoint_type,
            crate::engine::model::EndpointType::Interface
        ) && e.private_dns_enabled
            && e.state.eq_ignore_ascii_case("available")
    });
    match chosen {
        Some(endpoint) if dns_ok => {
            hops.push(Hop {
                kind: "dns".to_owned(),
                component: endpoint.id.as_str().to_owned(),
                admitted: true,
                reason: format!(
                    "`{service}.{}.amazonaws.com` resolves to interface endpoint `{}` (private DNS on, VPC `{}` has enableDnsSupport and enableDnsHostnames)",
                    placement.region.region, endpoint.id.as_str(), vpc.id.as_str()
                ),
            });
            ServicePath {
                via: Via::Endpoint {
                    vpce: endpoint.id.as_str().to_owned(),
                    vpc: vpc.id.as_str().to_owned(),
                    vpc_source_ip: placement.private_ip,
                },
                endpoint: Some(endpoint),
                hops,
                blockers: Vec::new(),
                notes,
            }
        }
        _ => {
            let why = match (chosen, endpoints.first()) {
                (Some(_), _) => format!(
                    "VPC `{}` lacks enableDnsSupport or enableDnsHostnames, so the endpoint's private DNS name is not used (S27)",
                    vpc.id.as_str()
                ),
                (None, Some(e)) => format!(
                    "endpoint `{}` does not serve the default name (private DNS off, not an available interface endpoint)",
                    e.id.as_str()
                ),
                (None, None) => format!("VPC `{}` has no interface endpoint for `{name}`", vpc.id.as_str()),
            };
            hops.push(Hop {
                kind: "dns".to_owned(),
                component: vpc.id.as_str().to_owned(),
                admitted: true,
                reason: format!(
                    "`{service}.{}.amazonaws.com` resolves to the public endpoint: {why}",
                    placement.region.region
                ),
            });
            let source_ip = placement.public_ip.or_else(|| nat_public_ip(placement));
            if source_ip.is_none() {
                notes.push(format!(
                    "{} has no public IP address and no NAT gateway address was found: aws:SourceIp is an unknown public address",
                    placement.label
                ));
            }
            ServicePath {
                via: Via::Internet { source_ip },
                endpoint: None,
                hops,
                blockers: Vec::new(),
                notes,
            }
        }
    }
}

/// The public address of the NAT gateway the placement's subnet routes `0.0.0.0/0` to, if any.
fn nat_public_ip(placement: &Placement<'_>) -> Option<IpAddr> {
    let subnet = placement.subnet?;
    let region = placement.region;
    let table = region
        .route_tables
        .iter()
        .find(|t| {
            t.associations
                .iter()
                .any(|a| a.subnet_id.as_ref() == Some(&subnet.id))
        })
        .or_else(|| {
            region
                .route_tables
                .iter()
                .find(|t| t.vpc_id == subnet.vpc_id && t.associations.iter().any(|a| a.main))
        })?;
    table.routes.iter().find_map(|r| match &r.target {
        crate::engine::model::RouteTarget::NatGateway(id) => region
            .nat_gateways
            .iter()
            .find(|n| &n.id == id)
            .and_then(|n| n.addresses.iter().find_map(|a| a.public_ip)),
        _ => None,
    })
}

/// A path between two places inside AWS (function → database).
#[derive(Debug, Clone, Default)]
pub struct NetworkPath {
    pub hops: Vec<Hop>,
    pub blockers: Vec<Blocker>,
    pub notes: Vec<String>,
}

/// TEMPORARY seam until the hop-by-hop engine lands: the database path is not checked yet.
pub fn path_to_database(
    placement: &Placement<'_>,
    db: &crate::engine::model::DbInstance,
    _region: &Region,
) -> NetworkPath {
    NetworkPath {
        hops: Vec::new(),
        blockers: Vec::new(),
        notes: vec![format!(
            "the network path from {} to `{}` is not checked yet",
            placement.label, db.identifier
        )],
    }
}
