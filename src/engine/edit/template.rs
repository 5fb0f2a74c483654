//! A new entity of each kind, as "Add" starts it: the smallest entity that loads without errors,
//! in AWS field names, with identifiers no entity of its kind in the document has yet, and
//! references to what the document already holds where one is needed (a subnet's VPC, a
//! function's role), preferring the same account and region.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::document::list_entities;
use super::kind::EntityKind;

/// A minimal new entity of `kind` for `account` / `region` in `doc`.
pub fn template(doc: &Value, kind: EntityKind, account: &str, region: &str) -> Value {
    let a = if account.trim().is_empty() {
        "111111111111"
    } else {
        account.trim()
    };
    let r = if region.trim().is_empty() {
        "us-east-1"
    } else {
        region.trim()
    };
    let taken = taken_ids(doc, kind);
    // The first number `n` whose id is free.
    let fresh = |id: &dyn Fn(u32) -> String| -> u32 {
        (1..u32::MAX)
            .find(|n| !taken.contains(&id(*n)))
            .unwrap_or(u32::MAX)
    };
    let pick = |kind: EntityKind| first_id(doc, kind, a, r);
    let statement = |action: &str| json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]});
    match kind {
        EntityKind::Account => {
            let n = fresh(&|n| format!("{}", 200_000_000_000_u64 + u64::from(n)));
            json!({"AccountId": format!("{}", 200_000_000_000_u64 + u64::from(n)), "Name": format!("new-account-{n}")})
        }
        EntityKind::Secret => {
            let arn =
                |n: u32| format!("arn:aws:secretsmanager:{r}:{a}:secret:new-secret-{n}-AbCdEf");
            let n = fresh(&arn);
            json!({
                "ARN": arn(n),
                "Name": format!("new-secret-{n}"),
                "VersionIdsToStages": {"00000000-0000-0000-0000-000000000001": ["AWSCURRENT"]}
            })
        }
        EntityKind::Parameter => {
            let n = fresh(&|n| format!("/new/parameter-{n}"));
            json!({
                "Name": format!("/new/parameter-{n}"),
                "Type": "SecureString",
                "ARN": format!("arn:aws:ssm:{r}:{a}:parameter/new/parameter-{n}")
            })
        }
        EntityKind::Key => {
            let key_id = |n: u32| format!("00000000-0000-0000-0000-{n:012}");
            let id = key_id(fresh(&key_id));
            json!({
                "KeyMetadata": {
                    "KeyId": id,
                    "Arn": format!("arn:aws:kms:{r}:{a}:key/{id}"),
                    "KeyManager": "CUSTOMER",
                    "KeyState": "Enabled",
                    "Enabled": true
                },
                "Policy": {
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Sid": "EnableIamPolicies",
                        "Effect": "Allow",
                        "Principal": {"AWS": format!("arn:aws:iam::{a}:root")},
                        "Action": "kms:*",
                        "Resource": "*"
                    }]
                }
            })
        }
        EntityKind::Vpc => {
            let n = fresh(&|n| format!("vpc-new{n}"));
            json!({"VpcId": format!("vpc-new{n}"), "CidrBlock": "10.0.0.0/16"})
        }
        EntityKind::Subnet => {
            let n = fresh(&|n| format!("subnet-new{n}"));
            json!({
                "SubnetId": format!("subnet-new{n}"),
                "VpcId": pick(EntityKind::Vpc).unwrap_or_else(|| "vpc-new1".to_owned()),
                "CidrBlock": format!("10.0.{}.0/24", n % 256),
                "AvailabilityZone": format!("{r}a")
            })
        }
        EntityKind::RouteTable => {
            let n = fresh(&|n| format!("rtb-new{n}"));
            json!({
                "RouteTableId": format!("rtb-new{n}"),
                "VpcId": pick(EntityKind::Vpc).unwrap_or_else(|| "vpc-new1".to_owned()),
                "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}],
                "Associations": []
            })
        }
        EntityKind::SecurityGroup => {
            let n = fresh(&|n| format!("sg-new{n}"));
            let mut group = json!({
                "GroupId": format!("sg-new{n}"),
                "GroupName": format!("new-group-{n}"),
                "IpPermissions": [],
                "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
            });
            if let (Some(vpc), Some(map)) = (pick(EntityKind::Vpc), group.as_object_mut()) {
                map.insert("VpcId".to_owned(), Value::String(vpc));
            }
            group
        }
        EntityKind::NetworkAcl => {
            let n = fresh(&|n| format!("acl-new{n}"));
            json!({
                "NetworkAclId": format!("acl-new{n}"),
                "VpcId": pick(EntityKind::Vpc).unwrap_or_else(|| "vpc-new1".to_owned()),
                "IsDefault": false,
                "Entries": [
                    {"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0"},
                    {"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": true, "CidrBlock": "0.0.0.0/0"}
                ],
                "Associations": []
            })
        }
        EntityKind::VpcEndpoint => {
            let n = fresh(&|n| format!("vpce-new{n}"));
            json!({
                "VpcEndpointId": format!("vpce-new{n}"),
                "VpcEndpointType": "Interface",
                "VpcId": pick(EntityKind::Vpc).unwrap_or_else(|| "vpc-new1".to_owned()),
                "ServiceName": format!("com.amazonaws.{r}.secretsmanager"),
                "SubnetIds": [],
                "Groups": [],
                "PrivateDnsEnabled": true
            })
        }
        EntityKind::NatGateway => {
            let n = fresh(&|n| format!("nat-new{n}"));
            let mut nat = json!({
                "NatGatewayId": format!("nat-new{n}"),
                "SubnetId": pick(EntityKind::Subnet).unwrap_or_else(|| "subnet-new1".to_owned()),
                "State": "available",
                "ConnectivityType": "public"
            });
            if let (Some(vpc), Some(map)) = (pick(EntityKind::Vpc), nat.as_object_mut()) {
                map.insert("VpcId".to_owned(), Value::String(vpc));
            }
            nat
        }
        EntityKind::InternetGateway => {
            let n = fresh(&|n| format!("igw-new{n}"));
            let attachments: Vec<Value> = pick(EntityKind::Vpc)
                .map(|vpc| json!({"VpcId": vpc, "State": "available"}))
                .into_iter()
                .collect();
            json!({"InternetGatewayId": format!("igw-new{n}"), "Attachments": attachments})
        }
        EntityKind::Instance => {
            let n = fresh(&|n| format!("i-new{n}"));
            let mut instance = json!({
                "InstanceId": format!("i-new{n}"),
                "State": {"Name": "running"},
                "SecurityGroups": []
            });
            if let Some(map) = instance.as_object_mut() {
                if let Some(subnet) = pick(EntityKind::Subnet) {
                    map.insert("SubnetId".to_owned(), Value::String(subnet));
                }
                if let Some(vpc) = pick(EntityKind::Vpc) {
                    map.insert("VpcId".to_owned(), Value::String(vpc));
                }
            }
            instance
        }
        EntityKind::Function => {
            let n = fresh(&|n| format!("new-function-{n}"));
            let mut function = json!({
                "FunctionName": format!("new-function-{n}"),
                "FunctionArn": format!("arn:aws:lambda:{r}:{a}:function:new-function-{n}"),
                "Runtime": "python3.12"
            });
            if let (Some(role), Some(map)) = (pick(EntityKind::Role), function.as_object_mut()) {
                map.insert("Role".to_owned(), Value::String(role));
            }
            function
        }
        EntityKind::DbInstance => {
            let n = fresh(&|n| format!("new-db-{n}"));
            json!({
                "DBInstanceIdentifier": format!("new-db-{n}"),
                "DBInstanceArn": format!("arn:aws:rds:{r}:{a}:db:new-db-{n}"),
                "Engine": "postgres",
                "DBInstanceStatus": "available",
                "Endpoint": {"Address": format!("new-db-{n}.example.{r}.rds.amazonaws.com"), "Port": 5432},
                "PubliclyAccessible": false,
                "VpcSecurityGroups": []
            })
        }
        EntityKind::Role => {
            let arn = |n: u32| format!("arn:aws:iam::{a}:role/new-role-{n}");
            let n = fresh(&arn);
            json!({
                "RoleName": format!("new-role-{n}"),
                "Arn": arn(n),
                "Path": "/",
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Effect": "Allow",
                        "Principal": {"Service": "ec2.amazonaws.com"},
                        "Action": "sts:AssumeRole"
                    }]
                },
                "RolePolicyList": [{
                    "PolicyName": "read-secrets",
                    "PolicyDocument": statement("secretsmanager:GetSecretValue")
                }],
                "AttachedManagedPolicies": []
            })
        }
        EntityKind::User => {
            let arn = |n: u32| format!("arn:aws:iam::{a}:user/new-user-{n}");
            let n = fresh(&arn);
            json!({
                "UserName": format!("new-user-{n}"),
                "Arn": arn(n),
                "Path": "/",
                "UserPolicyList": [],
                "AttachedManagedPolicies": [],
                "GroupList": []
            })
        }
        EntityKind::Group => {
            let n = fresh(&|n| format!("new-group-{n}"));
            json!({
                "GroupName": format!("new-group-{n}"),
                "Arn": format!("arn:aws:iam::{a}:group/new-group-{n}"),
                "Path": "/",
                "GroupPolicyList": [],
                "AttachedManagedPolicies": []
            })
        }
        EntityKind::ManagedPolicy => {
            let arn = |n: u32| format!("arn:aws:iam::{a}:policy/new-policy-{n}");
            let n = fresh(&arn);
            json!({
                "PolicyName": format!("new-policy-{n}"),
                "Arn": arn(n),
                "DefaultVersionId": "v1",
                "PolicyVersionList": [{
                    "VersionId": "v1",
                    "IsDefaultVersion": true,
                    "Document": statement("secretsmanager:GetSecretValue")
                }]
            })
        }
        EntityKind::Check => {
            let n = fresh(&|n| format!("new check {n}"));
            let secret = pick(EntityKind::Secret).unwrap_or_else(|| "new-secret".to_owned());
            json!({"Name": format!("new check {n}"), "Query": {"GetSecretValue": {"SecretId": secret}}})
        }
        EntityKind::Organization => {
            json!({
                "Id": "o-exampleorgid",
                "ManagementAccountId": a,
                "Roots": [{"Id": "r-exampleroot"}],
                "OrganizationalUnits": [],
                "Accounts": [],
                "Policies": []
            })
        }
        EntityKind::OrganizationRoot => {
            let n = fresh(&|n| format!("r-new{n}"));
            json!({"Id": format!("r-new{n}")})
        }
        EntityKind::OrganizationalUnit => {
            let n = fresh(&|n| format!("ou-new{n}"));
            json!({
                "Id": format!("ou-new{n}"),
                "ParentId": pick(EntityKind::OrganizationRoot).unwrap_or_else(|| "r-exampleroot".to_owned()),
                "Name": format!("new-unit-{n}")
            })
        }
        EntityKind::OrganizationAccount => {
            let id = list_entities(doc)
                .into_iter()
                .filter(|e| e.kind == EntityKind::Account)
                .filter_map(|e| e.id)
                .find(|id| !taken.contains(id))
                .unwrap_or_else(|| {
                    let n = fresh(&|n| format!("{}", 200_000_000_000_u64 + u64::from(n)));
                    format!("{}", 200_000_000_000_u64 + u64::from(n))
                });
            json!({
                "Id": id,
                "ParentId": pick(EntityKind::OrganizationRoot).unwrap_or_else(|| "r-exampleroot".to_owned())
            })
        }
        EntityKind::OrganizationPolicy => {
            let n = fresh(&|n| format!("p-new{n}"));
            json!({
                "Id": format!("p-new{n}"),
                "Name": format!("new-policy-{n}"),
                "Type": "SERVICE_CONTROL_POLICY",
                "Content": statement("*"),
                "Targets": []
            })
        }
    }
}

/// The identities of every entity of `kind` in the document, wherever it is.
fn taken_ids(doc: &Value, kind: EntityKind) -> BTreeSet<String> {
    list_entities(doc)
        .into_iter()
        .filter(|e| e.kind == kind)
        .filter_map(|e| e.id)
        .collect()
}

/// The identity of the first entity of `kind`, in `account` / `region` when there is one there.
fn first_id(doc: &Value, kind: EntityKind, account: &str, region: &str) -> Option<String> {
    let all: Vec<_> = list_entities(doc)
        .into_iter()
        .filter(|e| e.kind == kind && e.id.is_some())
        .collect();
    let here = |e: &&super::document::EntityRef| {
        e.account.as_deref().is_none_or(|x| x == account)
            && e.region.as_deref().is_none_or(|x| x == region)
    };
    all.iter()
        .find(here)
        .or_else(|| all.first())
        .and_then(|e| e.id.clone())
}
