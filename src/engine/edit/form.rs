//! Reading and writing one field of an entity, as a form does: a field is addressed by its path
//! inside the entity (`["Routes", 0, "GatewayId"]`); writing it changes that member only, so
//! every member the form does not know is kept as it was.

use serde_json::{Map, Number, Value};

use super::path::{EntityPath, Segment};
use super::schema::FieldType;

/// The value at `path` inside `entity`, unless absent or `null`.
pub fn field_value<'a>(entity: &'a Value, path: &EntityPath) -> Option<&'a Value> {
    path.get(entity).filter(|v| !v.is_null())
}

/// Set the member at `path` inside `entity` to `value`, or remove it when `value` is `None`.
/// Objects and lists on the way are created when absent; a list grows to reach an index with
/// empty objects. Nothing else changes. Returns whether the entity could take it (a path through
/// a string, say, cannot).
pub fn set_field(entity: &mut Value, path: &EntityPath, value: Option<Value>) -> bool {
    let Some((last, parents)) = path.0.split_last() else {
        return false;
    };
    let mut here = entity;
    for (i, segment) in parents.iter().enumerate() {
        let next_is_index = matches!(parents.get(i + 1).unwrap_or(last), Segment::Index(_));
        let empty = || {
            if next_is_index {
                Value::Array(Vec::new())
            } else {
                Value::Object(Map::new())
            }
        };
        here = match (segment, here) {
            (Segment::Key(k), Value::Object(map)) => {
                let slot = map.entry(k.clone()).or_insert_with(empty);
                if slot.is_null() {
                    *slot = empty();
                }
                slot
            }
            (Segment::Index(n), Value::Array(items)) => {
                while items.len() <= *n {
                    items.push(Value::Object(Map::new()));
                }
                match items.get_mut(*n) {
                    Some(item) => item,
                    None => return false,
                }
            }
            _ => return false,
        };
    }
    match (last, here, value) {
        (Segment::Key(k), Value::Object(map), Some(v)) => {
            map.insert(k.clone(), v);
            true
        }
        (Segment::Key(k), Value::Object(map), None) => {
            map.remove(k);
            true
        }
        (Segment::Index(n), Value::Array(items), Some(v)) => match items.get_mut(*n) {
            Some(slot) => {
                *slot = v;
                true
            }
            None => {
                items.push(v);
                true
            }
        },
        (Segment::Index(n), Value::Array(items), None) if *n < items.len() => {
            items.remove(*n);
            true
        }
        _ => false,
    }
}

/// A field's value as an input shows it: strings as they are, numbers and booleans printed,
/// anything else as compact JSON; empty when absent.
pub fn field_text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// What typing `text` into an input of `kind` sets the field to: `None` (the member is removed)
/// for empty text, a number for a number field when it reads as one, else the string. A value
/// the loader rejects is kept as typed, so that the loader's message says what is wrong.
pub fn field_input(kind: FieldType, text: &str) -> Option<Value> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    Some(match kind {
        FieldType::Number => trimmed
            .parse::<i64>()
            .map(|n| Value::Number(Number::from(n)))
            .unwrap_or_else(|_| Value::String(text.to_owned())),
        _ => Value::String(text.to_owned()),
    })
}

/// A boolean field's value, in either shape the loader reads (`true`, `{"Value": true}`).
pub fn bool_value(value: Option<&Value>) -> Option<bool> {
    match value? {
        Value::Bool(b) => Some(*b),
        Value::Object(m) => m.get("Value").and_then(Value::as_bool),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// The new value of a boolean field set to `b`, in the shape it had (`{"Value": b}` stays so).
pub fn bool_input(old: Option<&Value>, b: bool) -> Value {
    match old {
        Some(Value::Object(m)) if m.contains_key("Value") => {
            let mut m = m.clone();
            m.insert("Value".to_owned(), Value::Bool(b));
            Value::Object(m)
        }
        _ => Value::Bool(b),
    }
}

/// A policy document as it is written in the field, and whether it is written as a JSON string
/// (as `get-key-policy` prints it); the form shows and edits it as JSON either way.
pub fn policy_text(value: Option<&Value>) -> (String, bool) {
    match value {
        None | Some(Value::Null) => (String::new(), false),
        Some(Value::String(s)) => (
            serde_json::from_str::<Value>(s)
                .ok()
                .and_then(|v| serde_json::to_string_pretty(&v).ok())
                .unwrap_or_else(|| s.clone()),
            true,
        ),
        Some(other) => (
            serde_json::to_string_pretty(other).unwrap_or_default(),
            false,
        ),
    }
}

/// The value a policy field takes when its JSON text is `text`: `None` when empty, the document
/// (re-encoded as a JSON string when it was written as one), or an error when it is not JSON.
pub fn policy_input(text: &str, as_string: bool) -> Result<Option<Value>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let document: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "not valid JSON yet: {e} (line {}, column {})",
            e.line(),
            e.column()
        )
    })?;
    Ok(Some(if as_string {
        Value::String(document.to_string())
    } else {
        document
    }))
}
