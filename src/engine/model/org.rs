//! The AWS Organization: roots, OUs, accounts and the SCPs and RCPs attached to them.
//! AWS requires an SCP at every node, so a node with none listed has `FullAWSAccess`; and
//! `RCPFullAWSAccess` cannot be detached, so it is attached everywhere (aws-semantics S1, S9).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::error::Findings;
use super::policy_document::{load_policy, synthesized, AllowSpec, PolicyDocument, PrincipalSpec};
use super::reader::Obj;
use super::resource_ids::{OrgPolicyId, OrganizationalUnitId, RootId};
use crate::engine::ids::AccountId;
use crate::engine::policy::PolicyKind;

/// A node of the organization tree.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OrgNodeId {
    Root(RootId),
    OrganizationalUnit(OrganizationalUnitId),
    Account(AccountId),
}

impl OrgNodeId {
    /// Parse `r-…`, `ou-…` or a 12-digit account id.
    pub fn parse(text: &str) -> Option<OrgNodeId> {
        if let Ok(r) = text.parse::<RootId>() {
            Some(OrgNodeId::Root(r))
        } else if let Ok(ou) = text.parse::<OrganizationalUnitId>() {
            Some(OrgNodeId::OrganizationalUnit(ou))
        } else {
            text.parse::<AccountId>().ok().map(OrgNodeId::Account)
        }
    }
}

impl fmt::Display for OrgNodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrgNodeId::Root(r) => r.fmt(f),
            OrgNodeId::OrganizationalUnit(ou) => ou.fmt(f),
            OrgNodeId::Account(a) => a.fmt(f),
        }
    }
}

/// Service control policy or resource control policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgPolicyKind {
    Scp,
    Rcp,
}

/// One SCP or RCP and where it is attached.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgPolicy {
    pub id: OrgPolicyId,
    pub name: String,
    pub kind: OrgPolicyKind,
    pub document: PolicyDocument,
    pub targets: Vec<OrgNodeId>,
    /// `true` for `FullAWSAccess` / `RCPFullAWSAccess` added by the loader.
    pub synthesized: bool,
}

/// An organizational unit.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganizationalUnit {
    pub id: OrganizationalUnitId,
    pub name: Option<String>,
    pub parent: OrgNodeId,
}

/// The organization.
#[derive(Debug, Clone, PartialEq)]
pub struct Organization {
    pub id: String,
    pub management_account: Option<AccountId>,
    pub roots: Vec<RootId>,
    pub organizational_units: BTreeMap<OrganizationalUnitId, OrganizationalUnit>,
    /// Each member account and its parent (a root or OU).
    pub accounts: BTreeMap<AccountId, OrgNodeId>,
    pub policies: Vec<OrgPolicy>,
}

/// The id AWS gives the default SCP.
pub const FULL_AWS_ACCESS_ID: &str = "p-FullAWSAccess";
/// The id AWS gives the default RCP.
pub const RCP_FULL_AWS_ACCESS_ID: &str = "p-RCPFullAWSAccess";

impl Organization {
    /// The nodes from the root down to the account: root, OUs, the account itself. Empty when
    /// the account is not in the organization.
    pub fn path_to(&self, account: &AccountId) -> Vec<OrgNodeId> {
        let Some(mut parent) = self.accounts.get(account).cloned() else {
            return Vec::new();
        };
        let mut up = vec![OrgNodeId::Account(account.clone())];
        // Bounded: the loader rejects cycles, and the walk cannot exceed the number of OUs.
        for _ in 0..=self.organizational_units.len() {
            up.push(parent.clone());
            match &parent {
                OrgNodeId::OrganizationalUnit(ou) => match self.organizational_units.get(ou) {
                    Some(unit) => parent = unit.parent.clone(),
                    None => break,
                },
                _ => break,
            }
        }
        up.reverse();
        up
    }

    /// The policies of `kind` attached directly to `node`.
    pub fn policies_attached(&self, node: &OrgNodeId, kind: OrgPolicyKind) -> Vec<&OrgPolicy> {
        self.policies
            .iter()
            .filter(|p| p.kind == kind && p.targets.contains(node))
            .collect()
    }

    pub fn contains_account(&self, account: &AccountId) -> bool {
        self.accounts.contains_key(account)
    }

    /// SCPs do not restrict principals of the management account, nor RCPs its resources (S9).
    pub fn is_management_account(&self, account: &AccountId) -> bool {
        self.management_account.as_ref() == Some(account)
    }

    pub fn policy(&self, id: &str) -> Option<&OrgPolicy> {
        self.policies.iter().find(|p| p.id.as_str() == id)
    }

