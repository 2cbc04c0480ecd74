//! Markdown to plain text that keeps paragraphs, headings and list items as lines. Raw HTML
//! goes through the HTML importer's text path: its visible words are kept, its markup and the
//! bodies of scripts and styles never become text.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::model::{NewDocument, Source};

pub(super) fn to_document(markdown: &str, fallback_title: &str) -> NewDocument {
    let (text, first_heading) = render(markdown);
    NewDocument {
        title: first_heading
            .or_else(|| super::title_from_first_line(&text))
            .unwrap_or_else(|| fallback_title.to_owned()),
        text,
        source: Source::default(),
    }
}

fn render(markdown: &str) -> (String, Option<String>) {
    let mut out = String::new();
    let mut heading: Option<String> = None;
    let mut in_heading: Option<HeadingLevel> = None;
    let mut current_heading = String::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    // An HTML block's lines, turned into text at its end.
    let mut html_block: Option<String> = None;
    // Inside inline `<script>`/`<style>`: the closing tag that ends the skipped text.
    let mut skipping: Option<&'static str> = None;
    let block_break = |out: &mut String| {
        let trimmed = out.trim_end_matches([' ', '\t']).len();
        out.truncate(trimmed);
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
        }
    };
    for event in Parser::new(markdown) {
        if let Some(close) = skipping {
            if let Event::InlineHtml(h) = &event {
                if h.to_ascii_lowercase().contains(close) {
                    skipping = None;
                }
            }
            continue;
        }
        match event {
            Event::Start(Tag::HtmlBlock) => html_block = Some(String::new()),
            Event::Html(h) => {
                if let Some(b) = html_block.as_mut() {
                    b.push_str(&h);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let words =
                    crate::import::html::fragment_text(&html_block.take().unwrap_or_default());
                if !words.is_empty() {
                    block_break(&mut out);
                    out.push_str(&words);
                    block_break(&mut out);
                }
            }
            Event::InlineHtml(h) => {
                let lower = h.to_ascii_lowercase();
                for (open, close) in [("<script", "</script"), ("<style", "</style")] {
                    if lower.starts_with(open) && !lower.contains(close) && !lower.ends_with("/>") {
                        skipping = Some(close);
                    }
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                block_break(&mut out);
                in_heading = Some(level);
                current_heading.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                if heading.is_none() && !current_heading.trim().is_empty() {
                    heading = Some(current_heading.trim().to_owned());
                }
                in_heading = None;
                block_break(&mut out);
            }
            Event::Start(Tag::Paragraph) if lists.is_empty() => block_break(&mut out),
            Event::End(TagEnd::Paragraph) if lists.is_empty() => block_break(&mut out),
            Event::Start(Tag::List(first)) => {
                if lists.is_empty() {
                    block_break(&mut out);
                }
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    block_break(&mut out);
                }
            }
            Event::Start(Tag::Item) => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                let depth = lists.len().saturating_sub(1);
                out.push_str(&"  ".repeat(depth));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("• "),
                }
            }
            Event::End(TagEnd::Item) if !out.ends_with('\n') => out.push('\n'),
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::BlockQuote(_)) => {
                block_break(&mut out)
            }
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::BlockQuote(_)) => {
                block_break(&mut out)
            }
            Event::Text(t) | Event::Code(t) => {
                if in_heading.is_some() {
                    current_heading.push_str(&t);
                }
                out.push_str(&t);
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Rule => block_break(&mut out),
            _ => {}
        }
    }
    let end = out.trim_end().len();
    out.truncate(end);
    out.push('\n');
    (out, heading)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_headings_paragraphs_and_items_as_lines() {
        let md = "# Port talks stall\n\nThe *minister* said\nthat talks [failed](http://x).\n\n- one\n- two\n\n## Reaction\n\n<script>alert(1)</script>\nCalm `now`.\n";
        let doc = to_document(md, "file");
        assert_eq!(doc.title, "Port talks stall");
        assert_eq!(
            doc.text,
            "Port talks stall\n\nThe minister said that talks failed.\n\n• one\n• two\n\nReaction\n\nCalm now.\n"
        );
    }

    #[test]
    fn raw_html_keeps_visible_words_only() {
        let doc = to_document("# Title <script>alert(1)</script>\n\nSaid <b>so</b> <style>p{}</style>today.\n\n<div class=\"note\" onclick=\"x()\">\nA block's <em>words</em> stay.\n<script>steal()</script>\n</div>\n\nEnd.\n", "f");
        assert_eq!(doc.title, "Title");
        assert_eq!(
            doc.text,
            "Title\n\nSaid so today.\n\nA block's words stay.\n\nEnd.\n"
        );
        assert!(
            !doc.text.contains("alert") && !doc.text.contains("steal") && !doc.text.contains("p{}")
        );
    }

    #[test]
    fn numbered_lists_and_fallback_title() {
        let doc = to_document("1. first\n2. second\n", "notes");
        assert_eq!(doc.text, "1. first\n2. second\n");
        assert_eq!(doc.title, "1. first");
    }
}
