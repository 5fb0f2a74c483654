//! Where calls come from and go to: EC2 instances (`describe-instances`, flattened), Lambda
//! functions (`get-function-configuration` + `Policy` from `get-policy`) and RDS DB instances
//! (`describe-db-instances`).

use std::net::IpAddr;

use crate::engine::ids::{AccountId, Arn, Region};
use crate::engine::policy::PolicyKind;

use super::error::Findings;
use super::network::{id_list, id_list_of, ip, required_id};
use super::policy_document::{load_policy, PolicyDocument};
use super::reader::{tags, Obj};
use super::resource_ids::{InstanceId, NetworkInterfaceId, SecurityGroupId, SubnetId, VpcId};
use super::secrets::{check_arn_placement, unwrap_policy};
use super::Tags;

/// A network interface of an instance.
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceNetworkInterface {
    pub id: Option<NetworkInterfaceId>,
    pub subnet_id: Option<SubnetId>,
    pub vpc_id: Option<VpcId>,
    pub private_ip: Option<IpAddr>,
    /// `Association.PublicIp`.
    pub public_ip: Option<IpAddr>,
    pub security_group_ids: Vec<SecurityGroupId>,
}

/// An EC2 instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    pub id: InstanceId,
    pub subnet_id: Option<SubnetId>,
    pub vpc_id: Option<VpcId>,
    pub private_ip: Option<IpAddr>,
    pub public_ip: Option<IpAddr>,
    pub security_group_ids: Vec<SecurityGroupId>,
    /// `IamInstanceProfile.Arn`; the role is the one whose `InstanceProfileList` holds it.
    pub instance_profile_arn: Option<Arn>,
    /// `State.Name` (`running`, `stopped`, …).
    pub state: Option<String>,
    pub network_interfaces: Vec<InstanceNetworkInterface>,
    pub tags: Tags,
}

/// `VpcConfig` of a function attached to a VPC.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionVpcConfig {
    pub subnet_ids: Vec<SubnetId>,
    pub security_group_ids: Vec<SecurityGroupId>,
    pub vpc_id: Option<VpcId>,
}

/// A Lambda function.
#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    pub name: String,
    pub arn: Arn,
    /// The execution role.
    pub role: Option<Arn>,
    /// `None` when the function is not in a VPC (an empty `VpcConfig`, as AWS prints it, counts
    /// as none): it then runs in an AWS-managed network with internet access.
    pub vpc_config: Option<FunctionVpcConfig>,
    /// The function's resource policy (`lambda get-policy`).
    pub policy: Option<PolicyDocument>,
    pub runtime: Option<String>,
}

/// `Endpoint` of a DB instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbEndpoint {
    pub address: String,
    pub port: Option<u16>,
}

/// One of `VpcSecurityGroups`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbSecurityGroup {
    pub id: SecurityGroupId,
    pub status: Option<String>,
}

/// An RDS DB instance.
#[derive(Debug, Clone, PartialEq)]
pub struct DbInstance {
    pub identifier: String,
    pub arn: Arn,
    pub engine: Option<String>,
    pub endpoint: Option<DbEndpoint>,
    /// `DBSubnetGroup.VpcId`.
    pub vpc_id: Option<VpcId>,
    /// `DBSubnetGroup.Subnets[].SubnetIdentifier`.
    pub subnet_ids: Vec<SubnetId>,
    pub security_groups: Vec<DbSecurityGroup>,
    pub publicly_accessible: bool,
    pub master_username: Option<String>,
    pub status: Option<String>,
}

pub(crate) fn load_instance(o: &Obj<'_>, f: &mut Findings) -> Option<Instance> {
    let id = required_id::<InstanceId>(o, "InstanceId", f);
    let network_interfaces: Vec<InstanceNetworkInterface> = o
        .objects("NetworkInterfaces", "a network interface", f)
        .into_iter()
        .map(|n| InstanceNetworkInterface {
            id: n.parse::<NetworkInterfaceId>("NetworkInterfaceId", f),
            subnet_id: n.parse::<SubnetId>("SubnetId", f),
            vpc_id: n.parse::<VpcId>("VpcId", f),
            private_ip: ip(&n, "PrivateIpAddress", f),
            public_ip: n
                .object("Association", f)
                .and_then(|a| ip(&a, "PublicIp", f)),
            security_group_ids: id_list_of::<SecurityGroupId>(&n, "Groups", "GroupId", f),
        })
        .collect();
    let primary = network_interfaces.first();
    let mut security_group_ids = id_list_of::<SecurityGroupId>(o, "SecurityGroups", "GroupId", f);
    if security_group_ids.is_empty() {
        security_group_ids = primary
            .map(|n| n.security_group_ids.clone())
            .unwrap_or_default();
    }
    let instance_profile_arn = o
        .object("IamInstanceProfile", f)
        .and_then(|p| p.parse::<Arn>("Arn", f));
    let state = match o.get("State") {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(_) => o.object("State", f).and_then(|s| s.string("Name", f)),
        None => None,
    };
    Some(Instance {
        subnet_id: o
            .parse::<SubnetId>("SubnetId", f)
            .or_else(|| primary.and_then(|n| n.subnet_id.clone())),
        vpc_id: o
            .parse::<VpcId>("VpcId", f)
            .or_else(|| primary.and_then(|n| n.vpc_id.clone())),
        private_ip: ip(o, "PrivateIpAddress", f).or_else(|| primary.and_then(|n| n.private_ip)),
        public_ip: ip(o, "PublicIpAddress", f).or_else(|| primary.and_then(|n| n.public_ip)),
        security_group_ids,
        instance_profile_arn,
        state,
        tags: tags(o, "Tags", f),
        network_interfaces,
        id: id?,
    })
}

