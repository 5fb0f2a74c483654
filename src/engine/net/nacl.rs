//! Network ACLs: stateless, so both the request and its return traffic (to the client's
//! ephemeral port, 1024–65535) must be allowed, in each direction the traffic crosses a subnet's
//! boundary. Entries are evaluated in rule-number order, first match wins, and the final `*`
//! rule denies what no rule matched. Evaluation is per port: a rule decides only the ports of the
//! range it matches, so `100 deny 1024-2000` before `200 allow 1024-65535` blocks.

use super::address::{Address, Coverage};
use super::path::NetworkPath;
use crate::engine::model::{
    NaclAction, NaclEntry, NetworkAcl, PortRange, Protocol, RegionResources, Subnet,
};
use crate::engine::verdict::{BlockerCode, Layer};

/// The client ports return traffic goes to (AWS's recommendation for NACLs; NAT gateways and
/// Lambda use all of them).
pub const EPHEMERAL: PortRange = PortRange {
    from: 1024,
    to: 65535,
};

/// The network ACL of a subnet: the one associated with it, else the VPC's default ACL.
pub fn acl_for<'m>(region: &'m RegionResources, subnet: &Subnet) -> Option<&'m NetworkAcl> {
    region
        .network_acls
        .iter()
        .find(|a| a.subnet_ids.contains(&subnet.id))
        .or_else(|| {
            region
                .network_acls
                .iter()
                .find(|a| a.vpc_id == subnet.vpc_id && a.is_default)
        })
}

/// What an ACL decides for TCP traffic to `ports` with `peer` on the far side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AclDecision {
    /// Every port allowed, by these rules.
    Allowed(Vec<u16>),
    /// Denied by this rule; `None` is the final `*` rule (no rule matched these ports).
    Denied { rule: Option<u16>, ports: PortRange },
}

/// Evaluate the inbound (`egress = false`) or outbound entries of `acl` for TCP traffic to
/// `ports`, the far side being `peer`. An allow rule must cover all of a range address; a deny
/// rule that covers part of it denies (some addresses would be refused). A public CIDR other
/// than `/0` may or may not hold the public endpoint: it is skipped, with a note.
pub fn evaluate_acl(
    acl: &NetworkAcl,
    egress: bool,
    peer: &Address,
    ports: PortRange,
    notes: &mut Vec<String>,
) -> AclDecision {
    let mut open: Vec<PortRange> = vec![ports];
    let mut allowed_by = Vec::new();
    for entry in acl.ordered_entries(egress) {
        if !entry.protocol.admits(Protocol::Tcp) {
            continue;
        }
        let entry_ports = entry.ports.unwrap_or(PortRange::ALL);
        let coverage = peer.covered_by(&entry.cidr);
        let hits: Vec<PortRange> = open
            .iter()
            .filter_map(|r| intersect(*r, entry_ports))
            .collect();
        if hits.is_empty() {
            continue;
        }
        match (entry.action, coverage) {
            (NaclAction::Deny, Coverage::Full | Coverage::Partial) => {
                return AclDecision::Denied { rule: Some(entry.rule_number), ports: hits.first().copied().unwrap_or(ports) };
            }
            (NaclAction::Allow, Coverage::Full) => {
                open = open.into_iter().flat_map(|r| subtract(r, entry_ports)).collect();
                allowed_by.push(entry.rule_number);
                if open.is_empty() {
                    return AclDecision::Allowed(allowed_by);
                }
            }
            (action, Coverage::Unknown) => notes.push(format!(
                "network ACL `{}` rule {} ({} {}) is not applied to the public endpoint, whose addresses are not in the model",
                acl.id,
                entry.rule_number,
                if action == NaclAction::Allow { "allow" } else { "deny" },
                entry.cidr
            )),
            _ => {}
        }
    }
    AclDecision::Denied {
        rule: None,
        ports: open.first().copied().unwrap_or(ports),
    }
}

fn intersect(a: PortRange, b: PortRange) -> Option<PortRange> {
    let from = a.from.max(b.from);
    let to = a.to.min(b.to);
    (from <= to).then_some(PortRange { from, to })
}

fn subtract(a: PortRange, b: PortRange) -> Vec<PortRange> {
    if intersect(a, b).is_none() {
        return vec![a];
    }
    let mut out = Vec::new();
    if a.from < b.from {
        out.push(PortRange {
            from: a.from,
            to: b.from - 1,
        });
    }
    if b.to < a.to {
        out.push(PortRange {
            from: b.to + 1,
            to: a.to,
        });
    }
    out
}

