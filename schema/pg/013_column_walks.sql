-- communique archive on PostgreSQL, migration 13: the indexes of
-- schema/013_column_walks.sql, so that both backends have the same indexes
-- (tests/pg/schema.sh). PostgreSQL keeps its plan for a page's statuses and
-- confidences (store_events.c splits the walk by them on SQLite only); its
-- planner may use the indexes where they serve.
CREATE INDEX events_by_status ON events(status, date, id, gone, type, verified, confidence);
CREATE INDEX events_by_confidence ON events(confidence, date, id, status, gone, type, verified);
