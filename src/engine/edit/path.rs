//! Where an entity sits in the model document, written as the loader writes JSON paths
//! (`$.Accounts[0].Regions[1].Secrets[2]`), so a load error's path leads straight to a form.

use std::fmt;
use std::str::FromStr;

use serde_json::Value;

use crate::engine::model::JsonPath;

use super::kind::{EntityKind, Scope};

/// One step of a path: a member of an object or an element of an array.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// The location of a value in the model document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct EntityPath(pub Vec<Segment>);

impl EntityPath {
    /// The document root, `$`.
    pub fn root() -> EntityPath {
        EntityPath(Vec::new())
    }

    /// This path followed by a member.
    pub fn key(&self, name: &str) -> EntityPath {
        let mut out = self.clone();
        out.0.push(Segment::Key(name.to_owned()));
        out
    }

    /// This path followed by an array element.
    pub fn index(&self, i: usize) -> EntityPath {
        let mut out = self.clone();
        out.0.push(Segment::Index(i));
        out
    }

    /// The same location as the loader's [`JsonPath`].
    pub fn to_json_path(&self) -> JsonPath {
        self.0
            .iter()
            .fold(JsonPath::root(), |path, segment| match segment {
                Segment::Key(k) => path.key(k),
                Segment::Index(i) => path.index(*i),
            })
    }

    /// The value at this path, if there is one.
    pub fn get<'a>(&self, doc: &'a Value) -> Option<&'a Value> {
        self.0.iter().try_fold(doc, |v, segment| match segment {
            Segment::Key(k) => v.get(k.as_str()),
            Segment::Index(i) => v.get(*i),
        })
    }

    /// The value at this path, mutably.
    pub(crate) fn get_mut<'a>(&self, doc: &'a mut Value) -> Option<&'a mut Value> {
        self.0.iter().try_fold(doc, |v, segment| match segment {
            Segment::Key(k) => v.get_mut(k.as_str()),
            Segment::Index(i) => v.get_mut(*i),
        })
    }

    /// The kind of entity a path of this shape points at, if it points at an entity at all.
    pub fn entity_kind(&self) -> Option<EntityKind> {
        use Segment::{Index, Key};
        let scope = match self.0.as_slice() {
            [Key(a), Index(_), Key(r), Index(_), Key(list), Index(_)]
                if a == "Accounts" && r == "Regions" =>
            {
                region_scope(list)?
            }
            [Key(a), Index(_), Key(iam), Key(list), Index(_)]
                if a == "Accounts" && iam == "Iam" =>
            {
                account_scope(list)?
            }
            [Key(list), Index(_)] if list == "Checks" => Scope::Model("Checks"),
            [Key(list), Index(_)] if list == "Accounts" => Scope::Model("Accounts"),
            [Key(o)] if o == "Organization" => Scope::OrganizationItself,
            [Key(o), Key(list), Index(_)] if o == "Organization" => organization_scope(list)?,
            _ => return None,
        };
        EntityKind::from_list(scope)
    }

    /// The path of the list holding this entity and its index there.
    pub(crate) fn split_last_index(&self) -> Option<(EntityPath, usize)> {
        match self.0.split_last() {
            Some((Segment::Index(i), parent)) => Some((EntityPath(parent.to_vec()), *i)),
            _ => None,
        }
    }
}

fn region_scope(list: &str) -> Option<Scope> {
    EntityKind::ALL
        .into_iter()
        .map(EntityKind::scope)
        .find(|s| matches!(s, Scope::Region(l) if *l == list))
}

fn account_scope(list: &str) -> Option<Scope> {
    EntityKind::ALL
        .into_iter()
        .map(EntityKind::scope)
        .find(|s| matches!(s, Scope::Account(l) if *l == list))
}

fn organization_scope(list: &str) -> Option<Scope> {
    EntityKind::ALL
        .into_iter()
        .map(EntityKind::scope)
        .find(|s| matches!(s, Scope::Organization(l) if *l == list))
}

impl fmt::Display for EntityPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.to_json_path().fmt(f)
    }
}

/// Text that is not a JSON path of the form `$.Key[0]["other key"]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a JSON path like `$.Accounts[0].Regions[0].Secrets[0]`: {reason}")]
pub struct PathSyntaxError {
    pub text: String,
    pub reason: &'static str,
}

impl FromStr for EntityPath {
    type Err = PathSyntaxError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = |reason| PathSyntaxError {
            text: text.to_owned(),
            reason,
        };
        let mut rest = text
            .trim()
            .strip_prefix('$')
            .ok_or_else(|| fail("it must start with `$`"))?;
        let mut segments = Vec::new();
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('.') {
                let end = after.find(['.', '[']).unwrap_or(after.len());
                let (name, tail) = after.split_at(end);
                if name.is_empty() {
                    return Err(fail("a member name is empty"));
                }
                segments.push(Segment::Key(name.to_owned()));
                rest = tail;
            } else if let Some(after) = rest.strip_prefix("[\"") {
                // A quoted member: a JSON string up to the closing `"]`.
                let mut stream =
                    serde_json::Deserializer::from_str(rest.get(1..).unwrap_or_default())
                        .into_iter::<String>();
                let name = match stream.next() {
                    Some(Ok(name)) => name,
                    _ => return Err(fail("a quoted member name is not a JSON string")),
                };
                let used = stream.byte_offset();
                let tail = after
                    .get(used.saturating_sub(1)..)
                    .and_then(|t| t.strip_prefix(']'))
                    .ok_or_else(|| fail("a quoted member name is not closed with `]`"))?;
                segments.push(Segment::Key(name));
                rest = tail;
            } else if let Some(after) = rest.strip_prefix('[') {
                let end = after
                    .find(']')
                    .ok_or_else(|| fail("an index is not closed with `]`"))?;
                let (digits, tail) = after.split_at(end);
                let i = digits
                    .parse::<usize>()
                    .map_err(|_| fail("an index is not a number"))?;
                segments.push(Segment::Index(i));
                rest = tail.get(1..).unwrap_or_default();
            } else {
                return Err(fail("expected `.`, `[` or the end"));
            }
        }
        Ok(EntityPath(segments))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_back_what_they_print() {
        let p = EntityPath::root()
            .key("Accounts")
            .index(0)
            .key("Regions")
            .index(2)
            .key("Secrets")
            .index(1);
        assert_eq!(p.to_string(), "$.Accounts[0].Regions[2].Secrets[1]");
        assert_eq!(p.to_string().parse::<EntityPath>(), Ok(p.clone()));
        assert_eq!(p.entity_kind(), Some(EntityKind::Secret));
        let odd = EntityPath::root().key("a b").index(3).key("c\"d");
        assert_eq!(odd.to_string().parse::<EntityPath>(), Ok(odd));
    }

    #[test]
    fn malformed_paths_are_rejected() {
        for text in ["", "Accounts", "$.", "$[x]", "$[\"a\"", "$.a[1"] {
            assert!(text.parse::<EntityPath>().is_err(), "{text}");
        }
    }
}