fn entry_words(entry: &NaclEntry) -> String {
    format!(
        "rule {} {} {} {} {}",
        entry.rule_number,
        if entry.action == NaclAction::Allow {
            "allow"
        } else {
            "deny"
        },
        entry.protocol,
        entry
            .ports
            .map_or_else(|| "all ports".to_owned(), |p| format!("port {p}")),
        entry.cidr
    )
}

/// Check one direction of a subnet's ACL and record the hop (and the blocker when it denies).
pub fn check_acl(
    path: &mut NetworkPath,
    region: &RegionResources,
    subnet: &Subnet,
    egress: bool,
    peer: &Address,
    ports: PortRange,
    what: &str,
) -> bool {
    let direction = if egress { "outbound" } else { "inbound" };
    let preposition = if egress { "to" } else { "from" };
    let Some(acl) = acl_for(region, subnet) else {
        path.note(format!(
            "no network ACL of `{}` is in the model: its default network ACL, which allows all traffic, is assumed",
            subnet.vpc_id
        ));
        path.pass("network-acl", subnet.id.as_str(), format!("{direction} tcp {ports} {preposition} {peer} ({what}): default network ACL assumed"));
        return true;
    };
    let mut notes = Vec::new();
    let decision = evaluate_acl(acl, egress, peer, ports, &mut notes);
    for n in notes {
        path.note(n);
    }
    match decision {
        AclDecision::Allowed(rules) => {
            let words: Vec<String> = rules
                .iter()
                .filter_map(|n| {
                    acl.entries
                        .iter()
                        .find(|e| e.rule_number == *n && e.egress == egress)
                })
                .map(entry_words)
                .collect();
            path.pass(
                "network-acl",
                acl.id.as_str(),
                format!(
                    "`{}` ({}) {direction} tcp {ports} {preposition} {peer} ({what}): {}",
                    acl.id,
                    subnet.id,
                    words.join(", ")
                ),
            );
            true
        }
        AclDecision::Denied {
            rule,
            ports: denied,
        } => {
            let by = match rule.and_then(|n| {
                acl.entries
                    .iter()
                    .find(|e| e.rule_number == n && e.egress == egress)
            }) {
                Some(entry) => format!("{} matches first", entry_words(entry)),
                None => "no rule allows them, so the final `*` rule denies".to_owned(),
            };
            path.block(
                "network-acl",
                Layer::NetworkAcl,
                BlockerCode::NetworkAclBlocks,
                acl.id.as_str(),
                format!(
                    "`{}` ({}) denies {direction} tcp {denied} {preposition} {peer} ({what}): {by}",
                    acl.id, subnet.id
                ),
            );
            false
        }
    }
}

/// Check a subnet's ACL in both directions for a connection crossing its boundary: the client
/// side sends to `port` and receives on ephemeral ports; the server side the reverse.
pub fn check_boundary(
    path: &mut NetworkPath,
    region: &RegionResources,
    subnet: &Subnet,
    peer: &Address,
    port: u16,
    client_side: bool,
    what: &str,
) -> bool {
    let service = PortRange::single(port);
    if client_side {
        let out = check_acl(path, region, subnet, true, peer, service, what);
        let back = check_acl(
            path,
            region,
            subnet,
            false,
            peer,
            EPHEMERAL,
            &format!("return traffic of {what}"),
        );
        out && back
    } else {
        let inbound = check_acl(path, region, subnet, false, peer, service, what);
        let back = check_acl(
            path,
            region,
            subnet,
            true,
            peer,
            EPHEMERAL,
            &format!("return traffic of {what}"),
        );
        inbound && back
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a broken fixture"
)]
mod tests {
    use super::*;

    #[test]
    fn subtracting_port_ranges() {
        let r = |from, to| PortRange { from, to };
        assert_eq!(
            subtract(r(1024, 65535), r(1024, 2000)),
            vec![r(2001, 65535)]
        );
        assert_eq!(subtract(r(1, 10), r(3, 4)), vec![r(1, 2), r(5, 10)]);
        assert_eq!(subtract(r(1, 10), r(0, 65535)), vec![]);
        assert_eq!(intersect(r(1, 10), r(11, 20)), None);
    }
}
