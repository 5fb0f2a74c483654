//! The kinds of entity a model document holds, where each lives in the document and which field
//! identifies it.

use std::fmt;
use std::str::FromStr;

use serde_json::Value;

/// Where the list of a kind's entities sits in the model document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `$.Accounts[i].Regions[j].<list>`.
    Region(&'static str),
    /// `$.Accounts[i].Iam.<list>`.
    Account(&'static str),
    /// `$.<list>` (`Accounts`, `Checks`).
    Model(&'static str),
    /// `$.Organization.<list>`.
    Organization(&'static str),
    /// `$.Organization` itself.
    OrganizationItself,
}

/// Every kind of entity a form can create, edit or delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    Account,
    Secret,
    Parameter,
    Key,
    Vpc,
    Subnet,
    RouteTable,
    SecurityGroup,
    NetworkAcl,
    VpcEndpoint,
    NatGateway,
    InternetGateway,
    Instance,
    Function,
    DbInstance,
    Role,
    User,
    Group,
    ManagedPolicy,
    Check,
    Organization,
    OrganizationRoot,
    OrganizationalUnit,
    OrganizationAccount,
    OrganizationPolicy,
}

impl EntityKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [EntityKind; 25] = [
        EntityKind::Account,
        EntityKind::Secret,
        EntityKind::Parameter,
        EntityKind::Key,
        EntityKind::Vpc,
        EntityKind::Subnet,
        EntityKind::RouteTable,
        EntityKind::SecurityGroup,
        EntityKind::NetworkAcl,
        EntityKind::VpcEndpoint,
        EntityKind::NatGateway,
        EntityKind::InternetGateway,
        EntityKind::Instance,
        EntityKind::Function,
        EntityKind::DbInstance,
        EntityKind::Role,
        EntityKind::User,
        EntityKind::Group,
        EntityKind::ManagedPolicy,
        EntityKind::Check,
        EntityKind::Organization,
        EntityKind::OrganizationRoot,
        EntityKind::OrganizationalUnit,
        EntityKind::OrganizationAccount,
        EntityKind::OrganizationPolicy,
    ];

    /// The stable name (`Secret`, `VpcEndpoint`, …), as `FromStr` reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Account => "Account",
            EntityKind::Secret => "Secret",
            EntityKind::Parameter => "Parameter",
            EntityKind::Key => "Key",
            EntityKind::Vpc => "Vpc",
            EntityKind::Subnet => "Subnet",
            EntityKind::RouteTable => "RouteTable",
            EntityKind::SecurityGroup => "SecurityGroup",
            EntityKind::NetworkAcl => "NetworkAcl",
            EntityKind::VpcEndpoint => "VpcEndpoint",
            EntityKind::NatGateway => "NatGateway",
            EntityKind::InternetGateway => "InternetGateway",
            EntityKind::Instance => "Instance",
            EntityKind::Function => "Function",
            EntityKind::DbInstance => "DbInstance",
            EntityKind::Role => "Role",
            EntityKind::User => "User",
            EntityKind::Group => "Group",
            EntityKind::ManagedPolicy => "ManagedPolicy",
            EntityKind::Check => "Check",
            EntityKind::Organization => "Organization",
            EntityKind::OrganizationRoot => "OrganizationRoot",
            EntityKind::OrganizationalUnit => "OrganizationalUnit",
            EntityKind::OrganizationAccount => "OrganizationAccount",
            EntityKind::OrganizationPolicy => "OrganizationPolicy",
        }
    }

    /// A short human description, for messages (`a secret`, `a VPC endpoint`).
    pub fn describe(self) -> &'static str {
        match self {
            EntityKind::Account => "an account",
            EntityKind::Secret => "a secret",
            EntityKind::Parameter => "a parameter",
            EntityKind::Key => "a KMS key",
            EntityKind::Vpc => "a VPC",
            EntityKind::Subnet => "a subnet",
            EntityKind::RouteTable => "a route table",
            EntityKind::SecurityGroup => "a security group",
            EntityKind::NetworkAcl => "a network ACL",
            EntityKind::VpcEndpoint => "a VPC endpoint",
            EntityKind::NatGateway => "a NAT gateway",
            EntityKind::InternetGateway => "an internet gateway",
            EntityKind::Instance => "an instance",
            EntityKind::Function => "a function",
            EntityKind::DbInstance => "a DB instance",
            EntityKind::Role => "a role",
            EntityKind::User => "a user",
            EntityKind::Group => "a group",
            EntityKind::ManagedPolicy => "a managed policy",
            EntityKind::Check => "a check",
            EntityKind::Organization => "the organization",
            EntityKind::OrganizationRoot => "an organization root",
            EntityKind::OrganizationalUnit => "an organizational unit",
            EntityKind::OrganizationAccount => "an organization account",
            EntityKind::OrganizationPolicy => "an organization policy",
        }
    }

    /// Where the kind's entities live.
    pub fn scope(self) -> Scope {
        match self {
            EntityKind::Account => Scope::Model("Accounts"),
            EntityKind::Secret => Scope::Region("Secrets"),
            EntityKind::Parameter => Scope::Region("Parameters"),
            EntityKind::Key => Scope::Region("Keys"),
            EntityKind::Vpc => Scope::Region("Vpcs"),
            EntityKind::Subnet => Scope::Region("Subnets"),
            EntityKind::RouteTable => Scope::Region("RouteTables"),
            EntityKind::SecurityGroup => Scope::Region("SecurityGroups"),
            EntityKind::NetworkAcl => Scope::Region("NetworkAcls"),
            EntityKind::VpcEndpoint => Scope::Region("VpcEndpoints"),
            EntityKind::NatGateway => Scope::Region("NatGateways"),
            EntityKind::InternetGateway => Scope::Region("InternetGateways"),
            EntityKind::Instance => Scope::Region("Instances"),
            EntityKind::Function => Scope::Region("Functions"),
            EntityKind::DbInstance => Scope::Region("DBInstances"),
            EntityKind::Role => Scope::Account("RoleDetailList"),
            EntityKind::User => Scope::Account("UserDetailList"),
            EntityKind::Group => Scope::Account("GroupDetailList"),
            EntityKind::ManagedPolicy => Scope::Account("Policies"),
            EntityKind::Check => Scope::Model("Checks"),
            EntityKind::Organization => Scope::OrganizationItself,
            EntityKind::OrganizationRoot => Scope::Organization("Roots"),
            EntityKind::OrganizationalUnit => Scope::Organization("OrganizationalUnits"),
            EntityKind::OrganizationAccount => Scope::Organization("Accounts"),
            EntityKind::OrganizationPolicy => Scope::Organization("Policies"),
        }
    }

    /// The kind whose list is `list` in `scope`'s position, for reading paths back.
    pub(crate) fn from_list(scope: Scope) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.scope() == scope)
    }

    /// The member that identifies an entity of this kind, as a form should label it.
    pub fn id_field(self) -> &'static str {
        match self {
            EntityKind::Account => "AccountId",
            EntityKind::Secret => "ARN",
            EntityKind::Parameter => "Name",
            EntityKind::Key => "KeyMetadata.KeyId",
            EntityKind::Vpc => "VpcId",
            EntityKind::Subnet => "SubnetId",
            EntityKind::RouteTable => "RouteTableId",
            EntityKind::SecurityGroup => "GroupId",
            EntityKind::NetworkAcl => "NetworkAclId",
            EntityKind::VpcEndpoint => "VpcEndpointId",
            EntityKind::NatGateway => "NatGatewayId",
            EntityKind::InternetGateway => "InternetGatewayId",
            EntityKind::Instance => "InstanceId",
            EntityKind::Function => "FunctionName",
            EntityKind::DbInstance => "DBInstanceIdentifier",
            EntityKind::Role | EntityKind::User | EntityKind::ManagedPolicy => "Arn",
            EntityKind::Group => "GroupName",
            EntityKind::Check => "Name",
            EntityKind::Organization
            | EntityKind::OrganizationRoot
            | EntityKind::OrganizationalUnit
            | EntityKind::OrganizationAccount
            | EntityKind::OrganizationPolicy => "Id",
        }
    }

    /// The identity of an entity of this kind, when it carries one. Two entities of a kind with
    /// the same identity in the same place are the same entity.
    pub fn id_of(self, entity: &Value) -> Option<String> {
        let text = |key: &str| {
            entity
                .get(key)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        match self {
            EntityKind::Key => {
                let meta = entity.get("KeyMetadata")?;
                let field = |key: &str| {
                    meta.get(key)
                        .and_then(Value::as_str)
                        .filter(|s| !s.is_empty())
                };
                field("KeyId")
                    .or_else(|| field("Arn").and_then(key_id_from_arn))
                    .map(str::to_owned)
            }
            EntityKind::Function => text("FunctionName")
                .or_else(|| text("FunctionArn").and_then(|a| function_name(&a).map(str::to_owned))),
            EntityKind::OrganizationAccount => text("Id").or_else(|| text("AccountId")),
            other => text(other.id_field()),
        }
    }

    /// Members that other commands attach to an entity of this kind (`get-resource-policy`'s
    /// `ResourcePolicy` on a secret…): replacing the entity with fresh output of its own command
    /// keeps them.
    pub fn attached_fields(self) -> &'static [&'static str] {
        match self {
            EntityKind::Secret => &["ResourcePolicy", "SecretStructure"],
            EntityKind::Key => &["Policy", "Grants", "Aliases", "Tags"],
            EntityKind::Vpc => &["EnableDnsSupport", "EnableDnsHostnames"],
            EntityKind::Function => &["Policy"],
            EntityKind::OrganizationPolicy => &["Targets"],
            EntityKind::OrganizationAccount => &["ParentId"],
            _ => &[],
        }
    }
}

