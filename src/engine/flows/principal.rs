//! Who makes the request: the query's `Caller` (or the origin's role) resolved against the model
//! into an identity, its IAM entity, its policies and the facts AWS puts in the request context.

use crate::engine::authz::NamedPolicy;
use crate::engine::context::{CallerIdentity, CallerKind};
use crate::engine::ids::{AccountId, Arn};
use crate::engine::model::{Account, AttachedPolicy, Model, Role, Tags, User};
use crate::engine::policy::Policy;

/// The IAM entity behind the caller, when the model has it.
#[derive(Debug, Clone, Copy)]
pub enum Entity<'m> {
    User(&'m User),
    Role(&'m Role),
    /// The caller is an IAM principal the model does not describe (another account, a typo).
    NotInModel,
    /// Root, service principals, anonymous callers: no IAM entity.
    None,
}

/// A resolved caller.
#[derive(Debug, Clone)]
pub struct Principal<'m> {
    pub identity: CallerIdentity,
    pub entity: Entity<'m>,
    pub account: Option<&'m Account>,
}

/// Why a caller could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerError(pub String);

/// A policy the principal has, borrowed from the model, with the name verdicts use.
#[derive(Debug, Clone, Copy)]
pub struct PrincipalPolicy<'m> {
    pub name: &'m str,
    pub policy: &'m Policy,
    pub location: Option<&'m str>,
}

impl<'m> From<PrincipalPolicy<'m>> for NamedPolicy<'m> {
    fn from(p: PrincipalPolicy<'m>) -> Self {
        NamedPolicy {
            name: p.name,
            policy: p.policy,
            location: p.location,
        }
    }
}

/// The session name a role ARN stands for when no origin names one: a name no policy names.
pub const DEFAULT_SESSION_NAME: &str = "secretpath-session";

fn account_of<'m>(model: &'m Model, id: &AccountId) -> Option<&'m Account> {
    model.accounts.iter().find(|a| &a.id == id)
}

fn role_by_name<'m>(account: Option<&'m Account>, name: &str) -> Option<&'m Role> {
    account.and_then(|a| a.iam.roles.iter().find(|r| r.name == name))
}

/// Resolve a caller ARN. `session_name` is the origin's session name (instance id, function
/// name) used when the caller is a role ARN.
pub fn resolve_caller<'m>(
    model: &'m Model,
    caller: &str,
    session_name: Option<&str>,
) -> Result<Principal<'m>, CallerError> {
    if !caller.starts_with("arn:") {
        if caller.ends_with(".amazonaws.com") {
            return Ok(Principal {
                identity: CallerIdentity {
                    kind: CallerKind::Service {
                        name: caller.to_owned(),
                    },
                    request_arn: caller.to_owned(),
                    account: None,
                },
                entity: Entity::None,
                account: None,
            });
        }
        return Err(CallerError(format!(
            "`{caller}` is not an ARN or a service principal"
        )));
    }
    let arn: Arn = caller
        .parse()
        .map_err(|_| CallerError(format!("`{caller}` is not a valid ARN")))?;
    let Some(account_id) = arn.account_id() else {
        return Err(CallerError(format!("`{caller}` does not name an account")));
    };
    let account = account_of(model, &account_id);
    let resource = arn.resource();
    match arn.service() {
        "iam" => {
            if resource == "root" {
                return Ok(Principal {
                    identity: CallerIdentity {
                        kind: CallerKind::Root,
                        request_arn: caller.to_owned(),
                        account: Some(account_id),
                    },
                    entity: Entity::None,
                    account,
                });
            }
            if let Some(rest) = resource.strip_prefix("role/") {
                let name = rest.rsplit('/').next().unwrap_or(rest);
                let role = account.and_then(|a| a.iam.roles.iter().find(|r| r.arn == arn));
                let role_arn = role.map_or_else(|| arn.clone(), |r| r.arn.clone());
                let session = session_name.unwrap_or(DEFAULT_SESSION_NAME).to_owned();
                let request_arn = format!(
                    "arn:{}:sts::{account_id}:assumed-role/{name}/{session}",
                    arn.partition()
                );
                return Ok(Principal {
                    identity: CallerIdentity {
                        kind: CallerKind::RoleSession {
                            role_arn,
                            session_name: session,
                        },
                        request_arn,
                        account: Some(account_id),
                    },
                    entity: role.map_or(Entity::NotInModel, Entity::Role),
                    account,
                });
            }
            if resource.starts_with("user/") {
                let user = account.and_then(|a| a.iam.users.iter().find(|u| u.arn == arn));
                return Ok(Principal {
                    identity: CallerIdentity {
                        kind: CallerKind::User {
                            user_arn: arn.clone(),
                        },
                        request_arn: caller.to_owned(),
                        account: Some(account_id),
                    },
                    entity: user.map_or(Entity::NotInModel, Entity::User),
                    account,
                });
            }
            Err(CallerError(format!(
                "`{caller}` is not a user, role or root ARN"
            )))
        }
        "sts" => {
            if let Some(rest) = resource.strip_prefix("assumed-role/") {
                let mut parts = rest.splitn(2, '/');
                let name = parts.next().unwrap_or_default();
                let Some(session) = parts.next().filter(|s| !s.is_empty()) else {
                    return Err(CallerError(format!(
                        "`{caller}` has no session name (expected assumed-role/NAME/SESSION)"
                    )));
                };
                let role = role_by_name(account, name);
                let role_arn = match role {
                    Some(r) => r.arn.clone(),
                    None => format!("arn:{}:iam::{account_id}:role/{name}", arn.partition())
                        .parse()
                        .map_err(|_| CallerError(format!("`{caller}` names an invalid role")))?,
                };
                return Ok(Principal {
                    identity: CallerIdentity {
                        kind: CallerKind::RoleSession {
                            role_arn,
                            session_name: session.to_owned(),
                        },
                        request_arn: caller.to_owned(),
                        account: Some(account_id),
                    },
                    entity: role.map_or(Entity::NotInModel, Entity::Role),
                    account,
                });
            }
            if let Some(name) = resource.strip_prefix("federated-user/") {
                return Ok(Principal {
                    identity: CallerIdentity {
                        kind: CallerKind::FederatedUser {
                            user_arn: None,
                            name: name.to_owned(),
                        },
                        request_arn: caller.to_owned(),
                        account: Some(account_id),
                    },
                    entity: Entity::NotInModel,
                    account,
                });
            }
            Err(CallerError(format!(
                "`{caller}` is not an assumed-role or federated-user session ARN"
            )))
        }
        other => Err(CallerError(format!(
            "`{caller}` is a `{other}` ARN, not an IAM principal"
        ))),
    }
}

