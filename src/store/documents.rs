use std::sync::LazyLock;

use super::{exec, query_row};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::model::{now, CoderId, Document, DocumentId, DocumentSummary, NewDocument, Source};
use crate::text::{cp_len, sha256_hex};

/// Stores a new document under `id` (a fresh one, or the id it has in a set being merged).
pub(crate) fn insert(
    conn: &Connection,
    id: DocumentId,
    doc: &NewDocument,
    by: Option<&CoderId>,
) -> Result<Document> {
    let stored = Document {
        id,
        title: doc.title.clone(),
        text: doc.text.clone(),
        source: doc.source.clone(),
        tags: Vec::new(),
        length: u32::try_from(cp_len(&doc.text)).map_err(|_| Error::TooLarge {
            what: format!("the text of {:?}", doc.title),
            size: doc.text.len() as u64,
            limit: u64::from(u32::MAX),
        })?,
        version: 1,
        created: now(),
    };
    exec(
        conn,
        "INSERT INTO documents (id, title, text, sha256, length, source_url, publisher, author,
                                published, imported_by, created, language)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            stored.id.as_str(),
            stored.title,
            stored.text,
            sha256_hex(&stored.text),
            stored.length,
            stored.source.url,
            stored.source.publisher,
            stored.source.author,
            stored.source.published,
            by.map(CoderId::as_str),
            stored.created,
            stored.source.language,
        ],
    )?;
    Ok(stored)
}

/// Writes a document's title and source (never its text).
pub(crate) fn update_metadata(
    conn: &Connection,
    id: &DocumentId,
    title: &str,
    source: &Source,
) -> Result<()> {
    let n = exec(
        conn,
        "UPDATE documents SET title = ?2, source_url = ?3, publisher = ?4, author = ?5,
                published = ?6, language = ?7
         WHERE id = ?1",
        params![
            id.as_str(),
            title,
            source.url,
            source.publisher,
            source.author,
            source.published,
            source.language
        ],
    )?;
    if n == 0 {
        return Err(Error::NotFound {
            entity: "document",
            id: id.to_string(),
        });
    }
    Ok(())
}

/// Deletes a document that no claim, decision or later version refers to any more.
pub(crate) fn delete(conn: &Connection, id: &DocumentId) -> Result<()> {
    if exec(conn, "DELETE FROM documents WHERE id = ?1", [id.as_str()])? == 0 {
        return Err(Error::NotFound {
            entity: "document",
            id: id.to_string(),
        });
    }
    Ok(())
}

pub fn get(conn: &Connection, id: &DocumentId) -> Result<Document> {
    query_row(
        conn,
        &format!(
            "SELECT id, title, text, source_url, publisher, author, published, length, version,
                    created, {TAGS}, language
             FROM documents d WHERE id = ?1"
        ),
        [id.as_str()],
        |r| {
            Ok(Document {
                id: DocumentId(r.get(0)?),
                title: r.get(1)?,
                text: r.get(2)?,
                source: Source {
                    url: r.get(3)?,
                    publisher: r.get(4)?,
                    author: r.get(5)?,
                    published: r.get(6)?,
                    language: r.get(11)?,
                },
                length: r.get(7)?,
                version: r.get(8)?,
                created: r.get(9)?,
                tags: tags(r, 10)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: "document",
        id: id.to_string(),
    })
}

/// The text of a document, for checking a claim against it.
pub fn text(conn: &Connection, id: &DocumentId) -> Result<String> {
    query_row(
        conn,
        "SELECT text FROM documents WHERE id = ?1",
        [id.as_str()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: "document",
        id: id.to_string(),
    })
}

/// The document whose text has this SHA-256, if any (the oldest when several).
pub fn find_by_sha256(conn: &Connection, sha256: &str) -> Result<Option<DocumentId>> {
    Ok(query_row(
        conn,
        "SELECT id FROM documents WHERE sha256 = ?1 ORDER BY created, id LIMIT 1",
        [sha256.to_ascii_lowercase()],
        |r| r.get::<_, String>(0),
    )
    .optional()?
    .map(DocumentId))
}

/// The latest version of the article whose canonical address is `url`, if one is stored.
pub fn find_latest_by_url(conn: &Connection, url: &str) -> Result<Option<DocumentId>> {
    Ok(query_row(
        conn,
        "SELECT id FROM documents d WHERE source_url = ?1
               AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.previous_version = d.id)
             ORDER BY created DESC, id DESC LIMIT 1",
        [url],
        |r| r.get::<_, String>(0),
    )
    .optional()?
    .map(DocumentId))
}

pub fn exists(conn: &Connection, id: &DocumentId) -> Result<bool> {
    Ok(query_row(
        conn,
        "SELECT 1 FROM documents WHERE id = ?1",
        [id.as_str()],
        |_| Ok(()),
    )
    .optional()?
    .is_some())
}

fn summary(r: &Row) -> rusqlite::Result<DocumentSummary> {
    Ok(DocumentSummary {
        id: DocumentId(r.get(0)?),
        title: r.get(1)?,
        publisher: r.get(2)?,
        source: Source {
            url: r.get(7)?,
            publisher: r.get(2)?,
            author: r.get(8)?,
            published: r.get(9)?,
            language: r.get(10)?,
        },
        length: r.get(3)?,
        claim_count: r.get(4)?,
        created: r.get(5)?,
        tags: tags(r, 6)?,
        version: r.get(11)?,
        previous_version: r.get::<_, Option<String>>(12)?.map(DocumentId),
        version_count: r.get(13)?,
    })
}

/// A document's tags in one column (a JSON array, in order), beside its other columns. JSON,
/// not a separator: a tag may hold any character that is not white space (U+001F included).
const TAGS: &str = "(SELECT json_group_array(tag) FROM
        (SELECT tag FROM document_tags t WHERE t.document_id = d.id ORDER BY tag COLLATE NOCASE))";

