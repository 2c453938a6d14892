-- communique archive on PostgreSQL, migration 7: indexes for filtered
-- timeline pages (schema/007_filter_indexes.sql): the walk in date order
-- carries the columns the filters test, so that a filter is tested on the
-- index entry (an index-only scan once the table is vacuumed).
DROP INDEX events_by_date;
CREATE INDEX events_by_date ON events(date, id, status, gone, type, verified, confidence);
CREATE INDEX events_by_type ON events(type, date, id, status, gone, verified, confidence);
CREATE INDEX events_verified ON events(date, id) WHERE verified = 1;
CREATE INDEX reports_by_agency ON reports(agency_id);
