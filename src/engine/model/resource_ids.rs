//! Identifier newtypes for the EC2, KMS and Organizations things a model names. Each validates
//! its AWS prefix on construction (`FromStr`) and prints as AWS prints it.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

/// Why a string is not an identifier of the expected kind.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("`{value}` is not {what} (expected `{prefix}…`)")]
pub struct ResourceIdError {
    pub value: String,
    pub what: &'static str,
    pub prefix: &'static str,
}

macro_rules! prefixed_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            pub const PREFIX: &'static str = $prefix;
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = ResourceIdError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let ok = s.len() > $prefix.len()
                    && s.starts_with($prefix)
                    && !s.chars().any(|c| c.is_whitespace() || c == '/' || c == ':');
                if ok {
                    Ok($name(s.to_owned()))
                } else {
                    Err(ResourceIdError { value: s.to_owned(), what: $what, prefix: $prefix })
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

prefixed_id!(/// `vpc-…`
    VpcId, "vpc-", "a VPC id");
prefixed_id!(/// `subnet-…`
    SubnetId, "subnet-", "a subnet id");
prefixed_id!(/// `rtb-…`
    RouteTableId, "rtb-", "a route table id");
prefixed_id!(/// `sg-…`
    SecurityGroupId, "sg-", "a security group id");
prefixed_id!(/// `acl-…`
    NetworkAclId, "acl-", "a network ACL id");
prefixed_id!(/// `vpce-…`
    VpcEndpointId, "vpce-", "a VPC endpoint id");
prefixed_id!(/// `nat-…`
    NatGatewayId, "nat-", "a NAT gateway id");
prefixed_id!(/// `igw-…`
    InternetGatewayId, "igw-", "an internet gateway id");
prefixed_id!(/// `i-…`
    InstanceId, "i-", "an instance id");
prefixed_id!(/// `eni-…`
    NetworkInterfaceId, "eni-", "a network interface id");
prefixed_id!(/// `r-…`, an organization root.
    RootId, "r-", "an organization root id");
prefixed_id!(/// `ou-…`
    OrganizationalUnitId, "ou-", "an organizational unit id");
prefixed_id!(/// `p-…`, an SCP or RCP.
    OrgPolicyId, "p-", "an organization policy id");

/// A KMS key id as `describe-key` prints it (a UUID, or `mrk-…` for a multi-Region key).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyId(pub String);

impl KeyId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a broken fixture"
)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_checked() {
        assert!("vpc-0abc".parse::<VpcId>().is_ok());
        assert!("vpc-".parse::<VpcId>().is_err());
        assert!("subnet-1".parse::<VpcId>().is_err());
        assert_eq!(
            "x".parse::<SecurityGroupId>().unwrap_err().to_string(),
            "`x` is not a security group id (expected `sg-…`)"
        );
    }
}