fn tags(r: &rusqlite::Row, column: usize) -> rusqlite::Result<Vec<String>> {
    let json: String = r.get(column)?;
    serde_json::from_str(&json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Sets a document's tags (the complete new list).
pub(crate) fn set_tags(conn: &Connection, id: &DocumentId, tags: &[String]) -> Result<()> {
    exec(
        conn,
        "DELETE FROM document_tags WHERE document_id = ?1",
        [id.as_str()],
    )?;
    let mut insert = conn
        .prepare_cached("INSERT OR IGNORE INTO document_tags (document_id, tag) VALUES (?1, ?2)")?;
    for t in tags {
        insert.execute(params![id.as_str(), t])?;
    }
    Ok(())
}

static SUMMARY_SELECT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT d.id, d.title, d.publisher, d.length,
            (SELECT count(*) FROM claims c WHERE c.document_id = d.id), d.created, {TAGS},
            d.source_url, d.author, d.published, d.language,
            d.version, d.previous_version,
            (SELECT count(*) FROM documents v WHERE v.lineage = d.lineage)
         FROM documents d"
    )
});

static LIST: LazyLock<String> =
    LazyLock::new(|| format!("{} ORDER BY d.created, d.id", *SUMMARY_SELECT));
static LATEST: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{} WHERE NOT EXISTS (SELECT 1 FROM documents n WHERE n.previous_version = d.id)
         ORDER BY (SELECT min(f.created) FROM documents f WHERE f.lineage = d.lineage), d.lineage",
        *SUMMARY_SELECT
    )
});

pub(super) fn hot(out: &mut Vec<(&'static str, String)>) {
    out.push(("the documents list (latest versions)", LATEST.clone()));
    out.push(("every document with its claim count", LIST.clone()));
}

/// All documents (every version), oldest first, with their claim counts.
pub fn list(conn: &Connection) -> Result<Vec<DocumentSummary>> {
    let mut stmt = conn.prepare(&LIST)?;
    let rows = stmt.query_map([], summary)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The latest version of each article, in the order the articles were first imported.
pub fn latest(conn: &Connection) -> Result<Vec<DocumentSummary>> {
    let mut stmt = conn.prepare(&LATEST)?;
    let rows = stmt.query_map([], summary)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every version of the article `id` belongs to, first to latest.
pub fn versions_of(conn: &Connection, id: &DocumentId) -> Result<Vec<DocumentSummary>> {
    get_summary(conn, id)?;
    let mut stmt = conn.prepare(&format!(
        "{} WHERE d.lineage = (SELECT lineage FROM documents WHERE id = ?1) ORDER BY d.version",
        *SUMMARY_SELECT
    ))?;
    let rows = stmt.query_map([id.as_str()], summary)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Makes the stored document `id` the next version after `previous`.
pub(crate) fn link_version(
    conn: &Connection,
    id: &DocumentId,
    previous: &DocumentId,
) -> Result<u32> {
    let (version, lineage): (u32, String) = query_row(
        conn,
        "SELECT version + 1, lineage FROM documents WHERE id = ?1",
        [previous.as_str()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    exec(
        conn,
        "UPDATE documents SET version = ?2, previous_version = ?3, lineage = ?4 WHERE id = ?1",
        params![id.as_str(), version, previous.as_str(), lineage],
    )?;
    Ok(version)
}

/// The version that replaced `id`, if any.
pub fn next_version(conn: &Connection, id: &DocumentId) -> Result<Option<DocumentId>> {
    Ok(query_row(
        conn,
        "SELECT id FROM documents WHERE previous_version = ?1",
        [id.as_str()],
        |r| r.get::<_, String>(0),
    )
    .optional()?
    .map(DocumentId))
}

pub fn get_summary(conn: &Connection, id: &DocumentId) -> Result<DocumentSummary> {
    query_row(
        conn,
        &format!("{} WHERE d.id = ?1", *SUMMARY_SELECT),
        [id.as_str()],
        summary,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: "document",
        id: id.to_string(),
    })
}

/// The document `id` is a new version of, if it is one.
pub fn previous_of(conn: &Connection, id: &DocumentId) -> Result<Option<DocumentId>> {
    Ok(query_row(
        conn,
        "SELECT previous_version FROM documents WHERE id = ?1",
        [id.as_str()],
        |r| r.get::<_, Option<String>>(0),
    )?
    .map(DocumentId))
}
