-- Versions of a document with their claims carried over, and full-text search. Depends only on
-- 001 (documents.version and documents.previous_version are there from the start).

CREATE INDEX documents_previous_version ON documents (previous_version);

-- The first version's id, shared by every version of the article: counts versions without
-- walking the chain. A document inserted without one starts its own lineage.
ALTER TABLE documents ADD COLUMN lineage TEXT;
UPDATE documents SET lineage = id;
CREATE INDEX documents_lineage ON documents (lineage, version);
CREATE TRIGGER documents_lineage_default AFTER INSERT ON documents WHEN new.lineage IS NULL BEGIN
    UPDATE documents SET lineage = new.id WHERE id = new.id;
END;

-- How a carried claim was placed in its version (claims coded directly have no row). It goes
-- with its claim.
CREATE TABLE claim_placements (
    claim_id   TEXT PRIMARY KEY NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    placement  TEXT NOT NULL CHECK (placement IN ('exact', 'moved', 'fuzzy')),
    -- The claim it was carried from (on an older version, or in an imported set), and the
    -- words it had there.
    from_claim TEXT NOT NULL,
    from_quote TEXT NOT NULL,
    -- Why an analyst should look at it ('ambiguous': its quote occurs elsewhere with context as
    -- good; 'fuzzy': its words changed), until one confirms it; NULL when there is no need.
    review     TEXT CHECK (review IN ('ambiguous', 'fuzzy'))
) STRICT;

-- Claims whose words are gone from the version they were carried to: kept whole, with their old
-- quote and no span, until an analyst re-places (it becomes a claim with this id) or discards
-- one. Never a claim at a wrong place.
CREATE TABLE orphans (
    id          TEXT PRIMARY KEY NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents (id),
    from_claim  TEXT NOT NULL,
    quote       TEXT NOT NULL,
    prefix      TEXT NOT NULL,
    suffix      TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('attributed', 'disputed', 'unverified')),
    speaker_id  TEXT REFERENCES speakers (id),
    note        TEXT,
    coder_id    TEXT NOT NULL REFERENCES coders (id),
    created     TEXT NOT NULL,
    modified    TEXT NOT NULL
) STRICT;

CREATE INDEX orphans_document ON orphans (document_id);

-- Full-text search over documents' texts and claims' notes. The trigram tokenizer indexes every
-- script alike (CJK has no spaces to split words on) and matches substrings, case-insensitively.
-- Each indexed text has a stable integer key (rowids of tables without an INTEGER PRIMARY KEY
-- may change on VACUUM); the triggers keep the index in the writing transaction.
CREATE TABLE search_keys (
    key    INTEGER PRIMARY KEY,
    kind   TEXT NOT NULL CHECK (kind IN ('document', 'note')),
    entity TEXT NOT NULL,
    UNIQUE (kind, entity)
) STRICT;

CREATE VIRTUAL TABLE search_text USING fts5 (body, tokenize = 'trigram');

CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
    INSERT INTO search_keys (kind, entity) VALUES ('document', new.id);
    INSERT INTO search_text (rowid, body)
        SELECT key, new.text FROM search_keys WHERE kind = 'document' AND entity = new.id;
END;

CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
    DELETE FROM search_text WHERE rowid =
        (SELECT key FROM search_keys WHERE kind = 'document' AND entity = old.id);
    DELETE FROM search_keys WHERE kind = 'document' AND entity = old.id;
END;

CREATE TRIGGER claims_search_insert AFTER INSERT ON claims WHEN new.note IS NOT NULL BEGIN
    INSERT INTO search_keys (kind, entity) VALUES ('note', new.id);
    INSERT INTO search_text (rowid, body)
        SELECT key, new.note FROM search_keys WHERE kind = 'note' AND entity = new.id;
END;

CREATE TRIGGER claims_search_update AFTER UPDATE OF note ON claims BEGIN
    DELETE FROM search_text WHERE rowid =
        (SELECT key FROM search_keys WHERE kind = 'note' AND entity = old.id);
    DELETE FROM search_keys WHERE kind = 'note' AND entity = old.id;
    INSERT INTO search_keys (kind, entity) SELECT 'note', new.id WHERE new.note IS NOT NULL;
    INSERT INTO search_text (rowid, body)
        SELECT key, new.note FROM search_keys WHERE kind = 'note' AND entity = new.id;
END;

CREATE TRIGGER claims_search_delete AFTER DELETE ON claims BEGIN
    DELETE FROM search_text WHERE rowid =
        (SELECT key FROM search_keys WHERE kind = 'note' AND entity = old.id);
    DELETE FROM search_keys WHERE kind = 'note' AND entity = old.id;
END;

-- A project made before this version: its texts and notes indexed now.
INSERT INTO search_keys (kind, entity) SELECT 'document', id FROM documents ORDER BY created, id;
INSERT INTO search_keys (kind, entity)
    SELECT 'note', id FROM claims WHERE note IS NOT NULL ORDER BY created, id;
INSERT INTO search_text (rowid, body)
    SELECT k.key, d.text FROM search_keys k JOIN documents d ON k.kind = 'document' AND d.id = k.entity;
INSERT INTO search_text (rowid, body)
    SELECT k.key, c.note FROM search_keys k JOIN claims c ON k.kind = 'note' AND c.id = k.entity;
