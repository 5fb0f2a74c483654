//! Which SCPs and RCPs govern a request (S1, S9): SCPs at every level from the root to the
//! principal's account, RCPs at every level down to the resource's account, with AWS's
//! exemptions (management account, service principals, AWS managed keys, services RCPs do not
//! cover).

use crate::engine::authz::{NamedPolicy, OrgLevel};
use crate::engine::context::{CallerIdentity, CallerKind};
use crate::engine::ids::AccountId;
use crate::engine::model::{Model, OrgPolicyKind};

/// Services whose resources RCPs apply to (AWS Organizations "Resource control policies": list
/// of supported services).
const RCP_SERVICES: &[&str] = &[
    "s3",
    "sts",
    "kms",
    "sqs",
    "secretsmanager",
    "ecr",
    "aoss",
    "cognito-idp",
    "logs",
    "dynamodb",
];

fn levels<'m>(model: &'m Model, account: &AccountId, kind: OrgPolicyKind) -> Vec<OrgLevel<'m>> {
    let Some(org) = &model.organization else {
        return Vec::new();
    };
    org.path_to(account)
        .into_iter()
        .map(|node| OrgLevel {
            node: node.to_string(),
            policies: org
                .policies_attached(&node, kind)
                .into_iter()
                .filter_map(|p| NamedPolicy::from_document(p.id.as_str(), &p.document))
                .collect(),
        })
        .collect()
}

/// SCP levels for requests made by `caller`, with a note when SCPs do not apply.
pub fn scp_levels<'m>(
    model: &'m Model,
    caller: &CallerIdentity,
    notes: &mut Vec<String>,
) -> Vec<OrgLevel<'m>> {
    let Some(org) = &model.organization else {
        return Vec::new();
    };
    if matches!(
        caller.kind,
        CallerKind::Service { .. } | CallerKind::Anonymous
    ) {
        return Vec::new();
    }
    let Some(account) = &caller.account else {
        return Vec::new();
    };
    if !org.contains_account(account) {
        return Vec::new();
    }
    if org.is_management_account(account) {
        notes.push(format!(
            "SCPs do not apply: `{account}` is the organization's management account (S9)"
        ));
        return Vec::new();
    }
    if let CallerKind::RoleSession { role_arn, .. } = &caller.kind {
        if role_arn.resource().starts_with("role/aws-service-role/") {
            notes.push(format!(
                "SCPs do not apply: `{role_arn}` is a service-linked role (Organizations: SCPs do not affect service-linked roles)"
            ));
            return Vec::new();
        }
    }
    levels(model, account, OrgPolicyKind::Scp)
}

/// RCP levels for a request on a resource of `service` owned by `resource_account`.
pub fn rcp_levels<'m>(
    model: &'m Model,
    service: &str,
    resource_account: Option<&AccountId>,
    aws_managed_key: bool,
    notes: &mut Vec<String>,
) -> Vec<OrgLevel<'m>> {
    let Some(org) = &model.organization else {
        return Vec::new();
    };
    let Some(account) = resource_account else {
        return Vec::new();
    };
    if !org.contains_account(account) {
        return Vec::new();
    }
    if !RCP_SERVICES.contains(&service) {
        return Vec::new();
    }
    if org.is_management_account(account) {
        notes.push(format!(
            "RCPs do not apply: the resource is in the management account `{account}` (S9)"
        ));
        return Vec::new();
    }
    if aws_managed_key {
        notes.push("RCPs do not apply to AWS managed keys (S9)".to_owned());
        return Vec::new();
    }
    levels(model, account, OrgPolicyKind::Rcp)
}
