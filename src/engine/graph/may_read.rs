//! The `MayRead` approximation: which roles and users have an identity-policy Allow whose
//! Action and Resource name reading a secret (`secretsmanager:GetSecretValue`) or a parameter
//! (`ssm:GetParameter`). For drawing only: conditions, Deny statements, boundaries, SCPs,
//! resource and key policies and the network are all ignored. A statement the engine does not
//! fully understand never allows (as in evaluation), so it draws no edge either.

use crate::engine::ids::Arn;
use crate::engine::model::{AttachedPolicy, Model};
use crate::engine::policy::matching::{action_matches, arn_matches, Pattern};
use crate::engine::policy::{Effect, PatternElement, Statement};

use super::node::{NodeId, NodeKind};

const READ_SECRET: &str = "secretsmanager:GetSecretValue";
const READ_PARAMETER: &str = "ssm:GetParameter";

fn element_matches(element: &PatternElement, matches: impl Fn(&str) -> bool) -> bool {
    element.patterns.iter().any(|p| matches(p)) != element.negated
}

fn statement_allows(statement: &Statement, action: &str, resource: &str) -> bool {
    statement.effect == Effect::Allow
        && statement.unsupported.is_empty()
        && element_matches(&statement.action, |p| action_matches(p, action))
        && statement
            .resource
            .as_ref()
            .is_none_or(|r| element_matches(r, |p| arn_matches(&Pattern::wildcard(p), resource)))
}

fn policies_allow(policies: &[AttachedPolicy<'_>], action: &str, resource: &str) -> bool {
    policies
        .iter()
        .filter_map(|p| p.policy)
        .flat_map(|p| p.statements.iter())
        .any(|s| statement_allows(s, action, resource))
}

/// Every (reader, secret or parameter ARN) pair an identity policy allows reading.
pub(super) fn may_read(model: &Model) -> Vec<(NodeId, Arn)> {
    let readable: Vec<(&str, &Arn)> = model
        .all_regions()
        .flat_map(|(_, region)| {
            let secrets = region.secrets.iter().map(|s| (READ_SECRET, &s.arn));
            let parameters = region.parameters.iter().map(|p| (READ_PARAMETER, &p.arn));
            secrets.chain(parameters)
        })
        .collect();
    let mut out = Vec::new();
    let mut check = |reader: NodeId, policies: Vec<AttachedPolicy<'_>>| {
        for (action, arn) in &readable {
            if policies_allow(&policies, action, arn.as_str()) {
                out.push((reader.clone(), (*arn).clone()));
            }
        }
    };
    for account in &model.accounts {
        for role in &account.iam.roles {
            check(
                NodeId::new(NodeKind::Role, role.arn.as_str()),
                model.identity_policies_of_role(role),
            );
        }
        for user in &account.iam.users {
            check(
                NodeId::new(NodeKind::User, user.arn.as_str()),
                model.identity_policies_of_user(&account.id, user),
            );
        }
    }
    out
}
