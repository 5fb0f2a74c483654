//! To a public endpoint over the internet: the client's security groups must allow egress to
//! the internet (only `0.0.0.0/0` covers a public AWS endpoint, whose addresses are not in the
//! model), its subnet's network ACL must allow the request out and the return in, and its
//! route for the public endpoint must lead to an attached internet gateway — directly, with a
//! public IP on the client, or through a public NAT gateway whose own subnet routes to one (the
//! NAT gateway's subnet ACL is crossed too, and its public IP becomes `aws:SourceIp`, S22).
//! Peering, transit and virtual private gateways, appliances and other targets cannot be
//! followed to the internet with the model's data: they block, never guess.

use std::net::IpAddr;

use super::address::Address;
use super::nacl::check_boundary;
use super::path::NetworkPath;
use super::route::{
    association_words, best_route, destination_words, table_or_block, TargetWords, MAX_ROUTE_HOPS,
};
use super::security_group::{check_groups, Peer};
use super::source::Source;
use crate::engine::model::{NatGatewayConnectivity, RegionResources, RouteTarget, Subnet};
use crate::engine::verdict::{BlockerCode, Layer};

/// Who the client is, for the public-IP check at an internet gateway.
#[derive(Debug, Clone)]
pub struct Client<'a> {
    /// The client's public IP, if it has one.
    pub public_ip: Option<IpAddr>,
    /// Why it has none, when it cannot have one (a Lambda function in a VPC).
    pub never_public: Option<&'a str>,
    /// Its id, for the blocker when it has no public IP.
    pub component: &'a str,
    pub label: &'a str,
}

/// Check the path from one source interface to a public endpoint on `port`. Returns the path
/// and the address the request leaves AWS's network with (`aws:SourceIp`).
pub fn check_internet_path(
    region: &RegionResources,
    source: &Source<'_>,
    client: &Client<'_>,
    port: u16,
    what: &str,
) -> (NetworkPath, Option<IpAddr>) {
    let mut path = NetworkPath::default();
    let internet = Address::Internet;
    check_groups(
        &mut path,
        &source.groups,
        true,
        &Peer {
            address: internet,
            groups: &[],
        },
        port,
        what,
    );
    check_boundary(
        &mut path,
        region,
        source.subnet,
        &internet,
        port,
        true,
        what,
    );
    let source_ip = follow_to_internet(&mut path, region, source, client, port, what);
    (path, source_ip)
}

