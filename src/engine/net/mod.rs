//! Network paths, hop by hop, like VPC Reachability Analyzer: where an origin sits, and whether
//! and how its requests reach an AWS service endpoint (an interface VPC endpoint, or the public
//! endpoint over a NAT or internet gateway) or a database. Every hop checked is a [`Hop`]; every
//! blocking hop a [`Blocker`] with layer `route`, `dns`, `security-group` or `network-acl`
//! (contract §3). The path also sets the network condition keys ([`Via`], S22, S27).
//!
//! One concept per file: [`dns`] (which address the name gives), [`route`] (route tables),
//! [`security_group`], [`nacl`], [`endpoint`] (through an interface endpoint), [`internet`]
//! (NAT and internet gateways), [`database`] (to an RDS instance), [`source`] (the client's
//! interfaces), [`address`] (what a rule's CIDR is compared with), [`path`] (hops and blockers).
//!
//! **Architecture Invariant:** a path is admitted only when every hop is known to admit; what the
//! model does not hold (a peering connection's far side, a prefix list's contents, a missing
//! security group) blocks or admits nothing, and says so. Route following is bounded by
//! [`route::MAX_ROUTE_HOPS`].

pub mod address;
pub mod database;
pub mod dns;
pub mod endpoint;
pub mod internet;
pub mod nacl;
pub mod path;
pub mod route;
pub mod security_group;
pub mod source;

use std::net::IpAddr;

use crate::engine::ids::Region;
use crate::engine::model::{
    Account, Function, Instance, Model, RegionResources, Subnet, Vpc, VpcEndpoint,
};
use crate::engine::verdict::{Blocker, BlockerCode, Layer};

pub use database::{default_port, path_to_database, path_to_database_in};
pub use dns::ServiceAddressing;
pub use path::{Hop, NetworkPath};

use dns::Resolution;
use endpoint::{check_interface_endpoint, HTTPS};
use internet::{check_internet_path, Client};
use source::sources;

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
        /// The account and region that own the endpoint (`aws:VpceAccount`, `aws:SourceVpcArn`).
        account: String,
        region: String,
    },
    /// From inside AWS by a service (forward access sessions, service principals).
    AwsService,
}

/// What kind of thing sends from a placement.
#[derive(Debug, Clone, Copy)]
pub enum PlacementKind<'m> {
    Instance(&'m Instance),
    /// A Lambda function: in every subnet of its `VpcConfig`, or, without one, in an
    /// AWS-managed network with internet access.
    Function(&'m Function),
    /// A network interface in a subnet (`From: {"Subnet": …}`); it has no public IP.
    Interface,
}

/// Where an origin sits in the network.
#[derive(Debug, Clone)]
pub struct Placement<'m> {
    pub account: &'m Account,
    pub region: &'m RegionResources,
    /// `None` outside any VPC (a Lambda function without `VpcConfig`), or when the origin's
    /// subnet is not in the model.
    pub vpc: Option<&'m Vpc>,
    /// The (first) subnet; a function's other subnets come from its `VpcConfig`.
    pub subnet: Option<&'m Subnet>,
    pub security_groups: Vec<String>,
    pub private_ip: Option<IpAddr>,
    pub public_ip: Option<IpAddr>,
    /// What this origin is, for explanations (`instance i-…`, `function …`, `subnet …`).
    pub label: String,
    pub kind: PlacementKind<'m>,
}

impl Placement<'_> {
    /// The AWS id of the origin itself (instance id, function ARN, subnet id), for blockers that
    /// are about it (no public IP).
    pub fn component(&self) -> String {
        match self.kind {
            PlacementKind::Instance(i) => i.id.as_str().to_owned(),
            PlacementKind::Function(f) => f.arn.as_str().to_owned(),
            PlacementKind::Interface => self
                .subnet
                .map_or_else(|| self.label.clone(), |s| s.id.as_str().to_owned()),
        }
    }

    /// Whether it runs outside any VPC, with internet access (a function without `VpcConfig`).
    pub fn is_aws_managed_network(&self) -> bool {
        matches!(self.kind, PlacementKind::Function(f) if f.vpc_config.is_none())
    }
}

