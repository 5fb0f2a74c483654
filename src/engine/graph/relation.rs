//! What an edge of the graph means.

use std::fmt;

use serde::{Serialize, Serializer};

use super::node::NodeKind;

/// The relation an edge stands for, always read `from` → `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// Anything → the account that owns it. Every node but an account has exactly one.
    InAccount,
    /// Subnet, route table, security group, network ACL, endpoint, function, DB instance, NAT
    /// gateway → its VPC; internet gateway → each VPC it is attached to.
    InVpc,
    /// Instance, NAT gateway → its subnet; function, DB instance → each of its subnets.
    InSubnet,
    /// User → group it is a member of.
    MemberOf,
    /// Secret, SecureString parameter → the KMS key that encrypts it (`KmsKeyId` / `KeyId`
    /// resolved through aliases; `aws/secretsmanager` / `aws/ssm` when absent).
    EncryptsWith,
    /// Function → its execution role; instance → the role of its instance profile.
    RunsAs,
    /// Role or user → secret (or parameter) that an Allow statement of its identity policies
    /// names for `secretsmanager:GetSecretValue` (`ssm:GetParameter`). A cheap reading for
    /// drawing: conditions, denials and every other layer are ignored. Not a verdict.
    MayRead,
    /// Secret → a principal (role, user, account) its resource policy names.
    ResourcePolicyNames,
    /// Secret → its rotation function.
    RotatedBy,
    /// Secret → the DB instance its `SecretStructure.host` names.
    RotationTargets,
    /// Secret → the superuser secret (`SecretStructure.masterarn`) of alternating-users rotation.
    MasterSecret,
    /// VPC endpoint → a subnet it has a network interface in.
    Serves,
    /// Subnet → the route table it uses (its association, else the VPC's main table).
    UsesRouteTable,
    /// Subnet → the network ACL it uses (its association, else the VPC's default ACL).
    UsesNetworkAcl,
    /// Subnet → NAT gateway, internet gateway or gateway endpoint an active route of its route
    /// table sends traffic to.
    RoutesVia,
    /// Instance, function, VPC endpoint, DB instance → a security group it is in.
    ProtectedBy,
}

impl Relation {
    /// Every relation.
    pub const ALL: [Relation; 16] = [
        Relation::InAccount,
        Relation::InVpc,
        Relation::InSubnet,
        Relation::MemberOf,
        Relation::EncryptsWith,
        Relation::RunsAs,
        Relation::MayRead,
        Relation::ResourcePolicyNames,
        Relation::RotatedBy,
        Relation::RotationTargets,
        Relation::MasterSecret,
        Relation::Serves,
        Relation::UsesRouteTable,
        Relation::UsesNetworkAcl,
        Relation::RoutesVia,
        Relation::ProtectedBy,
    ];

    /// A stable kebab-case name (`encrypts-with`), usable as a CSS modifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::InAccount => "in-account",
            Relation::InVpc => "in-vpc",
            Relation::InSubnet => "in-subnet",
            Relation::MemberOf => "member-of",
            Relation::EncryptsWith => "encrypts-with",
            Relation::RunsAs => "runs-as",
            Relation::MayRead => "may-read",
            Relation::ResourcePolicyNames => "resource-policy-names",
            Relation::RotatedBy => "rotated-by",
            Relation::RotationTargets => "rotation-targets",
            Relation::MasterSecret => "master-secret",
            Relation::Serves => "serves",
            Relation::UsesRouteTable => "uses-route-table",
            Relation::UsesNetworkAcl => "uses-network-acl",
            Relation::RoutesVia => "routes-via",
            Relation::ProtectedBy => "protected-by",
        }
    }

    /// Containment (account, VPC, subnet): the layout shows it by nesting boxes, not by a line.
    pub fn is_containment(self) -> bool {
        matches!(
            self,
            Relation::InAccount | Relation::InVpc | Relation::InSubnet
        )
    }

    /// Whether an edge of this relation may join a `from` of one kind to a `to` of another.
    /// `verify` holds every edge to it.
    pub fn joins(self, from: NodeKind, to: NodeKind) -> bool {
        use NodeKind as K;
        match self {
            Relation::InAccount => from != K::Account && to == K::Account,
            Relation::InVpc => {
                to == K::Vpc
                    && matches!(
                        from,
                        K::Subnet
                            | K::RouteTable
                            | K::SecurityGroup
                            | K::NetworkAcl
                            | K::VpcEndpoint
                            | K::Function
                            | K::DbInstance
                            | K::NatGateway
                            | K::InternetGateway
                            | K::Instance
                    )
            }
            Relation::InSubnet => {
                to == K::Subnet
                    && matches!(
                        from,
                        K::Instance | K::NatGateway | K::Function | K::DbInstance
                    )
            }
            Relation::MemberOf => from == K::User && to == K::Group,
            Relation::EncryptsWith => matches!(from, K::Secret | K::Parameter) && to == K::Key,
            Relation::RunsAs => matches!(from, K::Function | K::Instance) && to == K::Role,
            Relation::MayRead => {
                matches!(from, K::Role | K::User) && matches!(to, K::Secret | K::Parameter)
            }
            Relation::ResourcePolicyNames => {
                from == K::Secret && matches!(to, K::Role | K::User | K::Account)
            }
            Relation::RotatedBy => from == K::Secret && to == K::Function,
            Relation::RotationTargets => from == K::Secret && to == K::DbInstance,
            Relation::MasterSecret => from == K::Secret && to == K::Secret,
            Relation::Serves => from == K::VpcEndpoint && to == K::Subnet,
            Relation::UsesRouteTable => from == K::Subnet && to == K::RouteTable,
            Relation::UsesNetworkAcl => from == K::Subnet && to == K::NetworkAcl,
            Relation::RoutesVia => {
                from == K::Subnet
                    && matches!(to, K::NatGateway | K::InternetGateway | K::VpcEndpoint)
            }
            Relation::ProtectedBy => {
                matches!(
                    from,
                    K::Instance | K::Function | K::VpcEndpoint | K::DbInstance
                ) && to == K::SecurityGroup
            }
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Relation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
