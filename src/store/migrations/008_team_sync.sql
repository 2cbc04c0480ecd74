-- A project linked to a team project on a team server (issue 13). The token is not kept here
-- (a project file gets copied and backed up): it is in the user's config folder.

-- The link (at most one) and where its sync stands.
CREATE TABLE team_link (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    server      TEXT NOT NULL,
    project_id  TEXT NOT NULL,
    member      TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('lead', 'reviewer', 'coder')),
    -- The last version of the team's change log applied here.
    pulled      INTEGER NOT NULL DEFAULT 0 CHECK (pulled >= 0),
    -- A push sent and not yet answered: sent again as it is (same id, same changes), so the
    -- server applies it once whatever happened to its answer. `batch_rows` names the local row
    -- of each of its items.
    batch_id    TEXT,
    batch       TEXT,
    batch_rows  TEXT,
    linked_at   TEXT NOT NULL,
    last_synced TEXT,
    last_error  TEXT
) STRICT;

-- Each local row the team has: its id there (a document or speaker the team already had under
-- another id keeps its local id here) and the version of it last seen.
CREATE TABLE team_rows (
    kind     TEXT NOT NULL CHECK (kind IN ('document', 'speaker', 'claim', 'decision')),
    local_id TEXT NOT NULL,
    team_id  TEXT NOT NULL,
    version  INTEGER NOT NULL,
    PRIMARY KEY (kind, local_id)
) STRICT, WITHOUT ROWID;

CREATE UNIQUE INDEX team_rows_team ON team_rows (kind, team_id);

-- Pending marks: rows changed here since they were last pushed. Set by triggers, so no write
-- path can forget one; not set while a pull applies the team's changes (`team_applying`).
CREATE TABLE team_pending (
    kind     TEXT NOT NULL,
    local_id TEXT NOT NULL,
    PRIMARY KEY (kind, local_id)
) STRICT, WITHOUT ROWID;

-- Items a push had refused, with why: shown in the status until they change again.
CREATE TABLE team_refused (
    kind     TEXT NOT NULL,
    local_id TEXT NOT NULL,
    code     TEXT NOT NULL,
    message  TEXT NOT NULL,
    PRIMARY KEY (kind, local_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE team_applying (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    applying INTEGER NOT NULL
) STRICT;
INSERT INTO team_applying VALUES (1, 0);

CREATE TRIGGER team_mark_document AFTER INSERT ON documents
WHEN (SELECT applying FROM team_applying) = 0
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('document', NEW.id); END;

CREATE TRIGGER team_mark_speaker_new AFTER INSERT ON speakers
WHEN (SELECT applying FROM team_applying) = 0
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('speaker', NEW.id); END;

CREATE TRIGGER team_mark_speaker_edit AFTER UPDATE ON speakers
WHEN (SELECT applying FROM team_applying) = 0
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('speaker', NEW.id); END;

CREATE TRIGGER team_mark_alias_new AFTER INSERT ON speaker_aliases
WHEN (SELECT applying FROM team_applying) = 0
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('speaker', NEW.speaker_id); END;

CREATE TRIGGER team_mark_alias_gone AFTER DELETE ON speaker_aliases
WHEN (SELECT applying FROM team_applying) = 0
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('speaker', OLD.speaker_id); END;

CREATE TRIGGER team_mark_claim_new AFTER INSERT ON claims
WHEN (SELECT applying FROM team_applying) = 0
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('claim', NEW.id); END;

CREATE TRIGGER team_mark_claim_edit AFTER UPDATE ON claims
WHEN (SELECT applying FROM team_applying) = 0
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('claim', NEW.id); END;

CREATE TRIGGER team_mark_claim_gone AFTER DELETE ON claims
WHEN (SELECT applying FROM team_applying) = 0
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('claim', OLD.id); END;

CREATE TRIGGER team_mark_decision_new AFTER INSERT ON decisions
WHEN (SELECT applying FROM team_applying) = 0
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('decision', NEW.id); END;

CREATE TRIGGER team_mark_decision_edit AFTER UPDATE ON decisions
WHEN (SELECT applying FROM team_applying) = 0
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('decision', NEW.id); END;
