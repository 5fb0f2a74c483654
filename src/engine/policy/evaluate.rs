//! Statement-by-statement evaluation of one policy against one request, with a trace of every
//! element compared.

use serde::Serialize;

use super::ast::{
    Effect, PatternElement, Policy, PolicyKind, PrincipalElement, PrincipalSet, PrincipalType,
    Statement, StatementRef,
};
use super::condition::evaluate_condition;
use super::matching::{
    action_matches, arn_matches, principal_entry_matches, resolve_variables, specificity,
    Resolution,
};
use crate::engine::context::{CallerKind, ContextValue, RequestContext};
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
    /// Whether the statement is about another action (its Action or NotAction did not match).
    pub fn about_other_action(&self) -> bool {
        self.failed_checks()
            .any(|c| matches!(c.element, ElementKind::Action | ElementKind::NotAction))
    }

    /// How far the statement is from applying, for choosing the nearest miss: a statement whose
    /// Principal or Action missed is about something else, so it ranks after one that only missed
    /// on Resource or conditions; then fewer failed checks; then policy order.
    pub fn miss_rank(&self) -> (bool, usize, usize) {
        let off_topic = self.failed_checks().any(|c| {
            matches!(
                c.element,
                ElementKind::Action
                    | ElementKind::NotAction
                    | ElementKind::Principal
                    | ElementKind::NotPrincipal
            )
        });
        (off_topic, self.failed_checks().count(), self.index)
    }

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
        self.statements
            .iter()
            .filter(|s| s.applies && s.effect == Effect::Deny)
    }
    /// Allow statements that apply.
    pub fn allows(&self) -> impl Iterator<Item = &StatementTrace> {
        self.statements
            .iter()
            .filter(|s| s.applies && s.effect == Effect::Allow)
    }
    /// The Allow statement that came closest to applying (fewest failed checks; ties → first),
    /// for explaining an implicit deny. `None` when the policy has no Allow statement.
    pub fn nearest_miss(&self) -> Option<&StatementTrace> {
        self.statements
            .iter()
            .filter(|s| s.effect == Effect::Allow && !s.applies)
            .min_by_key(|s| s.miss_rank())
    }
}

/// Evaluate every statement of `policy` (of kind `kind`) against `request`.
///
/// Every element is compared even after one fails, so that the trace explains a near miss
/// completely — except in a statement about another action: when Action (or NotAction) does not
/// match, nothing else can make the statement apply, so its Resource and conditions are not
/// compared (the trace ends at the Action check). A statement applies when every check is `Match`; with an `Unknown` check or an
/// unsupported part, an Allow never applies and a Deny applies unless some check is `NoMatch`.
pub fn evaluate_policy(
    policy: &Policy,
    kind: PolicyKind,
    request: &RequestContext,
) -> PolicyEvaluation {
    let variables = policy.variables_enabled();
    let statements = policy
        .statements
        .iter()
        .map(|statement| evaluate_statement(statement, kind, request, variables))
        .collect();
    PolicyEvaluation { statements }
}

fn evaluate_statement(
    statement: &Statement,
    kind: PolicyKind,
    request: &RequestContext,
    variables: bool,
) -> StatementTrace {
    let mut checks = Vec::new();
    let mut principal_match = None;
    if kind.has_principal() {
        let (check, matched) = principal_check(statement.principal.as_ref(), kind, request);
        principal_match = matched;
        checks.push(check);
    }
    let action = action_check(&statement.action, request);
    let other_action = action.outcome == Tri::NoMatch;
    checks.push(action);
    if other_action {
        return StatementTrace {
            statement: statement.reference(),
            index: statement.index,
            effect: statement.effect,
            applies: false,
            principal_match,
            checks,
            unsupported: statement.unsupported.clone(),
        };
    }
    if let Some(resource) = &statement.resource {
        checks.push(resource_check(resource, request, variables));
    }
    for condition in &statement.conditions {
        let outcome = evaluate_condition(condition, request, variables);
        checks.push(ElementCheck {
            element: ElementKind::Condition,
            outcome: outcome.outcome,
            operator: Some(condition.operator.raw.clone()),
            key: Some(condition.key.clone()),
            policy_values: outcome.policy_values,
            request_value: outcome.request_value,
            explanation: outcome.explanation,
        });
    }
    let any_no_match = checks.iter().any(|c| c.outcome == Tri::NoMatch);
    let any_unknown =
        checks.iter().any(|c| c.outcome == Tri::Unknown) || !statement.unsupported.is_empty();
    let applies = if any_no_match {
        false
    } else if any_unknown {
        statement.effect == Effect::Deny
    } else {
        true
    };
    StatementTrace {
        statement: statement.reference(),
        index: statement.index,
        effect: statement.effect,
        applies,
        principal_match,
        checks,
        unsupported: statement.unsupported.clone(),
    }
}

