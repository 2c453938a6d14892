-- communique archive on PostgreSQL, migration 8: an actor's events in
-- timeline order (schema/008_actor_dates.sql): the event's date beside each
-- of its actors, an index on (actor_id, date, event_id), and triggers that
-- keep the date whatever writes the rows.
ALTER TABLE event_actors ADD COLUMN date text NOT NULL DEFAULT '';
UPDATE event_actors ea SET date = e.date FROM events e WHERE e.id = ea.event_id;
CREATE INDEX event_actors_by_actor_date ON event_actors(actor_id, date, event_id);
-- A row takes its event's date as it is written (a missing event is the
-- foreign key's to refuse).
CREATE FUNCTION event_actors_date() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.date := coalesce((SELECT date FROM events WHERE id = NEW.event_id), '');
  RETURN NEW;
END $$;
CREATE TRIGGER event_actors_date_bi BEFORE INSERT OR UPDATE OF event_id ON event_actors
  FOR EACH ROW EXECUTE FUNCTION event_actors_date();
-- An event whose date changes moves in its actors' timelines.
CREATE FUNCTION events_date_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE event_actors SET date = NEW.date WHERE event_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER events_date_au AFTER UPDATE OF date ON events
  FOR EACH ROW WHEN (OLD.date IS DISTINCT FROM NEW.date) EXECUTE FUNCTION events_date_moved();
