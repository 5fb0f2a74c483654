//! Building the graph index and laying it out for a model of about 300 entities: two accounts,
//! each with two VPCs of three subnets, instances, functions, databases, endpoints, 40 roles,
//! 50 secrets, 10 parameters and 5 keys.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "benchmark code"
)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use secretpath::engine::graph::{layout, GraphIndex, LayoutOptions};
use secretpath::engine::model::{load_model_value, Model};
use serde_json::{json, Value};

fn account(n: usize) -> Value {
    let id = format!("{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}");
    let region = "us-east-1";
    let roles: Vec<Value> = (0..40)
        .map(|r| {
            json!({
                "RoleName": format!("role-{r:02}"),
                "Arn": format!("arn:aws:iam::{id}:role/role-{r:02}"),
                "Path": "/",
                "InstanceProfileList": [{"Arn": format!("arn:aws:iam::{id}:instance-profile/role-{r:02}")}],
                "RolePolicyList": [{"PolicyName": "read", "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                                   "Resource": format!("arn:aws:secretsmanager:{region}:{id}:secret:app-{r:02}*")}]
                }}]
            })
        })
        .collect();
    let keys: Vec<Value> = (0..5)
        .map(|k| {
            let key_id = format!("0000000{k}-0000-4000-8000-00000000000{n}");
            json!({"KeyMetadata": {"KeyId": key_id, "Arn": format!("arn:aws:kms:{region}:{id}:key/{key_id}"),
                                   "KeyState": "Enabled", "KeyManager": "CUSTOMER"},
                   "Aliases": [{"AliasName": format!("alias/app-{k}"),
                                "AliasArn": format!("arn:aws:kms:{region}:{id}:alias/app-{k}")}]})
        })
        .collect();
    let secrets: Vec<Value> = (0..50)
        .map(|s| {
            json!({"ARN": format!("arn:aws:secretsmanager:{region}:{id}:secret:app-{s:02}-AbCdEf"),
                   "Name": format!("app-{s:02}"), "KmsKeyId": format!("alias/app-{}", s % 5)})
        })
        .collect();
    let parameters: Vec<Value> = (0..10)
        .map(|p| json!({"Name": format!("/app/p{p}"), "Type": "SecureString"}))
        .collect();
    let mut vpcs = Vec::new();
    let mut subnets = Vec::new();
    let mut tables = Vec::new();
    let mut groups = Vec::new();
    let mut endpoints = Vec::new();
    let mut instances = Vec::new();
    let mut functions = Vec::new();
    for v in 0..2 {
        let vpc = format!("vpc-{n}{v}");
        vpcs.push(json!({"VpcId": vpc, "CidrBlock": format!("10.{v}.0.0/16")}));
        tables.push(json!({"RouteTableId": format!("rtb-{n}{v}"), "VpcId": vpc,
                           "Routes": [{"DestinationCidrBlock": format!("10.{v}.0.0/16"), "GatewayId": "local", "State": "active"}],
                           "Associations": [{"Main": true}]}));
        groups.push(
            json!({"GroupId": format!("sg-{n}{v}"), "GroupName": "app", "VpcId": vpc,
                           "IpPermissions": [], "IpPermissionsEgress": []}),
        );
        let mut subnet_ids = Vec::new();
        for s in 0..3 {
            let subnet = format!("subnet-{n}{v}{s}");
            subnets.push(
                json!({"SubnetId": subnet, "VpcId": vpc, "CidrBlock": format!("10.{v}.{s}.0/24")}),
            );
            for i in 0..6 {
                instances.push(json!({"InstanceId": format!("i-{n}{v}{s}{i}"), "SubnetId": subnet, "VpcId": vpc,
                                      "SecurityGroups": [{"GroupId": format!("sg-{n}{v}")}],
                                      "IamInstanceProfile": {"Arn": format!("arn:aws:iam::{id}:instance-profile/role-{:02}", (v * 18 + s * 6 + i) % 40)}}));
            }
            subnet_ids.push(subnet);
        }
        endpoints.push(json!({"VpcEndpointId": format!("vpce-{n}{v}"), "VpcEndpointType": "Interface", "VpcId": vpc,
                              "ServiceName": format!("com.amazonaws.{region}.secretsmanager"), "State": "available",
                              "SubnetIds": subnet_ids, "Groups": [{"GroupId": format!("sg-{n}{v}")}]}));
        for f in 0..5 {
            functions.push(json!({"FunctionName": format!("fn-{v}{f}"),
                                  "FunctionArn": format!("arn:aws:lambda:{region}:{id}:function:fn-{v}{f}"),
                                  "Role": format!("arn:aws:iam::{id}:role/role-{f:02}"),
                                  "VpcConfig": {"SubnetIds": [format!("subnet-{n}{v}{}", f % 3)], "SecurityGroupIds": [format!("sg-{n}{v}")], "VpcId": vpc}}));
        }
    }
    json!({
        "AccountId": id, "Name": format!("account-{n}"),
        "Iam": {"RoleDetailList": roles},
        "Regions": [{"Region": region, "Secrets": secrets, "Parameters": parameters, "Keys": keys,
                     "Vpcs": vpcs, "Subnets": subnets, "RouteTables": tables, "SecurityGroups": groups,
                     "VpcEndpoints": endpoints, "Instances": instances, "Functions": functions}]
    })
}

#[expect(
    clippy::panic,
    reason = "a bench over a model that does not load measures nothing"
)]
fn model() -> Model {
    let doc = json!({"Format": "secretpath/1", "Accounts": [account(1), account(2)]});
    match load_model_value(&doc) {
        Ok(loaded) => loaded.model,
        Err(errors) => panic!("the bench model does not load: {errors:?}"),
    }
}

fn bench(c: &mut Criterion) {
    let model = model();
    let index = GraphIndex::build(&model);
    eprintln!(
        "graph bench model: {} nodes, {} edges",
        index.node_count(),
        index.edge_count()
    );
    let options = LayoutOptions::default();
    c.bench_function("graph: build index (300 entities)", |b| {
        b.iter(|| GraphIndex::build(black_box(&model)))
    });
    c.bench_function("graph: layout (300 entities)", |b| {
        b.iter(|| layout(black_box(&index), black_box(&options)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
