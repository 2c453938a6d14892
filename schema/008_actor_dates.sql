-- communique archive, migration 8: an actor's events in timeline order.
--
-- A page of a busy actor walked the whole timeline in (date, id) order and
-- probed event_actors for every event it passed: 1,700 probes for a page of
-- an actor with 3 % of a million events, three times as many with three
-- types. With the event's date beside each of its actors, the index on
-- (actor_id, date, event_id) gives one actor's events in timeline order, and
-- a page reads its 51 entries (store_timeline_each).
--
-- The date is the event's own (events.date, the view readers get), kept by
-- the triggers below whatever writes the rows: the store's bulk rows, a
-- curation's new actors, `communique copy`, a narrowed or edited date.
ALTER TABLE event_actors ADD COLUMN date TEXT NOT NULL DEFAULT '';
UPDATE event_actors SET date = coalesce((SELECT date FROM events WHERE id = event_id), '');
CREATE INDEX event_actors_by_actor_date ON event_actors(actor_id, date, event_id);
-- A row written without its event's date (or with another) takes it (a
-- missing event, with foreign keys off, gives '').
CREATE TRIGGER event_actors_date_ai AFTER INSERT ON event_actors
  WHEN new.date IS NOT coalesce((SELECT date FROM events WHERE id = new.event_id), '')
BEGIN
  UPDATE event_actors SET date = coalesce((SELECT date FROM events WHERE id = new.event_id), '')
    WHERE event_id = new.event_id AND seq = new.seq;
END;
-- An event whose date changes (narrowed by a later report, edited, undone)
-- moves in its actors' timelines.
CREATE TRIGGER events_date_au AFTER UPDATE OF date ON events
  WHEN new.date IS NOT old.date
BEGIN
  UPDATE event_actors SET date = new.date WHERE event_id = new.id;
END;