/// The principal's identity-based policies (inline, attached managed, and for users their
/// groups' policies), plus notes for policies that are not in the model.
pub fn identity_policies<'m>(
    model: &'m Model,
    principal: &Principal<'m>,
) -> (Vec<PrincipalPolicy<'m>>, Vec<String>) {
    let attached = match (principal.entity, principal.account) {
        (Entity::Role(role), _) => model.identity_policies_of_role(role),
        (Entity::User(user), Some(account)) => {
            let mut notes = Vec::new();
            for group in &user.groups {
                if model.group(&account.id, group).is_none() {
                    notes.push(format!("group `{group}` of the user is not in the model: its policies are not seen"));
                }
            }
            return with_notes(model.identity_policies_of_user(&account.id, user), notes);
        }
        (Entity::NotInModel, _) => {
            return (
                Vec::new(),
                vec![format!(
                    "`{}` is not in the model: its identity policies are unknown and treated as granting nothing",
                    principal.identity.principal_arn()
                )],
            )
        }
        _ => Vec::new(),
    };
    with_notes(attached, Vec::new())
}

fn with_notes<'m>(
    attached: Vec<AttachedPolicy<'m>>,
    mut notes: Vec<String>,
) -> (Vec<PrincipalPolicy<'m>>, Vec<String>) {
    let mut out = Vec::new();
    for p in attached {
        match p.policy {
            Some(policy) => out.push(PrincipalPolicy { name: p.name, policy, location: p.location }),
            None => notes.push(format!(
                "policy `{}` is attached but not in the model (or not readable): it is treated as granting nothing, and any Deny it holds is not seen",
                p.name
            )),
        }
    }
    (out, notes)
}

/// An empty policy: what a permissions boundary missing from the model is treated as (it then
/// allows nothing — SecretPath never fails open).
pub static EMPTY_POLICY: std::sync::LazyLock<Policy> = std::sync::LazyLock::new(|| Policy {
    version: Some("2012-10-17".to_owned()),
    id: None,
    statements: Vec::new(),
});

/// The permissions boundary, if the principal has one: (ARN, policy, note when not in model).
pub fn permissions_boundary<'m>(
    model: &'m Model,
    principal: &Principal<'m>,
) -> Option<(PrincipalPolicy<'m>, Option<String>)> {
    let arn = match principal.entity {
        Entity::Role(r) => r.permissions_boundary.as_ref()?,
        Entity::User(u) => u.permissions_boundary.as_ref()?,
        _ => return None,
    };
    let document = model.permissions_boundary(Some(arn));
    let found = document.and_then(|d| d.policy.as_ref());
    Some(match found {
        Some(policy) => (
            PrincipalPolicy { name: arn.as_str(), policy, location: document.and_then(|d| d.location()) },
            None,
        ),
        None => (
            PrincipalPolicy { name: arn.as_str(), policy: &EMPTY_POLICY, location: None },
            Some(format!(
                "permissions boundary `{arn}` is not in the model: it is treated as allowing nothing"
            )),
        ),
    })
}

/// The tags of the principal's IAM entity (`aws:PrincipalTag/*`).
pub fn principal_tags<'m>(principal: &Principal<'m>) -> Option<&'m Tags> {
    match principal.entity {
        Entity::Role(r) => Some(&r.tags),
        Entity::User(u) => Some(&u.tags),
        _ => None,
    }
}

/// `aws:userid` as AWS sets it: `AIDA…` for users, `AROA…:session` for role sessions, the
/// account id for root.
pub fn user_id(principal: &Principal<'_>) -> String {
    match (&principal.identity.kind, principal.entity) {
        (CallerKind::User { user_arn }, Entity::User(u)) => {
            u.id.clone().unwrap_or_else(|| user_arn.to_string())
        }
        (CallerKind::User { user_arn }, _) => user_arn.to_string(),
        (CallerKind::RoleSession { session_name, .. }, Entity::Role(r)) => {
            format!(
                "{}:{session_name}",
                r.id.clone()
                    .unwrap_or_else(|| "AROAUNKNOWNROLEID".to_owned())
            )
        }
        (CallerKind::RoleSession { session_name, .. }, _) => {
            format!("AROAUNKNOWNROLEID:{session_name}")
        }
        (CallerKind::Root, _) => principal
            .identity
            .account
            .as_ref()
            .map(|a| a.to_string())
            .unwrap_or_default(),
        (CallerKind::FederatedUser { name, .. }, _) => {
            format!(
                "{}:{name}",
                principal
                    .identity
                    .account
                    .as_ref()
                    .map(|a| a.to_string())
                    .unwrap_or_default()
            )
        }
        (CallerKind::Service { name }, _) => name.clone(),
        (CallerKind::Anonymous, _) => "anonymous".to_owned(),
    }
}
