//! Site chrome left around an article's text by copy-and-paste or scraping ("Previous
//! Article", "Leave a Comment", "Share", "© 2024 …"): which leading and trailing lines look like
//! it, so the app can show them before import and the importer can drop them.
//!
//! Conservative by construction: only a run of short, sentence-less lines at the very start or
//! end is considered, and it is cut only from (or up to) a line that matches a known chrome
//! phrase. A line that reads like a sentence stops the run, so body text is never proposed.

use serde::{Deserialize, Serialize};

use super::html::Kind;

/// Lines `start..end` (0-based, end exclusive) of a text that look like site chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LineRange {
    pub start: u32,
    pub end: u32,
}

/// Phrases that are site chrome when they are a whole line (case and trailing punctuation
/// aside). Kept to what sites print around articles in many languages' English templates.
const PHRASES: &[&str] = &[
    "previous article",
    "next article",
    "previous post",
    "next post",
    "previous story",
    "next story",
    "previous",
    "next",
    "older post",
    "newer post",
    "leave a comment",
    "leave a reply",
    "write a comment",
    "post a comment",
    "add a comment",
    "comments",
    "show comments",
    "view comments",
    "no comments",
    "cancel reply",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share on x",
    "share on linkedin",
    "share via email",
    "tweet",
    "email",
    "print",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "telegram",
    "reddit",
    "pinterest",
    "related",
    "related articles",
    "related posts",
    "related stories",
    "related content",
    "read more",
    "read next",
    "more stories",
    "more from",
    "you may also like",
    "recommended",
    "recommended for you",
    "most popular",
    "most read",
    "trending",
    "advertisement",
    "sponsored",
    "subscribe",
    "subscribe now",
    "sign up",
    "newsletter",
    "follow us",
    "skip to content",
    "skip to main content",
    "menu",
    "home",
    "search",
    "log in",
    "login",
    "sign in",
    "register",
    "accept",
    "accept all",
    "accept cookies",
    "back to top",
    "tags",
    "topics",
    "all rights reserved",
    "about us",
    "contact us",
    "privacy policy",
    "terms of use",
    "cookie policy",
    "top stories",
    "latest news",
    "photo",
    "photos",
    "video",
    "image",
    "gallery",
    "listen",
    "listen to this article",
    "continue reading",
    "continue reading the main story",
    "continue reading below",
    "story continues below",
    "story continues below advertisement",
    "scroll to continue",
    "skip advertisement",
];

/// Prefixes that make a short line chrome ("Tags: …", "© 2024 Example", "Posted in …").
const PREFIXES: &[&str] = &[
    "©",
    "(c) ",
    "copyright",
    "tags:",
    "tagged:",
    "topics:",
    "filed under",
    "posted in",
    "categories:",
    "category:",
    "share on ",
    "follow us on",
    "related:",
    "read more:",
    "see also:",
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "your email address will not be published",
    "you must be logged in",
];

/// Prefixes of the link teasers sites put between an article's paragraphs ("Read more: …").
const TEASERS: &[&str] = &[
    "read more:",
    "related:",
    "see also:",
    "also read:",
    "read also:",
    "more on this:",
    "recommended:",
    "related article:",
    "related story:",
    "click here to",
];

/// A block of an extracted page that is a label of the site wherever it stands: a chrome
/// phrase alone, or a short link teaser.
fn is_label(block: &str) -> bool {
    let n = norm(block);
    // A gallery's counter ("1 / 5") is not a sentence either.
    let counter = n.split('/').count() == 2
        && n.split('/')
            .all(|p| !p.trim().is_empty() && p.trim().chars().all(|c| c.is_ascii_digit()));
    counter
        || PHRASES.contains(&n.as_str())
        || (n.split_whitespace().count() <= 20 && TEASERS.iter().any(|p| n.starts_with(p)))
}

/// The most words a chrome line has ("Isakovo Fire at Pig Farm and Related Emergencies in
/// Russia", the title of a linked article, has 10).
const MAX_WORDS: usize = 14;

