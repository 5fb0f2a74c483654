//! Reading typed fields out of `serde_json::Value`s, recording a located error for every field of
//! the wrong type instead of stopping. Unknown fields are ignored; `null` counts as absent.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::str::FromStr;

use serde_json::{Map, Value};

use super::error::{Findings, JsonPath};
use crate::engine::timestamp::Timestamp;

/// The JSON type name of a value, for messages.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A JSON object at a known path.
#[derive(Clone)]
pub(crate) struct Obj<'a> {
    map: &'a Map<String, Value>,
    pub path: JsonPath,
}

impl<'a> Obj<'a> {
    /// View `value` as an object; records an error naming `what` when it is not one.
    pub fn new(value: &'a Value, path: JsonPath, what: &str, f: &mut Findings) -> Option<Obj<'a>> {
        match value {
            Value::Object(map) => Some(Obj { map, path }),
            other => {
                f.error(
                    &path,
                    format!("{what} must be an object, found {}", type_name(other)),
                );
                None
            }
        }
    }

    pub fn at(&self, key: &str) -> JsonPath {
        self.path.key(key)
    }

    /// The member, unless absent or `null`.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// An optional string member.
    pub fn str(&self, key: &str, f: &mut Findings) -> Option<&'a str> {
        match self.get(key)? {
            Value::String(s) => Some(s.as_str()),
            other => {
                f.error(
                    &self.at(key),
                    format!("`{key}` must be a string, found {}", type_name(other)),
                );
                None
            }
        }
    }

    /// An optional string member, owned, with empty strings treated as absent.
    pub fn string(&self, key: &str, f: &mut Findings) -> Option<String> {
        self.str(key, f)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    }

    /// A required string member.
    pub fn req_str(&self, key: &str, f: &mut Findings) -> Option<&'a str> {
        if !self.has(key) {
            f.error(&self.path, format!("`{key}` is missing"));
            return None;
        }
        self.str(key, f)
    }

    /// An optional boolean; also accepts `{"Value": bool}` (describe-vpc-attribute) and the
    /// strings `"true"` / `"false"`.
    pub fn bool(&self, key: &str, f: &mut Findings) -> Option<bool> {
        let v = self.get(key)?;
        let inner = match v {
            Value::Object(m) => m.get("Value").unwrap_or(&Value::Null),
            other => other,
        };
        match inner {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            other => {
                f.error(
                    &self.at(key),
                    format!("`{key}` must be a boolean, found {}", type_name(other)),
                );
                None
            }
        }
    }

    /// An optional integer; numbers and strings of digits are accepted.
    pub fn int(&self, key: &str, f: &mut Findings) -> Option<i64> {
        let v = self.get(key)?;
        let parsed = match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse::<i64>().ok(),
            _ => None,
        };
        if parsed.is_none() {
            f.error(
                &self.at(key),
                format!("`{key}` must be an integer, found `{v}`"),
            );
        }
        parsed
    }

    /// An optional port number (0–65535).
    pub fn port(&self, key: &str, f: &mut Findings) -> Option<u16> {
        let n = self.int(key, f)?;
        match u16::try_from(n) {
            Ok(p) => Some(p),
            Err(_) => {
                f.error(
                    &self.at(key),
                    format!("`{n}` is not a port number (0–65535)"),
                );
                None
            }
        }
    }

    /// An optional member parsed with `FromStr`; the parse error becomes the message.
    pub fn parse<T>(&self, key: &str, f: &mut Findings) -> Option<T>
    where
        T: FromStr,
        T::Err: Display,
    {
        let s = self.str(key, f)?;
        match s.parse::<T>() {
            Ok(t) => Some(t),
            Err(e) => {
                f.error(&self.at(key), e.to_string());
                None
            }
        }
    }

    /// An optional timestamp, ISO 8601 or epoch seconds (string or number).
    pub fn timestamp(&self, key: &str, f: &mut Findings) -> Option<Timestamp> {
        let v = self.get(key)?;
        let text = match v {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            other => {
                f.error(
                    &self.at(key),
                    format!("`{key}` must be a timestamp, found {}", type_name(other)),
                );
                return None;
            }
        };
        let t = Timestamp::parse(&text);
        if t.is_none() {
            f.error(
                &self.at(key),
                format!("`{text}` is not a timestamp (ISO 8601 or epoch seconds)"),
            );
        }
        t
    }

    /// The elements of an optional array member (absent = empty), each with its path.
    pub fn array(&self, key: &str, f: &mut Findings) -> Vec<(JsonPath, &'a Value)> {
        let path = self.at(key);
        match self.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (path.index(i), v))
                .collect(),
            Some(other) => {
                f.error(
                    &path,
                    format!("`{key}` must be an array, found {}", type_name(other)),
                );
                Vec::new()
            }
        }
    }

    /// The elements of an optional array of objects; non-objects are errors and skipped.
    pub fn objects(&self, key: &str, what: &str, f: &mut Findings) -> Vec<Obj<'a>> {
        self.array(key, f)
            .into_iter()
            .filter_map(|(p, v)| Obj::new(v, p, what, f))
            .collect()
    }

    /// An optional object member.
    pub fn object(&self, key: &str, f: &mut Findings) -> Option<Obj<'a>> {
        let v = self.get(key)?;
        Obj::new(v, self.at(key), &format!("`{key}`"), f)
    }

    /// An optional array of strings (a single string is accepted as a one-element list).
    pub fn strings(&self, key: &str, f: &mut Findings) -> Vec<String> {
        match self.get(key) {
            Some(Value::String(s)) => vec![s.clone()],
            _ => self
                .array(key, f)
                .into_iter()
                .filter_map(|(p, v)| match v {
                    Value::String(s) => Some(s.clone()),
                    other => {
                        f.error(&p, format!("must be a string, found {}", type_name(other)));
                        None
                    }
                })
                .collect(),
        }
    }

    /// An optional map of string → string (an encryption context, say).
    pub fn string_map(&self, key: &str, f: &mut Findings) -> Option<BTreeMap<String, String>> {
        let o = self.object(key, f)?;
        let mut out = BTreeMap::new();
        for (k, v) in o.map {
            match v {
                Value::String(s) => {
                    out.insert(k.clone(), s.clone());
                }
                other => f.error(
                    &o.at(k),
                    format!("must be a string, found {}", type_name(other)),
                ),
            }
        }
        Some(out)
    }

    /// The members of this object.
    pub fn entries(&self) -> impl Iterator<Item = (&'a String, &'a Value)> {
        self.map.iter()
    }
}

/// Tags in either of AWS's shapes: `[{"Key", "Value"}]` or `[{"TagKey", "TagValue"}]` (KMS).
pub(crate) fn tags(o: &Obj<'_>, key: &str, f: &mut Findings) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for t in o.objects(key, "a tag", f) {
        let k = t.str("Key", f).or_else(|| t.str("TagKey", f));
        let v = t
            .str("Value", f)
            .or_else(|| t.str("TagValue", f))
            .unwrap_or("");
        match k {
            Some(k) => {
                out.insert(k.to_owned(), v.to_owned());
            }
            None => f.error(&t.path, "a tag needs `Key` (or `TagKey`)"),
        }
    }
    out
}
