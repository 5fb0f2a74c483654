//! Building the index from a model: first every node (in id order), then every edge.
//! References the model cannot resolve (a role that is not listed, a key of another model)
//! simply give no edge: the graph draws what the model holds.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::{DiGraph, NodeIndex};

use crate::engine::ids::Arn;
use crate::engine::model::{
    Account, Group, Key, Located, Model, PolicyDocument, RegionResources, RouteTarget, Secret,
    Subnet, Tags,
};
use crate::engine::policy::{PrincipalSet, PrincipalType};

use super::index::GraphIndex;
use super::may_read::may_read;
use super::node::{NodeId, NodeKind};
use super::relation::Relation;

/// The id of a group node: its ARN, or the ARN AWS would give it.
pub(super) fn group_node_id(account: &Account, group: &Group) -> NodeId {
    let id = match &group.arn {
        Some(arn) => arn.as_str().to_owned(),
        None => format!(
            "arn:aws:iam::{}:group{}{}",
            account.id, group.path, group.name
        ),
    };
    NodeId::new(NodeKind::Group, id)
}

fn name_tag(tags: &Tags) -> Option<&str> {
    tags.get("Name")
        .map(String::as_str)
        .filter(|n| !n.is_empty())
}

/// The keys a secret or SecureString parameter of the model is encrypted with (key ARNs).
fn keys_in_use(model: &Model) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for (account, region) in model.all_regions() {
        for item in &region.secrets {
            let located = Located {
                account,
                region,
                item,
            };
            if let Some(key) = model.key_of_secret(&located) {
                used.insert(key.item.arn.as_str().to_owned());
            }
        }
        for p in &region.parameters {
            if let Some(key) = p
                .key_reference()
                .and_then(|r| model.resolve_key(&account.id, &region.region, r))
            {
                used.insert(key.item.arn.as_str().to_owned());
            }
        }
    }
    used
}

/// Whether the graph draws a key: every key the model lists, and the AWS managed keys the
/// loader synthesised only where something is encrypted with them (AWS creates them on first
/// use).
pub(super) fn key_is_drawn(key: &Key, in_use: &BTreeSet<String>) -> bool {
    !key.synthesized || in_use.contains(key.arn.as_str())
}

fn key_label(key: &Key) -> String {
    let mut names: Vec<&str> = key.aliases.iter().map(|a| a.name.as_str()).collect();
    names.sort_unstable();
    match names.first() {
        Some(alias) => (*alias).to_owned(),
        None => key.key_id.as_str().to_owned(),
    }
}

/// Nodes before they get indices: id → label, plus the other names they answer to.
#[derive(Default)]
struct NodeList {
    labels: BTreeMap<NodeId, String>,
    aliases: Vec<(String, NodeId)>,
    roles: Vec<((String, String), NodeId)>,
}

impl NodeList {
    fn add(&mut self, kind: NodeKind, id: &str, label: Option<&str>) -> NodeId {
        let node = NodeId::new(kind, id);
        self.labels
            .entry(node.clone())
            .or_insert_with(|| label.unwrap_or(id).to_owned());
        node
    }
}

fn list_nodes(model: &Model, in_use: &BTreeSet<String>) -> NodeList {
    let mut list = NodeList::default();
    for account in &model.accounts {
        list.add(
            NodeKind::Account,
            account.id.as_str(),
            account.name.as_deref(),
        );
        for user in &account.iam.users {
            list.add(NodeKind::User, user.arn.as_str(), Some(&user.name));
        }
        for group in &account.iam.groups {
            let id = group_node_id(account, group);
            list.add(NodeKind::Group, id.as_str(), Some(&group.name));
        }
        for role in &account.iam.roles {
            let node = list.add(NodeKind::Role, role.arn.as_str(), Some(&role.name));
            list.roles
                .push(((account.id.as_str().to_owned(), role.name.clone()), node));
        }
        for region in &account.regions {
            list_region_nodes(&mut list, region, in_use);
        }
    }
    list
}

