//! What a page says about itself: title, authors, publisher, publication date, canonical URL
//! and language, from `<meta>` tags, Open Graph, JSON-LD and `<link rel=canonical>`. Each
//! field takes the first source that has it, in the order listed at each field.

use dom_query::Document as Dom;
use serde_json::Value;

/// The metadata found in a page; empty fields were not found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMetadata {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
}

pub(crate) fn read(dom: &Dom) -> PageMetadata {
    let ld = json_ld_article(dom);
    let ld_str = |key: &str| ld.as_ref().and_then(|a| a.get(key)).and_then(string_of);
    let meta = |names: &[&str]| names.iter().find_map(|n| meta_content(dom, n));

    // The headline as declared; `<title>` (often "Headline | Section | Site") is left to the
    // reader view, which cuts the site's name off it.
    let title = meta(&["og:title", "twitter:title"])
        .or_else(|| ld_str("headline"))
        .or_else(|| meta(&["dc.title"]));

    let mut authors: Vec<String> = ld
        .as_ref()
        .and_then(|a| a.get("author"))
        .map(names_of)
        .unwrap_or_default();
    if authors.is_empty() {
        for n in [
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
        ] {
            for v in meta_all(dom, n) {
                // article:author is often a profile URL, which is not a name.
                if !v.starts_with("http") {
                    authors.extend(v.split([',', ';']).filter_map(tidy));
                }
            }
            if !authors.is_empty() {
                break;
            }
        }
    }
    if authors.is_empty() {
        if let Some(a) = tidy(
            &dom.select("[rel~=author], [itemprop=author]")
                .first()
                .text(),
        ) {
            authors.push(
                a.trim_start_matches("By ")
                    .trim_start_matches("by ")
                    .to_owned(),
            );
        }
    }
    dedup(&mut authors);

    let publisher = meta(&[
        "og:site_name",
        "application-name",
        "publisher",
        "dc.publisher",
    ])
    .or_else(|| {
        ld.as_ref()
            .and_then(|a| a.get("publisher"))
            .and_then(|p| names_of(p).into_iter().next())
    });
    let published = meta(&[
        "article:published_time",
        "og:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "sailthru.date",
    ])
    .or_else(|| ld_str("datePublished"))
    .or_else(|| {
        dom.select("time[datetime]")
            .first()
            .attr("datetime")
            .and_then(|d| tidy(&d))
    });
    let url = dom
        .select("link[rel=canonical]")
        .iter()
        .find_map(|l| l.attr("href").and_then(|h| tidy(&h)))
        .filter(|u| is_web_url(u))
        .or_else(|| meta(&["og:url"]).filter(|u| is_web_url(u)))
        .or_else(|| ld_str("url").filter(|u| is_web_url(u)));
    let language = dom
        .select("html")
        .attr("lang")
        .and_then(|l| tidy(&l))
        .or_else(|| meta(&["content-language", "dc.language", "language"]))
        .or_else(|| ld_str("inLanguage"))
        .or_else(|| meta(&["og:locale"]).map(|l| l.replace('_', "-")));
    PageMetadata {
        title,
        authors,
        publisher,
        published,
        url,
        language,
    }
}

/// Only web addresses are kept: a `javascript:` or `data:` "URL" is not where a page came from.
fn is_web_url(u: &str) -> bool {
    let l = u.to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

fn tidy(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

fn dedup(v: &mut Vec<String>) {
    let mut seen = Vec::new();
    v.retain(|a| {
        let k = a.to_lowercase();
        let new = !seen.contains(&k);
        seen.push(k);
        new
    });
}

/// The contents of `<meta name|property|http-equiv|itemprop = name>`, compared case-insensitively.
fn meta_all(dom: &Dom, name: &str) -> Vec<String> {
    dom.select("meta")
        .iter()
        .filter(|m| {
            ["name", "property", "http-equiv", "itemprop"]
                .iter()
                .any(|a| {
                    m.attr(a)
                        .is_some_and(|v| v.split_whitespace().any(|v| v.eq_ignore_ascii_case(name)))
                })
        })
        .filter_map(|m| m.attr("content").and_then(|c| tidy(&c)))
        .collect()
}

fn meta_content(dom: &Dom, name: &str) -> Option<String> {
    meta_all(dom, name).into_iter().next()
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
    "SocialMediaPosting",
    "TechArticle",
    "WebPage",
];

/// The JSON-LD object describing the article (the first of an article type, else a web page),
/// looking inside arrays and `@graph`. A block that is not valid JSON is skipped.
fn json_ld_article(dom: &Dom) -> Option<Value> {
    let mut found: Vec<Value> = Vec::new();
    for s in dom.select("script[type='application/ld+json']").iter() {
        if let Ok(v) = serde_json::from_str::<Value>(s.text().trim()) {
            collect(&v, &mut found);
        }
    }
    let rank = |v: &Value| {
        let types: Vec<String> = match v.get("@type") {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect(),
            _ => vec![],
        };
        types
            .iter()
            .filter_map(|t| ARTICLE_TYPES.iter().position(|a| a == t))
            .min()
    };
    found
        .into_iter()
        .filter_map(|v| rank(&v).map(|r| (r, v)))
        .min_by_key(|(r, _)| if *r == ARTICLE_TYPES.len() - 1 { 1 } else { 0 })
        .map(|(_, v)| v)
}

fn collect(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                collect(g, out);
            }
            out.push(v.clone());
        }
        _ => {}
    }
}

fn string_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => tidy(s),
        Value::Array(a) => a.iter().find_map(string_of),
        Value::Object(o) => o.get("@id").or_else(|| o.get("url")).and_then(string_of),
        _ => None,
    }
}

/// Names in a JSON-LD person or organisation value: a string, an object with `name`, or a
/// list of them.
fn names_of(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => tidy(s).into_iter().collect(),
        Value::Array(a) => a.iter().flat_map(names_of).collect(),
        Value::Object(o) => o
            .get("name")
            .and_then(|n| n.as_str())
            .and_then(tidy)
            .into_iter()
            .collect(),
        _ => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_then_meta_then_markup() {
        let dom = Dom::from(
            r#"<html lang="uk"><head><title>T | Site</title>
            <link rel="canonical" href="https://news.example/a/1">
            <meta property="og:site_name" content="Example News">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Example"},
              {"@type":"NewsArticle","headline":"Port talks stall","datePublished":"2024-03-05T10:00:00Z",
               "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"}],
               "publisher":{"@type":"Organization","name":"Example Media"}}]}</script>
            </head><body></body></html>"#,
        );
        let m = read(&dom);
        assert_eq!(m.title.as_deref(), Some("Port talks stall"));
        assert_eq!(m.authors, ["Ann Lee", "Bo Chen"]);
        assert_eq!(m.publisher.as_deref(), Some("Example News"));
        assert_eq!(m.published.as_deref(), Some("2024-03-05T10:00:00Z"));
        assert_eq!(m.url.as_deref(), Some("https://news.example/a/1"));
        assert_eq!(m.language.as_deref(), Some("uk"));
    }

    #[test]
    fn no_script_urls() {
        let dom = Dom::from(
            r#"<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="data:text/html,x">"#,
        );
        assert_eq!(read(&dom).url, None);
    }
}
