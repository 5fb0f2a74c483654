//! The client end of a connection: a subnet, the address in it, and the security groups of the
//! interface. A Lambda function in a VPC has one per subnet of its `VpcConfig` (it may run in
//! any of them); an instance or a subnet origin has one.

use super::address::Address;
use super::path::NetworkPath;
use super::route::subnet_address;
use super::security_group::{parse_group_ids, resolve_groups, Groups};
use super::{Placement, PlacementKind};
use crate::engine::model::Subnet;

/// One network interface a request may leave from.
#[derive(Debug, Clone)]
pub struct Source<'m> {
    pub subnet: &'m Subnet,
    pub address: Address,
    pub groups: Groups<'m>,
}

/// The interfaces a placement may send from. Security groups that are not in the model block
/// where they are checked.
pub fn sources<'m>(path: &mut NetworkPath, placement: &Placement<'m>) -> Vec<Source<'m>> {
    let subnets: Vec<&'m Subnet> = match placement.kind {
        PlacementKind::Function(f) => match &f.vpc_config {
            Some(cfg) => {
                let found: Vec<&'m Subnet> = cfg
                    .subnet_ids
                    .iter()
                    .filter_map(|s| placement.region.subnets.iter().find(|x| &x.id == s))
                    .collect();
                if found.len() < cfg.subnet_ids.len() {
                    path.note(format!(
                        "some subnets of {} are not in the model; only {} of {} are checked",
                        placement.label,
                        found.len(),
                        cfg.subnet_ids.len()
                    ));
                }
                if found.len() > 1 {
                    path.note(format!(
                        "{} may run in any of its {} subnets: the path must hold from each",
                        placement.label,
                        found.len()
                    ));
                }
                found
            }
            None => Vec::new(),
        },
        _ => placement.subnet.into_iter().collect(),
    };
    let group_ids = parse_group_ids(&placement.security_groups);
    let mut out = Vec::new();
    for subnet in subnets {
        let address = match placement.private_ip {
            Some(ip) if subnet.cidr_blocks.iter().any(|c| c.contains(&ip)) => Address::Ip(ip),
            _ => match subnet_address(subnet) {
                Some(a) => a,
                None => continue,
            },
        };
        let groups = resolve_groups(
            path,
            placement.region,
            &group_ids,
            &subnet.vpc_id,
            &placement.label,
        );
        out.push(Source {
            subnet,
            address,
            groups,
        });
    }
    out
}
