//! VPC networking as `aws ec2 describe-*` prints it: VPCs, subnets, route tables, security
//! groups, network ACLs, VPC endpoints, NAT and internet gateways. Typed for the network-path
//! engine: CIDRs are [`IpNet`], ports are [`PortRange`], protocols are [`Protocol`].

use std::fmt;
use std::net::IpAddr;

use ipnet::IpNet;

use crate::engine::policy::PolicyKind;

use super::error::{Findings, JsonPath};
use super::policy_document::{load_policy, synthesized, AllowSpec, PolicyDocument, PrincipalSpec};
use super::reader::{tags, Obj};
use super::resource_ids::{
    InstanceId, InternetGatewayId, NatGatewayId, NetworkAclId, NetworkInterfaceId, RouteTableId,
    SecurityGroupId, SubnetId, VpcEndpointId, VpcId,
};
use super::Tags;

/// An IP protocol as security groups and network ACLs name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// `-1`: every protocol (and every port).
    All,
    Tcp,
    Udp,
    Icmp,
    Icmpv6,
    /// Any other protocol number.
    Number(u8),
}

impl Protocol {
    /// Parse `-1`/`all`, a name (`tcp`, `udp`, `icmp`, `icmpv6`) or a number (`6`, `17`, …).
    pub fn parse(text: &str) -> Option<Protocol> {
        match text.trim().to_ascii_lowercase().as_str() {
            "-1" | "all" => Some(Protocol::All),
            "tcp" | "6" => Some(Protocol::Tcp),
            "udp" | "17" => Some(Protocol::Udp),
            "icmp" | "1" => Some(Protocol::Icmp),
            "icmpv6" | "58" => Some(Protocol::Icmpv6),
            other => other.parse::<u8>().ok().map(Protocol::Number),
        }
    }

    /// Whether the protocol has ports (TCP and UDP).
    pub fn has_ports(self) -> bool {
        matches!(self, Protocol::Tcp | Protocol::Udp)
    }

    /// Whether a rule for `self` admits traffic of protocol `other`.
    pub fn admits(self, other: Protocol) -> bool {
        self == Protocol::All || self == other
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Protocol::All => f.write_str("all"),
            Protocol::Tcp => f.write_str("tcp"),
            Protocol::Udp => f.write_str("udp"),
            Protocol::Icmp => f.write_str("icmp"),
            Protocol::Icmpv6 => f.write_str("icmpv6"),
            Protocol::Number(n) => write!(f, "{n}"),
        }
    }
}

/// An inclusive port range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PortRange {
    pub from: u16,
    pub to: u16,
}

impl PortRange {
    pub const ALL: PortRange = PortRange { from: 0, to: 65535 };

    pub fn single(port: u16) -> PortRange {
        PortRange {
            from: port,
            to: port,
        }
    }

    pub fn contains(&self, port: u16) -> bool {
        self.from <= port && port <= self.to
    }
}

impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}-{}", self.from, self.to)
        }
    }
}

/// A VPC.
#[derive(Debug, Clone, PartialEq)]
pub struct Vpc {
    pub id: VpcId,
    /// The primary CIDR and every associated one (IPv4 and IPv6).
    pub cidr_blocks: Vec<IpNet>,
    pub is_default: bool,
    /// `enableDnsSupport` (default on).
    pub enable_dns_support: bool,
    /// `enableDnsHostnames` (default on only for a default VPC).
    pub enable_dns_hostnames: bool,
    pub state: Option<String>,
    pub owner_id: Option<String>,
    pub tags: Tags,
}

/// A subnet.
#[derive(Debug, Clone, PartialEq)]
pub struct Subnet {
    pub id: SubnetId,
    pub vpc_id: VpcId,
    /// IPv4 and IPv6 CIDRs.
    pub cidr_blocks: Vec<IpNet>,
    pub availability_zone: Option<String>,
    pub map_public_ip_on_launch: bool,
    pub tags: Tags,
}