    fn all_nodes(&self) -> Vec<OrgNodeId> {
        let mut nodes: Vec<OrgNodeId> = self.roots.iter().cloned().map(OrgNodeId::Root).collect();
        nodes.extend(
            self.organizational_units
                .keys()
                .cloned()
                .map(OrgNodeId::OrganizationalUnit),
        );
        nodes.extend(self.accounts.keys().cloned().map(OrgNodeId::Account));
        nodes
    }
}

fn parent_of(o: &Obj<'_>, f: &mut Findings) -> Option<OrgNodeId> {
    let text = o.req_str("ParentId", f)?;
    match OrgNodeId::parse(text) {
        Some(n @ (OrgNodeId::Root(_) | OrgNodeId::OrganizationalUnit(_))) => Some(n),
        _ => {
            f.error(
                &o.at("ParentId"),
                format!("`{text}` is not a root (`r-…`) or organizational unit (`ou-…`) id"),
            );
            None
        }
    }
}

pub(crate) fn load_organization(o: &Obj<'_>, f: &mut Findings) -> Organization {
    let id = o.req_str("Id", f).unwrap_or_default().to_owned();
    let management_account = o.parse::<AccountId>("ManagementAccountId", f);
    let mut roots = Vec::new();
    for r in o.objects("Roots", "a root", f) {
        if let Some(id) = r.parse::<RootId>("Id", f) {
            if roots.contains(&id) {
                f.error(&r.at("Id"), format!("root `{id}` is listed twice"));
            } else {
                roots.push(id);
            }
        } else if !r.has("Id") {
            f.error(&r.path, "`Id` is missing");
        }
    }
    let mut ous = BTreeMap::new();
    for u in o.objects("OrganizationalUnits", "an organizational unit", f) {
        let (Some(id), Some(parent)) = (u.parse::<OrganizationalUnitId>("Id", f), parent_of(&u, f))
        else {
            continue;
        };
        if ous.contains_key(&id) {
            f.error(
                &u.at("Id"),
                format!("organizational unit `{id}` is listed twice"),
            );
            continue;
        }
        ous.insert(
            id.clone(),
            (
                OrganizationalUnit {
                    id,
                    name: u.string("Name", f),
                    parent,
                },
                u.at("ParentId"),
            ),
        );
    }
    let mut accounts = BTreeMap::new();
    for a in o.objects("Accounts", "an organization account", f) {
        let id = if a.has("Id") {
            a.parse::<AccountId>("Id", f)
        } else {
            a.parse::<AccountId>("AccountId", f)
        };
        let Some(id) = id else {
            if !a.has("Id") && !a.has("AccountId") {
                f.error(&a.path, "`Id` is missing");
            }
            continue;
        };
        let Some(parent) = parent_of(&a, f) else {
            continue;
        };
        if accounts.contains_key(&id) {
            f.error(
                &a.path,
                format!("account `{id}` is listed twice in the organization"),
            );
            continue;
        }
        accounts.insert(id, (parent, a.at("ParentId")));
    }
    // Every parent must exist, and OUs must form a tree.
    let known = |n: &OrgNodeId| match n {
        OrgNodeId::Root(r) => roots.contains(r),
        OrgNodeId::OrganizationalUnit(ou) => ous.contains_key(ou),
        OrgNodeId::Account(_) => false,
    };
    for (unit, at) in ous.values() {
        if !known(&unit.parent) {
            f.error(
                at,
                format!(
                    "parent `{}` of `{}` is not a root or OU of the organization",
                    unit.parent, unit.id
                ),
            );
        }
    }
    for (parent, at) in accounts.values() {
        if !known(parent) {
            f.error(
                at,
                format!("parent `{parent}` is not a root or OU of the organization"),
            );
        }
    }
    for (unit, at) in ous.values() {
        let mut seen = BTreeSet::new();
        let mut cur = unit.parent.clone();
        while let OrgNodeId::OrganizationalUnit(ou) = &cur {
            if !seen.insert(ou.clone()) || ou == &unit.id {
                f.error(
                    at,
                    format!("organizational unit `{}` is its own ancestor", unit.id),
                );
                break;
            }
            match ous.get(ou) {
                Some((next, _)) => cur = next.parent.clone(),
                None => break,
            }
        }
    }
    let mut org = Organization {
        id,
        management_account,
        roots,
        organizational_units: ous.into_iter().map(|(k, (u, _))| (k, u)).collect(),
        accounts: accounts.into_iter().map(|(k, (p, _))| (k, p)).collect(),
        policies: Vec::new(),
    };
    for p in o.objects("Policies", "an organization policy", f) {
        if let Some(policy) = load_org_policy(&p, &org, f) {
            if org.policies.iter().any(|q| q.id == policy.id) {
                f.error(
                    &p.at("Id"),
                    format!("policy `{}` is listed twice", policy.id),
                );
            } else {
                org.policies.push(policy);
            }
        }
    }
    attach_defaults(&mut org);
    org
}

