-- The documents list reads every document's summary columns. A document's text sits in the
-- middle of its row, so reading the columns after it (length, source, version, lineage…) went
-- through the text's overflow pages: listing 10,000 articles read every text. This index holds
-- the summary columns alone, so the list (and the oldest version of each lineage, by which it
-- is ordered) reads the index, not the texts. tests/integration/query_plans.rs checks it.
CREATE INDEX documents_summary ON documents (
    lineage, created, id, title, publisher, length, version, previous_version,
    source_url, author, published, language
);
