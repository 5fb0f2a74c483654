//! Security groups: stateful (return traffic is always allowed), allow-only, and the union of
//! all groups on an interface. Egress is checked on the client's groups, ingress on the
//! server's. A rule's peer admits by CIDR (covering the whole address when only its range is
//! known), by a referenced group that the far side has, or by a prefix list — whose contents
//! are not in the model, so it admits nothing and says so.

use super::address::{Address, Coverage};
use super::path::NetworkPath;
use crate::engine::model::{
    PortRange, Protocol, RegionResources, RulePeer, SecurityGroup, SecurityGroupId,
    SecurityGroupRule, VpcId,
};
use crate::engine::verdict::{BlockerCode, Layer};

/// Parse the security group ids a placement carries (ids that do not parse are dropped: the
/// query parser has already rejected them).
pub fn parse_group_ids(ids: &[String]) -> Vec<SecurityGroupId> {
    ids.iter().filter_map(|s| s.parse().ok()).collect()
}

/// The security groups of one interface, as far as the model holds them.
#[derive(Debug, Clone)]
pub struct Groups<'m> {
    /// The ids the interface has (the VPC's default group when none is named).
    pub ids: Vec<SecurityGroupId>,
    pub found: Vec<&'m SecurityGroup>,
    /// Named but not in the model: their rules are unknown, so they admit nothing.
    pub missing: Vec<SecurityGroupId>,
    /// Who has them, for messages (`instance `i-…``, `endpoint `vpce-…``).
    pub owner: String,
    /// The component to blame when there is no group at all (the VPC).
    pub vpc: VpcId,
}

/// The groups of an interface. No group named: the VPC's `default` group, as AWS assigns it.
pub fn resolve_groups<'m>(
    path: &mut NetworkPath,
    region: &'m RegionResources,
    ids: &[SecurityGroupId],
    vpc: &VpcId,
    owner: &str,
) -> Groups<'m> {
    let mut groups = Groups {
        ids: Vec::new(),
        found: Vec::new(),
        missing: Vec::new(),
        owner: owner.to_owned(),
        vpc: vpc.clone(),
    };
    if ids.is_empty() {
        if let Some(g) = region
            .security_groups
            .iter()
            .find(|g| g.vpc_id.as_ref() == Some(vpc) && g.name.as_deref() == Some("default"))
        {
            path.note(format!("{owner} names no security group: the default security group `{}` of `{vpc}` applies", g.id));
            groups.ids.push(g.id.clone());
            groups.found.push(g);
        }
        return groups;
    }
    for id in ids {
        groups.ids.push(id.clone());
        match region.security_groups.iter().find(|g| &g.id == id) {
            Some(g) => groups.found.push(g),
            None => groups.missing.push(id.clone()),
        }
    }
    groups
}

/// The far side of a connection as a security group rule sees it.
#[derive(Debug, Clone, Copy)]
pub struct Peer<'a> {
    pub address: Address,
    /// The groups the far side's interface has (for rules that reference a group).
    pub groups: &'a [SecurityGroupId],
}

/// `tcp 443`, `all traffic`…
pub fn rule_words(rule: &SecurityGroupRule) -> String {
    match (rule.protocol, rule.ports) {
        (Protocol::All, _) => "all traffic".to_owned(),
        (p, Some(r)) if r == PortRange::ALL => format!("{p} all ports"),
        (p, Some(r)) => format!("{p} {r}"),
        (p, None) => format!("{p} all ports"),
    }
}

fn peer_words(peer: &RulePeer) -> String {
    match peer {
        RulePeer::Cidr(net) => net.to_string(),
        RulePeer::PrefixList(pl) => format!("prefix list `{pl}`"),
        RulePeer::SecurityGroup { group_id, .. } => format!("`{group_id}`"),
    }
}