/// Where a route sends traffic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteTarget {
    /// `local`: within the VPC.
    Local,
    InternetGateway(InternetGatewayId),
    NatGateway(NatGatewayId),
    /// A gateway VPC endpoint (`vpce-…` in `GatewayId`).
    VpcEndpoint(VpcEndpointId),
    EgressOnlyInternetGateway(String),
    VirtualPrivateGateway(String),
    TransitGateway(String),
    VpcPeeringConnection(String),
    NetworkInterface(NetworkInterfaceId),
    Instance(InstanceId),
    /// Anything else, as printed.
    Other(String),
}

/// A route's destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteDestination {
    Cidr(IpNet),
    /// A managed prefix list (`pl-…`), e.g. a gateway endpoint's service.
    PrefixList(String),
}

/// A route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub destination: RouteDestination,
    pub target: RouteTarget,
    /// `false` for a `blackhole` route.
    pub active: bool,
    pub origin: Option<String>,
}

/// A route table association.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteTableAssociation {
    pub id: Option<String>,
    /// The VPC's main route table.
    pub main: bool,
    pub subnet_id: Option<SubnetId>,
    pub gateway_id: Option<String>,
}

/// A route table.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteTable {
    pub id: RouteTableId,
    pub vpc_id: VpcId,
    pub routes: Vec<Route>,
    pub associations: Vec<RouteTableAssociation>,
    pub tags: Tags,
}

impl RouteTable {
    pub fn is_main(&self) -> bool {
        self.associations.iter().any(|a| a.main)
    }
}

/// A source (ingress) or destination (egress) of a security group rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulePeer {
    Cidr(IpNet),
    PrefixList(String),
    SecurityGroup {
        group_id: SecurityGroupId,
        user_id: Option<String>,
    },
}

/// One `IpPermissions` entry: a protocol and port range, and the peers it admits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityGroupRule {
    pub protocol: Protocol,
    /// For TCP and UDP; `None` means every port (and is always `None` for other protocols).
    pub ports: Option<PortRange>,
    pub peers: Vec<RulePeer>,
}

impl SecurityGroupRule {
    /// Whether the rule's protocol and ports admit `protocol` traffic to `port`.
    pub fn admits(&self, protocol: Protocol, port: u16) -> bool {
        self.protocol.admits(protocol) && self.ports.is_none_or(|r| r.contains(port))
    }
}

/// A security group (stateful).
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityGroup {
    pub id: SecurityGroupId,
    pub name: Option<String>,
    pub vpc_id: Option<VpcId>,
    pub owner_id: Option<String>,
    pub ingress: Vec<SecurityGroupRule>,
    pub egress: Vec<SecurityGroupRule>,
    pub tags: Tags,
}

/// `allow` or `deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NaclAction {
    Allow,
    Deny,
}

/// A network ACL entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NaclEntry {
    /// 1–32766, or 32767 / 32768 for the final IPv4 / IPv6 `*` rules AWS prints.
    pub rule_number: u16,
    pub protocol: Protocol,
    pub action: NaclAction,
    pub egress: bool,
    /// `CidrBlock` or `Ipv6CidrBlock`.
    pub cidr: IpNet,
    /// For TCP and UDP; `None` means every port.
    pub ports: Option<PortRange>,
}

/// A network ACL (stateless; entries are evaluated in rule-number order, first match wins).
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkAcl {
    pub id: NetworkAclId,
    pub vpc_id: VpcId,
    pub is_default: bool,
    pub entries: Vec<NaclEntry>,
    /// The subnets associated with it.
    pub subnet_ids: Vec<SubnetId>,
    pub tags: Tags,
}