fn load_org_policy(p: &Obj<'_>, org: &Organization, f: &mut Findings) -> Option<OrgPolicy> {
    let id = p.parse::<OrgPolicyId>("Id", f);
    if !p.has("Id") {
        f.error(&p.path, "`Id` is missing");
    }
    let kind = match p.req_str("Type", f) {
        Some("SERVICE_CONTROL_POLICY") => Some(OrgPolicyKind::Scp),
        Some("RESOURCE_CONTROL_POLICY") => Some(OrgPolicyKind::Rcp),
        Some(other) => {
            f.error(
                &p.at("Type"),
                format!("`{other}` is not a policy type (expected `SERVICE_CONTROL_POLICY` or `RESOURCE_CONTROL_POLICY`)"),
            );
            None
        }
        None => None,
    };
    let mut targets = Vec::new();
    for (path, v) in p.array("Targets", f) {
        // Accept both plain ids and list-targets-for-policy entries ({"TargetId": …}).
        let text = match v {
            serde_json::Value::String(s) => Some(s.as_str()),
            serde_json::Value::Object(m) => m.get("TargetId").and_then(serde_json::Value::as_str),
            _ => None,
        };
        match text.and_then(OrgNodeId::parse) {
            Some(node) => {
                let present = match &node {
                    OrgNodeId::Root(r) => org.roots.contains(r),
                    OrgNodeId::OrganizationalUnit(ou) => org.organizational_units.contains_key(ou),
                    OrgNodeId::Account(a) => org.accounts.contains_key(a),
                };
                if !present {
                    f.warn(
                        &path,
                        format!(
                            "target `{node}` is not in the organization; the attachment is ignored"
                        ),
                    );
                }
                targets.push(node);
            }
            None => f.error(&path, format!("`{v}` is not a root, OU or account id")),
        }
    }
    let kind = kind?;
    let policy_kind = match kind {
        OrgPolicyKind::Scp => PolicyKind::Scp,
        OrgPolicyKind::Rcp => PolicyKind::Rcp,
    };
    let document = match p.get("Content") {
        Some(v) => load_policy(v, policy_kind, &p.at("Content"), f),
        None => {
            f.error(&p.path, "`Content` is missing");
            return None;
        }
    };
    Some(OrgPolicy {
        id: id?,
        name: p.string("Name", f).unwrap_or_default(),
        kind,
        document,
        targets,
        synthesized: false,
    })
}

/// `FullAWSAccess` at every node with no SCP; `RCPFullAWSAccess` at every node.
fn attach_defaults(org: &mut Organization) {
    let nodes = org.all_nodes();
    let without_scp: Vec<OrgNodeId> = nodes
        .iter()
        .filter(|n| {
            !org.policies
                .iter()
                .any(|p| p.kind == OrgPolicyKind::Scp && p.targets.contains(n))
        })
        .cloned()
        .collect();
    add_targets(
        org,
        FULL_AWS_ACCESS_ID,
        "FullAWSAccess",
        OrgPolicyKind::Scp,
        without_scp,
    );
    add_targets(
        org,
        RCP_FULL_AWS_ACCESS_ID,
        "RCPFullAWSAccess",
        OrgPolicyKind::Rcp,
        nodes,
    );
}

fn add_targets(
    org: &mut Organization,
    id: &str,
    name: &str,
    kind: OrgPolicyKind,
    nodes: Vec<OrgNodeId>,
) {
    if let Some(existing) = org.policies.iter_mut().find(|p| p.id.as_str() == id) {
        for n in nodes {
            if !existing.targets.contains(&n) {
                existing.targets.push(n);
            }
        }
        return;
    }
    if nodes.is_empty() {
        return;
    }
    let Ok(policy_id) = id.parse::<OrgPolicyId>() else {
        return;
    };
    let document = match kind {
        OrgPolicyKind::Scp => synthesized(
            PolicyKind::Scp,
            None,
            &[AllowSpec {
                sid: None,
                principal: None,
                actions: &["*"],
                resources: &["*"],
                string_equals: Vec::new(),
            }],
        ),
        OrgPolicyKind::Rcp => synthesized(
            PolicyKind::Rcp,
            None,
            &[AllowSpec {
                sid: Some("RCPFullAWSAccess"),
                principal: Some(PrincipalSpec::Anyone),
                actions: &["*"],
                resources: &["*"],
                string_equals: Vec::new(),
            }],
        ),
    };
    org.policies.push(OrgPolicy {
        id: policy_id,
        name: name.to_owned(),
        kind,
        document,
        targets: nodes,
        synthesized: true,
    });
}
