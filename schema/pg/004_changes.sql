-- communique archive on PostgreSQL, migration 4: the change log kept by the
-- importer (schema/004_changes.sql). While a connection holds the row of
-- fts_deferred, it numbers the events it writes itself; every other writer
-- is numbered by the triggers as before. A trigger's WHEN may not read a
-- table here, so the functions look.
CREATE OR REPLACE FUNCTION events_change_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  IF EXISTS (SELECT 1 FROM fts_deferred) THEN
    RETURN NULL;
  END IF;
  UPDATE change_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq INTO n;
  INSERT INTO event_changes(event_id, seq) VALUES (NEW.id, n)
    ON CONFLICT (event_id) DO UPDATE SET seq = EXCLUDED.seq;
  RETURN NULL;
END $$;
-- SQLite's events_ai (full text and number in one trigger): the full text
-- is the index's, so the insert trigger keeps its name of migration 4.
DROP TRIGGER events_change_ai ON events;
CREATE TRIGGER events_ai AFTER INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION events_change_number();

DROP INDEX events_by_changed;
