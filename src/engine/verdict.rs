//! The verdict of a query (contract §3): a decision, every blocker, and the steps that explain it.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Serialize, Serializer};

/// The final decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub enum Decision {
    Allowed,
    ExplicitlyDenied,
    ImplicitlyDenied,
    /// The request cannot complete for a reason other than authorisation.
    Failed,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allowed => "Allowed",
            Decision::ExplicitlyDenied => "ExplicitlyDenied",
            Decision::ImplicitlyDenied => "ImplicitlyDenied",
            Decision::Failed => "Failed",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a step's leg came to; `Skipped` for legs not reached because an earlier one failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Outcome {
    Allowed,
    ExplicitlyDenied,
    ImplicitlyDenied,
    Failed,
    Skipped,
}

impl From<Decision> for Outcome {
    fn from(d: Decision) -> Self {
        match d {
            Decision::Allowed => Outcome::Allowed,
            Decision::ExplicitlyDenied => Outcome::ExplicitlyDenied,
            Decision::ImplicitlyDenied => Outcome::ImplicitlyDenied,
            Decision::Failed => Outcome::Failed,
        }
    }
}

/// The layer a blocker sits in (contract §3, closed list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    Request,
    Route,
    Dns,
    SecurityGroup,
    NetworkAcl,
    VpcEndpointPolicy,
    Scp,
    Rcp,
    IdentityPolicy,
    ResourcePolicy,
    PermissionsBoundary,
    SessionPolicy,
    KeyPolicy,
    Grant,
    SecretState,
    KeyState,
}

impl Layer {
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Request => "request",
            Layer::Route => "route",
            Layer::Dns => "dns",
            Layer::SecurityGroup => "security-group",
            Layer::NetworkAcl => "network-acl",
            Layer::VpcEndpointPolicy => "vpc-endpoint-policy",
            Layer::Scp => "scp",
            Layer::Rcp => "rcp",
            Layer::IdentityPolicy => "identity-policy",
            Layer::ResourcePolicy => "resource-policy",
            Layer::PermissionsBoundary => "permissions-boundary",
            Layer::SessionPolicy => "session-policy",
            Layer::KeyPolicy => "key-policy",
            Layer::Grant => "grant",
            Layer::SecretState => "secret-state",
            Layer::KeyState => "key-state",
        }
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Layer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

macro_rules! blocker_codes {
    ($( $(#[doc = $doc:literal])* $variant:ident => $text:literal, )*) => {
        /// Stable blocker codes. The catalogue with explanations is `docs/blocker-codes.md`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum BlockerCode {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl BlockerCode {
            /// Every code, in catalogue order.
            pub const ALL: &'static [BlockerCode] = &[ $( BlockerCode::$variant, )* ];

            pub fn as_str(self) -> &'static str {
                match self {
                    $( BlockerCode::$variant => $text, )*
                }
            }

            /// The documentation line for the code.
            pub fn description(self) -> &'static str {
                match self {
                    $( BlockerCode::$variant => concat!($($doc),*), )*
                }
            }
        }
    };
}

