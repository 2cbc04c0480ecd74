//! project.qde as a read-only element tree (roxmltree), refused where it is not well-formed XML
//! with the file and the line and column where it breaks, and the few questions the reader
//! asks of an element.

use roxmltree::{Document, Node, ParsingOptions, TextPos};

use super::archive::line_col;
use crate::error::{Error, Result};
use crate::interchange::qdpx::PROJECT_FILE;

/// Deeper nesting than any real project has: such a file is broken or hostile.
const MAX_DEPTH: usize = 200;

/// Parses project.qde. Elements are read by local name (the namespace is checked on the
/// root). A DTD is refused (roxmltree's default): REFI-QDA has none, and entities it declared
/// could expand far beyond the size budget.
pub(super) fn parse<'i>(xml: &'i str, what: &str) -> Result<Document<'i>> {
    let doc = Document::parse_with_options(xml, ParsingOptions::default())
        .map_err(|e| refusal(xml, what, &e))?;
    check_depth(&doc, what)?;
    Ok(doc)
}

fn not_well_formed(what: &str, at: Option<(usize, usize)>, reason: &str) -> Error {
    let at = at.map_or(String::new(), |(line, col)| {
        format!(" at line {line}, column {col}")
    });
    Error::invalid_file(
        what,
        format!("{PROJECT_FILE} is not well-formed XML{at}: {reason}"),
    )
}

/// roxmltree's error, its place given once, as a line and column.
fn refusal(xml: &str, what: &str, e: &roxmltree::Error) -> Error {
    use roxmltree::Error as E;
    let pos = e.pos();
    let message = e.to_string();
    // Most messages end their sentence with " at row:col"; the others have no place (1:1).
    let mut at = message
        .contains(&format!(" at {pos}"))
        .then_some((pos.row as usize, pos.col as usize));
    let reason = match e {
        E::UnknownEntityReference(name, _) => format!("unknown entity &{name};"),
        E::NoRootNode => "there is no root element".to_owned(),
        E::UnclosedRootNode => {
            at = Some(line_col(xml.as_bytes()));
            "the file ends before its root element is closed".to_owned()
        }
        E::UnexpectedEndOfStream => {
            at = Some(line_col(xml.as_bytes()));
            "the file ends inside a tag or other markup".to_owned()
        }
        E::UnknownToken(pos) => unknown_token(xml, *pos),
        E::DtdDetected => {
            at = xml
                .find("<!DOCTYPE")
                .map(|b| line_col(&xml.as_bytes()[..b]));
            "it declares a DTD (<!DOCTYPE …>), which REFI-QDA projects do not have".to_owned()
        }
        _ => message.replace(&format!(" at {pos}"), ""),
    };
    not_well_formed(what, at, &reason)
}

/// What is at `pos`, where roxmltree found a token it does not know: its usual cause is
/// something outside the root element, which a parse of the text before it tells.
fn unknown_token(xml: &str, pos: TextPos) -> String {
    let at = byte_at(xml, pos);
    let markup = xml[at..].starts_with('<');
    match Document::parse(&xml[..at]) {
        Ok(_) if markup => "a second root element".to_owned(),
        Ok(_) | Err(roxmltree::Error::NoRootNode) if !markup => {
            "text outside the root element".to_owned()
        }
        _ => "unknown token".to_owned(),
    }
}

/// The byte offset of a line and column (counted in characters from 1), at most the end.
fn byte_at(xml: &str, pos: TextPos) -> usize {
    let mut lines = xml.split_inclusive('\n');
    let before: usize = lines
        .by_ref()
        .take(pos.row.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let line = lines.next().unwrap_or_default();
    let col = line
        .char_indices()
        .nth(pos.col.saturating_sub(1) as usize)
        .map_or(line.len(), |(b, _)| b);
    before + col
}

fn check_depth(doc: &Document, what: &str) -> Result<()> {
    // Depth by node id; document order visits a parent before its children.
    let mut depth = vec![0usize; doc.descendants().count()];
    for n in doc.descendants() {
        let d = n.parent().map_or(0, |p| depth[p.id().get_usize()] + 1);
        depth[n.id().get_usize()] = d;
        if n.is_element() && d > MAX_DEPTH {
            let pos = doc.text_pos_at(n.range().start);
            return Err(not_well_formed(
                what,
                Some((pos.row as usize, pos.col as usize)),
                &format!("elements nested deeper than {MAX_DEPTH}"),
            ));
        }
    }
    Ok(())
}

/// What the reader asks of an element of project.qde.
pub(super) trait Element<'a, 'i: 'a>: Sized {
    /// Its local name.
    fn tag(self) -> &'a str;
    /// The value of its attribute `key` (without a prefix, as the schema's attributes are).
    fn attr(self, key: &str) -> Option<&'a str>;
    /// Its child elements.
    fn elements(self) -> impl Iterator<Item = Node<'a, 'i>>;
    /// Its child elements named `name`.
    fn all(self, name: &str) -> impl Iterator<Item = Node<'a, 'i>> {
        self.elements().filter(move |c| c.tag() == name)
    }
    /// Its first child element named `name`.
    fn child(self, name: &str) -> Option<Node<'a, 'i>> {
        self.all(name).next()
    }
    /// The elements `name` of its containers `container` (`<Users><User/>…`).
    fn items(self, container: &str, name: &str) -> impl Iterator<Item = Node<'a, 'i>> {
        self.all(container).flat_map(move |c| c.all(name))
    }
    /// Its own text (its text children, CDATA included, joined; not its descendants').
    fn own_text(self) -> String;
}

