//! Parameter Store parameters: one entry of `aws ssm describe-parameters` `Parameters`.

use crate::engine::ids::{AccountId, Arn, Region};

use super::error::Findings;
use super::reader::Obj;
use super::secrets::check_arn_placement;

/// `Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParameterType {
    String,
    StringList,
    SecureString,
}

/// `Tier`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParameterTier {
    Standard,
    Advanced,
    IntelligentTiering,
}

/// One entry of `Policies` (parameter policies: Expiration, ExpirationNotification…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParameterPolicy {
    pub policy_text: Option<String>,
    pub policy_type: Option<String>,
    pub policy_status: Option<String>,
}

/// A parameter (never its value).
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub name: String,
    pub arn: Arn,
    pub parameter_type: ParameterType,
    /// As written; `None` on a SecureString means `aws/ssm`.
    pub key_id: Option<String>,
    pub tier: ParameterTier,
    pub policies: Vec<ParameterPolicy>,
    pub data_type: Option<String>,
    pub description: Option<String>,
    pub version: Option<i64>,
}

/// The alias of the key a SecureString without `KeyId` uses.
pub const SSM_MANAGED_KEY_ALIAS: &str = "alias/aws/ssm";

impl Parameter {
    /// The key reference of a SecureString: `KeyId`, or `alias/aws/ssm`. `None` for plain strings.
    pub fn key_reference(&self) -> Option<&str> {
        match self.parameter_type {
            ParameterType::SecureString => {
                Some(self.key_id.as_deref().unwrap_or(SSM_MANAGED_KEY_ALIAS))
            }
            _ => None,
        }
    }
}

/// `arn:aws:ssm:REGION:ACCOUNT:parameter/NAME`, without doubling a leading `/`.
pub fn parameter_arn(account: &AccountId, region: &Region, name: &str) -> String {
    format!(
        "arn:aws:ssm:{region}:{account}:parameter/{}",
        name.strip_prefix('/').unwrap_or(name)
    )
}

pub(crate) fn load_parameter(
    o: &Obj<'_>,
    account: &AccountId,
    region: &Region,
    f: &mut Findings,
) -> Option<Parameter> {
    let name = o.req_str("Name", f).map(str::to_owned);
    let arn = match o.get("ARN") {
        Some(_) => {
            let arn = o.parse::<Arn>("ARN", f);
            if let Some(a) = &arn {
                check_arn_placement(a, "ssm", account, region, &o.at("ARN"), f);
            }
            arn
        }
        None => name
            .as_deref()
            .and_then(|n| parameter_arn(account, region, n).parse::<Arn>().ok()),
    };
    let parameter_type = match o.req_str("Type", f) {
        Some("String") => Some(ParameterType::String),
        Some("StringList") => Some(ParameterType::StringList),
        Some("SecureString") => Some(ParameterType::SecureString),
        Some(other) => {
            f.error(
                &o.at("Type"),
                format!(
                    "`{other}` is not a parameter type (`String`, `StringList` or `SecureString`)"
                ),
            );
            None
        }
        None => None,
    };
    let tier = match o.str("Tier", f) {
        None | Some("Standard") => ParameterTier::Standard,
        Some("Advanced") => ParameterTier::Advanced,
        Some("Intelligent-Tiering") => ParameterTier::IntelligentTiering,
        Some(other) => {
            f.error(
                &o.at("Tier"),
                format!(
                    "`{other}` is not a tier (`Standard`, `Advanced` or `Intelligent-Tiering`)"
                ),
            );
            ParameterTier::Standard
        }
    };
    let policies = o
        .objects("Policies", "a parameter policy", f)
        .into_iter()
        .map(|p| ParameterPolicy {
            policy_text: p.string("PolicyText", f),
            policy_type: p.string("PolicyType", f),
            policy_status: p.string("PolicyStatus", f),
        })
        .collect();
    Some(Parameter {
        key_id: o.string("KeyId", f),
        tier,
        policies,
        data_type: o.string("DataType", f),
        description: o.string("Description", f),
        version: o.int("Version", f),
        name: name?,
        arn: arn?,
        parameter_type: parameter_type?,
    })
}
