//! Identifier newtypes. Each validates on construction (`FromStr`) and prints as AWS prints it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a string is not a valid identifier of the expected kind.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IdError {
    #[error("`{0}` is not a 12-digit AWS account id")]
    AccountId(String),
    #[error("`{0}` is not an ARN (expected `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`)")]
    Arn(String),
    #[error("`{0}` is not a region name")]
    Region(String),
}

/// A 12-digit AWS account id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccountId(String);

impl AccountId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for AccountId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(AccountId(s.to_owned()))
        } else {
            Err(IdError::AccountId(s.to_owned()))
        }
    }
}

impl TryFrom<String> for AccountId {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<AccountId> for String {
    fn from(a: AccountId) -> String {
        a.0
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An AWS region name such as `us-east-1`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Region(String);

impl Region {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// A region name the code itself spells (not user input).
    pub(crate) fn from_known(name: &'static str) -> Region {
        Region(name.to_owned())
    }
}

impl FromStr for Region {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let ok = !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && s.contains('-');
        if ok {
            Ok(Region(s.to_owned()))
        } else {
            Err(IdError::Region(s.to_owned()))
        }
    }
}

impl TryFrom<String> for Region {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Region> for String {
    fn from(r: Region) -> String {
        r.0
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An Amazon Resource Name, split into its six parts. The resource part keeps its `/` and `:`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Arn {
    text: String,
    /// Byte offsets of the four `:` separators after `arn:`.
    colons: [usize; 4],
}

impl Arn {
    pub fn as_str(&self) -> &str {
        &self.text
    }
    fn part(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            None => 4,
            Some(prev) => self.colons.get(prev).map_or(0, |c| c + 1),
        };
        let end = self.colons.get(i).copied().unwrap_or(self.text.len());
        self.text.get(start..end).unwrap_or("")
    }
    pub fn partition(&self) -> &str {
        self.part(0)
    }
    pub fn service(&self) -> &str {
        self.part(1)
    }
    pub fn region(&self) -> &str {
        self.part(2)
    }
    pub fn account(&self) -> &str {
        self.part(3)
    }
    /// Everything after the fifth colon, e.g. `secret:prod/db-AbCdEf` or `role/path/name`.
    pub fn resource(&self) -> &str {
        let start = self.colons.get(3).map_or(self.text.len(), |c| c + 1);
        self.text.get(start..).unwrap_or("")
    }
    /// The account as an [`AccountId`], when it is one.
    pub fn account_id(&self) -> Option<AccountId> {
        self.account().parse().ok()
    }
}

impl FromStr for Arn {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if !s.starts_with("arn:") {
            return Err(IdError::Arn(s.to_owned()));
        }
        let mut colons = [0usize; 4];
        let mut found = 0usize;
        for (i, b) in s.bytes().enumerate().skip(4) {
            if b == b':' {
                if let Some(slot) = colons.get_mut(found) {
                    *slot = i;
                    found += 1;
                } else {
                    break;
                }
            }
        }
        // After `arn:` come partition, service, region and account, each ended by a colon.
        if found < 4 {
            return Err(IdError::Arn(s.to_owned()));
        }
        let arn = Arn {
            text: s.to_owned(),
            colons,
        };
        if arn.partition().is_empty() || arn.service().is_empty() {
            return Err(IdError::Arn(s.to_owned()));
        }
        Ok(arn)
    }
}

impl TryFrom<String> for Arn {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Arn> for String {
    fn from(a: Arn) -> String {
        a.text
    }
}

impl fmt::Display for Arn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arn_parts_are_split_at_the_first_five_colons() {
        let arn: Arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db:x-AbCdEf"
            .parse()
            .unwrap();
        assert_eq!(arn.partition(), "aws");
        assert_eq!(arn.service(), "secretsmanager");
        assert_eq!(arn.region(), "us-east-1");
        assert_eq!(arn.account(), "111122223333");
        assert_eq!(arn.resource(), "secret:db:x-AbCdEf");
        let role: Arn = "arn:aws:iam::111122223333:role/app".parse().unwrap();
        assert_eq!(role.region(), "");
        assert_eq!(role.resource(), "role/app");
    }

    #[test]
    fn malformed_identifiers_are_rejected() {
        assert!("arn:aws:iam".parse::<Arn>().is_err());
        assert!("12345".parse::<AccountId>().is_err());
        assert!("US_EAST".parse::<Region>().is_err());
    }
}
