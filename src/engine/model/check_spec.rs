//! The model's `Checks`: named queries with the decision they are expected to reach.

use std::fmt;

use serde_json::Value;

use super::error::Findings;
use super::reader::Obj;

/// `Expect`: a decision, or `Denied` (either kind of denial).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Expectation {
    Allowed,
    ExplicitlyDenied,
    ImplicitlyDenied,
    Failed,
    Denied,
}

impl Expectation {
    pub fn parse(text: &str) -> Option<Expectation> {
        match text {
            "Allowed" => Some(Expectation::Allowed),
            "ExplicitlyDenied" => Some(Expectation::ExplicitlyDenied),
            "ImplicitlyDenied" => Some(Expectation::ImplicitlyDenied),
            "Failed" => Some(Expectation::Failed),
            "Denied" => Some(Expectation::Denied),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Expectation::Allowed => "Allowed",
            Expectation::ExplicitlyDenied => "ExplicitlyDenied",
            Expectation::ImplicitlyDenied => "ImplicitlyDenied",
            Expectation::Failed => "Failed",
            Expectation::Denied => "Denied",
        }
    }
}

impl fmt::Display for Expectation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One check. The query is kept as JSON: the query module parses it.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckSpec {
    pub name: String,
    pub query: Value,
    /// `None`: the check holds whatever the decision.
    pub expect: Option<Expectation>,
}

pub(crate) fn load_check(o: &Obj<'_>, index: usize, f: &mut Findings) -> Option<CheckSpec> {
    let name = o
        .string("Name", f)
        .unwrap_or_else(|| format!("Checks[{index}]"));
    let expect = match o.str("Expect", f) {
        None => None,
        Some(text) => match Expectation::parse(text) {
            Some(e) => Some(e),
            None => {
                f.error(
                    &o.at("Expect"),
                    format!("`{text}` is not a decision (expected `Allowed`, `ExplicitlyDenied`, `ImplicitlyDenied`, `Failed` or `Denied`)"),
                );
                None
            }
        },
    };
    let query = match o.get("Query") {
        Some(q @ Value::Object(_)) => q.clone(),
        Some(other) => {
            f.error(
                &o.at("Query"),
                format!(
                    "`Query` must be an object, found {}",
                    super::reader::type_name(other)
                ),
            );
            return None;
        }
        None => {
            f.error(&o.path, "`Query` is missing");
            return None;
        }
    };
    Some(CheckSpec {
        name,
        query,
        expect,
    })
}
