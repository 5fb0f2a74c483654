//! What a form shows for each [`EntityKind`]: its fields, named exactly as the loader reads them
//! (AWS's own field names), with their type, whether the loader requires them, and the nested
//! lists (routes, rules, entries). A form edits only these fields; every other member of the
//! entity is kept as it is.
//!
//! `tests/forms.rs` checks every field against the loader: a value of the wrong type in any of
//! them is reported by the loader at that field's path.

use super::kind::EntityKind;

/// What a field holds, and so which input a form shows for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A string.
    Text,
    /// An integer (the loader also accepts a string of digits).
    Number,
    /// A boolean (the loader also accepts `{"Value": …}`, as describe-vpc-attribute prints it).
    Bool,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// An ISO 8601 timestamp or epoch seconds.
    Timestamp,
    /// An IPv4 or IPv6 CIDR block.
    Cidr,
    /// A policy document (an object, a JSON string or URL-encoded text).
    Policy,
    /// Any JSON (a check's query, a map of version ids to stages).
    Json,
    /// Tags: `[{"Key", "Value"}]` (or KMS's `TagKey` / `TagValue`).
    Tags,
    /// A list of strings.
    Strings,
    /// The identifier of another entity, as a string.
    Reference(Reference),
    /// A list of identifiers of other entities.
    References(Reference),
    /// An object with these fields.
    Object(&'static [Field]),
    /// A list of objects, each with these fields.
    List(&'static [Field]),
}

/// One field of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The member name, exactly as AWS prints it and the loader reads it.
    pub name: &'static str,
    pub kind: FieldType,
    /// The loader reports an error when it is missing, or the entity is not identified without
    /// it (a check's `Name`).
    pub required: bool,
}

const fn opt(name: &'static str, kind: FieldType) -> Field {
    Field {
        name,
        kind,
        required: false,
    }
}

const fn req(name: &'static str, kind: FieldType) -> Field {
    Field {
        name,
        kind,
        required: true,
    }
}

/// What a reference field names, and how (id, ARN, name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reference {
    /// A KMS key, by ARN (a key id or alias also resolves in the same account and region).
    Key,
    /// A secret, by ARN.
    Secret,
    Vpc,
    Subnet,
    SecurityGroup,
    RouteTable,
    NatGateway,
    InternetGateway,
    VpcEndpoint,
    /// A route's `GatewayId`: `local`, an internet gateway or a gateway VPC endpoint.
    RouteGateway,
    Instance,
    /// A role, by ARN.
    Role,
    /// An instance profile of a role, by ARN.
    InstanceProfile,
    /// A customer managed policy, by ARN.
    ManagedPolicy,
    /// An IAM group, by name.
    Group,
    /// A Lambda function, by ARN.
    Function,
    /// An account, by id.
    Account,
    /// A root or organizational unit, by id.
    OrganizationParent,
    /// A root, organizational unit or organization account, by id.
    OrganizationTarget,
}

impl Reference {
    /// The kinds whose entities a reference of this sort may name.
    pub fn kinds(self) -> &'static [EntityKind] {
        match self {
            Reference::Key => &[EntityKind::Key],
            Reference::Secret => &[EntityKind::Secret],
            Reference::Vpc => &[EntityKind::Vpc],
            Reference::Subnet => &[EntityKind::Subnet],
            Reference::SecurityGroup => &[EntityKind::SecurityGroup],
            Reference::RouteTable => &[EntityKind::RouteTable],
            Reference::NatGateway => &[EntityKind::NatGateway],
            Reference::InternetGateway => &[EntityKind::InternetGateway],
            Reference::VpcEndpoint => &[EntityKind::VpcEndpoint],
            Reference::RouteGateway => &[EntityKind::InternetGateway, EntityKind::VpcEndpoint],
            Reference::Instance => &[EntityKind::Instance],
            Reference::Role | Reference::InstanceProfile => &[EntityKind::Role],
            Reference::ManagedPolicy => &[EntityKind::ManagedPolicy],
            Reference::Group => &[EntityKind::Group],
            Reference::Function => &[EntityKind::Function],
            Reference::Account => &[EntityKind::Account],
            Reference::OrganizationParent => {
                &[EntityKind::OrganizationRoot, EntityKind::OrganizationalUnit]
            }
            Reference::OrganizationTarget => &[
                EntityKind::OrganizationRoot,
                EntityKind::OrganizationalUnit,
                EntityKind::OrganizationAccount,
            ],
        }
    }
}