fn principal_check(
    element: Option<&PrincipalElement>,
    kind: PolicyKind,
    request: &RequestContext,
) -> (ElementCheck, Option<PrincipalMatch>) {
    let caller = &request.caller;
    let request_value = Some(ContextValue::Single(caller.request_arn.clone()));
    let anyone = PrincipalElement {
        negated: false,
        set: PrincipalSet::Anyone,
    };
    let element = match element {
        Some(e) => e,
        // An endpoint policy statement without Principal covers everyone.
        None if kind == PolicyKind::EndpointPolicy => &anyone,
        None => {
            return (
                ElementCheck {
                    element: ElementKind::Principal,
                    outcome: Tri::NoMatch,
                    operator: None,
                    key: None,
                    policy_values: Vec::new(),
                    request_value,
                    explanation: "the statement has no Principal, so it covers nobody".to_owned(),
                },
                None,
            );
        }
    };
    let (policy_values, best) = match &element.set {
        PrincipalSet::Anyone => (vec!["*".to_owned()], Some(PrincipalMatch::Wildcard)),
        PrincipalSet::Entries(entries) => {
            let values = entries
                .iter()
                .map(|(t, v)| format!("{}:{v}", principal_type_name(*t)))
                .collect();
            let best = entries
                .iter()
                .filter_map(|(t, v)| principal_entry_matches(*t, v, caller))
                .max_by_key(specificity);
            (values, best)
        }
    };
    let who = format!("`{}`", caller.request_arn);
    if element.negated {
        // NotPrincipal: an account entry exempts only the account's root user, not every IAM
        // user or role of the account (IAM-UG "NotPrincipal": with `user/Bob` and the account
        // ARN listed, the statement "denies all principals except the user named Bob").
        let best = match (&element.set, &caller.kind) {
            (PrincipalSet::Entries(entries), kind) if !matches!(kind, CallerKind::Root) => entries
                .iter()
                .filter_map(|(t, v)| principal_entry_matches(*t, v, caller))
                .filter(|m| !matches!(m, PrincipalMatch::Account(_)))
                .max_by_key(specificity),
            _ => best,
        };
        let (outcome, matched, explanation) = match best {
            Some(m) => (
                Tri::NoMatch,
                None,
                format!(
                    "NotPrincipal lists the caller {who} ({}), so the statement does not cover it",
                    describe_match(&m)
                ),
            ),
            None => (
                Tri::Match,
                Some(PrincipalMatch::NotListed),
                format!("NotPrincipal does not list the caller {who}, so the statement covers it"),
            ),
        };
        let check = ElementCheck {
            element: ElementKind::NotPrincipal,
            outcome,
            operator: None,
            key: None,
            policy_values,
            request_value,
            explanation,
        };
        return (check, matched);
    }
    let (outcome, explanation) = match &best {
        Some(m) => (
            Tri::Match,
            format!(
                "the caller {who} matches the Principal ({})",
                describe_match(m)
            ),
        ),
        None => (
            Tri::NoMatch,
            format!("the caller {who} is not named by the Principal"),
        ),
    };
    let check = ElementCheck {
        element: ElementKind::Principal,
        outcome,
        operator: None,
        key: None,
        policy_values,
        request_value,
        explanation,
    };
    (check, best)
}

fn principal_type_name(t: PrincipalType) -> &'static str {
    match t {
        PrincipalType::Aws => "AWS",
        PrincipalType::Service => "Service",
        PrincipalType::Federated => "Federated",
        PrincipalType::CanonicalUser => "CanonicalUser",
    }
}

