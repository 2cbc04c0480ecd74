-- The first project format. Ids are UUID v7 text; times are RFC 3339 UTC text.

CREATE TABLE coders (
    id      TEXT PRIMARY KEY NOT NULL,
    name    TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created TEXT NOT NULL
) STRICT;

CREATE TABLE documents (
    id               TEXT PRIMARY KEY NOT NULL,
    title            TEXT NOT NULL,
    text             TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    length           INTEGER NOT NULL CHECK (length > 0),
    source_url       TEXT,
    publisher        TEXT,
    author           TEXT,
    published        TEXT,
    -- An edited article is a new version pointing at the document it replaces.
    version          INTEGER NOT NULL DEFAULT 1,
    previous_version TEXT REFERENCES documents (id),
    imported_by      TEXT REFERENCES coders (id),
    created          TEXT NOT NULL
) STRICT;

CREATE INDEX documents_sha256 ON documents (sha256);

CREATE TABLE speakers (
    id       TEXT PRIMARY KEY NOT NULL,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'media', 'government', 'other')),
    created  TEXT NOT NULL,
    modified TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX speakers_name ON speakers (name COLLATE NOCASE);

CREATE TABLE speaker_aliases (
    speaker_id TEXT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
    alias      TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (speaker_id, alias)
) STRICT;

CREATE TABLE claims (
    id          TEXT PRIMARY KEY NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents (id),
    start       INTEGER NOT NULL CHECK (start >= 0),
    "end"       INTEGER NOT NULL CHECK ("end" > start),
    quote       TEXT NOT NULL,
    prefix      TEXT NOT NULL,
    suffix      TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('attributed', 'disputed', 'unverified')),
    speaker_id  TEXT REFERENCES speakers (id),
    cue_start   INTEGER,
    cue_end     INTEGER,
    note        TEXT,
    coder_id    TEXT NOT NULL REFERENCES coders (id),
    created     TEXT NOT NULL,
    modified    TEXT NOT NULL,
    CHECK ((cue_start IS NULL) = (cue_end IS NULL))
) STRICT;

CREATE INDEX claims_document ON claims (document_id, start, "end");

-- Every change, with who made it and when: the record that audit and sync build on.
CREATE TABLE changes (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    coder_id  TEXT REFERENCES coders (id),
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
    before    TEXT,
    after     TEXT
) STRICT;

CREATE INDEX changes_entity ON changes (entity, entity_id);
