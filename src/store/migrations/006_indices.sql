-- Indices for queries that scanned every claim of a large project (issue 12): a speaker's
-- claims (the speakers pane, merging speakers) and a coder's claims (exports and agreement for
-- some coders). tests/integration/query_plans.rs checks that the hot queries use an index.

CREATE INDEX claims_speaker ON claims (speaker_id, coder_id);
CREATE INDEX claims_coder ON claims (coder_id);