use FieldType::{
    Bool, Cidr, Enum, Json, List, Number, Object, Policy, Strings, Tags, Text, Timestamp,
};

const fn reference(r: Reference) -> FieldType {
    FieldType::Reference(r)
}

const fn references(r: Reference) -> FieldType {
    FieldType::References(r)
}

const INLINE_POLICY: &[Field] = &[req("PolicyName", Text), req("PolicyDocument", Policy)];
const ATTACHED_POLICY: &[Field] = &[req("PolicyArn", reference(Reference::ManagedPolicy))];
const BOUNDARY: &[Field] = &[opt(
    "PermissionsBoundaryArn",
    reference(Reference::ManagedPolicy),
)];
const GROUP_PAIR: &[Field] = &[req("GroupId", reference(Reference::SecurityGroup))];

const SECRET: &[Field] = &[
    req("ARN", Text),
    opt("Name", Text),
    opt("Description", Text),
    opt("KmsKeyId", reference(Reference::Key)),
    opt("RotationEnabled", Bool),
    opt("RotationLambdaARN", reference(Reference::Function)),
    opt(
        "RotationRules",
        Object(&[
            opt("AutomaticallyAfterDays", Number),
            opt("Duration", Text),
            opt("ScheduleExpression", Text),
        ]),
    ),
    opt("LastRotatedDate", Timestamp),
    opt("NextRotationDate", Timestamp),
    opt("DeletedDate", Timestamp),
    opt("PrimaryRegion", Text),
    opt("OwningService", Text),
    opt("VersionIdsToStages", Json),
    opt("ResourcePolicy", Policy),
    opt(
        "SecretStructure",
        Object(&[
            opt("engine", Text),
            opt("host", Text),
            opt("port", Number),
            opt("username", Text),
            opt("dbname", Text),
            opt("masterarn", reference(Reference::Secret)),
        ]),
    ),
    opt("Tags", Tags),
];

const PARAMETER: &[Field] = &[
    req("Name", Text),
    req("Type", Enum(&["String", "StringList", "SecureString"])),
    opt("ARN", Text),
    opt("KeyId", reference(Reference::Key)),
    opt(
        "Tier",
        Enum(&["Standard", "Advanced", "Intelligent-Tiering"]),
    ),
    opt("DataType", Text),
    opt("Description", Text),
    opt("Version", Number),
    opt(
        "Policies",
        List(&[
            opt("PolicyText", Text),
            opt("PolicyType", Text),
            opt("PolicyStatus", Text),
        ]),
    ),
];

const KEY: &[Field] = &[
    req(
        "KeyMetadata",
        Object(&[
            req("KeyId", Text),
            opt("Arn", Text),
            opt("Description", Text),
            opt("Enabled", Bool),
            opt(
                "KeyState",
                Enum(&[
                    "Enabled",
                    "Disabled",
                    "PendingDeletion",
                    "PendingImport",
                    "PendingReplicaDeletion",
                    "Unavailable",
                    "Creating",
                    "Updating",
                ]),
            ),
            opt("KeyManager", Enum(&["CUSTOMER", "AWS"])),
            opt("KeyUsage", Text),
            opt("KeySpec", Text),
            opt("Origin", Text),
            opt("DeletionDate", Timestamp),
            opt("PendingDeletionWindowInDays", Number),
            opt("MultiRegion", Bool),
        ]),
    ),
    opt("Policy", Policy),
    opt(
        "Grants",
        List(&[
            opt("GrantId", Text),
            opt("Name", Text),
            req("GranteePrincipal", Text),
            opt("RetiringPrincipal", Text),
            opt("Operations", Strings),
            opt("IssuingAccount", Text),
            opt(
                "Constraints",
                Object(&[
                    opt("EncryptionContextEquals", Json),
                    opt("EncryptionContextSubset", Json),
                ]),
            ),
        ]),
    ),
    opt(
        "Aliases",
        List(&[
            req("AliasName", Text),
            opt("AliasArn", Text),
            opt("TargetKeyId", Text),
        ]),
    ),
    opt("Tags", Tags),
];

