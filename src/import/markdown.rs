//! Markdown to plain text that keeps paragraphs, headings and list items as lines. Raw HTML
//! in the source is dropped: article content is shown as text, never as markup.

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
    let block_break = |out: &mut String| {
        let trimmed = out.trim_end_matches([' ', '\t']).len();
        out.truncate(trimmed);
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
        }
    };
    for event in Parser::new(markdown) {
        match event {
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
    fn numbered_lists_and_fallback_title() {
        let doc = to_document("1. first\n2. second\n", "notes");
        assert_eq!(doc.text, "1. first\n2. second\n");
        assert_eq!(doc.title, "1. first");
    }
}
