//! The request context: who asks, for what action on which resource, and the condition keys AWS
//! sets for that request. Flows derive it from the model and the path the request takes; a query's
//! `Context` may only add or override keys.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use super::ids::{AccountId, Arn};

/// The value of `aws:SourceIp` for an unknown public address (contract §2): not an IP, and it
/// lies in no CIDR, so `IpAddress` is false for it, `NotIpAddress` true and `Null` false.
pub const UNKNOWN_PUBLIC_IP: &str = "(unknown public address)";

/// What kind of principal makes the request, as the policy language distinguishes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum CallerKind {
    /// An IAM user: the request's principal ARN is the user ARN.
    User { user_arn: Arn },
    /// A session of an IAM role: principal ARN `arn:aws:sts::ACCT:assumed-role/NAME/SESSION`.
    RoleSession { role_arn: Arn, session_name: String },
    /// The account's root user.
    Root,
    /// A federated user session (`arn:aws:sts::ACCT:federated-user/NAME`), made by an IAM user.
    FederatedUser { user_arn: Option<Arn>, name: String },
    /// An AWS service principal such as `secretsmanager.amazonaws.com`.
    Service { name: String },
    /// An unauthenticated request.
    Anonymous,
}

/// The authenticated principal of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallerIdentity {
    pub kind: CallerKind,
    /// `aws:PrincipalArn`'s basis: the ARN this request is made as (the session ARN for a role).
    pub request_arn: String,
    /// The account the principal belongs to (absent for services and anonymous callers).
    pub account: Option<AccountId>,
}

impl CallerIdentity {
    /// The ARN of the IAM entity behind the request: the role for a role session, the user for a
    /// user or federated user, the root ARN for root. This is what `aws:PrincipalArn` holds and
    /// what verdicts name as the component for identity layers.
    pub fn principal_arn(&self) -> String {
        match &self.kind {
            CallerKind::User { user_arn } => user_arn.to_string(),
            CallerKind::RoleSession { role_arn, .. } => role_arn.to_string(),
            CallerKind::FederatedUser { .. }
            | CallerKind::Service { .. }
            | CallerKind::Anonymous => self.request_arn.clone(),
            CallerKind::Root => match &self.account {
                Some(a) => format!("arn:aws:iam::{a}:root"),
                None => self.request_arn.clone(),
            },
        }
    }
}

/// A condition-key value: AWS keys are single-valued or multivalued (sets of strings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ContextValue {
    Single(String),
    Multi(Vec<String>),
}

