//! What a JSON file says about itself at its top level (`format`, `version`, whether it has an
//! `@context`), read without building the rest: a `serde_json::Value` of a set of 30,000 claims
//! took a tenth of its merge, and it was built twice (once to tell W3C from a set, once for
//! the format and version) before the set itself was parsed.

use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// The top-level keys of one JSON object (all absent when the value is not an object).
#[derive(Debug, Default)]
pub(crate) struct Keys {
    pub format: Option<Value>,
    pub version: Option<Value>,
    pub context: bool,
}

/// A file's top level: its own keys, and for an array those of its first element.
#[derive(Debug, Default)]
pub(crate) struct Head {
    pub top: Keys,
    pub first: Option<Keys>,
}

/// Reads the head of `bytes`, checking that the whole is JSON (the same errors, with the same
/// lines and columns, as parsing it into a `Value`).
pub(crate) fn read(bytes: &[u8]) -> serde_json::Result<Head> {
    serde_json::from_slice(bytes)
}

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(d.deserialize_any(HeadVisitor { nested: true })?.top)
    }
}

impl<'de> Deserialize<'de> for Head {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(HeadVisitor { nested: false })
    }
}

/// `nested`: reading an array's element, whose own elements are not looked into.
struct HeadVisitor {
    nested: bool,
}

impl<'de> Visitor<'de> for HeadVisitor {
    type Value = Head;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Head, A::Error> {
        let mut keys = Keys::default();
        // As in a `serde_json::Map`, a repeated key keeps its last value.
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match &*key {
                "format" => keys.format = Some(map.next_value()?),
                "version" => keys.version = Some(map.next_value()?),
                "@context" => {
                    map.next_value::<IgnoredAny>()?;
                    keys.context = true;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Head {
            top: keys,
            first: None,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Head, A::Error> {
        let first = if self.nested {
            seq.next_element::<IgnoredAny>()?;
            None
        } else {
            seq.next_element::<Keys>()?
        };
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Head {
            top: Keys::default(),
            first,
        })
    }

    fn visit_bool<E>(self, _: bool) -> Result<Head, E> {
        Ok(Head::default())
    }
    fn visit_i64<E>(self, _: i64) -> Result<Head, E> {
        Ok(Head::default())
    }
    fn visit_u64<E>(self, _: u64) -> Result<Head, E> {
        Ok(Head::default())
    }
    fn visit_f64<E>(self, _: f64) -> Result<Head, E> {
        Ok(Head::default())
    }
    fn visit_str<E>(self, _: &str) -> Result<Head, E> {
        Ok(Head::default())
    }
    fn visit_unit<E>(self) -> Result<Head, E> {
        Ok(Head::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The head agrees with what a `Value` of the same bytes says.
    #[test]
    fn agrees_with_a_value() {
        for json in [
            r#"{"format": "x", "version": 1, "claims": [{"format": "inner"}]}"#,
            r#"{"version": 2, "version": 3, "format": {"a": 1}}"#,
            r#"[{"@context": "http://www.w3.org/ns/anno.jsonld", "id": 1}, {"format": 1}]"#,
            r#"[[{"@context": 1}]]"#,
            r#"[]"#,
            r#""just a string""#,
            r#"12"#,
        ] {
            let v: Value = serde_json::from_str(json).unwrap();
            let h = read(json.as_bytes()).unwrap();
            assert_eq!(h.top.format.as_ref(), v.get("format"), "{json}");
            assert_eq!(h.top.version.as_ref(), v.get("version"), "{json}");
            let first = v.as_array().and_then(|a| a.first());
            let keys = h.first.as_ref();
            assert_eq!(
                keys.is_some_and(|k| k.context),
                first.is_some_and(|f| f.get("@context").is_some()),
                "{json}"
            );
        }
        for bad in ["{\"a\": }", "[1, 2", "{\"a\": 1} x"] {
            let by_value = serde_json::from_str::<Value>(bad).unwrap_err();
            let by_head = read(bad.as_bytes()).unwrap_err();
            assert_eq!(
                (by_value.line(), by_value.column()),
                (by_head.line(), by_head.column())
            );
        }
    }
}