impl<'a, 'i: 'a> Element<'a, 'i> for Node<'a, 'i> {
    fn tag(self) -> &'a str {
        self.tag_name().name()
    }

    fn attr(self, key: &str) -> Option<&'a str> {
        self.attributes()
            .find(|a| a.namespace().is_none() && a.name() == key)
            .map(|a| a.value())
    }

    fn elements(self) -> impl Iterator<Item = Node<'a, 'i>> {
        self.children().filter(Node::is_element)
    }

    fn own_text(self) -> String {
        self.children()
            .filter(Node::is_text)
            .filter_map(|t| t.text())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(xml: &str) -> String {
        parse(xml, "in.qdpx").unwrap_err().to_string()
    }

    #[test]
    fn what_is_not_well_formed_is_refused_with_its_place() {
        let says = |xml: &str, parts: &[&str]| {
            let m = refused(xml);
            assert!(
                m.starts_with("in.qdpx: project.qde is not well-formed XML")
                    && parts.iter().all(|p| m.contains(p)),
                "{m}"
            );
        };
        says(
            "<Project>\n  <Users>\n</Project>",
            &["line 3, column 1", "expected 'Users' tag, not 'Project'"],
        );
        says(
            "<Project>&bogus;</Project>",
            &["line 1, column 10", "&bogus;"],
        );
        says(
            "<Project/>\n<Project/>",
            &["line 2, column 1", "a second root element"],
        );
        says(
            "<Project/>\njunk",
            &["line 2, column 1", "text outside the root element"],
        );
        says(
            "junk<Project/>",
            &["line 1, column 1", "text outside the root element"],
        );
        says(
            "<Project>\n<Users>",
            &["line 2, column 8", "before its root element is closed"],
        );
        says("<Project name=\"x", &["line 1, column 17", "inside a tag"]);
        says("", &["there is no root element"]);
        says(
            "<P a=\"1\" a=\"2\"/>",
            &["line 1, column 10", "attribute 'a' is already defined"],
        );
    }

    #[test]
    fn a_dtd_is_refused_so_no_entity_can_expand() {
        let m =
            refused("<?xml version=\"1.0\"?>\n<!DOCTYPE P [<!ENTITY a \"aaaa\">]>\n<P>&a;&a;</P>");
        assert!(m.contains("line 2, column 1") && m.contains("DTD"), "{m}");
    }

    #[test]
    fn nesting_deeper_than_any_project_is_refused() {
        let ok = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
        assert!(parse(&ok, "in.qdpx").is_ok());
        let deep = format!(
            "<P>\n{}{}</P>",
            "<a>".repeat(MAX_DEPTH),
            "</a>".repeat(MAX_DEPTH)
        );
        let m = refused(&deep);
        assert!(
            m.contains("line 2, column 598") && m.contains("nested deeper than 200"),
            "{m}"
        );
    }

    #[test]
    fn elements_answer_by_local_name_and_own_text() {
        let doc = Document::parse(
            "<q:P xmlns:q=\"urn:x\" q:guid=\"no\" guid=\"yes\"><q:D>a<!-- c -->b<![CDATA[<c>]]>&amp;<i>not</i></q:D><D/><C><I/><I/></C><C><I/></C></q:P>",
        )
        .unwrap();
        let p = doc.root_element();
        assert_eq!((p.tag(), p.attr("guid")), ("P", Some("yes")));
        assert_eq!(p.child("D").unwrap().own_text(), "ab<c>&");
        assert_eq!(p.all("D").count(), 2);
        assert_eq!(p.items("C", "I").count(), 3);
        assert_eq!(p.elements().count(), 4);
    }
}