pub(crate) fn load_function(
    o: &Obj<'_>,
    account: &AccountId,
    region: &Region,
    f: &mut Findings,
) -> Option<Function> {
    let arn = o.parse::<Arn>("FunctionArn", f);
    if let Some(a) = &arn {
        check_arn_placement(a, "lambda", account, region, &o.at("FunctionArn"), f);
    }
    let name = o.string("FunctionName", f).or_else(|| {
        arn.as_ref()
            .and_then(|a| a.resource().strip_prefix("function:"))
            .map(|n| n.split(':').next().unwrap_or(n).to_owned())
    });
    let Some(name) = name else {
        f.error(&o.path, "`FunctionName` and `FunctionArn` are both missing");
        return None;
    };
    let arn = match arn {
        Some(a) => a,
        None => format!("arn:aws:lambda:{region}:{account}:function:{name}")
            .parse::<Arn>()
            .ok()?,
    };
    let vpc_config = o.object("VpcConfig", f).and_then(|v| {
        let subnet_ids = id_list::<SubnetId>(&v, "SubnetIds", f);
        let security_group_ids = id_list::<SecurityGroupId>(&v, "SecurityGroupIds", f);
        let vpc_id = v
            .str("VpcId", f)
            .filter(|s| !s.is_empty())
            .and_then(|s| s.parse::<VpcId>().ok());
        if subnet_ids.is_empty() && vpc_id.is_none() {
            None
        } else {
            Some(FunctionVpcConfig {
                subnet_ids,
                security_group_ids,
                vpc_id,
            })
        }
    });
    let policy = o
        .get("Policy")
        .and_then(|v| unwrap_policy(v, o.at("Policy"), "Policy"))
        .map(|(doc, path)| load_policy(doc, PolicyKind::Resource, &path, f));
    Some(Function {
        name,
        arn,
        role: o.parse::<Arn>("Role", f),
        vpc_config,
        policy,
        runtime: o.string("Runtime", f),
    })
}

pub(crate) fn load_db_instance(
    o: &Obj<'_>,
    account: &AccountId,
    region: &Region,
    f: &mut Findings,
) -> Option<DbInstance> {
    let identifier = o.req_str("DBInstanceIdentifier", f).map(str::to_owned);
    let arn = o.parse::<Arn>("DBInstanceArn", f);
    if let Some(a) = &arn {
        check_arn_placement(a, "rds", account, region, &o.at("DBInstanceArn"), f);
    }
    let endpoint = o.object("Endpoint", f).and_then(|e| {
        let address = e.string("Address", f)?;
        Some(DbEndpoint {
            address,
            port: e.port("Port", f),
        })
    });
    let group = o.object("DBSubnetGroup", f);
    let (vpc_id, subnet_ids) = match &group {
        Some(g) => (
            g.parse::<VpcId>("VpcId", f),
            id_list_of::<SubnetId>(g, "Subnets", "SubnetIdentifier", f),
        ),
        None => (None, Vec::new()),
    };
    let security_groups = o
        .objects("VpcSecurityGroups", "a VPC security group", f)
        .into_iter()
        .filter_map(|g| {
            let id = required_id::<SecurityGroupId>(&g, "VpcSecurityGroupId", f)?;
            Some(DbSecurityGroup {
                id,
                status: g.string("Status", f),
            })
        })
        .collect();
    let identifier = identifier?;
    let arn = match arn {
        Some(a) => a,
        None => format!("arn:aws:rds:{region}:{account}:db:{identifier}")
            .parse::<Arn>()
            .ok()?,
    };
    Some(DbInstance {
        identifier,
        arn,
        engine: o.string("Engine", f),
        endpoint,
        vpc_id,
        subnet_ids,
        security_groups,
        publicly_accessible: o.bool("PubliclyAccessible", f).unwrap_or(false),
        master_username: o.string("MasterUsername", f),
        status: o.string("DBInstanceStatus", f),
    })
}
