//! Statement-by-statement evaluation of one policy against one request, with a trace of every
//! element compared. INTERFACE STUB: the policy-language work fills in the bodies.

use serde::Serialize;

use super::ast::{Effect, Policy, PolicyKind, StatementRef};
use crate::engine::context::{ContextValue, RequestContext};
use crate::engine::ids::AccountId;

/// Three-valued match: `Unknown` comes from what the engine does not understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Tri {
    Match,
    NoMatch,
    Unknown,
}

/// Which element a check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ElementKind {
    Principal,
    NotPrincipal,
    Action,
    NotAction,
    Resource,
    NotResource,
    Condition,
}

/// How the caller matched a Principal element — authorisation needs to know (S4, S5, S6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PrincipalMatch {
    /// `"*"` or `{"AWS": "*"}`.
    Wildcard,
    /// `"ACCT"` or `arn:aws:iam::ACCT:root`: delegation to the account (S5).
    Account(AccountId),
    /// The role ARN of the caller's session.
    RoleArn,
    /// The caller's exact assumed-role session ARN.
    RoleSessionArn,
    /// The caller's IAM user ARN.
    UserArn,
    /// The caller's federated-user session ARN.
    FederatedUserArn,
    /// A service principal (`Service`).
    Service,
    /// A `Federated` or `CanonicalUser` entry.
    Other,
    /// NotPrincipal that does not list the caller (so the statement covers the caller).
    NotListed,
}

/// One comparison made while evaluating a statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementCheck {
    pub element: ElementKind,
    pub outcome: Tri,
    /// For conditions: the operator as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// For conditions: the key as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The policy's values (patterns, ARNs, condition values), after variable substitution.
    pub policy_values: Vec<String>,
    /// The request's value: the action, resource, principal, or the condition key's value;
    /// `None` for a condition key absent from the request.
    pub request_value: Option<ContextValue>,
    /// One sentence for a person, e.g. "key `aws:SourceVpce` is absent, so StringNotEquals is true".
    pub explanation: String,
}

/// The evaluation of one statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementTrace {
    pub statement: StatementRef,
    pub index: usize,
    pub effect: Effect,
    /// Whether the statement applies to the request (for a statement with unsupported parts: an
    /// Allow never applies, a Deny applies when all understood parts match).
    pub applies: bool,
    /// How the caller matched the Principal element, when the statement has one and it matched.
    pub principal_match: Option<PrincipalMatch>,
    /// Every element compared, in policy order (Principal, Action, Resource, then conditions).
    pub checks: Vec<ElementCheck>,
    /// Unsupported parts that influenced this evaluation.
    pub unsupported: Vec<String>,
}

impl StatementTrace {
    /// Checks that did not match: for a non-applying statement, why it missed.
    pub fn failed_checks(&self) -> impl Iterator<Item = &ElementCheck> {
        self.checks.iter().filter(|c| c.outcome != Tri::Match)
    }
}

/// The evaluation of one policy: one trace per statement, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyEvaluation {
    pub statements: Vec<StatementTrace>,
}

impl PolicyEvaluation {
    /// Deny statements that apply.
    pub fn denies(&self) -> impl Iterator<Item = &StatementTrace> {
        self.statements.iter().filter(|s| s.applies && s.effect == Effect::Deny)
    }
    /// Allow statements that apply.
    pub fn allows(&self) -> impl Iterator<Item = &StatementTrace> {
        self.statements.iter().filter(|s| s.applies && s.effect == Effect::Allow)
    }
    /// The Allow statement that came closest to applying (fewest failed checks; ties → first),
    /// for explaining an implicit deny. `None` when the policy has no Allow statement.
    pub fn nearest_miss(&self) -> Option<&StatementTrace> {
        self.statements
            .iter()
            .filter(|s| s.effect == Effect::Allow && !s.applies)
            .min_by_key(|s| (s.failed_checks().count(), s.index))
    }
}

/// Evaluate every statement of `policy` (of kind `kind`) against `request`.
pub fn evaluate_policy(policy: &Policy, kind: PolicyKind, request: &RequestContext) -> PolicyEvaluation {
    let _ = (policy, kind, request);
    PolicyEvaluation { statements: Vec::new() }
}
