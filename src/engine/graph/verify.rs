//! `verify`: the index and the model agree. Every node names an entity of the model (found
//! through the model's own lookups), every entity of a drawn kind has a node in the account
//! that lists it, and every edge joins kinds its relation allows.

use std::collections::BTreeSet;

use crate::engine::ids::AccountId;
use crate::engine::model::Model;

use super::build::{group_node_id, key_is_drawn};
use super::index::GraphIndex;
use super::node::{NodeId, NodeKind};
use super::relation::Relation;

/// Whether the model holds the entity a node names.
fn in_model(model: &Model, node: &NodeId) -> bool {
    let id = node.as_str();
    let mut regions = model.all_regions();
    match node.kind() {
        NodeKind::Account => id
            .parse::<AccountId>()
            .is_ok_and(|a| model.account(&a).is_some()),
        NodeKind::User => model.user_by_arn(id).is_some(),
        NodeKind::Role => model.role_by_arn(id).is_some(),
        NodeKind::Group => model.accounts.iter().any(|a| {
            a.iam
                .groups
                .iter()
                .any(|g| group_node_id(a, g).as_str() == id)
        }),
        NodeKind::Secret => regions.any(|(_, r)| r.secrets.iter().any(|s| s.arn.as_str() == id)),
        NodeKind::Parameter => {
            regions.any(|(_, r)| r.parameters.iter().any(|p| p.arn.as_str() == id))
        }
        NodeKind::Key => regions.any(|(_, r)| r.keys.iter().any(|k| k.arn.as_str() == id)),
        NodeKind::Function => {
            regions.any(|(_, r)| r.functions.iter().any(|f| f.arn.as_str() == id))
        }
        NodeKind::DbInstance => {
            regions.any(|(_, r)| r.db_instances.iter().any(|d| d.arn.as_str() == id))
        }
        NodeKind::Vpc => model.vpc(id).is_some(),
        NodeKind::Subnet => model.subnet(id).is_some(),
        NodeKind::Instance => model.instance(id).is_some(),
        NodeKind::VpcEndpoint => model.vpc_endpoint(id).is_some(),
        NodeKind::InternetGateway => model.internet_gateway(id).is_some(),
        NodeKind::NatGateway => model.nat_gateway(id).is_some(),
        NodeKind::RouteTable => model.route_table(id).is_some(),
        NodeKind::SecurityGroup => model.security_group(id).is_some(),
        NodeKind::NetworkAcl => model.network_acl(id).is_some(),
    }
}

/// Every entity of a drawn kind, with the account that lists it. Synthesised AWS managed keys
/// are drawn only when something uses them; the rest always.
fn drawn_entities(model: &Model, index: &GraphIndex) -> Vec<(NodeId, String)> {
    let used_keys: BTreeSet<String> = index
        .edges()
        .filter(|e| e.relation == Relation::EncryptsWith)
        .map(|e| e.to.as_str().to_owned())
        .collect();
    let mut out = Vec::new();
    for a in &model.accounts {
        let owner = a.id.as_str().to_owned();
        let mut push = |kind, id: &str| out.push((NodeId::new(kind, id), owner.clone()));
        push(NodeKind::Account, a.id.as_str());
        for u in &a.iam.users {
            push(NodeKind::User, u.arn.as_str());
        }
        for g in &a.iam.groups {
            push(NodeKind::Group, group_node_id(a, g).as_str());
        }
        for r in &a.iam.roles {
            push(NodeKind::Role, r.arn.as_str());
        }
        for r in &a.regions {
            r.secrets
                .iter()
                .for_each(|s| push(NodeKind::Secret, s.arn.as_str()));
            r.parameters
                .iter()
                .for_each(|p| push(NodeKind::Parameter, p.arn.as_str()));
            r.keys
                .iter()
                .filter(|k| key_is_drawn(k, &used_keys))
                .for_each(|k| push(NodeKind::Key, k.arn.as_str()));
            r.vpcs
                .iter()
                .for_each(|v| push(NodeKind::Vpc, v.id.as_str()));
            r.subnets
                .iter()
                .for_each(|s| push(NodeKind::Subnet, s.id.as_str()));
            r.route_tables
                .iter()
                .for_each(|t| push(NodeKind::RouteTable, t.id.as_str()));
            r.security_groups
                .iter()
                .for_each(|g| push(NodeKind::SecurityGroup, g.id.as_str()));
            r.network_acls
                .iter()
                .for_each(|n| push(NodeKind::NetworkAcl, n.id.as_str()));
            r.vpc_endpoints
                .iter()
                .for_each(|e| push(NodeKind::VpcEndpoint, e.id.as_str()));
            r.nat_gateways
                .iter()
                .for_each(|n| push(NodeKind::NatGateway, n.id.as_str()));
            r.internet_gateways
                .iter()
                .for_each(|g| push(NodeKind::InternetGateway, g.id.as_str()));
            r.instances
                .iter()
                .for_each(|i| push(NodeKind::Instance, i.id.as_str()));
            r.functions
                .iter()
                .for_each(|f| push(NodeKind::Function, f.arn.as_str()));
            r.db_instances
                .iter()
                .for_each(|d| push(NodeKind::DbInstance, d.arn.as_str()));
        }
    }
    out
}

impl GraphIndex {
    /// Check that the index and the model agree; every disagreement, in words.
    pub fn verify(&self, model: &Model) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        if self.labels.len() != self.graph.node_count() {
            problems.push(format!(
                "{} labels for {} nodes",
                self.labels.len(),
                self.graph.node_count()
            ));
        }
        for node in self.nodes() {
            if !in_model(model, node) {
                problems.push(format!("{} node `{node}` is not in the model", node.kind()));
            }
            if self.index_of(node).is_none() {
                problems.push(format!(
                    "{} node `{node}` cannot be found by its id",
                    node.kind()
                ));
            }
            let accounts = self.related(node, Relation::InAccount).len();
            let expected = usize::from(node.kind() != NodeKind::Account);
            if accounts != expected {
                problems.push(format!(
                    "{} node `{node}` is in {accounts} accounts, expected {expected}",
                    node.kind()
                ));
            }
        }
        for (entity, owner) in drawn_entities(model, self) {
            if !self.contains(&entity) {
                problems.push(format!(
                    "{} `{entity}` of account `{owner}` has no node",
                    entity.kind()
                ));
            } else if self.account_of(&entity).map(NodeId::as_str) != Some(owner.as_str()) {
                problems.push(format!(
                    "{} `{entity}` is listed under account `{owner}` but indexed under `{}`",
                    entity.kind(),
                    self.account_of(&entity)
                        .map_or("no account", NodeId::as_str)
                ));
            }
        }
        for edge in self.edges() {
            if !edge.relation.joins(edge.from.kind(), edge.to.kind()) {
                problems.push(format!(
                    "edge `{}` {} `{}` joins a {} to a {}",
                    edge.from,
                    edge.relation,
                    edge.to,
                    edge.from.kind(),
                    edge.to.kind()
                ));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}
