-- Tags on documents (a project's own labels for its articles: "week 12", "to review").

CREATE TABLE document_tags (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    tag         TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (document_id, tag)
) STRICT;