fn norm(line: &str) -> String {
    line.trim()
        .trim_end_matches(|c: char| {
            matches!(c, ':' | '›' | '»' | '→' | '…' | '.' | '|' | '>' | '-')
        })
        .trim_start_matches(['‹', '«', '←', '<', '|', '-'])
        .trim()
        .to_lowercase()
}

/// A line that names chrome by itself.
fn is_marker(line: &str) -> bool {
    let n = norm(line);
    if n.is_empty() {
        return false;
    }
    if PHRASES.contains(&n.as_str()) {
        return true;
    }
    let words = n.split_whitespace().count();
    words <= MAX_WORDS + 10 && PREFIXES.iter().any(|p| n.starts_with(p))
        || (words <= MAX_WORDS && n.contains("all rights reserved"))
}

/// A line that could be chrome: short and not a sentence.
fn is_short(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    if words == 0 || words > MAX_WORDS {
        return false;
    }
    if is_marker(t) {
        return true;
    }
    !t.ends_with(['.', '!', '?', '"', '”', '»', ';', ')'])
}

/// Proposes the leading and trailing chrome of `lines` as line ranges (at most two).
pub fn propose(lines: &[&str]) -> Vec<LineRange> {
    let mut out = Vec::new();
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    // Leading: the run of short lines from the top, cut after its last marker.
    let mut lead_end = None;
    for &i in &content {
        if !is_short(lines[i]) {
            break;
        }
        if is_marker(lines[i]) {
            lead_end = Some(i + 1);
        }
    }
    // Trailing: the run of short lines from the bottom, cut before its first marker.
    let mut trail_start = None;
    for &i in content.iter().rev() {
        if !is_short(lines[i]) {
            break;
        }
        if is_marker(lines[i]) {
            trail_start = Some(i);
        }
    }
    // Never everything: a text that is all short lines is left alone.
    if let (Some(e), Some(s)) = (lead_end, trail_start) {
        if s < e {
            return out;
        }
    }
    let body_left = |from: usize, to: usize| content.iter().any(|&i| i >= from && i < to);
    if let Some(e) = lead_end {
        if body_left(e, trail_start.unwrap_or(lines.len())) {
            out.push(LineRange {
                start: 0,
                end: e as u32,
            });
        }
    }
    if let Some(s) = trail_start {
        if body_left(lead_end.unwrap_or(0), s) {
            out.push(LineRange {
                start: s as u32,
                end: lines.len() as u32,
            });
        }
    }
    out
}

/// A line that would be trimmed, for showing before import: its number (1-based) and text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChromeLine {
    pub line: u32,
    pub text: String,
}

/// The non-blank lines of a plain-text file that `import --trim-chrome` would drop, read and
/// decoded as the import reads it (so a file that cannot be imported is refused the same way).
pub fn chrome_of_file(path: &std::path::Path) -> crate::Result<Vec<ChromeLine>> {
    let what = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| crate::Error::Io {
            context: format!("cannot read {what}"),
            source: e,
        })?
        .len();
    if size > super::MAX_IMPORT_BYTES {
        return Err(crate::Error::TooLarge {
            what,
            size,
            limit: super::MAX_IMPORT_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| crate::Error::Io {
        context: format!("cannot read {what}"),
        source: e,
    })?;
    let (text, _) = super::decode_any(&bytes, &what, false)?;
    Ok(chrome_lines(&text))
}

/// The non-blank lines of `text` that [`trim_text`] drops.
pub fn chrome_lines(text: &str) -> Vec<ChromeLine> {
    let lines: Vec<&str> = text.split('\n').collect();
    propose(&lines)
        .iter()
        .flat_map(|r| r.start..r.end)
        .filter(|&n| !lines[n as usize].trim().is_empty())
        .map(|n| ChromeLine {
            line: n + 1,
            text: lines[n as usize].to_owned(),
        })
        .collect()
}

/// The chrome `propose` finds in a text.
pub fn propose_for_text(text: &str) -> Vec<LineRange> {
    propose(&text.split('\n').collect::<Vec<_>>())
}

/// `text` without the proposed chrome, laid out as it was (a final newline kept).
pub fn trim_text(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let cut = propose(&lines);
    let kept: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            !cut.iter()
                .any(|r| (r.start as usize..r.end as usize).contains(i))
        })
        .map(|(_, l)| *l)
        .collect();
    let joined = kept.join("\n");
    let body = joined.trim_matches('\n');
    format!("{body}\n")
}