impl ContextValue {
    /// The values as a slice-like list (a single value is a one-element list).
    pub fn values(&self) -> Vec<&str> {
        match self {
            ContextValue::Single(s) => vec![s.as_str()],
            ContextValue::Multi(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// One key in the context, with the spelling it was set with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContextEntry {
    pub name: String,
    pub value: ContextValue,
}

/// Condition keys of one request. Key names are case-insensitive, as AWS treats them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ContextKeys {
    /// Keyed by the lowercased name.
    entries: BTreeMap<String, ContextEntry>,
    /// Keys this request is known not to carry (AWS does not set them for it), as spelt (compared
    /// case-insensitively; mostly static names, so marking costs no allocation). A key that is
    /// neither present nor known absent is one the engine does not understand.
    known_absent: Vec<Cow<'static, str>>,
}

/// Keys AWS sets only in circumstances the flows set them for explicitly (a request through a VPC
/// endpoint, a call a service makes on the caller's behalf, a request parameter that was passed,
/// credentials from an instance or a function…): in every request context they are known to be
/// absent unless set. Keeping them here rather than marking them on every request makes building
/// a context cheap.
pub const ABSENT_UNLESS_SET: &[&str] = &[
    "aws:CalledVia",
    "aws:CalledViaFirst",
    "aws:CalledViaLast",
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:MultiFactorAuthPresent",
    "aws:MultiFactorAuthAge",
    "aws:TagKeys",
    "aws:Referer",
    "aws:UserAgent",
    "aws:SourceIdentity",
    "aws:FederatedProvider",
    "aws:TokenIssueTime",
    "aws:Ec2InstanceSourceVpc",
    "aws:Ec2InstanceSourcePrivateIPv4",
    "aws:IsMcpServiceAction",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:VpcSourceIp",
    "aws:SourceVpcArn",
    "aws:VpceAccount",
    "aws:VpceOrgID",
    "aws:VpceOrgPaths",
    "ec2:SourceInstanceARN",
    "lambda:SourceFunctionArn",
    "kms:GrantIsForAWSResource",
    "kms:RequestAlias",
    "kms:GrantOperations",
    "kms:GranteePrincipal",
    "kms:RetiringPrincipal",
    "kms:MultiRegionKeyType",
    "kms:BypassPolicyLockoutSafetyCheck",
    "kms:GrantConstraintType",
    "kms:DataKeyPairSpec",
    "kms:MessageType",
    "kms:ReEncryptOnSameKey",
    "kms:WrappingAlgorithm",
    "kms:WrappingKeySpec",
    "kms:ExpirationModel",
    "kms:ValidTo",
    "kms:ImportType",
    "secretsmanager:RotationLambdaARN",
    "secretsmanager:RotateImmediately",
    "secretsmanager:ModifyRotationRules",
    "secretsmanager:BlockPublicPolicy",
    "secretsmanager:Description",
    "secretsmanager:KmsKeyId",
    "secretsmanager:Name",
    "secretsmanager:ForceDeleteWithoutRecovery",
    "secretsmanager:RecoveryWindowInDays",
    "secretsmanager:AddReplicaRegions",
    "secretsmanager:ForceOverwriteReplicaSecret",
];

/// Run `f` on the ASCII-lowercased `name` without allocating for names of usual length
/// (condition-key lookups are the evaluator's hottest path).
fn with_lowercase<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0u8; 128];
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        if let Some(slot) = buffer.get_mut(..name.len()) {
            for (dst, src) in slot.iter_mut().zip(name.bytes()) {
                *dst = src.to_ascii_lowercase();
            }
            if let Ok(lower) = std::str::from_utf8(slot) {
                return f(lower);
            }
        }
        return f(&name.to_ascii_lowercase());
    }
    f(name)
}

impl ContextKeys {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set(&mut self, name: &str, value: ContextValue) {
        let lower = name.to_ascii_lowercase();
        self.known_absent
            .retain(|k| !k.eq_ignore_ascii_case(&lower));
        self.entries.insert(
            lower,
            ContextEntry {
                name: name.to_owned(),
                value,
            },
        );
    }
    pub fn set_str(&mut self, name: &str, value: impl Into<String>) {
        self.set(name, ContextValue::Single(value.into()));
    }
    pub fn remove(&mut self, name: &str) {
        if !self.entries.is_empty() {
            with_lowercase(name, |lower| self.entries.remove(lower));
        }
    }
    /// Record that AWS does not set `name` on this request (so a condition on it sees it absent).
    pub fn mark_absent(&mut self, name: impl Into<Cow<'static, str>>) {
        let name = name.into();
        self.remove(&name);
        // Duplicates are harmless (lookups use `any`, `set` removes them all) and checking for
        // them would make marking quadratic.
        self.known_absent.push(name);
    }
    pub fn get(&self, name: &str) -> Option<&ContextValue> {
        with_lowercase(name, |lower| self.entries.get(lower).map(|e| &e.value))
    }
    pub fn is_known_absent(&self, name: &str) -> bool {
        self.known_absent
            .iter()
            .any(|k| k.eq_ignore_ascii_case(name))
    }
    pub fn iter(&self) -> impl Iterator<Item = &ContextEntry> {
        self.entries.values()
    }
}

/// One request as policies see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestContext {
    pub caller: CallerIdentity,
    /// `service:Action`, as AWS names it (matched case-insensitively).
    pub action: String,
    /// The resource ARN (`*` for actions without a resource type).
    pub resource: String,
    /// The account that owns the resource.
    pub resource_account: Option<AccountId>,
    pub keys: ContextKeys,
}