/// The path from an origin to a service endpoint.
#[derive(Debug, Clone)]
pub struct ServicePath<'m> {
    pub via: Via,
    /// The interface endpoint the request goes through (its policy is the flow's
    /// `vpc-endpoint-policy` layer).
    pub endpoint: Option<&'m VpcEndpoint>,
    pub hops: Vec<Hop>,
    /// Empty exactly when the path is admitted.
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
/// in `target_region` under its default name: [`path_to_service_with`] and
/// [`ServiceAddressing::Default`].
pub fn path_to_service<'m>(
    placement: &Placement<'m>,
    service: &str,
    target_region: &Region,
) -> ServicePath<'m> {
    path_to_service_with(
        placement,
        service,
        target_region,
        &ServiceAddressing::Default,
    )
}

/// How requests from `placement` reach `service` in `target_region`, hop by hop: DNS (S27),
/// then through the interface endpoint the name resolves to (S28), or over the internet to the
/// public endpoint. A function without `VpcConfig` is in an AWS-managed network with internet
/// access: no hop to check.
pub fn path_to_service_with<'m>(
    placement: &Placement<'m>,
    service: &str,
    target_region: &Region,
    addressing: &ServiceAddressing,
) -> ServicePath<'m> {
    let mut path = NetworkPath::default();
    if placement.is_aws_managed_network() {
        path.pass(
            "internet",
            &placement.component(),
            format!(
                "{} has no VpcConfig: it runs in an AWS-managed network with internet access",
                placement.label
            ),
        );
        return finish(path, Via::Internet { source_ip: None }, None);
    }
    let Some(vpc) = placement.vpc else {
        path.block(
            "route",
            Layer::Route,
            BlockerCode::NoRoute,
            &placement.component(),
            format!(
                "the subnet of {} is not in the model: its network path is unknown",
                placement.label
            ),
        );
        return finish(path, Via::Internet { source_ip: None }, None);
    };
    let region = placement.region;
    let resolution = dns::resolve(&mut path, region, vpc, service, target_region, addressing);
    let from = sources(&mut path, placement);
    if from.is_empty() && !matches!(resolution, Resolution::Blocked) {
        path.block(
            "route",
            Layer::Route,
            BlockerCode::NoRoute,
            &placement.component(),
            format!(
                "no subnet of {} with an IPv4 CIDR is in the model: its network path is unknown",
                placement.label
            ),
        );
    }
    let what = format!("HTTPS to {service}");
    match resolution {
        Resolution::Blocked => finish(path, Via::Internet { source_ip: None }, None),
        Resolution::Endpoint(endpoint) => {
            for source in &from {
                path.absorb(check_interface_endpoint(region, source, endpoint));
            }
            let via = Via::Endpoint {
                vpce: endpoint.id.as_str().to_owned(),
                vpc: vpc.id.as_str().to_owned(),
                vpc_source_ip: placement.private_ip,
                account: placement.account.id.to_string(),
                region: placement.region.region.to_string(),
            };
            finish(path, via, Some(endpoint))
        }
        Resolution::Public { cause } => {
            let component = placement.component();
            let never_public = match placement.kind {
                PlacementKind::Function(_) => Some("a Lambda function in a VPC never has a public IP address, even in a public subnet"),
                PlacementKind::Interface => Some("a subnet origin has no public IP address"),
                PlacementKind::Instance(_) => None,
            };
            let client = Client {
                public_ip: placement.public_ip,
                never_public,
                component: &component,
                label: &placement.label,
            };
            let mut source_ip = None;
            for source in &from {
                let (leg, ip) = check_internet_path(region, source, &client, HTTPS, &what);
                path.absorb(leg);
                source_ip = source_ip.or(ip);
            }
            if !path.is_admitted() {
                if let Some(cause) = cause {
                    path.blockers.insert(0, cause);
                }
            } else if source_ip.is_none() {
                path.note(format!("the public address {} leaves AWS with is not in the model: aws:SourceIp is an unknown public address", placement.label));
            }
            finish(path, Via::Internet { source_ip }, None)
        }
    }
}

fn finish<'m>(path: NetworkPath, via: Via, endpoint: Option<&'m VpcEndpoint>) -> ServicePath<'m> {
    ServicePath {
        via,
        endpoint,
        hops: path.hops,
        blockers: path.blockers,
        notes: path.notes,
    }
}