const VPC: &[Field] = &[
    req("VpcId", Text),
    opt("CidrBlock", Cidr),
    opt("IsDefault", Bool),
    opt("EnableDnsSupport", Bool),
    opt("EnableDnsHostnames", Bool),
    opt("State", Text),
    opt("OwnerId", Text),
    opt("CidrBlockAssociationSet", List(&[opt("CidrBlock", Cidr)])),
    opt(
        "Ipv6CidrBlockAssociationSet",
        List(&[opt("Ipv6CidrBlock", Cidr)]),
    ),
    opt("Tags", Tags),
];

const SUBNET: &[Field] = &[
    req("SubnetId", Text),
    req("VpcId", reference(Reference::Vpc)),
    opt("CidrBlock", Cidr),
    opt("AvailabilityZone", Text),
    opt("MapPublicIpOnLaunch", Bool),
    opt(
        "Ipv6CidrBlockAssociationSet",
        List(&[opt("Ipv6CidrBlock", Cidr)]),
    ),
    opt("Tags", Tags),
];

const ROUTE_TABLE: &[Field] = &[
    req("RouteTableId", Text),
    req("VpcId", reference(Reference::Vpc)),
    opt(
        "Routes",
        List(&[
            opt("DestinationCidrBlock", Cidr),
            opt("DestinationIpv6CidrBlock", Cidr),
            opt("DestinationPrefixListId", Text),
            opt("GatewayId", reference(Reference::RouteGateway)),
            opt("NatGatewayId", reference(Reference::NatGateway)),
            opt("VpcEndpointId", reference(Reference::VpcEndpoint)),
            opt("InstanceId", reference(Reference::Instance)),
            opt("NetworkInterfaceId", Text),
            opt("TransitGatewayId", Text),
            opt("VpcPeeringConnectionId", Text),
            opt("EgressOnlyInternetGatewayId", Text),
            opt("State", Enum(&["active", "blackhole"])),
            opt("Origin", Text),
        ]),
    ),
    opt(
        "Associations",
        List(&[
            opt("RouteTableAssociationId", Text),
            opt("Main", Bool),
            opt("SubnetId", reference(Reference::Subnet)),
            opt("GatewayId", reference(Reference::InternetGateway)),
        ]),
    ),
    opt("Tags", Tags),
];

const SG_RULE: &[Field] = &[
    req("IpProtocol", Enum(&["-1", "tcp", "udp", "icmp", "icmpv6"])),
    opt("FromPort", Number),
    opt("ToPort", Number),
    opt("IpRanges", List(&[opt("CidrIp", Cidr)])),
    opt("Ipv6Ranges", List(&[opt("CidrIpv6", Cidr)])),
    opt("PrefixListIds", List(&[opt("PrefixListId", Text)])),
    opt(
        "UserIdGroupPairs",
        List(&[
            req("GroupId", reference(Reference::SecurityGroup)),
            opt("UserId", Text),
        ]),
    ),
];

const SECURITY_GROUP: &[Field] = &[
    req("GroupId", Text),
    opt("GroupName", Text),
    opt("VpcId", reference(Reference::Vpc)),
    opt("OwnerId", Text),
    opt("IpPermissions", List(SG_RULE)),
    opt("IpPermissionsEgress", List(SG_RULE)),
    opt("Tags", Tags),
];

const NETWORK_ACL: &[Field] = &[
    req("NetworkAclId", Text),
    req("VpcId", reference(Reference::Vpc)),
    opt("IsDefault", Bool),
    opt(
        "Entries",
        List(&[
            req("RuleNumber", Number),
            req("Protocol", Enum(&["-1", "6", "17", "1", "58"])),
            req("RuleAction", Enum(&["allow", "deny"])),
            opt("Egress", Bool),
            opt("CidrBlock", Cidr),
            opt("Ipv6CidrBlock", Cidr),
            opt(
                "PortRange",
                Object(&[opt("From", Number), opt("To", Number)]),
            ),
        ]),
    ),
    opt(
        "Associations",
        List(&[req("SubnetId", reference(Reference::Subnet))]),
    ),
    opt("Tags", Tags),
];

