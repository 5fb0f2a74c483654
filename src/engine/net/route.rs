//! Routing: which route table a subnet uses (its explicit association, else the VPC's main
//! table) and which route it takes to a destination (the most specific one that covers it).

use std::fmt;

use ipnet::IpNet;

use super::address::{Address, Coverage};
use super::path::NetworkPath;
use crate::engine::model::{
    RegionResources, Route, RouteDestination, RouteTable, RouteTarget, Subnet,
};
use crate::engine::verdict::{BlockerCode, Layer};

/// The most route-table lookups one path may make (NAT gateway → its subnet → …). A model whose
/// routes form a cycle stops here instead of looping. **Architecture Invariant:** network search
/// is bounded by hop count.
pub const MAX_ROUTE_HOPS: usize = 8;

/// The route table a subnet uses, and whether it is explicitly associated (`false`: the main table).
pub fn route_table_for<'m>(
    region: &'m RegionResources,
    subnet: &Subnet,
) -> Option<(&'m RouteTable, bool)> {
    if let Some(t) = region.route_tables.iter().find(|t| {
        t.associations
            .iter()
            .any(|a| a.subnet_id.as_ref() == Some(&subnet.id))
    }) {
        return Some((t, true));
    }
    region
        .route_tables
        .iter()
        .find(|t| t.vpc_id == subnet.vpc_id && t.is_main())
        .map(|t| (t, false))
}

/// How a route table was chosen, in words.
pub fn association_words(table: &RouteTable, explicit: bool, subnet: &Subnet) -> String {
    if explicit {
        format!("`{}` is associated with `{}`", table.id, subnet.id)
    } else {
        format!(
            "`{}` has no explicit association, so the VPC's main route table `{}` applies",
            subnet.id, table.id
        )
    }
}

/// The route a destination takes in a table: the most specific route whose destination covers
/// all of it. Routes that cover only part of it, or that may or may not hold a public endpoint,
/// and prefix-list routes (their contents are not in the model) are named in `notes`.
pub fn best_route<'t>(
    table: &'t RouteTable,
    to: &Address,
    notes: &mut Vec<String>,
) -> Option<&'t Route> {
    let mut best: Option<(&Route, u8)> = None;
    for route in &table.routes {
        match &route.destination {
            RouteDestination::Cidr(net) => match to.covered_by(net) {
                Coverage::Full => {
                    if best.is_none_or(|(_, len)| net.prefix_len() > len) {
                        best = Some((route, net.prefix_len()));
                    }
                }
                Coverage::Partial => notes.push(format!(
                    "route table `{}`: the route to {net} ({}) covers only part of {to}; addresses inside it take that route",
                    table.id,
                    TargetWords(&route.target)
                )),
                Coverage::Unknown => notes.push(format!(
                    "route table `{}`: the route to {net} ({}) is not used for the public endpoint, whose addresses are not in the model",
                    table.id,
                    TargetWords(&route.target)
                )),
                Coverage::Disjoint => {}
            },
            RouteDestination::PrefixList(pl) => {
                if matches!(to, Address::Internet) {
                    notes.push(format!(
                        "route table `{}`: the route to prefix list `{pl}` is not considered: its addresses are not in the model",
                        table.id
                    ));
                }
            }
        }
    }
    best.map(|(r, _)| r)
}

/// A route's destination, as AWS prints it.
pub fn destination_words(route: &Route) -> String {
    match &route.destination {
        RouteDestination::Cidr(net) => net.to_string(),
        RouteDestination::PrefixList(pl) => pl.clone(),
    }
}

/// A route target in words: `local`, `igw-…`, `nat-…`…
pub struct TargetWords<'a>(pub &'a RouteTarget);

impl fmt::Display for TargetWords<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            RouteTarget::Local => f.write_str("local"),
            RouteTarget::InternetGateway(id) => write!(f, "internet gateway `{id}`"),
            RouteTarget::NatGateway(id) => write!(f, "NAT gateway `{id}`"),
            RouteTarget::VpcEndpoint(id) => write!(f, "gateway endpoint `{id}`"),
            RouteTarget::EgressOnlyInternetGateway(id) => {
                write!(f, "egress-only internet gateway `{id}`")
            }
            RouteTarget::VirtualPrivateGateway(id) => write!(f, "virtual private gateway `{id}`"),
            RouteTarget::TransitGateway(id) => write!(f, "transit gateway `{id}`"),
            RouteTarget::VpcPeeringConnection(id) => write!(f, "VPC peering connection `{id}`"),
            RouteTarget::NetworkInterface(id) => write!(f, "network interface `{id}`"),
            RouteTarget::Instance(id) => write!(f, "instance `{id}`"),
            RouteTarget::Other(text) => write!(f, "`{text}`"),
        }
    }
}

/// The table a subnet uses, or a `route` blocker on the subnet when the model has none.
pub fn table_or_block<'m>(
    path: &mut NetworkPath,
    region: &'m RegionResources,
    subnet: &Subnet,
) -> Option<(&'m RouteTable, bool)> {
    let found = route_table_for(region, subnet);
    if found.is_none() {
        path.block(
            "route",
            Layer::Route,
            BlockerCode::NoRoute,
            subnet.id.as_str(),
            format!("no route table of the model applies to `{}` (no explicit association and no main route table for `{}`)", subnet.id, subnet.vpc_id),
        );
    }
    found
}

/// Check that traffic from `subnet` to `to` stays in the VPC: the most specific route covering
/// it is `local`. Records the hop (and the blocker when it is not local).
pub fn check_local_route(
    path: &mut NetworkPath,
    region: &RegionResources,
    subnet: &Subnet,
    to: &Address,
    what: &str,
) -> bool {
    let Some((table, explicit)) = table_or_block(path, region, subnet) else {
        return false;
    };
    let mut notes = Vec::new();
    let route = best_route(table, to, &mut notes);
    for n in notes {
        path.note(n);
    }
    let how = association_words(table, explicit, subnet);
    match route {
        Some(r) if r.target == RouteTarget::Local && r.active => {
            path.pass(
                "route",
                table.id.as_str(),
                format!(
                    "{how}; {what} ({to}) takes route {} → local",
                    destination_words(r)
                ),
            );
            true
        }
        Some(r) => {
            path.block(
                "route",
                Layer::Route,
                BlockerCode::NoRoute,
                table.id.as_str(),
                format!(
                    "{how}; the most specific route to {what} ({to}) is {} → {}{}, not `local`: the model cannot follow it",
                    destination_words(r),
                    TargetWords(&r.target),
                    if r.active { "" } else { " (blackhole)" }
                ),
            );
            false
        }
        None => {
            path.block(
                "route",
                Layer::Route,
                BlockerCode::NoRoute,
                table.id.as_str(),
                format!("{how}; no route covers {what} ({to}) (a VPC's tables always hold its `local` route; is it missing from the model?)"),
            );
            false
        }
    }
}

/// A subnet's IPv4 CIDR as an [`Address::Within`], when the interface's own address is unknown.
pub fn subnet_address(subnet: &Subnet) -> Option<Address> {
    super::address::first_ipv4(&subnet.cidr_blocks)
        .or_else(|| subnet.cidr_blocks.first().copied())
        .map(Address::Within)
}

/// Whether `net` is one of the subnet's CIDRs' networks (for messages).
pub fn subnet_cidr_words(subnet: &Subnet) -> String {
    let cidrs: Vec<String> = subnet.cidr_blocks.iter().map(IpNet::to_string).collect();
    cidrs.join(", ")
}
