-- communique archive, migration 15: walks of the timeline led by the
-- confidence's tenth.
--
-- A page bounded by confidence walked one arm a distinct confidence within
-- the bounds (migration 13), at most 8; with more (the extractor gives two
-- decimals, some 40 values) it walked the timeline testing each entry: 14
-- entries a match below 0.6, the whole index for a bound no event of the
-- page's stretch reaches. The tenth groups them: a page walks one arm a
-- tenth wholly within the bounds (at most 12: 0 to 10, and 11 for values
-- that are no number), and the values of a tenth a bound cuts one by one
-- (store_events.c, conf_plan). Events without a confidence are apart (-1).
-- The expression must stay CONF_TENTH's of store_events.c, letter for
-- letter, for SQLite to walk this index; the index follows every write of
-- confidence by itself. The other columns are carried as on the index on
-- (date, id), so that the filters are tested on the entry.
CREATE INDEX events_by_tenth ON events((CASE WHEN confidence IS NULL THEN -1
  WHEN typeof(confidence) IN ('real', 'integer') THEN max(0, min(10, CAST(confidence * 10 AS INTEGER)))
  ELSE 11 END), date, id, confidence, status, gone, type, verified);
