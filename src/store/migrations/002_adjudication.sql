-- Adjudication: each decision on a unit, with who decided, when, what was chosen from what,
-- and why. Decisions are never deleted: undoing one marks it undone.

CREATE TABLE decisions (
    id            TEXT PRIMARY KEY NOT NULL,
    document_id   TEXT NOT NULL REFERENCES documents (id),
    unit_start    INTEGER NOT NULL,
    unit_end      INTEGER NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('accept', 'merge', 'edit', 'reject')),
    -- JSON: the coders' claims the decision was made from, as they were then.
    considered    TEXT NOT NULL,
    -- JSON: which claim each part of the result came from (span, status, speaker).
    chosen        TEXT NOT NULL,
    gold_claim_id TEXT,
    -- JSON: the gold claim as made (null for a rejection).
    result        TEXT,
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    decided_by    TEXT NOT NULL REFERENCES coders (id),
    decided_at    TEXT NOT NULL,
    undone_at     TEXT,
    undone_by     TEXT REFERENCES coders (id)
) STRICT;

CREATE INDEX decisions_document ON decisions (document_id, unit_start);
