-- The first team server schema. Ids are UUID v7 text (as in the desktop project); a row's
-- `version` is the change-log version that last wrote it.

-- One row per team project. `last_version` is the project's change-log counter: a push locks
-- this row (FOR UPDATE) and numbers its changes from it, so versions are gap-free in commit order.
CREATE TABLE projects (
    id           text PRIMARY KEY,
    name         text NOT NULL,
    last_version bigint NOT NULL DEFAULT 0 CHECK (last_version >= 0),
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- A person in one team project. Names are unique per project without regard to case: a
-- claim's coder is its owner's name.
CREATE TABLE members (
    id         text PRIMARY KEY,
    project_id text NOT NULL REFERENCES projects (id),
    name       text NOT NULL,
    role       text NOT NULL CHECK (role IN ('lead', 'reviewer', 'coder')),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX members_name ON members (project_id, lower(name));

-- A bearer token: `id` is the public part of the token (looked up directly, so verification
-- never scans hashes); `hash` is the argon2id PHC string of the secret part.
CREATE TABLE tokens (
    id         text PRIMARY KEY,
    member_id  text NOT NULL REFERENCES members (id),
    hash       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);

-- The ordered change log: every accepted change, with the state it left (`body`, null for a
-- deletion). Clients pull "everything after V" from here.
CREATE TABLE changes (
    project_id text NOT NULL REFERENCES projects (id),
    version    bigint NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('document', 'speaker', 'claim', 'decision')),
    entity_id  text NOT NULL,
    op         text NOT NULL CHECK (op IN ('upsert', 'delete')),
    owner      text,
    author     text NOT NULL REFERENCES members (id),
    batch_id   text NOT NULL,
    body       jsonb,
    at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, version)
);
CREATE INDEX changes_entity ON changes (project_id, entity_id);

-- The current state, one table per kind; `version` is what a client's base_version is compared with.
CREATE TABLE documents (
    project_id text NOT NULL REFERENCES projects (id),
    id         text NOT NULL,
    sha256     text NOT NULL,
    length     integer NOT NULL,
    body       jsonb NOT NULL,
    version    bigint NOT NULL,
    PRIMARY KEY (project_id, id)
);
CREATE UNIQUE INDEX documents_sha256 ON documents (project_id, sha256);

CREATE TABLE speakers (
    project_id text NOT NULL REFERENCES projects (id),
    id         text NOT NULL,
    name       text NOT NULL,
    body       jsonb NOT NULL,
    version    bigint NOT NULL,
    PRIMARY KEY (project_id, id)
);

-- A speaker's name and aliases, folded to lower case: how a new speaker is matched to one the
-- team already has.
CREATE TABLE speaker_names (
    project_id text NOT NULL,
    speaker_id text NOT NULL,
    name_key   text NOT NULL,
    PRIMARY KEY (project_id, name_key),
    FOREIGN KEY (project_id, speaker_id) REFERENCES speakers (project_id, id)
);

-- Claims, each owned by its coder (a member's name, or the gold coder for adjudicated claims).
-- A deleted claim stays as a tombstone so a late write based on it is seen as stale.
CREATE TABLE claims (
    project_id  text NOT NULL REFERENCES projects (id),
    id          text NOT NULL,
    owner       text NOT NULL,
    document_id text NOT NULL,
    body        jsonb,
    deleted     boolean NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL,
    version     bigint NOT NULL,
    PRIMARY KEY (project_id, id),
    FOREIGN KEY (project_id, document_id) REFERENCES documents (project_id, id)
);
CREATE INDEX claims_owner ON claims (project_id, owner) WHERE NOT deleted;

CREATE TABLE decisions (
    project_id text NOT NULL REFERENCES projects (id),
    id         text NOT NULL,
    owner      text NOT NULL,
    body       jsonb NOT NULL,
    updated_at timestamptz NOT NULL,
    version    bigint NOT NULL,
    PRIMARY KEY (project_id, id)
);

-- A push's answer, stored in the push's own transaction: a batch sent again (a lost answer, an
-- interrupted sync) gets this answer back and applies nothing twice.
CREATE TABLE batches (
    project_id   text NOT NULL REFERENCES projects (id),
    batch_id     text NOT NULL,
    member_id    text NOT NULL REFERENCES members (id),
    request_hash text NOT NULL,
    answer       jsonb NOT NULL,
    at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, batch_id)
);

-- Writes that lost: a stale edit refused, or the older edit a newer one replaced. Nothing a
-- coder sent is thrown away.
CREATE TABLE superseded (
    project_id   text NOT NULL REFERENCES projects (id),
    kind         text NOT NULL,
    entity_id    text NOT NULL,
    member_id    text NOT NULL REFERENCES members (id),
    batch_id     text NOT NULL,
    base_version bigint NOT NULL,
    row_version  bigint NOT NULL,
    reason       text NOT NULL,
    body         jsonb,
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX superseded_entity ON superseded (project_id, entity_id);
