-- communique archive on PostgreSQL, migration 11: the event's type, status
-- and gone beside each of its actors (schema/011_actor_filters.sql), in the
-- index of an actor's timeline, kept by the triggers of migration 8 made
-- wider. PostgreSQL's planner reads the page's query as before; the
-- columns and the index keep the two schemas one (and the store's rows one
-- statement for both).
ALTER TABLE event_actors ADD COLUMN type text NOT NULL DEFAULT '';
ALTER TABLE event_actors ADD COLUMN status integer NOT NULL DEFAULT 0;
ALTER TABLE event_actors ADD COLUMN gone integer NOT NULL DEFAULT 0;
UPDATE event_actors ea SET type = e.type, status = e.status, gone = e.gone FROM events e WHERE e.id = ea.event_id;
DROP INDEX event_actors_by_actor_date;
CREATE INDEX event_actors_by_actor_date ON event_actors(actor_id, date, event_id, type, status, gone);
-- A row takes its event's values as it is written.
CREATE OR REPLACE FUNCTION event_actors_date() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ev record;
BEGIN
  SELECT date, type, status, gone INTO ev FROM events WHERE id = NEW.event_id;
  IF FOUND THEN
    NEW.date := ev.date;
    NEW.type := ev.type;
    NEW.status := ev.status;
    NEW.gone := ev.gone;
  ELSE
    NEW.date := '';
  END IF;
  RETURN NEW;
END $$;
-- An event whose date, type, status or gone changes: its actors' rows too.
CREATE OR REPLACE FUNCTION events_date_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE event_actors SET date = NEW.date, type = NEW.type, status = NEW.status, gone = NEW.gone
    WHERE event_id = NEW.id;
  RETURN NULL;
END $$;
DROP TRIGGER events_date_au ON events;
CREATE TRIGGER events_date_au AFTER UPDATE OF date, type, status, gone ON events
  FOR EACH ROW WHEN (OLD.date IS DISTINCT FROM NEW.date OR OLD.type IS DISTINCT FROM NEW.type
    OR OLD.status IS DISTINCT FROM NEW.status OR OLD.gone IS DISTINCT FROM NEW.gone)
  EXECUTE FUNCTION events_date_moved();
