-- The search index is written once per write transaction, at its end (`search::index_pending`,
-- run by `Store` before every commit), instead of a row at a time by the triggers. FTS5 writes
-- what it holds in memory to disk at every statement savepoint, and every INSERT into claims
-- has one (its triggers may need that statement alone undone): merging 100,000 claims made
-- ~11,000 tiny index segments, then merged them, a quarter of the merge's time.
-- The keys waiting to be indexed; a key whose text is gone by the end is simply not indexed.
CREATE TABLE search_pending (
    key INTEGER PRIMARY KEY
) STRICT;

DROP TRIGGER documents_search_insert;
CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
    INSERT INTO search_keys (kind, entity) VALUES ('document', new.id);
    INSERT OR IGNORE INTO search_pending (key)
        SELECT key FROM search_keys WHERE kind = 'document' AND entity = new.id;
END;

DROP TRIGGER claims_search_insert;
CREATE TRIGGER claims_search_insert AFTER INSERT ON claims WHEN new.note IS NOT NULL BEGIN
    INSERT INTO search_keys (kind, entity) VALUES ('note', new.id);
    INSERT OR IGNORE INTO search_pending (key)
        SELECT key FROM search_keys WHERE kind = 'note' AND entity = new.id;
END;

-- A removed text leaves the index at once (a key reused later in the same transaction is then
-- indexed afresh at its end).
DROP TRIGGER claims_search_update;
CREATE TRIGGER claims_search_update AFTER UPDATE OF note ON claims BEGIN
    DELETE FROM search_text WHERE rowid =
        (SELECT key FROM search_keys WHERE kind = 'note' AND entity = old.id);
    DELETE FROM search_keys WHERE kind = 'note' AND entity = old.id;
    INSERT INTO search_keys (kind, entity) SELECT 'note', new.id WHERE new.note IS NOT NULL;
    INSERT OR IGNORE INTO search_pending (key)
        SELECT key FROM search_keys WHERE kind = 'note' AND entity = new.id;
END;
