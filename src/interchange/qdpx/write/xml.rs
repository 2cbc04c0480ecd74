//! Writing project.qde: a thin layer on quick-xml's writer that does its own escaping.

use std::borrow::Cow;
use std::io::Write;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::Writer;

use crate::error::{Error, Result};
use crate::interchange::ZipSender;

fn xml_err(e: std::io::Error) -> Error {
    Error::io("writing project.qde", e)
}

/// How many bytes of the document go to the zip writer at a time.
const CHUNK: usize = 1 << 20;

/// The document's bytes as they are written, in chunks, to the zip writer's thread.
struct Chunks<'z> {
    buf: Vec<u8>,
    to: &'z ZipSender,
}

impl Chunks<'_> {
    fn send(&mut self) -> std::io::Result<()> {
        let full = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK + 4096));
        self.to.bytes(full)
    }
}

impl Write for Chunks<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// quick-xml escapes only `&<>"'`, and a raw CR, LF or tab would not survive an XML parser
/// (end-of-line and attribute-value normalisation), so those become character references.
pub(super) struct Xml<'z> {
    w: Writer<Chunks<'z>>,
    failed: Option<std::io::Error>,
}

impl<'z> Xml<'z> {
    /// A document that starts with its XML declaration, its bytes sent to `to` as they come
    /// (the zip writer must have been told the file's name).
    pub(super) fn new(to: &'z ZipSender) -> Xml<'z> {
        let chunks = Chunks {
            buf: Vec::with_capacity(CHUNK + 4096),
            to,
        };
        let mut x = Xml {
            w: Writer::new_with_indent(chunks, b' ', 2),
            failed: None,
        };
        x.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        x
    }

    fn event(&mut self, e: Event<'_>) {
        if self.failed.is_none() {
            if let Err(err) = self.w.write_event(e) {
                self.failed = Some(err);
            }
        }
    }

    fn tag<'a>(name: &'a str, attrs: &[(&'a str, &str)]) -> BytesStart<'a> {
        let mut t = BytesStart::new(name);
        for (k, v) in attrs {
            t.push_attribute(Attribute {
                key: QName(k),
                value: escape(v, true),
            });
        }
        t
    }

    pub(super) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Start(Self::tag(name, attrs)));
    }

    pub(super) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Empty(Self::tag(name, attrs)));
    }

    pub(super) fn end(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    pub(super) fn text_element(&mut self, name: &str, text: &str) {
        self.start(name, &[]);
        self.event(Event::Text(BytesText::from_escaped(escape(text, false))));
        self.end(name);
    }

    /// Sends what is left; the zip writer sees the end when `self` is gone.
    pub(super) fn finish(mut self) -> Result<()> {
        if let Some(e) = self.failed.take() {
            return Err(xml_err(e));
        }
        let mut rest = self.w.into_inner();
        rest.buf.push(b'\n');
        rest.send().map_err(xml_err)
    }
}

/// Escapes text for XML 1.0. Characters XML 1.0 cannot hold at all (most C0 controls,
/// U+FFFE, U+FFFF) become U+FFFD: titles and notes with them are not round-tripped exactly.
/// Borrowed when nothing needs escaping, as most names, positions and GUIDs do.
fn escape(s: &str, attribute: bool) -> Cow<'_, str> {
    let plain = |c: char| match c {
        '&' | '<' | '>' | '\r' => false,
        '"' | '\n' | '\t' => !attribute,
        c => xml_char(c),
    };
    if s.chars().all(plain) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(ch),
            c if xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    Cow::Owned(out)
}

fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_line_ends_and_replaces_what_xml_cannot_hold() {
        assert_eq!(
            escape("a<b&\"c\"\r\n\td", true),
            "a&lt;b&amp;&quot;c&quot;&#13;&#10;&#9;d"
        );
        assert_eq!(
            escape("a<b&\"c\"\r\n\td", false),
            "a&lt;b&amp;\"c\"&#13;\n\td"
        );
        assert_eq!(escape("x\u{1}\u{FFFE}👍🏽", false), "x\u{FFFD}\u{FFFD}👍🏽");
    }
}
