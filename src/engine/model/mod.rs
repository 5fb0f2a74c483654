//! The model: AWS CLI output grouped by account and region (contract §1), loaded into typed,
//! validated entities. Loading accumulates every error and warning with its JSON path, applies
//! AWS's defaults, synthesises what AWS fixes (AWS managed keys and policies, FullAWSAccess,
//! RCPFullAWSAccess, default endpoint policies) and drops secret material.
//!
//! **Invariant:** the model never holds secret material (`SecretString`, `SecretBinary`,
//! `password`, parameter `Value`); it is removed from the input before anything is read.

mod aws_managed_policies;
mod check_spec;
mod compute;
mod error;
mod iam;
mod kms;
mod load;
mod lookup;
mod managed_keys;
mod network;
mod org;
mod parameters;
mod policy_document;
mod reader;
mod references;
mod resource_ids;
mod secret_material;
mod secrets;

use std::collections::BTreeMap;

pub use check_spec::{CheckSpec, Expectation};
pub use compute::{
    DbEndpoint, DbInstance, DbSecurityGroup, Function, FunctionVpcConfig, Instance,
    InstanceNetworkInterface,
};
pub use error::{JsonPath, LoadError, LoadErrors, LoadWarning};
pub use iam::{Group, Iam, InlinePolicy, InstanceProfile, ManagedPolicy, Role, User};
pub use kms::{Grant, GrantConstraints, Key, KeyAlias, KeyManager, KeyState};
pub use load::{load_model, load_model_value};
pub use lookup::{AttachedPolicy, Located, PolicyOrigin};
pub use network::{
    DnsEntry, EndpointType, InternetGateway, InternetGatewayAttachment, NaclAction, NaclEntry,
    NatGateway, NatGatewayAddress, NatGatewayConnectivity, NetworkAcl, PortRange, Protocol, Route,
    RouteDestination, RouteTable, RouteTableAssociation, RouteTarget, RulePeer, SecurityGroup,
    SecurityGroupRule, Subnet, Vpc, VpcEndpoint,
};
pub use org::{OrgNodeId, OrgPolicy, OrgPolicyKind, Organization, OrganizationalUnit};
pub use parameters::{Parameter, ParameterPolicy, ParameterTier, ParameterType};
pub use policy_document::PolicyDocument;
pub use resource_ids::{
    InstanceId, InternetGatewayId, KeyId, NatGatewayId, NetworkAclId, NetworkInterfaceId,
    OrgPolicyId, OrganizationalUnitId, ResourceIdError, RootId, RouteTableId, SecurityGroupId,
    SubnetId, VpcEndpointId, VpcId,
};
pub use secret_material::{holds_secret_material, strip_secret_material, Stripped, MAX_DEPTH};
pub use secrets::{RotationRules, Secret, SecretStructure};

use crate::engine::ids::{AccountId, Arn, Region};

/// The only accepted `Format`.
pub const FORMAT: &str = "secretpath/1";

/// Tags as a map from key to value.
pub type Tags = BTreeMap<String, String>;

/// A successfully loaded model and what the loader had to say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub model: Model,
    pub warnings: Vec<LoadWarning>,
}

/// A whole model file.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Always [`FORMAT`].
    pub format: String,
    pub description: Option<String>,
    pub organization: Option<Organization>,
    pub accounts: Vec<Account>,
    /// AWS managed policies (`arn:aws:iam::aws:policy/…`) attached somewhere in the model and
    /// synthesised by the loader because AWS fixes their text.
    pub aws_managed_policies: BTreeMap<Arn, ManagedPolicy>,
    pub checks: Vec<CheckSpec>,
}

/// One AWS account.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: AccountId,
    pub name: Option<String>,
    /// The organization it belongs to: the model's `Organization` when it lists the account,
    /// else the account's own `OrganizationId`.
    pub organization_id: Option<String>,
    pub iam: Iam,
    pub regions: Vec<RegionResources>,
}

/// Everything of one account in one region.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionResources {
    pub region: Region,
    pub secrets: Vec<Secret>,
    pub parameters: Vec<Parameter>,
    /// Listed keys, then the AWS managed keys the loader synthesised (`synthesized: true`).
    pub keys: Vec<Key>,
    pub vpcs: Vec<Vpc>,
    pub subnets: Vec<Subnet>,
    pub route_tables: Vec<RouteTable>,
    pub security_groups: Vec<SecurityGroup>,
    pub network_acls: Vec<NetworkAcl>,
    pub vpc_endpoints: Vec<VpcEndpoint>,
    pub nat_gateways: Vec<NatGateway>,
    pub internet_gateways: Vec<InternetGateway>,
    pub instances: Vec<Instance>,
    pub functions: Vec<Function>,
    pub db_instances: Vec<DbInstance>,
}

impl RegionResources {
    pub(crate) fn empty(region: Region) -> RegionResources {
        RegionResources {
            region,
            secrets: Vec::new(),
            parameters: Vec::new(),
            keys: Vec::new(),
            vpcs: Vec::new(),
            subnets: Vec::new(),
            route_tables: Vec::new(),
            security_groups: Vec::new(),
            network_acls: Vec::new(),
            vpc_endpoints: Vec::new(),
            nat_gateways: Vec::new(),
            internet_gateways: Vec::new(),
            instances: Vec::new(),
            functions: Vec::new(),
            db_instances: Vec::new(),
        }
    }
}