/// Follow the route for the public endpoint from the source's subnet, through NAT gateways, to
/// an internet gateway; at most [`MAX_ROUTE_HOPS`] route tables, and never the same subnet twice.
fn follow_to_internet(
    path: &mut NetworkPath,
    region: &RegionResources,
    source: &Source<'_>,
    client: &Client<'_>,
    port: u16,
    what: &str,
) -> Option<IpAddr> {
    let mut subnet: &Subnet = source.subnet;
    let mut from = source.address;
    let mut nat_ip: Option<Option<IpAddr>> = None;
    let mut visited: Vec<&Subnet> = Vec::new();
    for _ in 0..MAX_ROUTE_HOPS {
        if visited.iter().any(|s| s.id == subnet.id) {
            block_route(
                path,
                subnet.id.as_str(),
                format!(
                    "routing loop: the route to the public endpoint comes back to `{}`",
                    subnet.id
                ),
            );
            return None;
        }
        visited.push(subnet);
        let (table, explicit) = table_or_block(path, region, subnet)?;
        let mut how = association_words(table, explicit, subnet);
        if let Some(Some(ip)) = nat_ip {
            how = format!("the NAT gateway ({ip}) sends on from its own subnet: {how}");
        } else if nat_ip.is_some() {
            how = format!("the NAT gateway sends on from its own subnet: {how}");
        }
        let mut notes = Vec::new();
        let route = best_route(table, &Address::Internet, &mut notes);
        for n in notes {
            path.note(n);
        }
        let Some(route) = route else {
            block_route(
                path,
                table.id.as_str(),
                format!("{how}; it has no route to the public endpoint (no 0.0.0.0/0 route): no NAT gateway or internet gateway path"),
            );
            return None;
        };
        let taken = format!(
            "{how}; the public endpoint takes route {} → {}",
            destination_words(route),
            TargetWords(&route.target)
        );
        if !route.active {
            block_route(
                path,
                table.id.as_str(),
                format!("{taken}, which is a blackhole (its target no longer exists)"),
            );
            return None;
        }
        match &route.target {
            RouteTarget::InternetGateway(id) => {
                let Some(igw) = region.internet_gateways.iter().find(|g| &g.id == id) else {
                    block_route(
                        path,
                        table.id.as_str(),
                        format!("{taken}, which is not in the model"),
                    );
                    return None;
                };
                if !igw.is_attached_to(&subnet.vpc_id) {
                    block_route(
                        path,
                        table.id.as_str(),
                        format!("{taken}, which is not attached to `{}`", subnet.vpc_id),
                    );
                    return None;
                }
                path.pass("route", table.id.as_str(), taken.clone());
                return match nat_ip {
                    Some(ip) => {
                        path.pass("internet-gateway", id.as_str(), format!("`{id}` (attached to `{}`) carries the NAT gateway's traffic to the internet", subnet.vpc_id));
                        ip
                    }
                    None => match client.public_ip {
                        Some(ip) => {
                            path.pass(
                                "internet-gateway",
                                id.as_str(),
                                format!("`{id}` translates {}'s public IP {ip}", client.label),
                            );
                            Some(ip)
                        }
                        None => {
                            let why = client.never_public.map_or_else(
                                || format!("{} has no public IP address", client.label),
                                str::to_owned,
                            );
                            path.block(
                                "internet-gateway",
                                Layer::Route,
                                BlockerCode::NoRoute,
                                client.component,
                                format!("{taken}, but {why}: an internet gateway carries only traffic from public IP addresses ({what})"),
                            );
                            None
                        }
                    },
                };
            }
            RouteTarget::NatGateway(id) => {
                let Some(nat) = region.nat_gateways.iter().find(|n| &n.id == id) else {
                    block_route(
                        path,
                        table.id.as_str(),
                        format!("{taken}, which is not in the model"),
                    );
                    return None;
                };
                if !nat.is_available() {
                    block_route(
                        path,
                        table.id.as_str(),
                        format!("{taken}, which is `{}`, not `available`", nat.state),
                    );
                    return None;
                }
                if nat.connectivity == NatGatewayConnectivity::Private {
                    block_route(
                        path,
                        table.id.as_str(),
                        format!("{taken}, a private NAT gateway: it cannot reach the internet"),
                    );
                    return None;
                }
                let Some(nat_subnet) = region.subnets.iter().find(|s| s.id == nat.subnet_id) else {
                    block_route(
                        path,
                        table.id.as_str(),
                        format!(
                            "{taken}, whose subnet `{}` is not in the model",
                            nat.subnet_id
                        ),
                    );
                    return None;
                };
                path.pass("route", table.id.as_str(), taken);
                let public = nat.addresses.iter().find_map(|a| a.public_ip);
                path.pass(
                    "nat-gateway",
                    id.as_str(),
                    match public {
                        Some(ip) => format!("`{id}` in `{}` translates the source address to its public IP {ip}", nat.subnet_id),
                        None => format!("`{id}` in `{}` translates the source address (its public IP is not in the model)", nat.subnet_id),
                    },
                );
                if nat_subnet.id != subnet.id {
                    check_boundary(
                        path,
                        region,
                        nat_subnet,
                        &from,
                        port,
                        false,
                        &format!("{what}, entering NAT gateway `{id}`"),
                    );
                    check_boundary(
                        path,
                        region,
                        nat_subnet,
                        &Address::Internet,
                        port,
                        true,
                        &format!("{what}, leaving NAT gateway `{id}`"),
                    );
                }
                from = match nat.addresses.iter().find_map(|a| a.private_ip) {
                    Some(ip) => Address::Ip(ip),
                    None => super::route::subnet_address(nat_subnet).unwrap_or(from),
                };
                nat_ip = Some(public);
                subnet = nat_subnet;
            }
            other => {
                block_route(
                path,
                table.id.as_str(),
                    format!("{taken}: where {} leads is not in the model, so the public endpoint is not known to be reachable", TargetWords(other)),
                );
                return None;
            }
        }
    }
    block_route(
                path,
                subnet.id.as_str(),
        format!("the route to the public endpoint passes more than {MAX_ROUTE_HOPS} route tables: search stopped"),
    );
    None
}

/// Check that a subnet is public: its route for internet addresses goes to an internet gateway
/// attached to its VPC (for a publicly accessible database's return traffic).
pub fn check_public_subnet_route(
    path: &mut NetworkPath,
    region: &RegionResources,
    subnet: &Subnet,
) -> bool {
    let Some((table, explicit)) = table_or_block(path, region, subnet) else {
        return false;
    };
    let how = association_words(table, explicit, subnet);
    let mut notes = Vec::new();
    let route = best_route(table, &Address::Internet, &mut notes);
    for n in notes {
        path.note(n);
    }
    match route {
        Some(r) if r.active => {
            if let RouteTarget::InternetGateway(id) = &r.target {
                if region
                    .internet_gateways
                    .iter()
                    .any(|g| &g.id == id && g.is_attached_to(&subnet.vpc_id))
                {
                    path.pass(
                        "route",
                        table.id.as_str(),
                        format!(
                            "{how}; internet traffic takes route {} → {}",
                            destination_words(r),
                            TargetWords(&r.target)
                        ),
                    );
                    return true;
                }
            }
            block_route(
                path,
                table.id.as_str(),
                format!("{how}; internet traffic takes route {} → {}, not an internet gateway attached to `{}`", destination_words(r), TargetWords(&r.target), subnet.vpc_id),
            );
            false
        }
        _ => {
            block_route(
                path,
                table.id.as_str(),
                format!("{how}; no active route to 0.0.0.0/0 through an internet gateway"),
            );
            false
        }
    }
}

/// A blocking hop at the routing layer (`NO_ROUTE`), on `component` (a route table, subnet…).
fn block_route(path: &mut NetworkPath, component: &str, message: String) {
    path.block(
        "route",
        Layer::Route,
        BlockerCode::NoRoute,
        component,
        message,
    );
}