fn list_region_nodes(list: &mut NodeList, region: &RegionResources, in_use: &BTreeSet<String>) {
    for s in &region.secrets {
        let node = list.add(NodeKind::Secret, s.arn.as_str(), Some(&s.name));
        list.aliases.push((s.partial_arn().to_owned(), node));
    }
    for p in &region.parameters {
        list.add(NodeKind::Parameter, p.arn.as_str(), Some(&p.name));
    }
    for k in region.keys.iter().filter(|k| key_is_drawn(k, in_use)) {
        let node = list.add(NodeKind::Key, k.arn.as_str(), Some(&key_label(k)));
        list.aliases
            .push((k.key_id.as_str().to_owned(), node.clone()));
        for alias in &k.aliases {
            list.aliases
                .push((alias.arn.as_str().to_owned(), node.clone()));
        }
    }
    for v in &region.vpcs {
        list.add(NodeKind::Vpc, v.id.as_str(), name_tag(&v.tags));
    }
    for s in &region.subnets {
        list.add(NodeKind::Subnet, s.id.as_str(), name_tag(&s.tags));
    }
    for t in &region.route_tables {
        list.add(NodeKind::RouteTable, t.id.as_str(), name_tag(&t.tags));
    }
    for g in &region.security_groups {
        let label = name_tag(&g.tags).or(g.name.as_deref());
        list.add(NodeKind::SecurityGroup, g.id.as_str(), label);
    }
    for n in &region.network_acls {
        list.add(NodeKind::NetworkAcl, n.id.as_str(), name_tag(&n.tags));
    }
    for e in &region.vpc_endpoints {
        let label = name_tag(&e.tags).unwrap_or(e.service_short_name());
        let label = if label.is_empty() { None } else { Some(label) };
        list.add(NodeKind::VpcEndpoint, e.id.as_str(), label);
    }
    for n in &region.nat_gateways {
        list.add(NodeKind::NatGateway, n.id.as_str(), name_tag(&n.tags));
    }
    for g in &region.internet_gateways {
        list.add(NodeKind::InternetGateway, g.id.as_str(), name_tag(&g.tags));
    }
    for i in &region.instances {
        list.add(NodeKind::Instance, i.id.as_str(), name_tag(&i.tags));
    }
    for f in &region.functions {
        list.add(NodeKind::Function, f.arn.as_str(), Some(&f.name));
    }
    for d in &region.db_instances {
        list.add(NodeKind::DbInstance, d.arn.as_str(), Some(&d.identifier));
    }
}

/// Edges before they are added: by node index, so the set orders them as the graph will.
struct EdgeList<'i> {
    index: &'i GraphIndex,
    edges: BTreeSet<(NodeIndex, NodeIndex, Relation)>,
}

impl EdgeList<'_> {
    /// An edge from a node of the index to whatever `to` names, when it names a node.
    fn add(&mut self, from: &NodeId, relation: Relation, to: &str) {
        let (Some(f), Some(t)) = (self.index.index_of(from), self.index.resolve(to)) else {
            return;
        };
        let kinds_fit = self
            .index
            .graph
            .node_weight(t)
            .is_some_and(|target| relation.joins(from.kind(), target.kind()));
        if f != t && kinds_fit {
            self.edges.insert((f, t, relation));
        }
    }
}

