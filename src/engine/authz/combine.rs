//! The combination of policy layers into a decision, with every blocker and a full trace.

use serde::Serialize;

use super::input::{AuthzInput, GrantView, NamedPolicy, OrgLevel};
use crate::engine::context::{CallerKind, RequestContext};
use crate::engine::policy::{
    evaluate_policy, Effect, ElementKind, PolicyEvaluation, PolicyKind, PrincipalMatch,
    StatementTrace, Tri,
};
use crate::engine::verdict::{
    AuthorizationTrace, Blocker, BlockerCode, Decision, Layer, LayerTrace,
};

/// The decision for one request, every blocker, and the trace of each policy consulted.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuthzOutcome {
    pub decision: Decision,
    pub blockers: Vec<Blocker>,
    /// Every policy evaluated, statement by statement, and the reasoning.
    pub trace: AuthorizationTrace,
    pub notes: Vec<String>,
}

/// One evaluated policy and where it sits.
struct Evaluated<'a> {
    layer: Layer,
    /// The component a Deny in this policy names (policy id for SCP/RCP, else the owner).
    component: String,
    name: &'a str,
    /// For SCP/RCP: the level node (root, OU, account).
    level: Option<String>,
    /// Where the document is in the model file.
    location: Option<&'a str>,
    evaluation: PolicyEvaluation,
}

impl Evaluated<'_> {
    fn allows(&self) -> bool {
        self.evaluation.allows().next().is_some()
    }
}

/// How a resource-based policy (or key policy) grants access to the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ResourceGrant {
    /// No applicable Allow names the caller.
    None,
    /// An Allow names the caller's account (`ACCT` / `:root`): delegation to IAM (S5, S10).
    Account,
    /// An Allow names the caller's role ARN: not limited by identity, limited by PB and session (S4).
    RoleArn,
    /// An Allow names a service principal the caller is.
    Service,
    /// An Allow names everyone (`*`), so the caller's own session or user too: treated like a
    /// direct grant (inferred, see notes).
    Wildcard,
    /// An Allow names the exact session or user: not limited by identity, PB or session (S4).
    Direct,
}

impl ResourceGrant {
    /// The grant names the caller (not only its account).
    fn names_caller(self) -> bool {
        !matches!(self, ResourceGrant::None | ResourceGrant::Account)
    }
    /// A permissions boundary and a session policy still limit the grant (S4: role ARN).
    fn limited_by_boundary_and_session(self) -> bool {
        matches!(self, ResourceGrant::RoleArn | ResourceGrant::Service)
    }
}

fn grant_kind(m: Option<&PrincipalMatch>) -> ResourceGrant {
    match m {
        None => ResourceGrant::Wildcard,
        Some(PrincipalMatch::Wildcard) | Some(PrincipalMatch::NotListed) => ResourceGrant::Wildcard,
        Some(PrincipalMatch::Account(_)) => ResourceGrant::Account,
        Some(PrincipalMatch::RoleArn) => ResourceGrant::RoleArn,
        Some(PrincipalMatch::RoleSessionArn)
        | Some(PrincipalMatch::UserArn)
        | Some(PrincipalMatch::FederatedUserArn) => ResourceGrant::Direct,
        Some(PrincipalMatch::Service) => ResourceGrant::Service,
        Some(PrincipalMatch::Other) => ResourceGrant::Wildcard,
    }
}

fn evaluate_levels<'a>(
    levels: &'a [OrgLevel<'a>],
    layer: Layer,
    kind: PolicyKind,
    request: &RequestContext,
) -> Vec<Evaluated<'a>> {
    levels
        .iter()
        .flat_map(|level| {
            level.policies.iter().map(move |p| Evaluated {
                layer,
                component: p.name.to_owned(),
                name: p.name,
                level: Some(level.node.clone()),
                location: p.location,
                evaluation: evaluate_policy(p.policy, kind, request),
            })
        })
        .collect()
}

fn evaluate_one<'a>(
    layer: Layer,
    component: &str,
    policy: &NamedPolicy<'a>,
    kind: PolicyKind,
    request: &RequestContext,
) -> Evaluated<'a> {
    Evaluated {
        layer,
        component: component.to_owned(),
        name: policy.name,
        level: None,
        location: policy.location,
        evaluation: evaluate_policy(policy.policy, kind, request),
    }
}