/// `1234abcd-…` from `arn:aws:kms:REGION:ACCOUNT:key/1234abcd-…`.
pub(crate) fn key_id_from_arn(arn: &str) -> Option<&str> {
    arn.strip_prefix("arn:")
        .and_then(|rest| rest.split(':').nth(4))
        .and_then(|resource| resource.strip_prefix("key/"))
        .filter(|id| !id.is_empty())
}

/// `NAME` from `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`.
pub(crate) fn function_name(arn: &str) -> Option<&str> {
    let mut parts = arn.strip_prefix("arn:")?.split(':');
    if parts.nth(4)? != "function" {
        return None;
    }
    parts.next().filter(|n| !n.is_empty())
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not an entity kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an entity kind")]
pub struct UnknownKind(pub String);

impl FromStr for EntityKind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for kind in EntityKind::ALL {
            assert_eq!(kind.as_str().parse::<EntityKind>(), Ok(kind));
        }
    }

    #[test]
    fn arns_give_key_ids_and_function_names() {
        assert_eq!(
            key_id_from_arn("arn:aws:kms:us-east-1:111122223333:key/abcd"),
            Some("abcd")
        );
        assert_eq!(
            function_name("arn:aws:lambda:us-east-1:111122223333:function:rotate:$LATEST"),
            Some("rotate")
        );
        assert_eq!(function_name("arn:aws:s3:::bucket"), None);
    }
}
