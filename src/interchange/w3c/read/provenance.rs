//! Who made an annotation (its coder) and when (its created and modified times).

use serde_json::Value;

use super::json::{str_of, values};
use super::Reader;
use crate::interchange::w3c::UNKNOWN_CODER;
use crate::model::now;

impl Reader<'_> {
    pub(super) fn creator(&mut self, a: &Value, at: &str) -> String {
        let creators = values(a.get("creator"));
        if creators.len() > 1 {
            self.note(
                at,
                format!("has {} creators: the first is its coder", creators.len()),
            );
        }
        let name = creators.first().and_then(|c| match c {
            Value::String(iri) => Some(iri.clone()),
            Value::Object(_) => str_of(c, "name")
                .or_else(|| str_of(c, "nickname"))
                .or_else(|| str_of(c, "id"))
                .map(str::to_owned),
            _ => None,
        });
        match name.filter(|n| !n.trim().is_empty()) {
            Some(n) => n.trim().to_owned(),
            None => {
                self.note(
                    at,
                    format!("has no creator: its coder is {UNKNOWN_CODER:?}"),
                );
                UNKNOWN_CODER.to_owned()
            }
        }
    }

    pub(super) fn times(&mut self, a: &Value, at: &str) -> (String, String) {
        let mut get = |key: &str| -> Option<String> {
            let t = str_of(a, key)?;
            match chrono::DateTime::parse_from_rfc3339(t) {
                Ok(_) => Some(t.to_owned()),
                Err(_) => {
                    self.note(
                        at,
                        format!("its {key} {t:?} is not an RFC 3339 time: not read"),
                    );
                    None
                }
            }
        };
        let (created, modified) = (get("created"), get("modified"));
        match (created, modified) {
            (Some(c), Some(m)) => (c, m),
            (Some(c), None) => (c.clone(), c),
            (None, Some(m)) => (m.clone(), m),
            (None, None) => {
                let t = now();
                (t.clone(), t)
            }
        }
    }
}