impl GraphIndex {
    /// Index a model: a node for every drawn entity, an edge for every relation the model
    /// states or implies (see [`Relation`]).
    pub fn build(model: &Model) -> GraphIndex {
        let in_use = keys_in_use(model);
        let list = list_nodes(model, &in_use);
        let mut graph = DiGraph::with_capacity(list.labels.len(), list.labels.len() * 3);
        let mut by_id = BTreeMap::new();
        let mut labels = Vec::with_capacity(list.labels.len());
        for (node, label) in list.labels {
            if by_id.contains_key(node.as_str()) {
                continue;
            }
            let key = node.as_str().to_owned();
            let i = graph.add_node(node);
            by_id.insert(key, i);
            labels.push(label);
        }
        let find = |node: &NodeId| by_id.get(node.as_str()).copied();
        let mut aliases = BTreeMap::new();
        for (alias, node) in &list.aliases {
            if let Some(i) = find(node) {
                if !by_id.contains_key(alias) {
                    aliases.entry(alias.clone()).or_insert(i);
                }
            }
        }
        let mut roles_by_name = BTreeMap::new();
        for (name, node) in &list.roles {
            if let Some(i) = find(node) {
                roles_by_name.entry(name.clone()).or_insert(i);
            }
        }
        let mut index = GraphIndex {
            graph,
            by_id,
            aliases,
            roles_by_name,
            labels,
        };
        let edges = {
            let mut edges = EdgeList {
                index: &index,
                edges: BTreeSet::new(),
            };
            list_edges(model, &mut edges);
            edges.edges
        };
        for (from, to, relation) in edges {
            index.graph.add_edge(from, to, relation);
        }
        index
    }
}

fn list_edges(model: &Model, edges: &mut EdgeList<'_>) {
    for account in &model.accounts {
        let account_id = account.id.as_str();
        for user in &account.iam.users {
            let node = NodeId::new(NodeKind::User, user.arn.as_str());
            edges.add(&node, Relation::InAccount, account_id);
            for group in &user.groups {
                if let Some(g) = account.iam.groups.iter().find(|g| &g.name == group) {
                    edges.add(
                        &node,
                        Relation::MemberOf,
                        group_node_id(account, g).as_str(),
                    );
                }
            }
        }
        for group in &account.iam.groups {
            edges.add(
                &group_node_id(account, group),
                Relation::InAccount,
                account_id,
            );
        }
        for role in &account.iam.roles {
            let node = NodeId::new(NodeKind::Role, role.arn.as_str());
            edges.add(&node, Relation::InAccount, account_id);
        }
        for region in &account.regions {
            list_region_edges(model, account, region, edges);
        }
    }
    for (reader, item) in may_read(model) {
        edges.add(&reader, Relation::MayRead, item.as_str());
    }
}

