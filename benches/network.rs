//! Network-path queries on a large generated model: 50 VPCs, 500 subnets, 2,000 security
//! groups, 200 interface endpoints (issue 3 §1: one query should take well under 1 ms).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "benchmark code"
)]

/// The same allocator the native command line ships with (src/bin/secretpath/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, Criterion};
use secretpath::engine::flows::origin::resolve_origin;
use secretpath::engine::model::load_model;
use secretpath::engine::net::{path_to_database, path_to_service};
use secretpath::engine::query::Origin;
use serde_json::{json, Value};

const VPCS: usize = 50;
const SUBNETS_PER_VPC: usize = 10;
const GROUPS_PER_VPC: usize = 40;
const ENDPOINT_SERVICES: [&str; 4] = ["secretsmanager", "kms", "logs", "sts"];

fn acl_entry(n: u32, egress: bool, action: &str, cidr: &str, ports: Option<(u16, u16)>) -> Value {
    let mut e = json!({"RuleNumber": n, "Protocol": if ports.is_some() { "6" } else { "-1" }, "RuleAction": action, "Egress": egress, "CidrBlock": cidr});
    if let Some((from, to)) = ports {
        e["PortRange"] = json!({"From": from, "To": to});
    }
    e
}

/// A model shaped like `describe-*` output, large enough to show how queries scale.
fn generated_model() -> String {
    let (
        mut vpcs,
        mut subnets,
        mut tables,
        mut groups,
        mut acls,
        mut endpoints,
        mut nats,
        mut igws,
        mut instances,
        mut dbs,
    ) = (
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
        vec![],
    );
    for v in 0..VPCS {
        let vpc = format!("vpc-{v:04}");
        vpcs.push(json!({"VpcId": vpc, "CidrBlock": format!("10.{v}.0.0/16"), "EnableDnsSupport": true, "EnableDnsHostnames": true}));
        igws.push(json!({"InternetGatewayId": format!("igw-{v:04}"), "Attachments": [{"VpcId": vpc, "State": "available"}]}));
        let local = json!({"DestinationCidrBlock": format!("10.{v}.0.0/16"), "GatewayId": "local", "State": "active"});
        tables.push(json!({"RouteTableId": format!("rtb-{v:04}main"), "VpcId": vpc, "Routes": [local.clone()], "Associations": [{"Main": true}]}));
        let mut acl_subnets = vec![];
        for s in 0..SUBNETS_PER_VPC {
            let id = format!("subnet-{v:04}{s:02}");
            subnets.push(json!({"SubnetId": id, "VpcId": vpc, "CidrBlock": format!("10.{v}.{s}.0/24"), "AvailabilityZone": format!("us-east-1{}", ["a", "b", "c"][s % 3])}));
            let default_route = if s == 0 {
                json!({"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": format!("igw-{v:04}"), "State": "active"})
            } else {
                json!({"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": format!("nat-{v:04}"), "State": "active"})
            };
            let peering: Vec<Value> = (1..6).map(|k| json!({"DestinationCidrBlock": format!("10.{}.0.0/16", (v + k) % VPCS), "VpcPeeringConnectionId": format!("pcx-{v}-{k}"), "State": "active"})).collect();
            let mut routes = vec![local.clone(), default_route];
            routes.extend(peering);
            tables.push(json!({"RouteTableId": format!("rtb-{v:04}{s:02}"), "VpcId": vpc, "Routes": routes, "Associations": [{"Main": false, "SubnetId": id}]}));
            acl_subnets.push(json!({"SubnetId": id}));
        }
        nats.push(json!({"NatGatewayId": format!("nat-{v:04}"), "SubnetId": format!("subnet-{v:04}00"), "VpcId": vpc, "State": "available",
                         "NatGatewayAddresses": [{"PrivateIp": format!("10.{v}.0.10"), "PublicIp": format!("203.0.{}.{}", v / 200, v % 200 + 1)}]}));
        let mut entries = vec![];
        for r in 0..20u32 {
            entries.push(acl_entry(
                10 + r,
                false,
                "deny",
                &format!("192.0.2.{r}/32"),
                None,
            ));
            entries.push(acl_entry(
                10 + r,
                true,
                "deny",
                &format!("192.0.2.{r}/32"),
                None,
            ));
        }
        entries.push(acl_entry(
            100,
            false,
            "allow",
            "0.0.0.0/0",
            Some((443, 443)),
        ));
        entries.push(acl_entry(
            110,
            false,
            "allow",
            "0.0.0.0/0",
            Some((1024, 65535)),
        ));
        entries.push(acl_entry(
            120,
            false,
            "allow",
            &format!("10.{v}.0.0/16"),
            Some((5432, 5432)),
        ));
        entries.push(acl_entry(100, true, "allow", "0.0.0.0/0", None));
        entries.push(acl_entry(32767, false, "deny", "0.0.0.0/0", None));
        entries.push(acl_entry(32767, true, "deny", "0.0.0.0/0", None));
        acls.push(json!({"NetworkAclId": format!("acl-{v:04}"), "VpcId": vpc, "IsDefault": true, "Associations": acl_subnets, "Entries": entries}));
        for g in 0..GROUPS_PER_VPC {
            let refs: Vec<Value> = (1..4)
                .map(|k| json!({"GroupId": format!("sg-{v:04}{:03}", (g + k) % GROUPS_PER_VPC)}))
                .collect();
            groups.push(json!({"GroupId": format!("sg-{v:04}{g:03}"), "GroupName": if g == 0 { "default".to_owned() } else { format!("g{g}") }, "VpcId": vpc,
                "IpPermissions": [
                    {"IpProtocol": "tcp", "FromPort": 8000 + g, "ToPort": 8000 + g, "IpRanges": [{"CidrIp": "10.200.0.0/16"}], "UserIdGroupPairs": refs},
                    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": format!("10.{v}.0.0/16")}], "PrefixListIds": [{"PrefixListId": "pl-0corp"}]},
                    {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": format!("sg-{v:04}001")}]}],
                "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}));
        }
        for (e, service) in ENDPOINT_SERVICES.iter().enumerate() {
            endpoints.push(json!({"VpcEndpointId": format!("vpce-{v:04}{e}"), "VpcEndpointType": "Interface", "VpcId": vpc,
                "ServiceName": format!("com.amazonaws.us-east-1.{service}"), "State": "available", "PrivateDnsEnabled": true,
                "SubnetIds": [format!("subnet-{v:04}07"), format!("subnet-{v:04}08"), format!("subnet-{v:04}09")],
                "Groups": [{"GroupId": format!("sg-{v:04}{:03}", 2 + e)}]}));
        }
        instances.push(json!({"InstanceId": format!("i-{v:04}"), "SubnetId": format!("subnet-{v:04}03"), "VpcId": vpc,
            "PrivateIpAddress": format!("10.{v}.3.10"), "SecurityGroups": [{"GroupId": format!("sg-{v:04}001")}, {"GroupId": format!("sg-{v:04}005")}]}));
        dbs.push(json!({"DBInstanceIdentifier": format!("db-{v}"), "Engine": "postgres", "Endpoint": {"Address": format!("db-{v}.x.us-east-1.rds.amazonaws.com"), "Port": 5432},
            "VpcSecurityGroups": [{"VpcSecurityGroupId": format!("sg-{v:04}010")}],
            "DBSubnetGroup": {"VpcId": vpc, "Subnets": [{"SubnetIdentifier": format!("subnet-{v:04}05")}, {"SubnetIdentifier": format!("subnet-{v:04}06")}]}}));
    }
    json!({"Format": "secretpath/1", "Accounts": [{"AccountId": "111111111111", "Regions": [{"Region": "us-east-1",
        "Vpcs": vpcs, "Subnets": subnets, "RouteTables": tables, "SecurityGroups": groups, "NetworkAcls": acls,
        "VpcEndpoints": endpoints, "NatGateways": nats, "InternetGateways": igws, "Instances": instances, "DBInstances": dbs}]}]})
    .to_string()
}

fn network_paths(c: &mut Criterion) {
    let text = generated_model();
    let model = load_model(&text).unwrap().model;
    let region = &model.accounts[0].regions[0];
    assert_eq!(
        (
            region.vpcs.len(),
            region.subnets.len(),
            region.security_groups.len(),
            region.vpc_endpoints.len()
        ),
        (50, 500, 2000, 200)
    );
    let origin = resolve_origin(&model, &Origin::Instance("i-0037".to_owned())).unwrap();
    let placement = origin.placement.unwrap();
    let us_east_1 = region.region.clone();
    let through_endpoint = path_to_service(&placement, "secretsmanager", &us_east_1);
    assert!(
        through_endpoint.blockers.is_empty() && through_endpoint.endpoint.is_some(),
        "{:#?}",
        through_endpoint.blockers
    );
    let over_nat = path_to_service(&placement, "ssm", &us_east_1);
    assert!(over_nat.blockers.is_empty(), "{:#?}", over_nat.blockers);
    let db = region
        .db_instances
        .iter()
        .find(|d| d.identifier == "db-37")
        .unwrap();
    assert!(path_to_database(&placement, db, &us_east_1).is_admitted());

    c.bench_function(
        "path_to_service through an interface endpoint (2,000 SGs, 500 subnets)",
        |b| {
            b.iter(|| {
                path_to_service(
                    std::hint::black_box(&placement),
                    "secretsmanager",
                    &us_east_1,
                )
            })
        },
    );
    c.bench_function("path_to_service over a NAT gateway", |b| {
        b.iter(|| path_to_service(std::hint::black_box(&placement), "ssm", &us_east_1))
    });
    c.bench_function("path_to_database (two DB subnets)", |b| {
        b.iter(|| path_to_database(std::hint::black_box(&placement), db, &us_east_1))
    });
}

criterion_group!(benches, network_paths);
criterion_main!(benches);