blocker_codes! {
    /// An applicable Deny statement in the policy named by the blocker.
    ExplicitDeny => "EXPLICIT_DENY",
    /// No statement of an SCP attached at this root, OU or account allows the action.
    ScpNoAllow => "SCP_NO_ALLOW",
    /// No statement of an RCP attached at this root, OU or account allows the action.
    RcpNoAllow => "RCP_NO_ALLOW",
    /// No identity-based policy of the principal allows the action, and no resource policy grants it directly.
    NoIdentityAllow => "NO_IDENTITY_ALLOW",
    /// The resource policy does not allow a cross-account caller (both sides must allow, S3).
    NoResourceAllow => "NO_RESOURCE_ALLOW",
    /// The permissions boundary does not allow the action.
    BoundaryNoAllow => "BOUNDARY_NO_ALLOW",
    /// The session policy does not allow the action.
    SessionPolicyNoAllow => "SESSION_POLICY_NO_ALLOW",
    /// The VPC endpoint policy does not allow this principal, action and resource.
    EndpointPolicyNoAllow => "ENDPOINT_POLICY_NO_ALLOW",
    /// The KMS key policy neither allows the principal nor delegates to its account (S10).
    KeyPolicyNoAllow => "KEY_POLICY_NO_ALLOW",
    /// A NotPrincipal with Deny denies every principal with a permissions boundary (S6).
    NotPrincipalDenyWithBoundary => "NOT_PRINCIPAL_DENY_WITH_BOUNDARY",
    /// An AWS managed key (aws/secretsmanager, aws/ssm) cannot be used from another account (S14).
    AwsManagedKeyCrossAccount => "AWS_MANAGED_KEY_CROSS_ACCOUNT",
    /// The secret is scheduled for deletion (S25).
    SecretScheduledForDeletion => "SECRET_SCHEDULED_FOR_DELETION",
    /// The requested version id or staging label does not exist on the secret.
    VersionNotFound => "VERSION_NOT_FOUND",
    /// A caller in another account must address the secret by its ARN (S20).
    CrossAccountNeedsArn => "CROSS_ACCOUNT_NEEDS_ARN",
    /// The secret, parameter or resource named by the query is not in the model.
    ResourceNotFound => "RESOURCE_NOT_FOUND",
    /// The KMS key the request needs is not in the model.
    KeyNotInModel => "KEY_NOT_IN_MODEL",
    /// The KMS key is disabled (S17).
    KeyDisabled => "KEY_DISABLED",
    /// The KMS key is pending deletion (S17).
    KeyPendingDeletion => "KEY_PENDING_DELETION",
    /// The KMS key is in another state that refuses the operation (PendingImport, Unavailable, …).
    KeyUnavailable => "KEY_UNAVAILABLE",
    /// The request itself is invalid (bad caller, unknown origin, SecureString without decryption…).
    InvalidRequest => "INVALID_REQUEST",
    /// A policy that governs the request contains something the engine does not understand; it can only deny.
    UnsupportedPolicyContent => "UNSUPPORTED_POLICY_CONTENT",
    /// No route from the source towards the destination.
    NoRoute => "NO_ROUTE",
    /// The name resolves somewhere the source cannot use (private DNS off, VPC DNS attributes off).
    DnsResolution => "DNS_RESOLUTION",
    /// A security group's egress or ingress rules do not admit the traffic.
    SecurityGroupBlocks => "SECURITY_GROUP_BLOCKS",
    /// A network ACL denies the traffic (or its return traffic).
    NetworkAclBlocks => "NETWORK_ACL_BLOCKS",
    /// The VPC endpoint is not available or is not an interface endpoint for the service.
    EndpointUnavailable => "ENDPOINT_UNAVAILABLE",
    /// Rotation is not configured, or a previous rotation is still in progress (S32).
    RotationNotReady => "ROTATION_NOT_READY",
    /// Secrets Manager may not invoke the rotation function (S30).
    InvokeNotAllowed => "INVOKE_NOT_ALLOWED",
    /// The database the rotation talks to is not in the model or cannot be identified.
    DatabaseNotFound => "DATABASE_NOT_FOUND",
}

impl fmt::Display for BlockerCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for BlockerCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One thing that blocks the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Blocker {
    pub layer: Layer,
    /// The AWS id or ARN of the blocking component.
    pub component: String,
    pub code: BlockerCode,
    /// The statement's Sid or `#index`, when a statement decides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
    pub message: String,
    /// Extension: where the deciding statement is in the model file (JSON path of the policy
    /// document, then `.Statement[i]`); absent for synthesised policies and non-policy blockers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

/// One step of the explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Step {
    /// e.g. `network`, `secretsmanager:GetSecretValue`, `kms:Decrypt`, `createSecret`.
    pub leg: String,
    pub outcome: Outcome,
    /// Free structure: layers, policies, statements, checks, hops.
    pub detail: serde_json::Value,
}

/// The answer to a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Verdict {
    pub decision: Decision,
    pub blockers: Vec<Blocker>,
    pub steps: Vec<Step>,
    /// For RotateSecret: version id → stages after the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_stages_after: Option<BTreeMap<String, Vec<String>>>,
    /// Things the reader must know: inferred behaviour, unsupported policy content, missing model parts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}
