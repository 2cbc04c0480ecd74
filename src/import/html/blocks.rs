//! A DOM to blocks of plain text: one block per paragraph, heading, list item, quote or table
//! cell. Only text nodes become text: never an attribute, and never the body of an element a
//! reader does not show as text (script, style, template, noscript, iframe, SVG…) or one that
//! is hidden.

use dom_query::NodeRef;

/// What a block is, for laying blocks out the way the other importers do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Para,
    Item,
}

/// Elements whose contents are never text for a reader.
const NEVER_TEXT: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed",
    "applet", "svg", "canvas", "video", "audio", "picture", "img", "source", "track", "map",
    "head", "title", "meta", "link", "base", "input", "select", "option", "textarea", "button",
    "datalist", "output", "dialog",
];

/// Elements that start and end a block of their own.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "li",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "figure",
    "figcaption",
    "address",
    "hr",
    "form",
    "fieldset",
    "legend",
    "details",
    "summary",
    "center",
    "body",
    "html",
    "hgroup",
];

/// Collects the blocks of `root`'s subtree.
pub(crate) fn blocks(root: &NodeRef) -> Vec<(Kind, String)> {
    let mut w = Walker::default();
    w.walk(root);
    w.flush();
    w.out
}

/// Blocks laid out as the Markdown importer does: blank lines between blocks, list items of
/// one list on consecutive lines, a final newline.
pub(crate) fn layout(blocks: &[(Kind, String)]) -> String {
    let mut out = String::new();
    let mut prev: Option<Kind> = None;
    for (kind, text) in blocks {
        if let Some(p) = prev {
            out.push_str(if p == Kind::Item && *kind == Kind::Item {
                "\n"
            } else {
                "\n\n"
            });
        }
        out.push_str(text);
        prev = Some(*kind);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[derive(Default)]
struct Walker {
    out: Vec<(Kind, String)>,
    line: String,
    /// The marker the next text of a list item starts with ("• ", "3. ").
    pending_marker: Option<String>,
    lists: Vec<Option<u32>>,
    in_pre: usize,
}

impl Walker {
    fn walk(&mut self, node: &NodeRef) {
        for child in node.children_it(false) {
            if child.is_text() {
                self.text(&child.text());
            } else if child.is_element() {
                self.element(&child);
            }
        }
    }

    fn element(&mut self, el: &NodeRef) {
        let name = el
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if NEVER_TEXT.contains(&name.as_str()) || hidden(el) {
            return;
        }
        match name.as_str() {
            "br" => {
                if self.in_pre > 0 {
                    self.line.push('\n');
                } else {
                    self.flush();
                }
                return;
            }
            "ul" | "ol" => {
                self.flush();
                let start = el
                    .attr("start")
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(1);
                self.lists.push((name == "ol").then_some(start));
                self.walk(el);
                self.flush();
                self.lists.pop();
                return;
            }
            "li" => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "• ".to_owned(),
                };
                self.pending_marker = Some(format!("{}{marker}", "  ".repeat(depth)));
                self.walk(el);
                self.flush();
                self.pending_marker = None;
                return;
            }
            "pre" => {
                self.flush();
                self.in_pre += 1;
                self.walk(el);
                self.in_pre -= 1;
                self.flush();
                return;
            }
            _ => {}
        }
        let block = BLOCK.contains(&name.as_str());
        if block {
            self.flush();
        }
        self.walk(el);
        if block {
            self.flush();
        }
    }

    fn text(&mut self, t: &str) {
        if self.in_pre > 0 {
            self.line.push_str(t);
            return;
        }
        for (i, part) in t.split(char::is_whitespace).enumerate() {
            if i > 0 && !self.line.ends_with(' ') && !self.line.is_empty() {
                self.line.push(' ');
            }
            self.line.push_str(part);
        }
    }

    fn flush(&mut self) {
        let text = if self.in_pre > 0 {
            self.line.trim_matches('\n').trim_end().to_owned()
        } else {
            self.line.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        self.line.clear();
        if text.is_empty() {
            return;
        }
        match self.pending_marker.take() {
            Some(marker) => self.out.push((Kind::Item, format!("{marker}{text}"))),
            // Text of an item after a nested list stays in the item's list, unmarked.
            None if !self.lists.is_empty()
                && self.out.last().is_some_and(|b| b.0 == Kind::Item) =>
            {
                self.out.push((Kind::Item, text))
            }
            None => self.out.push((Kind::Para, text)),
        }
    }
}

/// Hidden from a reader: the `hidden` attribute, `aria-hidden`, or an inline `display:none`
/// / `visibility:hidden`.
fn hidden(el: &NodeRef) -> bool {
    if el.has_attr("hidden") {
        return true;
    }
    if el
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(html: &str) -> String {
        let doc = dom_query::Document::from(html);
        let body = doc.select("body");
        layout(&blocks(&body.nodes()[0]))
    }

    #[test]
    fn blocks_and_lists() {
        assert_eq!(
            text_of("<h1>Talks  stall</h1><p>The <b>minister</b>\n said <a href='javascript:x()'>so</a>.<br>Then left.</p><ul><li>one</li><li>two<ol><li>a</li></ol></li></ul><table><tr><td>Cell 1</td><td>Cell <i>2</i></td></tr></table>"),
            "Talks stall\n\nThe minister said so.\n\nThen left.\n\n• one\n• two\n  1. a\n\nCell 1\n\nCell 2\n"
        );
    }

    #[test]
    fn nothing_but_visible_text() {
        let t = text_of("<p onclick='steal()'>Safe<script>alert(1)</script><style>p{}</style></p><noscript>Enable JS</noscript><template><p>tpl</p></template><svg><script>x()</script><text>svgtext</text></svg><iframe src='http://x'>frame</iframe><p hidden>secret</p><p style='display: none'>gone</p><img alt='alt text' src='data:image/png;base64,AAAA'><p>End</p>");
        assert_eq!(t, "Safe\n\nEnd\n");
    }
}