fn list_region_edges(
    model: &Model,
    account: &Account,
    region: &RegionResources,
    edges: &mut EdgeList<'_>,
) {
    let account_id = account.id.as_str();
    for item in &region.secrets {
        let secret = Located {
            account,
            region,
            item,
        };
        secret_edges(model, &secret, edges);
    }
    for p in &region.parameters {
        let node = NodeId::new(NodeKind::Parameter, p.arn.as_str());
        edges.add(&node, Relation::InAccount, account_id);
        if let Some(key) = p
            .key_reference()
            .and_then(|r| model.resolve_key(&account.id, &region.region, r))
        {
            edges.add(&node, Relation::EncryptsWith, key.item.arn.as_str());
        }
    }
    for k in &region.keys {
        edges.add(
            &NodeId::new(NodeKind::Key, k.arn.as_str()),
            Relation::InAccount,
            account_id,
        );
    }
    for v in &region.vpcs {
        edges.add(
            &NodeId::new(NodeKind::Vpc, v.id.as_str()),
            Relation::InAccount,
            account_id,
        );
    }
    for s in &region.subnets {
        subnet_edges(model, account, s, edges);
    }
    for t in &region.route_tables {
        let node = NodeId::new(NodeKind::RouteTable, t.id.as_str());
        edges.add(&node, Relation::InAccount, account_id);
        edges.add(&node, Relation::InVpc, t.vpc_id.as_str());
    }
    for g in &region.security_groups {
        let node = NodeId::new(NodeKind::SecurityGroup, g.id.as_str());
        edges.add(&node, Relation::InAccount, account_id);
        if let Some(vpc) = &g.vpc_id {
            edges.add(&node, Relation::InVpc, vpc.as_str());
        }
    }
    for n in &region.network_acls {
        let node = NodeId::new(NodeKind::NetworkAcl, n.id.as_str());
        edges.add(&node, Relation::InAccount, account_id);
        edges.add(&node, Relation::InVpc, n.vpc_id.as_str());
    }
    for e in &region.vpc_endpoints {
        let node = NodeId::new(NodeKind::VpcEndpoint, e.id.as_str());
        edges.add(&node, Relation::InAccount, account_id);
        edges.add(&node, Relation::InVpc, e.vpc_id.as_str());
        for s in &e.subnet_ids {
            edges.add(&node, Relation::Serves, s.as_str());
        }
        for g in &e.security_group_ids {
            edges.add(&node, Relation::ProtectedBy, g.as_str());
        }
    }
    for n in &region.nat_gateways {
        let node = NodeId::new(NodeKind::NatGateway, n.id.as_str());
        edges.add(&node, Relation::InAccount, account_id);
        edges.add(&node, Relation::InSubnet, n.subnet_id.as_str());
        let vpc = n.vpc_id.clone().or_else(|| {
            model
                .subnet(n.subnet_id.as_str())
                .map(|s| s.item.vpc_id.clone())
        });
        if let Some(vpc) = vpc {
            edges.add(&node, Relation::InVpc, vpc.as_str());
        }
    }
    for g in &region.internet_gateways {
        let node = NodeId::new(NodeKind::InternetGateway, g.id.as_str());
        edges.add(&node, Relation::InAccount, account_id);
        for a in &g.attachments {
            edges.add(&node, Relation::InVpc, a.vpc_id.as_str());
        }
    }
    compute_edges(model, account, region, edges);
}

fn compute_edges(
    model: &Model,
    account: &Account,
    region: &RegionResources,
    edges: &mut EdgeList<'_>,
) {
    let account_id = account.id.as_str();
    let vpc_of_subnet = |subnet: &str| model.subnet(subnet).map(|s| s.item.vpc_id.clone());
    for i in &region.instances {
        let node = NodeId::new(NodeKind::Instance, i.id.as_str());
        edges.add(&node, Relation::InAccount, account_id);
        if let Some(subnet) = &i.subnet_id {
            edges.add(&node, Relation::InSubnet, subnet.as_str());
        }
        let vpc = i
            .vpc_id
            .clone()
            .or_else(|| i.subnet_id.as_ref().and_then(|s| vpc_of_subnet(s.as_str())));
        if let Some(vpc) = vpc {
            edges.add(&node, Relation::InVpc, vpc.as_str());
        }
        if let Some((_, role)) = model.role_of_instance(i) {
            edges.add(&node, Relation::RunsAs, role.arn.as_str());
        }
        for g in &i.security_group_ids {
            edges.add(&node, Relation::ProtectedBy, g.as_str());
        }
    }
    for f in &region.functions {
        let node = NodeId::new(NodeKind::Function, f.arn.as_str());
        edges.add(&node, Relation::InAccount, account_id);
        if let Some(config) = &f.vpc_config {
            let vpc = config.vpc_id.clone().or_else(|| {
                config
                    .subnet_ids
                    .first()
                    .and_then(|s| vpc_of_subnet(s.as_str()))
            });
            if let Some(vpc) = vpc {
                edges.add(&node, Relation::InVpc, vpc.as_str());
            }
            for s in &config.subnet_ids {
                edges.add(&node, Relation::InSubnet, s.as_str());
            }
            for g in &config.security_group_ids {
                edges.add(&node, Relation::ProtectedBy, g.as_str());
            }
        }
        if let Some((_, role)) = model.role_of_function(f) {
            edges.add(&node, Relation::RunsAs, role.arn.as_str());
        }
    }
    for d in &region.db_instances {
        let node = NodeId::new(NodeKind::DbInstance, d.arn.as_str());
        edges.add(&node, Relation::InAccount, account_id);
        let vpc = d
            .vpc_id
            .clone()
            .or_else(|| d.subnet_ids.first().and_then(|s| vpc_of_subnet(s.as_str())));
        if let Some(vpc) = vpc {
            edges.add(&node, Relation::InVpc, vpc.as_str());
        }
        for s in &d.subnet_ids {
            edges.add(&node, Relation::InSubnet, s.as_str());
        }
        for g in &d.security_groups {
            edges.add(&node, Relation::ProtectedBy, g.id.as_str());
        }
    }
}

