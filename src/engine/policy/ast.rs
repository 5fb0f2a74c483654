//! The parsed form of a policy document.

use std::fmt;

use serde::Serialize;

/// Which kind of policy a document is: validation and Principal handling depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum PolicyKind {
    /// Attached to a user, group or role (inline or managed). No Principal allowed.
    Identity,
    /// A permissions boundary (identity-policy grammar).
    PermissionsBoundary,
    /// A session policy passed at AssumeRole (identity-policy grammar).
    Session,
    /// A Secrets Manager secret's resource policy, a Lambda function policy, any other resource
    /// policy. Principal (or NotPrincipal) is required.
    Resource,
    /// A KMS key policy: a resource policy with KMS's own checks (`OverlyPermissiveCondition`).
    KeyPolicy,
    /// An IAM role trust policy.
    Trust,
    /// A VPC endpoint policy: Principal required (usually `*`).
    EndpointPolicy,
    /// An Organizations service control policy. No Principal allowed.
    Scp,
    /// An Organizations resource control policy. Principal `*` required.
    Rcp,
}

impl PolicyKind {
    /// Whether statements of this kind carry a Principal / NotPrincipal element.
    pub fn has_principal(self) -> bool {
        matches!(
            self,
            PolicyKind::Resource
                | PolicyKind::KeyPolicy
                | PolicyKind::Trust
                | PolicyKind::EndpointPolicy
                | PolicyKind::Rcp
        )
    }
}

/// `Allow` or `Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Effect {
    Allow,
    Deny,
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        })
    }
}

/// How a statement is named in verdicts: its `Sid`, or `#index` (0-based) when it has none.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct StatementRef(pub String);

impl fmt::Display for StatementRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A whole policy document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    /// `2012-10-17`, `2008-10-17`, or absent (variables are then literal text, as in AWS).
    pub version: Option<String>,
    pub id: Option<String>,
    pub statements: Vec<Statement>,
}

impl Policy {
    /// Whether `${…}` policy variables are interpreted (only with Version `2012-10-17`).
    pub fn variables_enabled(&self) -> bool {
        self.version.as_deref() == Some("2012-10-17")
    }
}

/// The kind of principal named inside a Principal element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum PrincipalType {
    Aws,
    Service,
    Federated,
    CanonicalUser,
}

/// The value of a Principal / NotPrincipal element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PrincipalSet {
    /// `"Principal": "*"`: everyone, including anonymous callers.
    Anyone,
    /// `{"AWS": […], "Service": […], …}` — each entry by type. `{"AWS": "*"}` is an entry `*`.
    Entries(Vec<(PrincipalType, String)>),
}

/// A Principal or NotPrincipal element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrincipalElement {
    /// `true` for NotPrincipal.
    pub negated: bool,
    pub set: PrincipalSet,
}

/// An Action/NotAction or Resource/NotResource element: patterns with `*` and `?`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PatternElement {
    /// `true` for NotAction / NotResource.
    pub negated: bool,
    pub patterns: Vec<String>,
}

/// `ForAnyValue:` / `ForAllValues:` on a condition operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum SetQualifier {
    ForAnyValue,
    ForAllValues,
}

/// The condition operator families AWS documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum OperatorBase {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
}

impl OperatorBase {
    /// Negated operators are true when the key is absent (IAM-UG condition operators, S7).
    pub fn is_negated(self) -> bool {
        matches!(
            self,
            OperatorBase::StringNotEquals
                | OperatorBase::StringNotEqualsIgnoreCase
                | OperatorBase::StringNotLike
                | OperatorBase::NumericNotEquals
                | OperatorBase::DateNotEquals
                | OperatorBase::NotIpAddress
                | OperatorBase::ArnNotEquals
                | OperatorBase::ArnNotLike
        )
    }
}

/// A parsed condition operator such as `ForAnyValue:StringLikeIfExists`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionOperator {
    /// As written in the policy.
    pub raw: String,
    /// `None` when the engine does not know the operator: the condition is then unsupported.
    pub base: Option<OperatorBase>,
    pub qualifier: Option<SetQualifier>,
    pub if_exists: bool,
}

/// One operator + key + values entry of a Condition block. Keys are ANDed, values ORed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    pub operator: ConditionOperator,
    /// The key as written (compared case-insensitively).
    pub key: String,
    /// Values as strings (booleans and numbers written unquoted are turned into their text).
    pub values: Vec<String>,
}

/// One statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// 0-based position in the Statement list.
    pub index: usize,
    pub sid: Option<String>,
    pub effect: Effect,
    pub principal: Option<PrincipalElement>,
    pub action: PatternElement,
    /// Absent only where AWS allows it (trust policies, some endpoint policies): then it matches.
    pub resource: Option<PatternElement>,
    pub conditions: Vec<Condition>,
    /// Elements or operators the engine does not understand, with why. A statement with any is
    /// evaluated so that it can only deny: an Allow never applies, a Deny applies whenever the
    /// parts that are understood match.
    pub unsupported: Vec<String>,
}

impl Statement {
    /// The name verdicts use: the Sid, or `#index`.
    pub fn reference(&self) -> StatementRef {
        match &self.sid {
            Some(s) if !s.is_empty() => StatementRef(s.clone()),
            _ => StatementRef(format!("#{}", self.index)),
        }
    }
}