/// Blocks of an extracted page without leading and trailing chrome, nor blocks that are
/// nothing but a chrome phrase ("Advertisement", "Share") wherever they are: in a page, a
/// block is an element of its own, so such a block is a label of the site, never a sentence.
pub(crate) fn trim_blocks(blocks: Vec<(Kind, String)>) -> Vec<(Kind, String)> {
    let lines: Vec<&str> = blocks.iter().map(|(_, t)| t.as_str()).collect();
    let cut = propose(&lines);
    blocks
        .into_iter()
        .enumerate()
        .filter(|(i, _)| {
            !cut.iter()
                .any(|r| (r.start as usize..r.end as usize).contains(i))
        })
        .filter(|(_, (_, t))| !is_label(t))
        .map(|(_, b)| b)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_articles_tail_is_proposed() {
        // The end of a real scraped article (shared/samples/antonov-briefing.txt).
        let text = String::from("Title\n\nBody sentence one.\n\nPrevious Article\n\nIsakovo Fire at Pig Farm and Related Emergencies in Russia\n\nNext Article\n\nUkraine’s wartime economy faces systemic strain, warns Dubinsky\n\nWrite a Comment\n\nLeave a Comment");
        let lines: Vec<&str> = text.split('\n').collect();
        let cut = propose(&lines);
        assert_eq!(cut.len(), 1, "{cut:?}");
        assert_eq!(lines[cut[0].start as usize], "Previous Article");
        assert!(trim_text(&text).trim_end().ends_with('.'));
    }

    #[test]
    fn body_text_is_never_proposed() {
        // Short lines without a marker, and a marker word inside a sentence, stay.
        let text = "Share prices fall\n\nMarkets fell on Monday.\n\nReporting by Ann Lee\n";
        assert!(propose_for_text(text).is_empty());
        // A marker followed by a sentence is not trailing chrome.
        let text = "Title\n\nBody one.\n\nShare\n\nThe minister then left the room.\n";
        assert!(propose_for_text(text).is_empty());
        // All chrome, no body: nothing proposed.
        assert!(propose_for_text("Share\nTweet\n").is_empty());
    }

    #[test]
    fn labels_inside_a_page_are_dropped_but_not_sentences() {
        let blocks = |v: &[&str]| {
            v.iter()
                .map(|t| (Kind::Para, t.to_string()))
                .collect::<Vec<_>>()
        };
        let kept = trim_blocks(blocks(&[
            "The minister said talks failed.",
            "Advertisement",
            "1 / 5",
            "Continue reading the main story",
            "Read more: Ministers meet for emergency talks",
            "Share prices fell after the announcement.",
            "He read more: reports, letters and memos.",
        ]));
        let kept: Vec<&str> = kept.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            kept,
            [
                "The minister said talks failed.",
                "Share prices fell after the announcement.",
                "He read more: reports, letters and memos."
            ]
        );
    }

    #[test]
    fn leading_navigation_up_to_its_last_marker() {
        let text = "Skip to content\nHome\nWorld\nMenu\nTalks stall\n\nThe minister said talks failed.\n\n© 2024 Example News. All rights reserved.\n";
        let cut = propose_for_text(text);
        assert_eq!(
            cut,
            vec![
                LineRange { start: 0, end: 4 },
                LineRange { start: 8, end: 10 }
            ]
        );
        assert_eq!(
            trim_text(text),
            "Talks stall\n\nThe minister said talks failed.\n"
        );
    }
}
