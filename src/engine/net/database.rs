//! To an RDS database (S33: the rotation function must reach it): the client's security groups
//! must allow egress to the database port, the database's `VpcSecurityGroups` ingress from the
//! client, the network ACLs of both subnets the request and its return, and the route must be
//! `local` (same VPC) or, between VPCs, a peering or transit gateway route in both directions.
//! The database's address is not in the model (its endpoint is a DNS name), so unless the
//! endpoint is given as an IP, it may be in any subnet of its DB subnet group and the path must
//! hold to each. A function without `VpcConfig` reaches only a publicly accessible database,
//! over the internet.

use super::address::Address;
use super::internet::check_public_subnet_route;
use super::nacl::check_boundary;
use super::path::NetworkPath;
use super::route::{
    association_words, best_route, destination_words, subnet_address, table_or_block, TargetWords,
};
use super::security_group::{check_groups, resolve_groups, Groups, Peer};
use super::source::{sources, Source};
use super::Placement;
use crate::engine::ids::Region;
use crate::engine::model::{DbInstance, RegionResources, RouteTarget, SecurityGroupId, Subnet};
use crate::engine::verdict::{BlockerCode, Layer};

/// The port RDS gives an engine when none is set: MySQL, MariaDB and Aurora MySQL 3306;
/// PostgreSQL and Aurora PostgreSQL 5432; SQL Server 1433; Oracle 1521; Db2 50000.
pub fn default_port(engine: &str) -> Option<u16> {
    let engine = engine.to_ascii_lowercase();
    if engine.starts_with("aurora-postgresql") || engine.starts_with("postgres") {
        Some(5432)
    } else if engine.starts_with("aurora")
        || engine.starts_with("mysql")
        || engine.starts_with("mariadb")
    {
        Some(3306)
    } else if engine.starts_with("sqlserver") {
        Some(1433)
    } else if engine.starts_with("oracle") {
        Some(1521)
    } else if engine.starts_with("db2") {
        Some(50000)
    } else {
        None
    }
}

/// The path from `placement` to `db`, a database of `region` in the placement's account (the
/// usual case: the rotation function next to its database). A database elsewhere needs
/// [`path_to_database_in`] with its own region's resources.
pub fn path_to_database(
    placement: &Placement<'_>,
    db: &DbInstance,
    region: &Region,
) -> NetworkPath {
    let here = placement.region;
    if &here.region == region && here.db_instances.iter().any(|d| d.arn == db.arn) {
        return path_to_database_in(placement, db, here);
    }
    let mut path = NetworkPath::default();
    path.block(
        "database",
        Layer::Route,
        BlockerCode::NoRoute,
        db.arn.as_str(),
        format!(
            "database `{}` is not in the account and region of {}: a path to another account or region is not followed",
            db.identifier, placement.label
        ),
    );
    path
}

/// The path from `placement` to `db`, which lives in `region` (the region's subnets, groups,
/// route tables and ACLs are consulted).
pub fn path_to_database_in(
    placement: &Placement<'_>,
    db: &DbInstance,
    region: &RegionResources,
) -> NetworkPath {
    let mut path = NetworkPath::default();
    let db_name = format!("database `{}`", db.identifier);
    let port = db
        .endpoint
        .as_ref()
        .and_then(|e| e.port)
        .or_else(|| db.engine.as_deref().and_then(default_port));
    let Some(port) = port else {
        path.block(
            "database",
            Layer::Request,
            BlockerCode::DatabaseNotFound,
            db.arn.as_str(),
            format!("the port of {db_name} is unknown: no `Endpoint.Port` and no engine with a default port"),
        );
        return path;
    };
    let known_ip = db
        .endpoint
        .as_ref()
        .and_then(|e| e.address.parse::<std::net::IpAddr>().ok());
    let mut subnets: Vec<&Subnet> = db
        .subnet_ids
        .iter()
        .filter_map(|id| region.subnets.iter().find(|s| &s.id == id))
        .collect();
    if let Some(ip) = known_ip {
        subnets.retain(|s| s.cidr_blocks.iter().any(|c| c.contains(&ip)));
    }
    if subnets.is_empty() {
        path.block(
            "database",
            Layer::Route,
            BlockerCode::NoRoute,
            db.arn.as_str(),
            format!("no subnet of the DB subnet group of {db_name} is in the model (or holds its address): its network is unknown"),
        );
        return path;
    }
    let words: Vec<String> = subnets.iter().map(|s| format!("`{}`", s.id)).collect();
    path.pass(
        "database",
        db.arn.as_str(),
        match known_ip {
            Some(ip) => format!(
                "{db_name} listens on tcp {port} at {ip} in {}",
                words.join(", ")
            ),
            None => format!(
                "{db_name} listens on tcp {port} in one of {}",
                words.join(", ")
            ),
        },
    );
    if known_ip.is_none() && subnets.len() > 1 {
        path.note(format!(
            "the address of {db_name} is not in the model: it may be in any subnet of its DB subnet group ({}), so the path must hold to each",
            words.join(", ")
        ));
    }
    let db_vpc = db
        .vpc_id
        .clone()
        .or_else(|| subnets.first().map(|s| s.vpc_id.clone()));
    let group_ids: Vec<SecurityGroupId> = db.security_groups.iter().map(|g| g.id.clone()).collect();
    let Some(db_vpc) = db_vpc else { return path };
    let db_groups = resolve_groups(&mut path, region, &group_ids, &db_vpc, &db_name);
    let what = format!("tcp {port} to {db_name}");
    if placement.is_aws_managed_network() {
        public_path(
            &mut path, region, placement, db, &subnets, &db_groups, port, &what,
        );
        return path;
    }
    if placement.vpc.is_none() {
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
        return path;
    }
    let from = sources(&mut path, placement);
    if from.is_empty() {
        path.block(
            "route",
            Layer::Route,
            BlockerCode::NoRoute,
            &placement.component(),
            format!(
                "no subnet of {} with an IPv4 CIDR is in the model",
                placement.label
            ),
        );
    }
    for source in &from {
        for subnet in &subnets {
            let Some(to) = known_ip.map(Address::Ip).or_else(|| subnet_address(subnet)) else {
                continue;
            };
            path.absorb(one_pair(
                region, source, subnet, to, &db_groups, port, &what,
            ));
        }
    }
    path
}

