//! The queries a large project runs often use an index: `EXPLAIN QUERY PLAN` of each (the SQL
//! the store runs, from `store::hot_queries`) on a real project file. A lookup of some claims
//! (by id, document, speaker, coder) must SEARCH an index; no query may SCAN the claims or
//! changes tables themselves (reading every row of a 100,000-claim project per lookup).

use claimcoder::store::hot_queries;
use claimcoder::Project;
use rusqlite::Connection;

fn plan(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    // Parameters unbound are NULL: the plan does not depend on their values.
    let nulls = vec![rusqlite::types::Null; stmt.parameter_count()];
    stmt.query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A line that reads every row of `table` (as the plan names it: a query's alias) without an
/// index.
fn full_scan(line: &str, table: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() >= 2 && words[0] == "SCAN" && words[1] == table && !line.contains("INDEX")
}

/// Whether a plan line reads every row of a table other than the documents, which a list of
/// documents reads by nature (the queries name them `documents`, `d`, `f`, `n` and `v`), or of
/// a subquery's few rows (`SCAN (subquery-2)`).
fn scans_more_than_documents(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() >= 2
        && words[0] == "SCAN"
        && !line.contains("INDEX")
        && !["documents", "d", "f", "n", "v"].contains(&words[1])
        && !words[1].starts_with('(')
}

#[test]
fn hot_queries_use_indices_and_scan_no_claims_or_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimcoder");
    drop(Project::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    let queries = hot_queries();
    assert!(queries.len() >= 8, "{queries:?}");
    for (name, sql) in &queries {
        let lines = plan(&conn, sql);
        for line in &lines {
            assert!(
                !scans_more_than_documents(line),
                "{name}: a full scan: {line}\nplan: {lines:?}"
            );
        }
        // A lookup of some claims searches an index for them.
        if name.ends_with("claims") || name.starts_with("a claim") {
            assert!(
                lines.iter().any(|l| l.starts_with("SEARCH claims")),
                "{name} does not search an index: {lines:?}"
            );
        }
    }
}

/// The check itself catches a full scan (a test that could not fail would prove nothing).
#[test]
fn a_full_scan_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimcoder");
    drop(Project::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    let lines = plan(&conn, "SELECT * FROM claims WHERE quote = ?1");
    assert!(lines.iter().any(|l| full_scan(l, "claims")), "{lines:?}");
    let lines = plan(&conn, "SELECT count(*) FROM changes WHERE before = ?1");
    assert!(lines.iter().any(|l| full_scan(l, "changes")), "{lines:?}");
    let lines = plan(&conn, "SELECT id FROM claims WHERE speaker_id = ?1");
    assert!(
        !lines.iter().any(|l| scans_more_than_documents(l)),
        "{lines:?}"
    );
    let lines = plan(&conn, "SELECT c.id FROM claims c WHERE c.note = ?1");
    assert!(
        lines.iter().any(|l| scans_more_than_documents(l)),
        "{lines:?}"
    );
}

/// The documents list reads the summary index, never the documents' rows: a text sits in the
/// middle of its row, so reading the columns after it would read every text of the project.
#[test]
fn the_documents_list_reads_the_summary_index_not_the_texts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimcoder");
    drop(Project::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    let queries = hot_queries();
    let lists: Vec<_> = queries
        .iter()
        .filter(|(name, _)| {
            name.starts_with("the documents list") || name.starts_with("every document")
        })
        .collect();
    assert_eq!(lists.len(), 2, "{queries:?}");
    for (name, sql) in lists {
        let lines = plan(&conn, sql);
        let scan: Vec<_> = lines.iter().filter(|l| l.starts_with("SCAN d")).collect();
        assert_eq!(
            scan,
            ["SCAN d USING COVERING INDEX documents_summary"],
            "{name}: {lines:?}"
        );
    }
}