/// A short account of why a statement did not apply: its failed checks' explanations.
pub(crate) fn describe_miss(trace: &StatementTrace) -> String {
    let reasons: Vec<String> = trace
        .failed_checks()
        .map(|c| {
            format!(
                "{}: {}",
                element_name(c.element, c.key.as_deref()),
                c.explanation
            )
        })
        .collect();
    if reasons.is_empty() {
        format!("statement `{}` did not apply", trace.statement)
    } else {
        format!(
            "statement `{}` missed on {}",
            trace.statement,
            reasons.join("; ")
        )
    }
}

fn element_name(kind: ElementKind, key: Option<&str>) -> String {
    match (kind, key) {
        (ElementKind::Condition, Some(k)) => format!("Condition `{k}`"),
        (k, _) => format!("{k:?}"),
    }
}

/// The nearest miss among several policies' Allow statements, with the policy's name.
fn nearest_miss<'e>(evaluated: &[&'e Evaluated<'_>]) -> Option<(&'e str, &'e StatementTrace)> {
    evaluated
        .iter()
        .filter_map(|e| e.evaluation.nearest_miss().map(|t| (e.name, t)))
        .min_by_key(|(_, t)| {
            let (off_topic, failed, _) = t.miss_rank();
            (off_topic, failed)
        })
}

fn no_allow_message(
    what: &str,
    request: &RequestContext,
    miss: Option<(&str, &StatementTrace)>,
) -> String {
    let base = format!(
        "no statement in {what} allows `{}` on `{}`",
        request.action, request.resource
    );
    match miss {
        Some((_, trace)) if trace.about_other_action() => {
            format!(
                "{base} (none of its Allow statements is about `{}`)",
                request.action
            )
        }
        Some((policy, trace)) => format!(
            "{base}; nearest miss in {}: {}",
            policy_phrase_plain(policy),
            describe_miss(trace)
        ),
        None => format!("{base} (it has no Allow statement for it)"),
    }
}

fn deny_blocker(e: &Evaluated<'_>, trace: &StatementTrace, request: &RequestContext) -> Blocker {
    let unsupported = trace.checks.iter().any(|c| c.outcome == Tri::Unknown);
    let code = if unsupported {
        BlockerCode::UnsupportedPolicyContent
    } else {
        BlockerCode::ExplicitDeny
    };
    let conditions: Vec<String> = trace
        .checks
        .iter()
        .filter(|c| c.element == ElementKind::Condition)
        .map(|c| c.explanation.clone())
        .collect();
    let mut message = format!(
        "Deny statement `{}` of {} applies to `{}` on `{}`",
        trace.statement,
        policy_phrase(e.layer, e.name),
        request.action,
        request.resource
    );
    if !conditions.is_empty() {
        message.push_str(&format!(" ({})", conditions.join("; ")));
    }
    if unsupported {
        message.push_str(
            "; it contains something SecretPath does not understand, which it treats as matching because it can only deny",
        );
    }
    Blocker {
        layer: e.layer,
        component: e.component.clone(),
        code,
        statement: Some(trace.statement.0.clone()),
        message,
        location: e
            .location
            .map(|l| format!("{l}.Statement[{}]", trace.index)),
    }
}

/// How a message names a policy: `the secret resource policy` for the descriptive names flows
/// give resource policies, `identity policy `read-secrets`` for named ones.
fn policy_phrase(layer: Layer, name: &str) -> String {
    if name.contains(' ') {
        format!("the {name}")
    } else {
        format!("{} `{name}`", layer_noun(layer))
    }
}

/// A policy's name for a nearest-miss message.
fn policy_phrase_plain(name: &str) -> String {
    if name.contains(' ') {
        format!("the {name}")
    } else {
        format!("`{name}`")
    }
}

fn layer_noun(layer: Layer) -> &'static str {
    match layer {
        Layer::Scp => "service control policy",
        Layer::Rcp => "resource control policy",
        Layer::VpcEndpointPolicy => "VPC endpoint policy",
        Layer::ResourcePolicy => "resource policy",
        Layer::KeyPolicy => "key policy",
        Layer::IdentityPolicy => "identity policy",
        Layer::PermissionsBoundary => "permissions boundary",
        Layer::SessionPolicy => "session policy",
        _ => "policy",
    }
}

