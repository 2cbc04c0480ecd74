//! A figure that is either a number or "not defined" with the reason why, so that no NaN ever
//! reaches a report: a reader sees `null` and, beside it, the sentence that explains it.

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    Value(f64),
    Undefined { reason: String },
}

impl Figure {
    pub fn undefined(reason: impl Into<String>) -> Self {
        Figure::Undefined {
            reason: reason.into(),
        }
    }

    pub fn value(&self) -> Option<f64> {
        match self {
            Figure::Value(x) => Some(*x),
            Figure::Undefined { .. } => None,
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Figure::Value(_) => None,
            Figure::Undefined { reason } => Some(reason),
        }
    }

    pub fn is_defined(&self) -> bool {
        matches!(self, Figure::Value(_))
    }
}

/// A number, or `null` when not defined (the reason travels in a `*_detail` key beside it).
impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // A non-finite value would be written as null by serde_json anyway; say so here.
            Figure::Value(x) if x.is_finite() => serializer.serialize_f64(*x),
            _ => serializer.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_number_or_null() {
        assert_eq!(serde_json::to_string(&Figure::Value(0.5)).unwrap(), "0.5");
        assert_eq!(
            serde_json::to_string(&Figure::undefined("no units")).unwrap(),
            "null"
        );
        assert_eq!(Figure::undefined("x").reason(), Some("x"));
        assert_eq!(Figure::Value(1.0).value(), Some(1.0));
    }
}