/// The first rule of `group` (egress or ingress) that admits TCP to `port` with `peer` on the
/// far side, in words; notes for peers whose membership is unknown.
fn admitting_rule(
    group: &SecurityGroup,
    egress: bool,
    peer: &Peer<'_>,
    port: u16,
    notes: &mut Vec<String>,
) -> Option<String> {
    let rules = if egress {
        &group.egress
    } else {
        &group.ingress
    };
    let preposition = if egress { "to" } else { "from" };
    for rule in rules.iter().filter(|r| r.admits(Protocol::Tcp, port)) {
        for p in &rule.peers {
            let admits = match p {
                RulePeer::Cidr(net) => match peer.address.covered_by(net) {
                    Coverage::Full => true,
                    Coverage::Partial => {
                        notes.push(format!(
                            "`{}` {} {} {net} covers only part of {}: not counted",
                            group.id,
                            rule_words(rule),
                            preposition,
                            peer.address
                        ));
                        false
                    }
                    Coverage::Unknown | Coverage::Disjoint => false,
                },
                RulePeer::SecurityGroup { group_id, .. } => peer.groups.contains(group_id),
                RulePeer::PrefixList(pl) => {
                    notes.push(format!(
                        "`{}` {} {preposition} prefix list `{pl}`: its contents are not in the model, so it is not known to admit {}",
                        group.id,
                        rule_words(rule),
                        peer.address
                    ));
                    false
                }
            };
            if admits {
                return Some(format!(
                    "{} {preposition} {}",
                    rule_words(rule),
                    peer_words(p)
                ));
            }
        }
    }
    None
}

/// Check that some group admits the traffic (egress of the client's groups, or ingress of the
/// server's). Records the admitting hop, or one blocking hop per group.
pub fn check_groups(
    path: &mut NetworkPath,
    groups: &Groups<'_>,
    egress: bool,
    peer: &Peer<'_>,
    port: u16,
    what: &str,
) -> bool {
    let direction = if egress { "egress" } else { "ingress" };
    let preposition = if egress { "to" } else { "from" };
    let mut notes = Vec::new();
    for group in &groups.found {
        if let Some(rule) = admitting_rule(group, egress, peer, port, &mut notes) {
            path.pass(
                "security-group",
                group.id.as_str(),
                format!("`{}` {direction} allows {rule} ({what})", group.id),
            );
            return true;
        }
    }
    for n in notes {
        path.note(n);
    }
    if groups.ids.is_empty() {
        path.block(
            "security-group",
            Layer::SecurityGroup,
            BlockerCode::SecurityGroupBlocks,
            groups.vpc.as_str(),
            format!("{} names no security group and the default security group of `{}` is not in the model", groups.owner, groups.vpc),
        );
        return false;
    }
    let all: Vec<String> = groups.ids.iter().map(|g| format!("`{g}`")).collect();
    let also = if groups.ids.len() > 1 {
        format!(
            " (nor does any other group of {}: {})",
            groups.owner,
            all.join(", ")
        )
    } else {
        String::new()
    };
    for group in &groups.found {
        // Say what the group does admit, so the reader sees the near miss (a wrong CIDR, port or
        // group) without opening the model.
        let rules = if egress {
            &group.egress
        } else {
            &group.ingress
        };
        let admits: Vec<String> = rules
            .iter()
            .flat_map(|r| {
                r.peers
                    .iter()
                    .map(move |p| format!("{} {preposition} {}", rule_words(r), peer_words(p)))
            })
            .take(6)
            .collect();
        let admits = if admits.is_empty() {
            format!("; it has no {direction} rules at all")
        } else {
            format!("; its {direction} rules allow only {}", admits.join(", "))
        };
        path.block(
            "security-group",
            Layer::SecurityGroup,
            BlockerCode::SecurityGroupBlocks,
            group.id.as_str(),
            format!("`{}` of {} has no {direction} rule that allows tcp {port} {preposition} {} ({what}){admits}{also}", group.id, groups.owner, peer.address),
        );
    }
    for id in &groups.missing {
        path.block(
            "security-group",
            Layer::SecurityGroup,
            BlockerCode::SecurityGroupBlocks,
            id.as_str(),
            format!("security group `{id}` of {} is not in the model: its rules are unknown, so it admits nothing ({what}){also}", groups.owner),
        );
    }
    false
}
