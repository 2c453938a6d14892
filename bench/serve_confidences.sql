-- bench/serve_confidences.sql: gives an archive's events the confidences the
-- extractor gives real reports (bench/serve.md, round 10): the 39 values of
-- the 695 events of the 175 annotated reports of /work/shared/cases, in their
-- proportions. Each event takes the value of its rank in the old order
-- (confidence, then a hash of its id), so that the archive's clustering of
-- confidences in time is kept. Run on a COPY: sqlite3 copy.db < this file.
CREATE TEMP TABLE d(v REAL, n INTEGER);
INSERT INTO d VALUES (0.21,1),(0.25,3),(0.27,2),(0.28,3),(0.31,2),(0.32,7),(0.33,2),(0.36,10),(0.37,18),(0.38,7),(0.41,8),(0.42,17),(0.43,60),(0.46,4),(0.47,182),(0.51,79),(0.52,1),(0.53,2),(0.56,1),(0.57,6),(0.58,4),(0.6,1),(0.61,12),(0.62,3),(0.63,11),(0.64,1),(0.65,2),(0.66,4),(0.67,47),(0.68,3),(0.69,11),(0.7,1),(0.71,28),(0.73,10),(0.74,8),(0.75,35),(0.78,2),(0.79,67),(0.83,30);
CREATE TEMP TABLE c AS SELECT v, (SELECT sum(n) FROM d d2 WHERE d2.v <= d.v) AS hi FROM d;
CREATE INDEX temp.c_hi ON c(hi);
CREATE TEMP TABLE r AS SELECT id, (row_number() OVER (ORDER BY confidence, (id * 2654435761) % 1000003) - 1) * 695.0 / (SELECT count(*) FROM events) AS q FROM events;
CREATE INDEX temp.r_id ON r(id);
UPDATE events SET confidence = (SELECT v FROM c WHERE hi > (SELECT q FROM r WHERE r.id = events.id) ORDER BY hi LIMIT 1);
ANALYZE;
PRAGMA wal_checkpoint(TRUNCATE);
