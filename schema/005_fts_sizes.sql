-- communique archive, migration 5: full-text indexes without row sizes.
--
-- FTS5 keeps the size of every column of every row in a table of its own
-- (columnsize), for ranking by bm25. Nothing here ranks matches, and the
-- sizes were one more insert for every report and event imported (a
-- twentieth of an import's instructions). Without them a match is found as
-- before; a ranking query still works, by counting the row's tokens again.
-- The indexes are built again from the rows they index: once, on the first
-- open after the upgrade. The triggers that keep them refer to them by name
-- and are left as they are.
DROP TABLE reports_fts;
CREATE VIRTUAL TABLE reports_fts USING fts5(
  title, lede, body, content='reports', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2', columnsize=0);
INSERT INTO reports_fts(reports_fts) VALUES ('rebuild');

DROP TABLE events_fts;
CREATE VIRTUAL TABLE events_fts USING fts5(
  summary, evidence, content='events', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2', columnsize=0);
INSERT INTO events_fts(events_fts) VALUES ('rebuild');
