-- Two changes to what writing a claim costs, both for large merges (issue 12).
--
-- Pending marks only while the project is linked to a team. Linking marks everything the
-- project holds (`store::team::link`) and unlinking forgets the marks, so a mark set while
-- unlinked was never read: yet every claim merged into an unlinked project wrote one.
--
-- A claim's INSERT has no triggers: `store::claims::insert`, the one statement that inserts a
-- claim, queues its note for the search index and sets its pending mark itself. A statement
-- whose triggers might fail after it has written keeps a copy of every page it changes (the
-- statement journal) so that it alone can be undone; for 100,000 claims that copying was a
-- seventh of a merge. Updates and deletes, one at a time, keep their triggers.
DELETE FROM team_pending WHERE NOT EXISTS (SELECT 1 FROM team_link);

DROP TRIGGER claims_search_insert;
DROP TRIGGER team_mark_claim_new;

DROP TRIGGER team_mark_document;
CREATE TRIGGER team_mark_document AFTER INSERT ON documents
WHEN (SELECT applying FROM team_applying) = 0 AND EXISTS (SELECT 1 FROM team_link)
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('document', NEW.id); END;

DROP TRIGGER team_mark_speaker_new;
CREATE TRIGGER team_mark_speaker_new AFTER INSERT ON speakers
WHEN (SELECT applying FROM team_applying) = 0 AND EXISTS (SELECT 1 FROM team_link)
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('speaker', NEW.id); END;

DROP TRIGGER team_mark_speaker_edit;
CREATE TRIGGER team_mark_speaker_edit AFTER UPDATE ON speakers
WHEN (SELECT applying FROM team_applying) = 0 AND EXISTS (SELECT 1 FROM team_link)
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('speaker', NEW.id); END;

DROP TRIGGER team_mark_alias_new;
CREATE TRIGGER team_mark_alias_new AFTER INSERT ON speaker_aliases
WHEN (SELECT applying FROM team_applying) = 0 AND EXISTS (SELECT 1 FROM team_link)
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('speaker', NEW.speaker_id); END;

DROP TRIGGER team_mark_alias_gone;
CREATE TRIGGER team_mark_alias_gone AFTER DELETE ON speaker_aliases
WHEN (SELECT applying FROM team_applying) = 0 AND EXISTS (SELECT 1 FROM team_link)
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('speaker', OLD.speaker_id); END;

DROP TRIGGER team_mark_claim_edit;
CREATE TRIGGER team_mark_claim_edit AFTER UPDATE ON claims
WHEN (SELECT applying FROM team_applying) = 0 AND EXISTS (SELECT 1 FROM team_link)
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('claim', NEW.id); END;

DROP TRIGGER team_mark_claim_gone;
CREATE TRIGGER team_mark_claim_gone AFTER DELETE ON claims
WHEN (SELECT applying FROM team_applying) = 0 AND EXISTS (SELECT 1 FROM team_link)
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('claim', OLD.id); END;

DROP TRIGGER team_mark_decision_new;
CREATE TRIGGER team_mark_decision_new AFTER INSERT ON decisions
WHEN (SELECT applying FROM team_applying) = 0 AND EXISTS (SELECT 1 FROM team_link)
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('decision', NEW.id); END;

DROP TRIGGER team_mark_decision_edit;
CREATE TRIGGER team_mark_decision_edit AFTER UPDATE ON decisions
WHEN (SELECT applying FROM team_applying) = 0 AND EXISTS (SELECT 1 FROM team_link)
BEGIN INSERT OR IGNORE INTO team_pending VALUES ('decision', NEW.id); END;
