-- communique archive on PostgreSQL, migration 15: the index of
-- schema/015_confidence_tenths.sql, so that both backends have the same
-- indexes (tests/pg/schema.sh). PostgreSQL keeps its plan for a page's
-- confidences (store_events.c splits the walk by them on SQLite only); its
-- planner may use the index where it serves. A confidence here is always a
-- number or NULL.
CREATE INDEX events_by_tenth ON events((CASE WHEN confidence IS NULL THEN -1
  ELSE greatest(0, least(10, trunc(confidence * 10)))::integer END), date, id, confidence, status, gone, type,
  verified);
