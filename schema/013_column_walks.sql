-- communique archive, migration 13: walks of the timeline led by a column.
--
-- A page filtered on the event's own columns walked the index on (date, id)
-- and tested each entry: the first page of the negated events (3% of a
-- million) crossed 77,000 entries, 5 ms; below a confidence of 0.6 (7%),
-- 8 ms; and the other pages' requests waited for a core behind them.
-- The same walks led by the status, and by the confidence: one walk a
-- status asked, or one a confidence within the bounds (the extractor gives
-- few values), each in timeline order, merged as the types' are
-- (store_events.c, page_arms). The other columns are carried as on the
-- index on (date, id), so that the filters are tested on the entry.
CREATE INDEX events_by_status ON events(status, date, id, gone, type, verified, confidence);
CREATE INDEX events_by_confidence ON events(confidence, date, id, status, gone, type, verified);