fn describe_match(m: &PrincipalMatch) -> String {
    match m {
        PrincipalMatch::Wildcard => "by the wildcard `*`".to_owned(),
        PrincipalMatch::Account(a) => {
            format!("as a principal of account {a}, which delegates to that account")
        }
        PrincipalMatch::RoleArn => "by its role ARN".to_owned(),
        PrincipalMatch::RoleSessionArn => "by its exact role-session ARN".to_owned(),
        PrincipalMatch::UserArn => "by its IAM user ARN".to_owned(),
        PrincipalMatch::FederatedUserArn => "by its federated-user ARN".to_owned(),
        PrincipalMatch::Service => "as the named service principal".to_owned(),
        PrincipalMatch::Other => "by a Federated or CanonicalUser entry".to_owned(),
        PrincipalMatch::NotListed => "by not being listed in NotPrincipal".to_owned(),
    }
}

fn action_check(element: &PatternElement, request: &RequestContext) -> ElementCheck {
    let action = &request.action;
    let hit = element.patterns.iter().find(|p| action_matches(p, action));
    let (kind, outcome, explanation) = match (element.negated, hit) {
        (false, Some(p)) => (ElementKind::Action, Tri::Match, format!("action `{action}` matches `{p}`")),
        (false, None) => (ElementKind::Action, Tri::NoMatch, format!("action `{action}` matches none of the statement's Action patterns")),
        (true, Some(p)) => (
            ElementKind::NotAction,
            Tri::NoMatch,
            format!("action `{action}` matches NotAction pattern `{p}`, so the statement does not cover it"),
        ),
        (true, None) => (
            ElementKind::NotAction,
            Tri::Match,
            format!("action `{action}` is not listed in NotAction, so the statement covers it"),
        ),
    };
    ElementCheck {
        element: kind,
        outcome,
        operator: None,
        key: None,
        policy_values: element.patterns.clone(),
        request_value: Some(ContextValue::Single(action.clone())),
        explanation,
    }
}

fn resource_check(
    element: &PatternElement,
    request: &RequestContext,
    variables: bool,
) -> ElementCheck {
    let resource = &request.resource;
    let resolved: Vec<Resolution> = element
        .patterns
        .iter()
        .map(|p| resolve_variables(p, &request.keys, variables))
        .collect();
    let shown: Vec<String> = resolved.iter().map(|r| r.display().to_owned()).collect();
    let unresolved: Vec<&str> = resolved
        .iter()
        .filter_map(|r| match r {
            Resolution::Unresolved { key, .. } => Some(key.as_str()),
            Resolution::Resolved(_) => None,
        })
        .collect();
    let hit = resolved.iter().find_map(|r| match r {
        Resolution::Resolved(p) if arn_matches(p, resource) => Some(p.text.clone()),
        _ => None,
    });
    let (kind, outcome, explanation) = match (element.negated, hit) {
        (false, Some(p)) => (ElementKind::Resource, Tri::Match, format!("resource `{resource}` matches `{p}`")),
        (false, None) => (
            ElementKind::Resource,
            Tri::NoMatch,
            if unresolved.is_empty() {
                format!("resource `{resource}` matches none of the statement's Resource patterns")
            } else {
                format!(
                    "resource `{resource}` matches none of the statement's Resource patterns (a pattern uses a variable whose key `{}` is absent and has no default, so it matches nothing)",
                    unresolved.join("`, `")
                )
            },
        ),
        (true, Some(p)) => (
            ElementKind::NotResource,
            Tri::NoMatch,
            format!("resource `{resource}` matches NotResource pattern `{p}`, so the statement does not cover it"),
        ),
        // AWS: an unresolvable variable may make the statement invalid; the engine then does not
        // let NotResource claim the resource is "not listed".
        (true, None) if !unresolved.is_empty() => (
            ElementKind::NotResource,
            Tri::NoMatch,
            format!(
                "a NotResource pattern uses a variable whose key `{}` is absent and has no default; AWS treats such a statement as invalid, so it does not apply",
                unresolved.join("`, `")
            ),
        ),
        (true, None) => (
            ElementKind::NotResource,
            Tri::Match,
            format!("resource `{resource}` is not listed in NotResource, so the statement covers it"),
        ),
    };
    ElementCheck {
        element: kind,
        outcome,
        operator: None,
        key: None,
        policy_values: shown,
        request_value: Some(ContextValue::Single(resource.clone())),
        explanation,
    }
}