fn subnet_edges(model: &Model, account: &Account, subnet: &Subnet, edges: &mut EdgeList<'_>) {
    let node = NodeId::new(NodeKind::Subnet, subnet.id.as_str());
    edges.add(&node, Relation::InAccount, account.id.as_str());
    edges.add(&node, Relation::InVpc, subnet.vpc_id.as_str());
    if let Some(acl) = model.network_acl_for_subnet(subnet) {
        edges.add(&node, Relation::UsesNetworkAcl, acl.item.id.as_str());
    }
    let Some(table) = model.route_table_for_subnet(subnet) else {
        return;
    };
    edges.add(&node, Relation::UsesRouteTable, table.item.id.as_str());
    for route in table.item.routes.iter().filter(|r| r.active) {
        let target = match &route.target {
            RouteTarget::InternetGateway(g) => g.as_str(),
            RouteTarget::NatGateway(n) => n.as_str(),
            RouteTarget::VpcEndpoint(e) => e.as_str(),
            _ => continue,
        };
        edges.add(&node, Relation::RoutesVia, target);
    }
}

fn secret_edges(model: &Model, secret: &Located<'_, Secret>, edges: &mut EdgeList<'_>) {
    let s = secret.item;
    let node = NodeId::new(NodeKind::Secret, s.arn.as_str());
    edges.add(&node, Relation::InAccount, secret.account.id.as_str());
    if let Some(key) = model.key_of_secret(secret) {
        edges.add(&node, Relation::EncryptsWith, key.item.arn.as_str());
    }
    if let Some(function) = s
        .rotation_lambda_arn
        .as_ref()
        .and_then(|a| model.function(a.as_str()))
    {
        edges.add(&node, Relation::RotatedBy, function.item.arn.as_str());
    }
    if let Some(structure) = &s.structure {
        if let Some(db) = structure
            .host
            .as_deref()
            .and_then(|h| model.db_instance_by_address(h))
        {
            edges.add(&node, Relation::RotationTargets, db.item.arn.as_str());
        }
        if let Some(master) = &structure.masterarn {
            master_edge(model, secret, &node, master, edges);
        }
    }
    if let Some(policy) = &s.resource_policy {
        for principal in named_principals(policy) {
            edges.add(&node, Relation::ResourcePolicyNames, &principal);
        }
    }
}

fn master_edge(
    model: &Model,
    secret: &Located<'_, Secret>,
    node: &NodeId,
    master: &Arn,
    edges: &mut EdgeList<'_>,
) {
    if let Some(found) =
        model.find_secret(master.as_str(), &secret.account.id, &secret.region.region)
    {
        edges.add(node, Relation::MasterSecret, found.item.arn.as_str());
    }
}

/// The AWS principals (ARNs and account ids) a resource policy's Principal elements name.
/// `*` names no one in particular; a bare account id means its root.
fn named_principals(policy: &PolicyDocument) -> Vec<String> {
    let Some(parsed) = &policy.policy else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for statement in &parsed.statements {
        let Some(element) = &statement.principal else {
            continue;
        };
        if element.negated {
            continue;
        }
        let PrincipalSet::Entries(entries) = &element.set else {
            continue;
        };
        for (kind, value) in entries {
            if *kind == PrincipalType::Aws && value != "*" {
                out.push(value.clone());
            }
        }
    }
    out
}