fn one_pair(
    region: &RegionResources,
    source: &Source<'_>,
    subnet: &Subnet,
    to: Address,
    db_groups: &Groups<'_>,
    port: u16,
    what: &str,
) -> NetworkPath {
    let mut path = NetworkPath::default();
    let where_ = format!("{what} in `{}`", subnet.id);
    if source.subnet.vpc_id == subnet.vpc_id {
        super::route::check_local_route(&mut path, region, source.subnet, &to, &where_);
        if source.subnet.id != subnet.id {
            super::route::check_local_route(
                &mut path,
                region,
                subnet,
                &source.address,
                &format!("the return traffic to `{}`", source.subnet.id),
            );
        }
    } else {
        check_between_vpcs(&mut path, region, source.subnet, &to, &where_);
        check_between_vpcs(
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
            groups: &db_groups.ids,
        },
        port,
        &where_,
    );
    check_groups(
        &mut path,
        db_groups,
        false,
        &Peer {
            address: source.address,
            groups: &source.groups.ids,
        },
        port,
        &where_,
    );
    if source.subnet.id != subnet.id {
        check_boundary(&mut path, region, source.subnet, &to, port, true, &where_);
        check_boundary(
            &mut path,
            region,
            subnet,
            &source.address,
            port,
            false,
            &where_,
        );
    } else {
        path.note(format!(
            "the client and the database share `{}`: no network ACL applies within a subnet",
            subnet.id
        ));
    }
    path
}

/// Between VPCs: the most specific route must go to a VPC peering connection or a transit
/// gateway. Where it leads is not in the model: assumed to be the other VPC, and said so.
fn check_between_vpcs(
    path: &mut NetworkPath,
    region: &RegionResources,
    subnet: &Subnet,
    to: &Address,
    what: &str,
) {
    let Some((table, explicit)) = table_or_block(path, region, subnet) else {
        return;
    };
    let how = association_words(table, explicit, subnet);
    let mut notes = Vec::new();
    let route = best_route(table, to, &mut notes);
    for n in notes {
        path.note(n);
    }
    match route {
        Some(r) if r.active && matches!(r.target, RouteTarget::VpcPeeringConnection(_) | RouteTarget::TransitGateway(_)) => {
            path.note(format!(
                "{} is not in the model: it is assumed to be active and to lead to the other VPC",
                TargetWords(&r.target)
            ));
            path.pass("route", table.id.as_str(), format!("{how}; {what} ({to}) takes route {} → {}", destination_words(r), TargetWords(&r.target)));
        }
        Some(r) => path.block(
            "route",
            Layer::Route,
            BlockerCode::NoRoute,
            table.id.as_str(),
            format!(
                "{how}; {what} ({to}) is in another VPC and its most specific route is {} → {}{}: not a peering connection or transit gateway",
                destination_words(r),
                TargetWords(&r.target),
                if r.active { "" } else { " (blackhole)" }
            ),
        ),
        None => path.block(
            "route",
            Layer::Route,
            BlockerCode::NoRoute,
            table.id.as_str(),
            format!("{how}; {what} ({to}) is in another VPC and no route covers it (no peering or transit gateway route)"),
        ),
    }
}

/// A function outside any VPC reaches a database only over the internet: it must be publicly
/// accessible, its groups must admit the function's (unknown, public) address — only
/// `0.0.0.0/0` does — its subnet must route to an internet gateway, and its ACL admit it.
#[allow(
    clippy::too_many_arguments,
    reason = "one call site; the pieces are all distinct"
)]
fn public_path(
    path: &mut NetworkPath,
    region: &RegionResources,
    placement: &Placement<'_>,
    db: &DbInstance,
    subnets: &[&Subnet],
    db_groups: &Groups<'_>,
    port: u16,
    what: &str,
) {
    if !db.publicly_accessible {
        path.block(
            "route",
            Layer::Route,
            BlockerCode::NoRoute,
            db.arn.as_str(),
            format!(
                "{} has no VpcConfig, so it reaches only public addresses, and database `{}` is not publicly accessible",
                placement.label, db.identifier
            ),
        );
        return;
    }
    path.note(format!(
        "{} calls from an AWS public address not in the model: only 0.0.0.0/0 admits it",
        placement.label
    ));
    check_groups(
        path,
        db_groups,
        false,
        &Peer {
            address: Address::Internet,
            groups: &[],
        },
        port,
        what,
    );
    for subnet in subnets {
        check_public_subnet_route(path, region, subnet);
        check_boundary(path, region, subnet, &Address::Internet, port, false, what);
    }
}