impl NetworkAcl {
    /// Inbound (`egress = false`) or outbound entries, in evaluation order.
    pub fn ordered_entries(&self, egress: bool) -> Vec<&NaclEntry> {
        let mut v: Vec<&NaclEntry> = self.entries.iter().filter(|e| e.egress == egress).collect();
        v.sort_by_key(|e| e.rule_number);
        v
    }
}

/// `VpcEndpointType`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EndpointType {
    Interface,
    Gateway,
    GatewayLoadBalancer,
    Other(String),
}

/// One of an interface endpoint's `DnsEntries`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsEntry {
    pub dns_name: String,
    pub hosted_zone_id: Option<String>,
}

/// A VPC endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct VpcEndpoint {
    pub id: VpcEndpointId,
    pub endpoint_type: EndpointType,
    pub vpc_id: VpcId,
    /// E.g. `com.amazonaws.us-east-1.secretsmanager`.
    pub service_name: String,
    /// As printed (`available`, `pending`, …; compared case-insensitively).
    pub state: String,
    /// The endpoint policy; the default full-access policy (`synthesized`) when absent.
    pub policy: PolicyDocument,
    pub subnet_ids: Vec<SubnetId>,
    pub security_group_ids: Vec<SecurityGroupId>,
    pub route_table_ids: Vec<RouteTableId>,
    /// Default: on for interface endpoints, as CreateVpcEndpoint does for AWS services.
    pub private_dns_enabled: bool,
    pub network_interface_ids: Vec<NetworkInterfaceId>,
    pub dns_entries: Vec<DnsEntry>,
    pub tags: Tags,
}

impl VpcEndpoint {
    pub fn is_available(&self) -> bool {
        self.state.eq_ignore_ascii_case("available")
    }

    /// The service this endpoint serves, e.g. `secretsmanager` for `com.amazonaws.REGION.secretsmanager`.
    pub fn service_short_name(&self) -> &str {
        self.service_name.rsplit('.').next().unwrap_or("")
    }
}

/// `ConnectivityType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NatGatewayConnectivity {
    Public,
    Private,
}

/// One of `NatGatewayAddresses`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NatGatewayAddress {
    pub public_ip: Option<IpAddr>,
    pub private_ip: Option<IpAddr>,
}

/// A NAT gateway.
#[derive(Debug, Clone, PartialEq)]
pub struct NatGateway {
    pub id: NatGatewayId,
    pub subnet_id: SubnetId,
    pub vpc_id: Option<VpcId>,
    pub state: String,
    pub connectivity: NatGatewayConnectivity,
    pub addresses: Vec<NatGatewayAddress>,
    pub tags: Tags,
}

impl NatGateway {
    pub fn is_available(&self) -> bool {
        self.state.eq_ignore_ascii_case("available")
    }
}

/// One of an internet gateway's `Attachments`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternetGatewayAttachment {
    pub vpc_id: VpcId,
    /// `available` (describe-internet-gateways prints this for an attached gateway) or `attached`.
    pub state: String,
}

/// An internet gateway.
#[derive(Debug, Clone, PartialEq)]
pub struct InternetGateway {
    pub id: InternetGatewayId,
    pub attachments: Vec<InternetGatewayAttachment>,
    pub tags: Tags,
}

impl InternetGateway {
    /// Whether it is attached to `vpc`.
    pub fn is_attached_to(&self, vpc: &VpcId) -> bool {
        self.attachments.iter().any(|a| {
            &a.vpc_id == vpc
                && (a.state.eq_ignore_ascii_case("available")
                    || a.state.eq_ignore_ascii_case("attached"))
        })
    }
}

// ---- loading ----

pub(crate) fn cidr(text: &str, path: &JsonPath, f: &mut Findings) -> Option<IpNet> {
    match text.parse::<IpNet>() {
        Ok(n) => Some(n),
        Err(_) => {
            f.error(path, format!("`{text}` is not a CIDR block"));
            None
        }
    }
}

fn opt_cidr(o: &Obj<'_>, key: &str, f: &mut Findings) -> Option<IpNet> {
    let text = o.str(key, f)?;
    cidr(text, &o.at(key), f)
}

