//! Saved or pasted web pages to a document: the article only (dom_smoothie, a port of Firefox's
//! reader view, finds it), as blocks of plain text, with what the page says about itself.
//! Nothing of the page runs or loads: it is parsed as data and only its text nodes are kept.

mod blocks;
mod metadata;

use dom_query::Document as Dom;

pub(crate) use blocks::{layout, Kind};
pub use metadata::PageMetadata;

use crate::model::{NewDocument, Source};

/// Elements that are site chrome, not article, when the whole page has to be used.
const CHROME: &str = "nav, header, footer, aside, form, [role=navigation], [role=banner], \
    [role=contentinfo], [role=complementary], [role=search], [aria-modal=true]";

/// The article of a page as text, and its metadata. `fallback_title` is used when the page
/// has no title.
pub(crate) fn to_document(html: &str, fallback_title: &str) -> NewDocument {
    let dom = Dom::from(html);
    let meta = metadata::read(&dom);
    // The reader view works on the page parsed once above (it changes it as it goes).
    let article = readable(dom);
    let mut found = article
        .as_ref()
        .map(|a| blocks::blocks(&Dom::from(a.content.as_ref()).root()))
        .unwrap_or_default();
    if found.is_empty() {
        // Too little for the reader view (a short paste, say): the page without its chrome.
        let dom = Dom::from(html);
        dom.select(CHROME).remove();
        found = blocks::blocks(&dom.root());
    }
    let trimmed = super::chrome::trim_blocks(found);
    let title = meta.title.clone().or_else(|| {
        article
            .as_ref()
            .map(|a| a.title.split_whitespace().collect::<Vec<_>>().join(" "))
            .map(|t| without_site_name(&t, meta.publisher.as_deref()))
            .filter(|t| !t.is_empty())
    });
    // The headline is the document's title, not part of its text: the reader view leaves it
    // out of the article, and so do the extractors our extraction is measured against.
    let text = blocks::layout(&trimmed);
    let a = article.as_ref();
    let authors = if meta.authors.is_empty() {
        a.and_then(|a| a.byline.clone())
    } else {
        Some(meta.authors.join(", "))
    };
    NewDocument {
        title: title
            .or_else(|| super::title_from_first_line(&text))
            .unwrap_or_else(|| fallback_title.to_owned()),
        text,
        source: Source {
            url: meta.url.clone().or_else(|| a.and_then(|a| a.url.clone())),
            publisher: meta
                .publisher
                .clone()
                .or_else(|| a.and_then(|a| a.site_name.clone())),
            author: authors,
            published: meta
                .published
                .clone()
                .or_else(|| a.and_then(|a| a.published_time.clone())),
            language: meta
                .language
                .clone()
                .or_else(|| a.and_then(|a| a.lang.clone())),
        },
    }
}

/// `title` without a trailing " | Site" (or " - ", "_", " — "…) naming the publisher.
fn without_site_name(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) else {
        return title.to_owned();
    };
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", "_", "｜", " / "] {
        if let Some(head) = title.strip_suffix(site).and_then(|h| h.strip_suffix(sep)) {
            if !head.trim().is_empty() {
                return head.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

/// The metadata a page declares (for tests and the metadata pass of other formats).
pub fn page_metadata(html: &str) -> PageMetadata {
    metadata::read(&Dom::from(html))
}

fn readable(dom: Dom) -> Option<dom_smoothie::Article> {
    let mut r = dom_smoothie::Readability::with_document(dom, None, None).ok()?;
    r.parse().ok()
}

/// Text of an HTML fragment (raw HTML inside Markdown): visible words only.
pub(crate) fn fragment_text(html: &str) -> String {
    let dom = Dom::fragment(html);
    blocks::blocks(&dom.root())
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(" ")
}
