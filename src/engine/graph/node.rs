//! What a node of the graph is: the kind of AWS entity and its AWS id or ARN. Nothing else: the
//! entity's data stays in the model.

use std::fmt;

use serde::{Serialize, Serializer};

/// The kinds of entity the graph draws.
///
/// The order of the variants is the order kinds are listed in: it decides the order of a
/// container's columns and rows in the layout, so it is part of the layout's stability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    Account,
    Vpc,
    Subnet,
    User,
    Group,
    Role,
    Secret,
    Parameter,
    Key,
    Function,
    Instance,
    DbInstance,
    VpcEndpoint,
    InternetGateway,
    NatGateway,
    RouteTable,
    SecurityGroup,
    NetworkAcl,
}

impl NodeKind {
    /// Every kind, in listing order.
    pub const ALL: [NodeKind; 18] = [
        NodeKind::Account,
        NodeKind::Vpc,
        NodeKind::Subnet,
        NodeKind::User,
        NodeKind::Group,
        NodeKind::Role,
        NodeKind::Secret,
        NodeKind::Parameter,
        NodeKind::Key,
        NodeKind::Function,
        NodeKind::Instance,
        NodeKind::DbInstance,
        NodeKind::VpcEndpoint,
        NodeKind::InternetGateway,
        NodeKind::NatGateway,
        NodeKind::RouteTable,
        NodeKind::SecurityGroup,
        NodeKind::NetworkAcl,
    ];

    /// A stable kebab-case name, usable as a CSS modifier (`graph-node--vpc-endpoint`).
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Account => "account",
            NodeKind::Vpc => "vpc",
            NodeKind::Subnet => "subnet",
            NodeKind::User => "user",
            NodeKind::Group => "group",
            NodeKind::Role => "role",
            NodeKind::Secret => "secret",
            NodeKind::Parameter => "parameter",
            NodeKind::Key => "key",
            NodeKind::Function => "function",
            NodeKind::Instance => "instance",
            NodeKind::DbInstance => "db-instance",
            NodeKind::VpcEndpoint => "vpc-endpoint",
            NodeKind::InternetGateway => "internet-gateway",
            NodeKind::NatGateway => "nat-gateway",
            NodeKind::RouteTable => "route-table",
            NodeKind::SecurityGroup => "security-group",
            NodeKind::NetworkAcl => "network-acl",
        }
    }

    /// The heading of a column or row of this kind, for people.
    pub fn plural_title(self) -> &'static str {
        match self {
            NodeKind::Account => "Accounts",
            NodeKind::Vpc => "VPCs",
            NodeKind::Subnet => "Subnets",
            NodeKind::User => "Users",
            NodeKind::Group => "Groups",
            NodeKind::Role => "Roles",
            NodeKind::Secret => "Secrets",
            NodeKind::Parameter => "Parameters",
            NodeKind::Key => "KMS keys",
            NodeKind::Function => "Functions",
            NodeKind::Instance => "Instances",
            NodeKind::DbInstance => "DB instances",
            NodeKind::VpcEndpoint => "VPC endpoints",
            NodeKind::InternetGateway => "Internet gateways",
            NodeKind::NatGateway => "NAT gateways",
            NodeKind::RouteTable => "Route tables",
            NodeKind::SecurityGroup => "Security groups",
            NodeKind::NetworkAcl => "Network ACLs",
        }
    }

    /// Whether the layout draws this kind as a box that holds other things (account, VPC,
    /// subnet) rather than as a node.
    pub fn is_container(self) -> bool {
        matches!(self, NodeKind::Account | NodeKind::Vpc | NodeKind::Subnet)
    }
}

impl fmt::Display for NodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for NodeKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A node: an entity's kind and its AWS identifier, as verdicts name it — the account id,
/// the `vpc-`, `subnet-`, `sg-`, `acl-`, `rtb-`, `vpce-`, `nat-`, `igw-` or `i-` id, or the ARN
/// of a user, group, role, secret, parameter, key, function or DB instance.
///
/// Ordered by kind, then id: the order the graph lists nodes in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId {
    kind: NodeKind,
    id: String,
}

impl NodeId {
    pub(crate) fn new(kind: NodeKind, id: impl Into<String>) -> NodeId {
        NodeId {
            kind,
            id: id.into(),
        }
    }

    pub fn kind(&self) -> NodeKind {
        self.kind
    }

    /// The AWS id or ARN.
    pub fn as_str(&self) -> &str {
        &self.id
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

impl Serialize for NodeId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.id)
    }
}
