//! The `MayRead` approximation: which roles and users have an identity-policy Allow whose
//! Action and Resource name reading a secret (`secretsmanager:GetSecretValue`) or a parameter
//! (`ssm:GetParameter`). For drawing only: conditions, Deny statements, boundaries, SCPs,
//! resource and key policies and the network are all ignored. A statement the engine does not
//! fully understand never allows (as in evaluation), so it draws no edge either.

use crate::engine::ids::Arn;
use crate::engine::model::{AttachedPolicy, Model};
use crate::engine::policy::matching::{action_matches, arn_matches, Pattern, Token};
use crate::engine::policy::{Effect, PatternElement, Statement};

use super::node::{NodeId, NodeKind};

const READ_SECRET: &str = "secretsmanager:GetSecretValue";
const READ_PARAMETER: &str = "ssm:GetParameter";

fn element_matches(element: &PatternElement, matches: impl Fn(&str) -> bool) -> bool {
    element.patterns.iter().any(|p| matches(p)) != element.negated
}

/// An Allow statement that may grant reading, its Resource patterns compiled once.
struct ReadGrant {
    secrets: bool,
    parameters: bool,
    /// `None`: no Resource element (matches every resource).
    resources: Option<(Vec<ResourcePattern>, bool)>,
}

/// A Resource pattern with its literal start (everything before the first wildcard): an ARN
/// the pattern matches starts with it, so most ARNs are ruled out without matching at all.
struct ResourcePattern {
    pattern: Pattern,
    literal_start: String,
}

impl ResourcePattern {
    fn new(text: &str) -> ResourcePattern {
        let pattern = Pattern::wildcard(text);
        let literal_start = pattern
            .tokens
            .iter()
            .map_while(|t| match t {
                Token::Char(c) => Some(*c),
                _ => None,
            })
            .collect();
        ResourcePattern {
            pattern,
            literal_start,
        }
    }

    fn matches(&self, arn: &str) -> bool {
        arn.starts_with(&self.literal_start) && arn_matches(&self.pattern, arn)
    }
}

impl ReadGrant {
    fn of(statement: &Statement) -> Option<ReadGrant> {
        if statement.effect != Effect::Allow || !statement.unsupported.is_empty() {
            return None;
        }
        let secrets = element_matches(&statement.action, |p| action_matches(p, READ_SECRET));
        let parameters = element_matches(&statement.action, |p| action_matches(p, READ_PARAMETER));
        if !secrets && !parameters {
            return None;
        }
        let resources = statement.resource.as_ref().map(|r| {
            let patterns = r.patterns.iter().map(|p| ResourcePattern::new(p)).collect();
            (patterns, r.negated)
        });
        Some(ReadGrant {
            secrets,
            parameters,
            resources,
        })
    }

    fn allows(&self, action: &str, resource: &str) -> bool {
        let action_ok = if action == READ_SECRET {
            self.secrets
        } else {
            self.parameters
        };
        action_ok
            && self.resources.as_ref().is_none_or(|(patterns, negated)| {
                patterns.iter().any(|p| p.matches(resource)) != *negated
            })
    }
}

fn read_grants(policies: &[AttachedPolicy<'_>]) -> Vec<ReadGrant> {
    policies
        .iter()
        .filter_map(|p| p.policy)
        .flat_map(|p| p.statements.iter())
        .filter_map(ReadGrant::of)
        .collect()
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
        let grants = read_grants(&policies);
        if grants.is_empty() {
            return;
        }
        for (action, arn) in &readable {
            if grants.iter().any(|g| g.allows(action, arn.as_str())) {
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