pub(crate) fn ip(o: &Obj<'_>, key: &str, f: &mut Findings) -> Option<IpAddr> {
    let text = o.str(key, f)?;
    match text.parse::<IpAddr>() {
        Ok(a) => Some(a),
        Err(_) => {
            f.error(&o.at(key), format!("`{text}` is not an IP address"));
            None
        }
    }
}

pub(crate) fn required_id<T>(o: &Obj<'_>, key: &str, f: &mut Findings) -> Option<T>
where
    T: std::str::FromStr,
    T::Err: fmt::Display,
{
    if !o.has(key) {
        f.error(&o.path, format!("`{key}` is missing"));
        return None;
    }
    o.parse::<T>(key, f)
}

/// Parsed ids from a list of strings; malformed ones are errors.
pub(crate) fn id_list<T>(o: &Obj<'_>, key: &str, f: &mut Findings) -> Vec<T>
where
    T: std::str::FromStr,
    T::Err: fmt::Display,
{
    let path = o.at(key);
    o.strings(key, f)
        .into_iter()
        .enumerate()
        .filter_map(|(i, s)| match s.parse::<T>() {
            Ok(t) => Some(t),
            Err(e) => {
                f.error(&path.index(i), e.to_string());
                None
            }
        })
        .collect()
}

/// Ids picked out of an array of objects (`Groups[].GroupId`).
pub(crate) fn id_list_of<T>(o: &Obj<'_>, key: &str, field: &str, f: &mut Findings) -> Vec<T>
where
    T: std::str::FromStr,
    T::Err: fmt::Display,
{
    o.objects(key, &format!("an entry of `{key}`"), f)
        .into_iter()
        .filter_map(|e| required_id::<T>(&e, field, f))
        .collect()
}

pub(crate) fn load_vpc(o: &Obj<'_>, f: &mut Findings) -> Option<Vpc> {
    let id = required_id::<VpcId>(o, "VpcId", f);
    let mut cidr_blocks = Vec::new();
    if let Some(c) = opt_cidr(o, "CidrBlock", f) {
        cidr_blocks.push(c);
    }
    for a in o.objects("CidrBlockAssociationSet", "a CIDR block association", f) {
        if let Some(c) = opt_cidr(&a, "CidrBlock", f) {
            if !cidr_blocks.contains(&c) {
                cidr_blocks.push(c);
            }
        }
    }
    for a in o.objects(
        "Ipv6CidrBlockAssociationSet",
        "an IPv6 CIDR block association",
        f,
    ) {
        if let Some(c) = opt_cidr(&a, "Ipv6CidrBlock", f) {
            if !cidr_blocks.contains(&c) {
                cidr_blocks.push(c);
            }
        }
    }
    let is_default = o.bool("IsDefault", f).unwrap_or(false);
    Some(Vpc {
        cidr_blocks,
        is_default,
        enable_dns_support: o.bool("EnableDnsSupport", f).unwrap_or(true),
        enable_dns_hostnames: o.bool("EnableDnsHostnames", f).unwrap_or(is_default),
        state: o.string("State", f),
        owner_id: o.string("OwnerId", f),
        tags: tags(o, "Tags", f),
        id: id?,
    })
}

pub(crate) fn load_subnet(o: &Obj<'_>, f: &mut Findings) -> Option<Subnet> {
    let id = required_id::<SubnetId>(o, "SubnetId", f);
    let vpc_id = required_id::<VpcId>(o, "VpcId", f);
    let mut cidr_blocks: Vec<IpNet> = opt_cidr(o, "CidrBlock", f).into_iter().collect();
    for a in o.objects(
        "Ipv6CidrBlockAssociationSet",
        "an IPv6 CIDR block association",
        f,
    ) {
        if let Some(c) = opt_cidr(&a, "Ipv6CidrBlock", f) {
            cidr_blocks.push(c);
        }
    }
    Some(Subnet {
        cidr_blocks,
        availability_zone: o.string("AvailabilityZone", f),
        map_public_ip_on_launch: o.bool("MapPublicIpOnLaunch", f).unwrap_or(false),
        tags: tags(o, "Tags", f),
        id: id?,
        vpc_id: vpc_id?,
    })
}

fn route_target(r: &Obj<'_>, f: &mut Findings) -> Option<RouteTarget> {
    let parse_or_other = |text: &str| -> RouteTarget {
        if text == "local" {
            RouteTarget::Local
        } else if let Ok(igw) = text.parse::<InternetGatewayId>() {
            RouteTarget::InternetGateway(igw)
        } else if let Ok(vpce) = text.parse::<VpcEndpointId>() {
            RouteTarget::VpcEndpoint(vpce)
        } else if let Ok(nat) = text.parse::<NatGatewayId>() {
            RouteTarget::NatGateway(nat)
        } else if text.starts_with("vgw-") {
            RouteTarget::VirtualPrivateGateway(text.to_owned())
        } else if text.starts_with("eigw-") {
            RouteTarget::EgressOnlyInternetGateway(text.to_owned())
        } else {
            RouteTarget::Other(text.to_owned())
        }
    };
    if let Some(t) = r.str("NatGatewayId", f) {
        return Some(match t.parse::<NatGatewayId>() {
            Ok(n) => RouteTarget::NatGateway(n),
            Err(_) => RouteTarget::Other(t.to_owned()),
        });
    }
    if let Some(t) = r.str("TransitGatewayId", f) {
        return Some(RouteTarget::TransitGateway(t.to_owned()));
    }
    if let Some(t) = r.str("VpcPeeringConnectionId", f) {
        return Some(RouteTarget::VpcPeeringConnection(t.to_owned()));
    }
    if let Some(t) = r.str("EgressOnlyInternetGatewayId", f) {
        return Some(RouteTarget::EgressOnlyInternetGateway(t.to_owned()));
    }
    if let Some(t) = r.str("GatewayId", f) {
        return Some(parse_or_other(t));
    }
    if let Some(t) = r.str("InstanceId", f) {
        if let Ok(i) = t.parse::<InstanceId>() {
            return Some(RouteTarget::Instance(i));
        }
    }
    if let Some(t) = r.str("NetworkInterfaceId", f) {
        if let Ok(eni) = t.parse::<NetworkInterfaceId>() {
            return Some(RouteTarget::NetworkInterface(eni));
        }
    }
    for key in [
        "LocalGatewayId",
        "CarrierGatewayId",
        "CoreNetworkArn",
        "VpcEndpointId",
    ] {
        if let Some(t) = r.str(key, f) {
            return Some(parse_or_other(t));
        }
    }
    None
}

pub(crate) fn load_route_table(o: &Obj<'_>, f: &mut Findings) -> Option<RouteTable> {
    let id = required_id::<RouteTableId>(o, "RouteTableId", f);
    let vpc_id = required_id::<VpcId>(o, "VpcId", f);
    let mut routes = Vec::new();
    for r in o.objects("Routes", "a route", f) {
        let destination = if let Some(c) = opt_cidr(&r, "DestinationCidrBlock", f) {
            Some(RouteDestination::Cidr(c))
        } else if let Some(c) = opt_cidr(&r, "DestinationIpv6CidrBlock", f) {
            Some(RouteDestination::Cidr(c))
        } else {
            r.string("DestinationPrefixListId", f)
                .map(RouteDestination::PrefixList)
        };
        let target = route_target(&r, f);
        match (destination, target) {
            (Some(destination), Some(target)) => routes.push(Route {
                destination,
                target,
                active: !r.str("State", f).is_some_and(|s| s.eq_ignore_ascii_case("blackhole")),
                origin: r.string("Origin", f),
            }),
            (None, _) => f.error(&r.path, "a route needs `DestinationCidrBlock`, `DestinationIpv6CidrBlock` or `DestinationPrefixListId`"),
            (_, None) => f.error(&r.path, "a route needs a target (`GatewayId`, `NatGatewayId`, …)"),
        }
    }
    let associations = o
        .objects("Associations", "a route table association", f)
        .into_iter()
        .map(|a| RouteTableAssociation {
            id: a.string("RouteTableAssociationId", f),
            main: a.bool("Main", f).unwrap_or(false),
            subnet_id: a.parse::<SubnetId>("SubnetId", f),
            gateway_id: a.string("GatewayId", f),
        })
        .collect();
    Some(RouteTable {
        routes,
        associations,
        tags: tags(o, "Tags", f),
        id: id?,
        vpc_id: vpc_id?,
    })
}

fn protocol(o: &Obj<'_>, key: &str, f: &mut Findings) -> Option<Protocol> {
    let v = o.get(key);
    let text = match v {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(_) => {
            f.error(
                &o.at(key),
                format!("`{key}` must be a protocol name or number"),
            );
            return None;
        }
        None => {
            f.error(&o.path, format!("`{key}` is missing"));
            return None;
        }
    };
    let p = Protocol::parse(&text);
    if p.is_none() {
        f.error(
            &o.at(key),
            format!("`{text}` is not a protocol (`-1`, `tcp`, `udp`, `icmp`, or a number 0–255)"),
        );
    }
    p
}

/// Ports of a rule: `None` (all) unless the protocol has ports and a real range is given.
fn ports(
    o: &Obj<'_>,
    protocol: Protocol,
    from_key: &str,
    to_key: &str,
    f: &mut Findings,
) -> Option<PortRange> {
    if !protocol.has_ports() {
        return None;
    }
    let from = o.int(from_key, f);
    let to = o.int(to_key, f);
    match (from, to) {
        (None, None) | (Some(-1), _) | (_, Some(-1)) => None,
        (from, to) => {
            let from = from.or(to)?;
            let to = to.unwrap_or(from);
            match (u16::try_from(from), u16::try_from(to)) {
                (Ok(a), Ok(b)) if a <= b => Some(PortRange { from: a, to: b }),
                _ => {
                    f.error(
                        &o.at(from_key),
                        format!("`{from}`–`{to}` is not a port range"),
                    );
                    None
                }
            }
        }
    }
}

fn sg_rules(o: &Obj<'_>, key: &str, f: &mut Findings) -> Vec<SecurityGroupRule> {
    let mut out = Vec::new();
    for p in o.objects(key, "a permission", f) {
        let Some(protocol) = protocol(&p, "IpProtocol", f) else {
            continue;
        };
        let ports = ports(&p, protocol, "FromPort", "ToPort", f);
        let mut peers = Vec::new();
        for r in p.objects("IpRanges", "an IP range", f) {
            peers.extend(opt_cidr(&r, "CidrIp", f).map(RulePeer::Cidr));
        }
        for r in p.objects("Ipv6Ranges", "an IPv6 range", f) {
            peers.extend(opt_cidr(&r, "CidrIpv6", f).map(RulePeer::Cidr));
        }
        for r in p.objects("PrefixListIds", "a prefix list", f) {
            peers.extend(r.string("PrefixListId", f).map(RulePeer::PrefixList));
        }
        for r in p.objects("UserIdGroupPairs", "a security group pair", f) {
            if let Some(group_id) = required_id::<SecurityGroupId>(&r, "GroupId", f) {
                peers.push(RulePeer::SecurityGroup {
                    group_id,
                    user_id: r.string("UserId", f),
                });
            }
        }
        out.push(SecurityGroupRule {
            protocol,
            ports,
            peers,
        });
    }
    out
}

pub(crate) fn load_security_group(o: &Obj<'_>, f: &mut Findings) -> Option<SecurityGroup> {
    let id = required_id::<SecurityGroupId>(o, "GroupId", f);
    Some(SecurityGroup {
        name: o.string("GroupName", f),
        vpc_id: o.parse::<VpcId>("VpcId", f),
        owner_id: o.string("OwnerId", f),
        ingress: sg_rules(o, "IpPermissions", f),
        egress: sg_rules(o, "IpPermissionsEgress", f),
        tags: tags(o, "Tags", f),
        id: id?,
    })
}

pub(crate) fn load_network_acl(o: &Obj<'_>, f: &mut Findings) -> Option<NetworkAcl> {
    let id = required_id::<NetworkAclId>(o, "NetworkAclId", f);
    let vpc_id = required_id::<VpcId>(o, "VpcId", f);
    let mut entries = Vec::new();
    for e in o.objects("Entries", "a network ACL entry", f) {
        let rule_number = e.int("RuleNumber", f).and_then(|n| match u16::try_from(n) {
            Ok(n) if (1..=32768).contains(&n) => Some(n),
            _ => {
                f.error(
                    &e.at("RuleNumber"),
                    format!("`{n}` is not a rule number (1–32766, or 32767/32768 for `*`)"),
                );
                None
            }
        });
        if !e.has("RuleNumber") {
            f.error(&e.path, "`RuleNumber` is missing");
        }
        let protocol = protocol(&e, "Protocol", f);
        let action = match e
            .req_str("RuleAction", f)
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("allow") => Some(NaclAction::Allow),
            Some("deny") => Some(NaclAction::Deny),
            Some(other) => {
                f.error(
                    &e.at("RuleAction"),
                    format!("`{other}` is not a rule action (`allow` or `deny`)"),
                );
                None
            }
            None => None,
        };
        let cidr = opt_cidr(&e, "CidrBlock", f).or_else(|| opt_cidr(&e, "Ipv6CidrBlock", f));
        if !e.has("CidrBlock") && !e.has("Ipv6CidrBlock") {
            f.error(
                &e.path,
                "a network ACL entry needs `CidrBlock` or `Ipv6CidrBlock`",
            );
        }
        let ports = match (protocol, e.object("PortRange", f)) {
            (Some(p), Some(range)) => ports(&range, p, "From", "To", f),
            _ => None,
        };
        let egress = e.bool("Egress", f).unwrap_or(false);
        if let (Some(rule_number), Some(protocol), Some(action), Some(cidr)) =
            (rule_number, protocol, action, cidr)
        {
            entries.push(NaclEntry {
                rule_number,
                protocol,
                action,
                egress,
                cidr,
                ports,
            });
        }
    }
    let subnet_ids = o
        .objects("Associations", "a network ACL association", f)
        .into_iter()
        .filter_map(|a| required_id::<SubnetId>(&a, "SubnetId", f))
        .collect();
    Some(NetworkAcl {
        is_default: o.bool("IsDefault", f).unwrap_or(false),
        entries,
        subnet_ids,
        tags: tags(o, "Tags", f),
        id: id?,
        vpc_id: vpc_id?,
    })
}

/// The policy an endpoint has when none is set: full access.
pub(crate) fn default_endpoint_policy() -> PolicyDocument {
    synthesized(
        PolicyKind::EndpointPolicy,
        None,
        &[AllowSpec {
            sid: None,
            principal: Some(PrincipalSpec::Anyone),
            actions: &["*"],
            resources: &["*"],
            string_equals: Vec::new(),
        }],
    )
}

pub(crate) fn load_vpc_endpoint(o: &Obj<'_>, f: &mut Findings) -> Option<VpcEndpoint> {
    let id = required_id::<VpcEndpointId>(o, "VpcEndpointId", f);
    let vpc_id = required_id::<VpcId>(o, "VpcId", f);
    let endpoint_type = match o.str("VpcEndpointType", f) {
        None | Some("Interface") => EndpointType::Interface,
        Some("Gateway") => EndpointType::Gateway,
        Some("GatewayLoadBalancer") => EndpointType::GatewayLoadBalancer,
        Some(other) => EndpointType::Other(other.to_owned()),
    };
    let service_name = o.req_str("ServiceName", f).map(str::to_owned);
    let policy = match o.get("PolicyDocument") {
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => default_endpoint_policy(),
        Some(doc) => load_policy(doc, PolicyKind::EndpointPolicy, &o.at("PolicyDocument"), f),
        None => default_endpoint_policy(),
    };
    let dns_entries = o
        .objects("DnsEntries", "a DNS entry", f)
        .into_iter()
        .filter_map(|d| {
            let dns_name = d.string("DnsName", f)?;
            Some(DnsEntry {
                dns_name,
                hosted_zone_id: d.string("HostedZoneId", f),
            })
        })
        .collect();
    let private_dns_default = endpoint_type == EndpointType::Interface;
    Some(VpcEndpoint {
        state: o
            .string("State", f)
            .unwrap_or_else(|| "available".to_owned()),
        policy,
        subnet_ids: id_list::<SubnetId>(o, "SubnetIds", f),
        security_group_ids: id_list_of::<SecurityGroupId>(o, "Groups", "GroupId", f),
        route_table_ids: id_list::<RouteTableId>(o, "RouteTableIds", f),
        private_dns_enabled: o
            .bool("PrivateDnsEnabled", f)
            .unwrap_or(private_dns_default),
        network_interface_ids: id_list::<NetworkInterfaceId>(o, "NetworkInterfaceIds", f),
        dns_entries,
        tags: tags(o, "Tags", f),
        endpoint_type,
        id: id?,
        vpc_id: vpc_id?,
        service_name: service_name?,
    })
}

pub(crate) fn load_nat_gateway(o: &Obj<'_>, f: &mut Findings) -> Option<NatGateway> {
    let id = required_id::<NatGatewayId>(o, "NatGatewayId", f);
    let subnet_id = required_id::<SubnetId>(o, "SubnetId", f);
    let connectivity = match o.str("ConnectivityType", f) {
        None | Some("public") => NatGatewayConnectivity::Public,
        Some("private") => NatGatewayConnectivity::Private,
        Some(other) => {
            f.error(
                &o.at("ConnectivityType"),
                format!("`{other}` is not a connectivity type (`public` or `private`)"),
            );
            NatGatewayConnectivity::Public
        }
    };
    let addresses = o
        .objects("NatGatewayAddresses", "a NAT gateway address", f)
        .into_iter()
        .map(|a| NatGatewayAddress {
            public_ip: ip(&a, "PublicIp", f),
            private_ip: ip(&a, "PrivateIp", f),
        })
        .collect();
    Some(NatGateway {
        vpc_id: o.parse::<VpcId>("VpcId", f),
        state: o
            .string("State", f)
            .unwrap_or_else(|| "available".to_owned()),
        connectivity,
        addresses,
        tags: tags(o, "Tags", f),
        id: id?,
        subnet_id: subnet_id?,
    })
}

pub(crate) fn load_internet_gateway(o: &Obj<'_>, f: &mut Findings) -> Option<InternetGateway> {
    let id = required_id::<InternetGatewayId>(o, "InternetGatewayId", f);
    let attachments = o
        .objects("Attachments", "an attachment", f)
        .into_iter()
        .filter_map(|a| {
            let vpc_id = required_id::<VpcId>(&a, "VpcId", f)?;
            Some(InternetGatewayAttachment {
                vpc_id,
                state: a
                    .string("State", f)
                    .unwrap_or_else(|| "available".to_owned()),
            })
        })
        .collect();
    Some(InternetGateway {
        attachments,
        tags: tags(o, "Tags", f),
        id: id?,
    })
}
