//! What a W3C annotation file holds: a collection with its embedded pages, a page, one
//! annotation or an array of them; pages and annotations only referenced are noted.

use serde_json::Value;

use super::json::{has_type, values};
use super::Reader;
use crate::error::{Error, Result};

impl Reader<'_> {
    /// The annotations of whatever the file holds.
    pub(super) fn items<'v>(&mut self, root: &'v Value) -> Result<Vec<&'v Value>> {
        if let Value::Array(a) = root {
            return Ok(a.iter().collect());
        }
        if !root.is_object() {
            return Err(Error::invalid_file(
                super::WHAT,
                "it holds no JSON object: expected an Annotation, AnnotationPage or AnnotationCollection",
            ));
        }
        if has_type(root, "Annotation") {
            return Ok(vec![root]);
        }
        let mut page = if has_type(root, "AnnotationCollection") {
            match root.get("first") {
                Some(p @ Value::Object(_)) => Some(p),
                Some(Value::String(iri)) => {
                    self.notes.push(format!(
                        "the collection's pages are not in the file (its first page is {iri}): only embedded pages can be read"
                    ));
                    None
                }
                _ => None,
            }
        } else if has_type(root, "AnnotationPage") {
            Some(root)
        } else {
            return Err(Error::invalid_file(
                super::WHAT,
                format!(
                    "not an Annotation, AnnotationPage or AnnotationCollection (its \"type\" is {})",
                    root.get("type").map_or("missing".into(), |t| t.to_string())
                ),
            ));
        };
        let mut out = vec![];
        // Pages embedded in one another through `next`; a bound, since a file is finite anyway.
        let mut pages = 0;
        while let Some(p) = page {
            pages += 1;
            for item in values(p.get("items")) {
                match item {
                    Value::String(iri) => self.notes.push(format!(
                        "annotation {iri}: only referenced, not in the file: not read"
                    )),
                    v => out.push(v),
                }
            }
            page = match p.get("next") {
                Some(n @ Value::Object(_)) if pages < 100_000 => Some(n),
                Some(Value::String(iri)) => {
                    self.notes.push(format!(
                        "the next page ({iri}) is not in the file: its annotations are not read"
                    ));
                    None
                }
                _ => None,
            };
        }
        Ok(out)
    }
}
