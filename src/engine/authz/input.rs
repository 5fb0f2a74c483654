//! What authorisation needs for one request: the request context and every policy layer that
//! applies to it, already chosen by the flow (which SCPs, which resource policy, …).

use crate::engine::context::RequestContext;
use crate::engine::policy::{Policy, PolicyKind};

/// A policy with the name verdicts use for it (policy name, managed policy ARN, SCP id…).
#[derive(Debug, Clone, Copy)]
pub struct NamedPolicy<'a> {
    pub name: &'a str,
    pub policy: &'a Policy,
    /// Where the document is in the model file (a JSON path), so verdicts can point at and quote
    /// the deciding statement; `None` for documents SecretPath synthesised (AWS fixes their text).
    pub location: Option<&'a str>,
}

impl<'a> NamedPolicy<'a> {
    /// A named policy from a model document, when it parsed.
    pub fn from_document(
        name: &'a str,
        document: &'a crate::engine::model::PolicyDocument,
    ) -> Option<NamedPolicy<'a>> {
        document.policy.as_ref().map(|policy| NamedPolicy {
            name,
            policy,
            location: document.location(),
        })
    }
}

/// The policies attached at one level of the organization (root, OU, or account).
#[derive(Debug, Clone)]
pub struct OrgLevel<'a> {
    /// `r-…`, `ou-…` or the account id: the component named when this level lacks an Allow.
    pub node: String,
    pub policies: Vec<NamedPolicy<'a>>,
}

/// The resource-based policy that governs the resource, when there is one.
#[derive(Debug, Clone)]
pub struct ResourcePolicy<'a> {
    /// The resource's ARN (secret, key, function): the component named in blockers.
    pub component: String,
    /// `Resource` or `KeyPolicy` (KMS key policies must allow explicitly, S2/S10).
    pub kind: PolicyKind,
    pub policy: NamedPolicy<'a>,
}

impl<'a> ResourcePolicy<'a> {
    /// The resource policy of `component` from its model document, when it has one that parsed.
    pub fn from_document(
        component: String,
        kind: PolicyKind,
        name: &'a str,
        document: Option<&'a crate::engine::model::PolicyDocument>,
    ) -> Option<ResourcePolicy<'a>> {
        let policy = NamedPolicy::from_document(name, document?)?;
        Some(ResourcePolicy {
            component,
            kind,
            policy,
        })
    }
}

/// A KMS grant, as far as authorisation needs it.
#[derive(Debug, Clone)]
pub struct GrantView<'a> {
    pub grant_id: &'a str,
    pub grantee_principal: &'a str,
    /// Operation names without the `kms:` prefix, e.g. `Decrypt`.
    pub operations: Vec<&'a str>,
    /// EncryptionContextEquals: the request's context must equal this exactly.
    pub context_equals: Option<Vec<(&'a str, &'a str)>>,
    /// EncryptionContextSubset: the request's context must include these pairs.
    pub context_subset: Option<Vec<(&'a str, &'a str)>>,
}

/// Everything authorisation needs. Empty `scps` / `rcps` mean they do not apply (no
/// organization, the management account, an AWS managed key, a service principal…): the flow
/// decides that and records why in `notes`.
#[derive(Debug, Clone)]
pub struct AuthzInput<'a> {
    pub request: &'a RequestContext,
    /// SCP levels from the root down to the principal's account.
    pub scps: Vec<OrgLevel<'a>>,
    /// RCP levels from the root down to the resource's account.
    pub rcps: Vec<OrgLevel<'a>>,
    /// The endpoint policy, when the request goes through a VPC endpoint: (vpce id, policy).
    pub endpoint_policy: Option<(String, NamedPolicy<'a>)>,
    pub resource_policy: Option<ResourcePolicy<'a>>,
    /// The principal's identity-based policies (inline, managed, group policies).
    pub identity_policies: Vec<NamedPolicy<'a>>,
    pub permissions_boundary: Option<NamedPolicy<'a>>,
    pub session_policy: Option<NamedPolicy<'a>>,
    /// KMS grants on the key, for KMS requests.
    pub grants: Vec<GrantView<'a>>,
    /// The request's KMS encryption context, for grant constraints.
    pub encryption_context: Vec<(String, String)>,
    /// `true` when the resource is a KMS key: the key policy must allow or delegate (S10).
    pub kms_key: bool,
    /// Facts the reader must know (inferred behaviour, policies missing from the model).
    pub notes: Vec<String>,
}
