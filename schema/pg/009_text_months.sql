-- communique archive on PostgreSQL, migration 9 (schema/009_text_months.sql).
-- SQLite's full-text index gains a column naming each event's month, for
-- pages of common words; PostgreSQL's GIN index over the rows is searched
-- as before (nothing to do). Actors by name and code whatever their case,
-- as the actor filters ask them (`= $1 COLLATE nocase`, the collation of
-- migration 1).
CREATE INDEX actors_by_name_nocase ON actors(name COLLATE nocase);
CREATE INDEX actors_by_code_nocase ON actors(code COLLATE nocase);