/// S6: a Deny with NotPrincipal that lists the caller still denies a principal that has a
/// permissions boundary. Returns the statements for which that happens.
fn not_principal_denies_with_boundary<'e>(e: &'e Evaluated<'_>) -> Vec<&'e StatementTrace> {
    e.evaluation
        .statements
        .iter()
        .filter(|t| t.effect == Effect::Deny && !t.applies)
        .filter(|t| {
            let mut principal_failed = false;
            let mut others_match = true;
            for c in &t.checks {
                if c.element == ElementKind::NotPrincipal {
                    principal_failed = c.outcome == Tri::NoMatch;
                } else if c.outcome == Tri::NoMatch {
                    others_match = false;
                }
            }
            principal_failed && others_match
        })
        .collect()
}

fn grant_matches(grant: &GrantView<'_>, input: &AuthzInput<'_>) -> bool {
    let request = input.request;
    let operation = request
        .action
        .strip_prefix("kms:")
        .unwrap_or(&request.action);
    if !grant
        .operations
        .iter()
        .any(|op| op.eq_ignore_ascii_case(operation))
    {
        return false;
    }
    let caller = &request.caller;
    let grantee = grant.grantee_principal;
    let principal_ok = grantee == caller.request_arn
        || grantee == caller.principal_arn()
        || match &caller.kind {
            CallerKind::Service { name } => grantee.eq_ignore_ascii_case(name),
            _ => false,
        };
    if !principal_ok {
        return false;
    }
    let context = &input.encryption_context;
    if let Some(equals) = &grant.context_equals {
        let same_len = equals.len() == context.len();
        let all = equals
            .iter()
            .all(|(k, v)| context.iter().any(|(ck, cv)| ck == k && cv == v));
        if !(same_len && all) {
            return false;
        }
    }
    if let Some(subset) = &grant.context_subset {
        if !subset
            .iter()
            .all(|(k, v)| context.iter().any(|(ck, cv)| ck == k && cv == v))
        {
            return false;
        }
    }
    true
}