const VPC_ENDPOINT: &[Field] = &[
    req("VpcEndpointId", Text),
    opt(
        "VpcEndpointType",
        Enum(&["Interface", "Gateway", "GatewayLoadBalancer"]),
    ),
    req("VpcId", reference(Reference::Vpc)),
    req("ServiceName", Text),
    opt("State", Text),
    opt("PolicyDocument", Policy),
    opt("SubnetIds", references(Reference::Subnet)),
    opt("Groups", List(GROUP_PAIR)),
    opt("RouteTableIds", references(Reference::RouteTable)),
    opt("PrivateDnsEnabled", Bool),
    opt(
        "DnsEntries",
        List(&[opt("DnsName", Text), opt("HostedZoneId", Text)]),
    ),
    opt("NetworkInterfaceIds", Strings),
    opt("Tags", Tags),
];

const NAT_GATEWAY: &[Field] = &[
    req("NatGatewayId", Text),
    req("SubnetId", reference(Reference::Subnet)),
    opt("VpcId", reference(Reference::Vpc)),
    opt("State", Text),
    opt("ConnectivityType", Enum(&["public", "private"])),
    opt(
        "NatGatewayAddresses",
        List(&[opt("PublicIp", Text), opt("PrivateIp", Text)]),
    ),
    opt("Tags", Tags),
];

const INTERNET_GATEWAY: &[Field] = &[
    req("InternetGatewayId", Text),
    opt(
        "Attachments",
        List(&[req("VpcId", reference(Reference::Vpc)), opt("State", Text)]),
    ),
    opt("Tags", Tags),
];

const INSTANCE: &[Field] = &[
    req("InstanceId", Text),
    opt("SubnetId", reference(Reference::Subnet)),
    opt("VpcId", reference(Reference::Vpc)),
    opt("PrivateIpAddress", Text),
    opt("PublicIpAddress", Text),
    opt("SecurityGroups", List(GROUP_PAIR)),
    opt(
        "IamInstanceProfile",
        Object(&[opt("Arn", reference(Reference::InstanceProfile))]),
    ),
    opt(
        "State",
        Object(&[opt(
            "Name",
            Enum(&[
                "pending",
                "running",
                "shutting-down",
                "terminated",
                "stopping",
                "stopped",
            ]),
        )]),
    ),
    opt(
        "NetworkInterfaces",
        List(&[
            opt("NetworkInterfaceId", Text),
            opt("SubnetId", reference(Reference::Subnet)),
            opt("VpcId", reference(Reference::Vpc)),
            opt("PrivateIpAddress", Text),
            opt("Association", Object(&[opt("PublicIp", Text)])),
            opt("Groups", List(GROUP_PAIR)),
        ]),
    ),
    opt("Tags", Tags),
];

const FUNCTION: &[Field] = &[
    req("FunctionName", Text),
    opt("FunctionArn", Text),
    opt("Role", reference(Reference::Role)),
    opt("Runtime", Text),
    opt(
        "VpcConfig",
        Object(&[
            opt("SubnetIds", references(Reference::Subnet)),
            opt("SecurityGroupIds", references(Reference::SecurityGroup)),
            opt("VpcId", reference(Reference::Vpc)),
        ]),
    ),
    opt("Policy", Policy),
];

const DB_INSTANCE: &[Field] = &[
    req("DBInstanceIdentifier", Text),
    opt("DBInstanceArn", Text),
    opt("Engine", Text),
    opt("DBInstanceStatus", Text),
    opt("MasterUsername", Text),
    opt("PubliclyAccessible", Bool),
    opt(
        "Endpoint",
        Object(&[opt("Address", Text), opt("Port", Number)]),
    ),
    opt(
        "DBSubnetGroup",
        Object(&[
            opt("VpcId", reference(Reference::Vpc)),
            opt(
                "Subnets",
                List(&[opt("SubnetIdentifier", reference(Reference::Subnet))]),
            ),
        ]),
    ),
    opt(
        "VpcSecurityGroups",
        List(&[
            req("VpcSecurityGroupId", reference(Reference::SecurityGroup)),
            opt("Status", Text),
        ]),
    ),
];

const ROLE: &[Field] = &[
    req("RoleName", Text),
    req("Arn", Text),
    opt("RoleId", Text),
    opt("Path", Text),
    opt("AssumeRolePolicyDocument", Policy),
    opt("RolePolicyList", List(INLINE_POLICY)),
    opt("AttachedManagedPolicies", List(ATTACHED_POLICY)),
    opt(
        "InstanceProfileList",
        List(&[
            opt("InstanceProfileName", Text),
            opt("InstanceProfileId", Text),
            req("Arn", Text),
            opt("Path", Text),
        ]),
    ),
    opt("PermissionsBoundary", Object(BOUNDARY)),
    opt("Tags", Tags),
];

