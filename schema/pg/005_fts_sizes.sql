-- communique archive on PostgreSQL, migration 5: full-text indexes without
-- row sizes (schema/005_fts_sizes.sql). A GIN index keeps no row sizes:
-- there is nothing to do, and the number is kept so that the version means
-- the same on both backends.
SELECT 5;
