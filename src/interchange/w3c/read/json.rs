//! Reading JSON-LD values as the Web Annotation model writes them: a property holds one value
//! or an array of them.

use serde_json::Value;

pub(super) fn str_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// A property's values: one value, or each of an array.
pub(super) fn values(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(a)) => a.iter().collect(),
        Some(one) => vec![one],
    }
}

pub(super) fn has_type(v: &Value, t: &str) -> bool {
    values(v.get("type")).iter().any(|x| x.as_str() == Some(t))
}

/// `s` cut to `max` characters for a note, with "…" when cut.
pub(super) fn text_of(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}
