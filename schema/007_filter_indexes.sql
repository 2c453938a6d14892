-- communique archive, migration 7: indexes for filtered timeline pages.
--
-- A page of a timeline is a walk of an index in (date, id) order that stops
-- at the page's end (store_timeline_each). Filters on the event's own
-- columns made that walk read every event's row to test it, and a rare
-- match meant reading most of the table: the first page of `type=meeting`
-- of a million-event archive read 58,000 rows (130-170 ms).
--
-- The walk in date order carries the columns the filters test (status,
-- gone, type, verified, confidence), so a filter is tested on the index
-- entry and only the page's own rows are read. It replaces the index on
-- (date, id), which is its prefix.
DROP INDEX events_by_date;
CREATE INDEX events_by_date ON events(date, id, status, gone, type, verified, confidence);
-- A page of some types walks each type's events in date order (one walk a
-- type, merged), the same columns carried.
CREATE INDEX events_by_type ON events(type, date, id, status, gone, verified, confidence);
-- Verified events are the few a person checked: their own small index.
CREATE INDEX events_verified ON events(date, id) WHERE verified = 1;
-- A rare agency's events are found from its reports (store_events.c).
CREATE INDEX reports_by_agency ON reports(agency_id);