const USER: &[Field] = &[
    req("UserName", Text),
    req("Arn", Text),
    opt("UserId", Text),
    opt("Path", Text),
    opt("UserPolicyList", List(INLINE_POLICY)),
    opt("AttachedManagedPolicies", List(ATTACHED_POLICY)),
    opt("GroupList", references(Reference::Group)),
    opt("PermissionsBoundary", Object(BOUNDARY)),
    opt("Tags", Tags),
];

const GROUP: &[Field] = &[
    req("GroupName", Text),
    opt("Arn", Text),
    opt("GroupId", Text),
    opt("Path", Text),
    opt("GroupPolicyList", List(INLINE_POLICY)),
    opt("AttachedManagedPolicies", List(ATTACHED_POLICY)),
];

const MANAGED_POLICY: &[Field] = &[
    req("Arn", Text),
    opt("PolicyName", Text),
    opt("DefaultVersionId", Text),
    opt(
        "PolicyVersionList",
        List(&[
            opt("VersionId", Text),
            opt("IsDefaultVersion", Bool),
            opt("Document", Policy),
        ]),
    ),
];

const CHECK: &[Field] = &[
    req("Name", Text),
    req("Query", Json),
    opt(
        "Expect",
        Enum(&[
            "Allowed",
            "ExplicitlyDenied",
            "ImplicitlyDenied",
            "Failed",
            "Denied",
        ]),
    ),
];

const ACCOUNT: &[Field] = &[
    req("AccountId", Text),
    opt("Name", Text),
    opt("OrganizationId", Text),
];

const ORGANIZATION: &[Field] = &[
    req("Id", Text),
    opt("ManagementAccountId", reference(Reference::Account)),
];

const ORGANIZATION_ROOT: &[Field] = &[req("Id", Text)];

const ORGANIZATIONAL_UNIT: &[Field] = &[
    req("Id", Text),
    req("ParentId", reference(Reference::OrganizationParent)),
    opt("Name", Text),
];

const ORGANIZATION_ACCOUNT: &[Field] = &[
    req("Id", reference(Reference::Account)),
    req("ParentId", reference(Reference::OrganizationParent)),
];

const ORGANIZATION_POLICY: &[Field] = &[
    req("Id", Text),
    opt("Name", Text),
    req(
        "Type",
        Enum(&["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"]),
    ),
    opt("Content", Policy),
    opt("Targets", references(Reference::OrganizationTarget)),
];

/// The fields a form shows for `kind`, in the order it shows them.
pub fn form_schema(kind: EntityKind) -> &'static [Field] {
    match kind {
        EntityKind::Account => ACCOUNT,
        EntityKind::Secret => SECRET,
        EntityKind::Parameter => PARAMETER,
        EntityKind::Key => KEY,
        EntityKind::Vpc => VPC,
        EntityKind::Subnet => SUBNET,
        EntityKind::RouteTable => ROUTE_TABLE,
        EntityKind::SecurityGroup => SECURITY_GROUP,
        EntityKind::NetworkAcl => NETWORK_ACL,
        EntityKind::VpcEndpoint => VPC_ENDPOINT,
        EntityKind::NatGateway => NAT_GATEWAY,
        EntityKind::InternetGateway => INTERNET_GATEWAY,
        EntityKind::Instance => INSTANCE,
        EntityKind::Function => FUNCTION,
        EntityKind::DbInstance => DB_INSTANCE,
        EntityKind::Role => ROLE,
        EntityKind::User => USER,
        EntityKind::Group => GROUP,
        EntityKind::ManagedPolicy => MANAGED_POLICY,
        EntityKind::Check => CHECK,
        EntityKind::Organization => ORGANIZATION,
        EntityKind::OrganizationRoot => ORGANIZATION_ROOT,
        EntityKind::OrganizationalUnit => ORGANIZATIONAL_UNIT,
        EntityKind::OrganizationAccount => ORGANIZATION_ACCOUNT,
        EntityKind::OrganizationPolicy => ORGANIZATION_POLICY,
    }
}