/// Combine every layer of `input` into a decision.
pub fn authorize(input: &AuthzInput<'_>) -> AuthzOutcome {
    let request = input.request;
    let caller = &request.caller;
    let principal_component = caller.principal_arn();
    let mut notes = input.notes.clone();
    let mut reasoning: Vec<String> = Vec::new();

    // 1. Evaluate every policy.
    let rcps = evaluate_levels(&input.rcps, Layer::Rcp, PolicyKind::Rcp, request);
    let scps = evaluate_levels(&input.scps, Layer::Scp, PolicyKind::Scp, request);
    let endpoint = input.endpoint_policy.as_ref().map(|(id, p)| {
        evaluate_one(
            Layer::VpcEndpointPolicy,
            id,
            p,
            PolicyKind::EndpointPolicy,
            request,
        )
    });
    let resource_layer = if input.kms_key {
        Layer::KeyPolicy
    } else {
        Layer::ResourcePolicy
    };
    let resource = input
        .resource_policy
        .as_ref()
        .map(|r| evaluate_one(resource_layer, &r.component, &r.policy, r.kind, request));
    let identity: Vec<Evaluated<'_>> = input
        .identity_policies
        .iter()
        .map(|p| {
            evaluate_one(
                Layer::IdentityPolicy,
                &principal_component,
                p,
                PolicyKind::Identity,
                request,
            )
        })
        .collect();
    let boundary = input.permissions_boundary.as_ref().map(|p| {
        evaluate_one(
            Layer::PermissionsBoundary,
            &principal_component,
            p,
            PolicyKind::PermissionsBoundary,
            request,
        )
    });
    let session = input.session_policy.as_ref().map(|p| {
        evaluate_one(
            Layer::SessionPolicy,
            &principal_component,
            p,
            PolicyKind::Session,
            request,
        )
    });

    let mut all: Vec<&Evaluated<'_>> = Vec::new();
    all.extend(rcps.iter());
    all.extend(scps.iter());
    all.extend(endpoint.iter());
    all.extend(resource.iter());
    all.extend(identity.iter());
    all.extend(boundary.iter());
    all.extend(session.iter());

    // 2. Explicit denies, everywhere (S1).
    let mut denies: Vec<Blocker> = Vec::new();
    for e in &all {
        for trace in e.evaluation.denies() {
            denies.push(deny_blocker(e, trace, request));
        }
    }
    if input.permissions_boundary.is_some() {
        if let Some(r) = &resource {
            for trace in not_principal_denies_with_boundary(r) {
                denies.push(Blocker {
                    layer: r.layer,
                    component: r.component.clone(),
                    code: BlockerCode::NotPrincipalDenyWithBoundary,
                    statement: Some(trace.statement.0.clone()),
                    message: format!(
                        "Deny statement `{}` uses NotPrincipal; although it lists the caller, AWS always denies a principal that has a permissions boundary under such a statement",
                        trace.statement
                    ),
                    location: None,
                });
            }
        }
    }

    // 3. Organization gates and the endpoint gate: each level must allow.
    let mut missing: Vec<Blocker> = Vec::new();
    for (levels, evaluated, layer, code, kind) in [
        (
            &input.rcps,
            &rcps,
            Layer::Rcp,
            BlockerCode::RcpNoAllow,
            "resource control policies",
        ),
        (
            &input.scps,
            &scps,
            Layer::Scp,
            BlockerCode::ScpNoAllow,
            "service control policies",
        ),
    ] {
        for level in levels.iter() {
            let at_level: Vec<&Evaluated<'_>> = evaluated
                .iter()
                .filter(|e| e.level.as_deref() == Some(level.node.as_str()))
                .collect();
            if !at_level.iter().any(|e| e.allows()) {
                let what = format!("the {kind} attached to `{}`", level.node);
                missing.push(Blocker {
                    layer,
                    component: level.node.clone(),
                    code,
                    statement: None,
                    message: no_allow_message(&what, request, nearest_miss(&at_level)),
                    location: None,
                });
            }
        }
    }
    if let Some(e) = &endpoint {
        if !e.allows() {
            missing.push(Blocker {
                layer: Layer::VpcEndpointPolicy,
                component: e.component.clone(),
                code: BlockerCode::EndpointPolicyNoAllow,
                statement: e.evaluation.nearest_miss().map(|t| t.statement.0.clone()),
                message: no_allow_message(
                    &format!("the policy of VPC endpoint `{}`", e.component),
                    request,
                    nearest_miss(&[e]),
                ),
                location: None,
            });
        }
    }

    // 4. Resource-based and identity-based policies.
    let resource_grant = resource
        .as_ref()
        .map(|r| {
            r.evaluation
                .allows()
                .map(|t| grant_kind(t.principal_match.as_ref()))
                .max()
                .unwrap_or(ResourceGrant::None)
        })
        .unwrap_or(ResourceGrant::None);
    let identity_refs: Vec<&Evaluated<'_>> = identity.iter().collect();
    let principal_has_identity = matches!(
        caller.kind,
        CallerKind::User { .. }
            | CallerKind::RoleSession { .. }
            | CallerKind::FederatedUser { .. }
            | CallerKind::Root
    );
    let identity_allows =
        matches!(caller.kind, CallerKind::Root) || identity.iter().any(Evaluated::allows);
    let boundary_allows = boundary.as_ref().is_none_or(Evaluated::allows);
    let session_allows = session.as_ref().is_none_or(Evaluated::allows);
    // An action with no resource type (`Resource: *`, e.g. GetRandomPassword) has no owning
    // account and no resource policy: the principal's own policies decide, as in one account.
    let same_account = match (&caller.account, &request.resource_account) {
        (Some(a), Some(b)) => a == b,
        // An action without a resource type (`Resource: *`, e.g. BatchGetSecretValue,
        // GetRandomPassword) has no resource account and no resource policy: only the caller's
        // own policies decide, as within one account (S21).
        (Some(_), None) => request.resource == "*" || input.resource_policy.is_none(),
        _ => false,
    };
    let grant_allows = input.kms_key && input.grants.iter().any(|g| grant_matches(g, input));
    if let Some(g) = input.grants.iter().find(|g| grant_matches(g, input)) {
        reasoning.push(format!(
            "KMS grant `{}` gives `{}` the operation `{}`",
            g.grant_id, g.grantee_principal, request.action
        ));
    }
    let boundary_or_session_denies = boundary.as_ref().is_some_and(|b| !b.allows())
        || session.as_ref().is_some_and(|s| !s.allows());
    if resource_grant == ResourceGrant::Wildcard
        && principal_has_identity
        && same_account
        && (!identity_allows || boundary_or_session_denies)
    {
        notes.push(
            "a resource policy allows Principal `*`, which names every principal including this session: SecretPath treats it like a grant to the session itself, needing no identity-policy Allow and not limited by a permissions boundary or session policy (inferred: AWS documents the role-ARN and session-ARN cases, not `*`; it is how the fixed policy of aws/secretsmanager, which names `*`, serves callers whatever their boundary)".to_owned(),
        );
    }

    let mut need_identity = false;
    let mut need_boundary_session = false;
    let mut need_resource = false;
    let resource_name = input.resource_policy.as_ref().map(|r| r.component.clone());
    match &caller.kind {
        CallerKind::Service { .. } | CallerKind::Anonymous => {
            // No identity: only the resource policy can allow (or a grant, for KMS).
            if !(resource_grant.names_caller() || grant_allows) {
                need_resource = true;
            }
            reasoning.push(
                "the caller is not an IAM principal: only a resource-based policy can allow it"
                    .to_owned(),
            );
        }
        _ if input.kms_key => {
            // KMS: the key policy must allow the principal or delegate to its account (S10, S11).
            let direct = resource_grant.names_caller();
            let delegated = resource_grant == ResourceGrant::Account;
            if grant_allows {
                reasoning.push(
                    "a KMS grant allows the operation, independent of IAM policies".to_owned(),
                );
            } else if same_account && direct {
                reasoning
                    .push("the key policy allows the caller directly (same account)".to_owned());
                if resource_grant.limited_by_boundary_and_session() {
                    need_boundary_session = true;
                }
            } else if same_account && delegated {
                reasoning.push(
                    "the key policy delegates to the account, so an IAM policy must allow (S10)"
                        .to_owned(),
                );
                need_identity = true;
                need_boundary_session = true;
            } else if !same_account && (direct || delegated) {
                reasoning.push("cross-account KMS use needs both the key policy and the caller's IAM policy (S11)".to_owned());
                need_identity = true;
                need_boundary_session = true;
            } else {
                need_resource = true;
                if principal_has_identity && !same_account {
                    need_identity = true;
                    need_boundary_session = true;
                }
            }
        }
        _ => {
            if same_account {
                match resource_grant {
                    ResourceGrant::Direct => reasoning.push(
                        "the resource policy names this exact session or user: in the same account that grant is not limited by identity policies, permissions boundaries or session policies (S4)".to_owned(),
                    ),
                    ResourceGrant::Wildcard => reasoning.push(
                        "the resource policy allows `*`, which names this session too: in the same account no identity-policy Allow is needed and a permissions boundary or session policy does not limit it (S2, S4; inferred for `*`)".to_owned(),
                    ),
                    ResourceGrant::RoleArn | ResourceGrant::Service => {
                        reasoning.push("the resource policy allows the role (same account): no identity-policy Allow is needed, but a permissions boundary and a session policy still limit it (S2, S4)".to_owned());
                        need_boundary_session = true;
                    }
                    ResourceGrant::Account | ResourceGrant::None => {
                        if resource_grant == ResourceGrant::Account {
                            reasoning.push("the resource policy names the account, which only delegates to IAM: an identity policy must allow (S5)".to_owned());
                        }
                        need_identity = true;
                        need_boundary_session = true;
                    }
                }
            } else {
                reasoning.push("cross-account request: both the resource policy and the caller's identity policy must allow (S3)".to_owned());
                if resource_grant == ResourceGrant::None {
                    need_resource = true;
                }
                need_identity = true;
                need_boundary_session = true;
            }
        }
    }

    if need_resource {
        let (layer, code, what) = if input.kms_key {
            (
                Layer::KeyPolicy,
                BlockerCode::KeyPolicyNoAllow,
                "the key policy",
            )
        } else {
            (
                Layer::ResourcePolicy,
                BlockerCode::NoResourceAllow,
                "the resource policy",
            )
        };
        let component = resource_name
            .clone()
            .unwrap_or_else(|| request.resource.clone());
        let message = match &resource {
            Some(r) => {
                let mut m = no_allow_message(what, request, nearest_miss(&[r]));
                if input.kms_key {
                    m.push_str(&format!(
                        "; it neither allows `{}` nor delegates to account `{}`, so IAM policies cannot help (S10)",
                        principal_component,
                        caller.account.as_ref().map(|a| a.as_str()).unwrap_or("?")
                    ));
                } else if !same_account {
                    m.push_str(
                        " — a cross-account caller needs the resource policy to allow it (S3)",
                    );
                }
                m
            }
            None => format!(
                "`{component}` has no resource policy, and this request needs one to allow it"
            ),
        };
        missing.push(Blocker {
            layer,
            component,
            code,
            statement: resource
                .as_ref()
                .and_then(|r| r.evaluation.nearest_miss())
                .map(|t| t.statement.0.clone()),
            message,
            location: None,
        });
    }
    if need_identity && !identity_allows {
        let miss = nearest_miss(&identity_refs);
        let what = if identity.is_empty() {
            format!("the identity policies of `{principal_component}` (it has none)")
        } else {
            format!("the identity policies of `{principal_component}`")
        };
        missing.push(Blocker {
            layer: Layer::IdentityPolicy,
            component: principal_component.clone(),
            code: BlockerCode::NoIdentityAllow,
            statement: miss.map(|(_, t)| t.statement.0.clone()),
            message: no_allow_message(&what, request, miss),
            location: None,
        });
    }
    if need_boundary_session {
        if let Some(b) = &boundary {
            if !b.allows() {
                missing.push(Blocker {
                    layer: Layer::PermissionsBoundary,
                    component: principal_component.clone(),
                    code: BlockerCode::BoundaryNoAllow,
                    statement: b.evaluation.nearest_miss().map(|t| t.statement.0.clone()),
                    message: no_allow_message(
                        &format!("the permissions boundary `{}`", b.name),
                        request,
                        nearest_miss(&[b]),
                    ),
                    location: None,
                });
            }
        }
        if let Some(s) = &session {
            if !s.allows() {
                missing.push(Blocker {
                    layer: Layer::SessionPolicy,
                    component: principal_component.clone(),
                    code: BlockerCode::SessionPolicyNoAllow,
                    statement: s.evaluation.nearest_miss().map(|t| t.statement.0.clone()),
                    message: no_allow_message("the session policy", request, nearest_miss(&[s])),
                    location: None,
                });
            }
        }
    }
    let _ = (boundary_allows, session_allows);

    let decision = if !denies.is_empty() {
        Decision::ExplicitlyDenied
    } else if !missing.is_empty() {
        Decision::ImplicitlyDenied
    } else {
        Decision::Allowed
    };
    let mut blockers = denies;
    blockers.extend(missing);
    // Point each statement-naming blocker at its statement in the model file. A "no Allow"
    // blocker whose nearest miss is about another action names no statement: none is close.
    for b in blockers.iter_mut().filter(|b| b.location.is_none()) {
        let Some(statement) = b.statement.clone() else {
            continue;
        };
        let found = all.iter().filter(|e| e.layer == b.layer).find_map(|e| {
            let trace = e
                .evaluation
                .statements
                .iter()
                .find(|t| t.statement.0 == statement)?;
            Some((e.location, trace))
        });
        let Some((location, trace)) = found else {
            continue;
        };
        if b.code != BlockerCode::ExplicitDeny
            && trace.effect == Effect::Allow
            && trace.about_other_action()
        {
            b.statement = None;
            continue;
        }
        b.location = location.map(|l| format!("{l}.Statement[{}]", trace.index));
    }

    for e in &all {
        for t in &e.evaluation.statements {
            for u in &t.unsupported {
                let note = format!(
                    "{} `{}` statement `{}`: {u}",
                    layer_noun(e.layer),
                    e.name,
                    t.statement
                );
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
    }

    // The traces move into the outcome (no copy): every evaluated policy, in layer order.
    let layer_flags: Vec<(bool, bool)> = all
        .iter()
        .map(|e| (e.allows(), e.evaluation.denies().next().is_some()))
        .collect();
    drop(all);
    let evaluated = rcps
        .into_iter()
        .chain(scps)
        .chain(endpoint)
        .chain(resource)
        .chain(identity)
        .chain(boundary)
        .chain(session);
    let layers: Vec<LayerTrace> = evaluated
        .zip(layer_flags)
        .map(|(e, (allows, denies))| LayerTrace {
            layer: e.layer,
            component: e.component,
            policy: e.name.to_owned(),
            level: e.level,
            location: e.location.map(str::to_owned),
            allows,
            denies,
            statements: e.evaluation.statements,
        })
        .collect();
    AuthzOutcome {
        decision,
        blockers,
        trace: AuthorizationTrace {
            action: request.action.clone(),
            resource: request.resource.clone(),
            principal: caller.request_arn.clone(),
            same_account,
            context: request.keys.iter().cloned().collect(),
            reasoning,
            layers,
        },
        notes,
    }
}
