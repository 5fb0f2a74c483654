//! Through an interface endpoint (S28): inside the VPC, so the route is `local`; the client's
//! security groups must allow egress TCP 443 to an endpoint network interface, the endpoint's
//! groups must allow ingress TCP 443 from the client, and the network ACLs of both subnets must
//! allow the request and its return when the traffic crosses a subnet boundary. The endpoint's
//! interface addresses are not in the model, so each endpoint subnet's CIDR stands for them;
//! the path holds when it holds to at least one endpoint subnet.

use super::address::Address;
use super::nacl::check_boundary;
use super::path::NetworkPath;
use super::route::{check_local_route, subnet_address};
use super::security_group::{check_groups, resolve_groups, Groups, Peer};
use super::source::Source;
use crate::engine::model::{RegionResources, Subnet, VpcEndpoint};
use crate::engine::verdict::{BlockerCode, Layer};

/// HTTPS: every AWS API.
pub const HTTPS: u16 = 443;

/// Check the path from one source interface to an interface endpoint.
pub fn check_interface_endpoint(
    region: &RegionResources,
    source: &Source<'_>,
    endpoint: &VpcEndpoint,
) -> NetworkPath {
    let mut path = NetworkPath::default();
    let mut subnets: Vec<&Subnet> = endpoint
        .subnet_ids
        .iter()
        .filter_map(|id| region.subnets.iter().find(|s| &s.id == id))
        .collect();
    if subnets.is_empty() {
        path.block(
            "vpc-endpoint",
            Layer::Route,
            BlockerCode::EndpointUnavailable,
            endpoint.id.as_str(),
            format!(
                "none of the subnets of `{}` is in the model: its network interfaces are unknown",
                endpoint.id
            ),
        );
        return path;
    }
    // Prefer the client's own subnet, then its availability zone (the interface it would use).
    subnets.sort_by_key(|s| {
        if s.id == source.subnet.id {
            0
        } else if s.availability_zone.is_some()
            && s.availability_zone == source.subnet.availability_zone
        {
            1
        } else {
            2
        }
    });
    path.note(format!(
        "the network interfaces of `{}` are not in the model: each of its subnets' CIDRs stands for their addresses",
        endpoint.id
    ));
    let endpoint_groups = resolve_groups(
        &mut path,
        region,
        &endpoint.security_group_ids,
        &endpoint.vpc_id,
        &format!("endpoint `{}`", endpoint.id),
    );
    let mut failures = NetworkPath::default();
    for subnet in subnets {
        let Some(to) = subnet_address(subnet) else {
            continue;
        };
        let attempt =
            check_to_endpoint_subnet(region, source, endpoint, subnet, to, &endpoint_groups);
        if attempt.is_admitted() {
            path.absorb(attempt);
            if !failures.is_admitted() {
                path.note(format!(
                    "other network interfaces of `{}` are not reachable from `{}`; requests resolved to them would fail",
                    endpoint.id, source.subnet.id
                ));
            }
            return path;
        }
        failures.absorb(attempt);
    }
    path.absorb(failures);
    path
}

fn check_to_endpoint_subnet(
    region: &RegionResources,
    source: &Source<'_>,
    endpoint: &VpcEndpoint,
    subnet: &Subnet,
    to: Address,
    endpoint_groups: &Groups<'_>,
) -> NetworkPath {
    let mut path = NetworkPath::default();
    let what = format!("HTTPS to `{}` in `{}`", endpoint.id, subnet.id);
    check_local_route(
        &mut path,
        region,
        source.subnet,
        &to,
        &format!("`{}` in `{}`", endpoint.id, subnet.id),
    );
    if subnet.id != source.subnet.id {
        check_local_route(
            &mut path,
            region,
            subnet,
            &source.address,
            &format!("the return traffic to `{}`", source.subnet.id),
        );
    }
    check_groups(
        &mut path,
        &source.groups,
        true,
        &Peer {
            address: to,
            groups: &endpoint_groups.ids,
        },
        HTTPS,
        &what,
    );
    check_groups(
        &mut path,
        endpoint_groups,
        false,
        &Peer {
            address: source.address,
            groups: &source.groups.ids,
        },
        HTTPS,
        &what,
    );
    if subnet.id != source.subnet.id {
        check_boundary(&mut path, region, source.subnet, &to, HTTPS, true, &what);
        check_boundary(
            &mut path,
            region,
            subnet,
            &source.address,
            HTTPS,
            false,
            &what,
        );
    } else {
        path.note(format!(
            "`{}` and the client share `{}`: no network ACL applies within a subnet",
            endpoint.id, subnet.id
        ));
    }
    path
}
