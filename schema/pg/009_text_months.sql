-- communique archive on PostgreSQL, migration 9 (schema/009_text_months.sql):
-- SQLite's full-text index gains a column naming each event's month, for
-- pages of common words. PostgreSQL's GIN index over the rows is searched
-- as before: there is nothing to do, and the number is kept so that the
-- version means the same on both backends.
SELECT 9;
