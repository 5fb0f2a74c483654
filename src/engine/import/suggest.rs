//! The account, region and organization an output points to, read from its ARNs, owner ids and
//! availability zones (including those inside policies printed as JSON strings).

use std::collections::BTreeMap;

use serde_json::Value;

/// How deep the walk goes; AWS CLI output is shallow.
const MAX_DEPTH: usize = 64;

/// What the output's identifiers agree on.
#[derive(Debug, Default)]
pub(crate) struct Suggestions {
    pub account: Option<String>,
    pub region: Option<String>,
    /// `(o-…, management account)` from an `organizations` ARN.
    pub organization: Option<(String, String)>,
}

#[derive(Default)]
struct Tally {
    accounts: BTreeMap<String, (usize, usize)>,
    regions: BTreeMap<String, (usize, usize)>,
    organization: Option<(String, String)>,
    seen: usize,
}

impl Tally {
    fn count(map: &mut BTreeMap<String, (usize, usize)>, seen: &mut usize, key: &str) {
        *seen += 1;
        let order = *seen;
        map.entry(key.to_owned()).or_insert((0, order)).0 += 1;
    }

    fn account(&mut self, a: &str) {
        if a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()) {
            Tally::count(&mut self.accounts, &mut self.seen, a);
        }
    }

    fn region(&mut self, r: &str) {
        let ok = r.split('-').count() >= 3
            && r.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Tally::count(&mut self.regions, &mut self.seen, r);
        }
    }

    fn arn(&mut self, arn: &str) {
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        let [_, _, service, region, account, resource] = parts.as_slice() else {
            return;
        };
        if !region.is_empty() {
            self.region(region);
        }
        if *account != "aws" {
            self.account(account);
        }
        if *service == "organizations" && self.organization.is_none() {
            let org = resource
                .split('/')
                .nth(1)
                .filter(|o| o.starts_with("o-"))
                .map(str::to_owned);
            if let Some(org) = org {
                self.organization = Some((org, (*account).to_owned()));
            }
        }
    }

    fn walk(&mut self, key: Option<&str>, value: &Value, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match value {
            Value::String(s) if s.starts_with("arn:") => self.arn(s),
            Value::String(s) if s.trim_start().starts_with('{') => {
                if let Ok(inner) = serde_json::from_str::<Value>(s) {
                    self.walk(None, &inner, depth + 1);
                }
            }
            Value::String(s) => match key {
                Some("OwnerId" | "AWSAccountId" | "AccountId") => self.account(s),
                Some("ServiceName") => {
                    // `com.amazonaws.REGION.SERVICE`, as endpoints name their service.
                    if let Some(region) = s.strip_prefix("com.amazonaws.") {
                        self.region(region.split('.').next().unwrap_or_default());
                    }
                }
                Some("AvailabilityZone") => {
                    self.region(s.trim_end_matches(|c: char| c.is_ascii_lowercase()));
                }
                _ => {}
            },
            Value::Array(items) => {
                for item in items {
                    self.walk(key, item, depth + 1);
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    self.walk(Some(k), v, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// The most frequent (then the first seen) account and region of the output.
pub(crate) fn suggestions(value: &Value) -> Suggestions {
    let mut tally = Tally::default();
    tally.walk(None, value, 0);
    let best = |map: &BTreeMap<String, (usize, usize)>| {
        map.iter()
            .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
            .map(|(k, _)| k.clone())
    };
    Suggestions {
        account: best(&tally.accounts),
        region: best(&tally.regions),
        organization: tally.organization,
    }
}
