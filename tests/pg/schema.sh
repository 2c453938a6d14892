#!/usr/bin/env bash
# The PostgreSQL schema (schema/pg/) against SQLite's (schema/): applied
# migration by migration to a fresh database of the test cluster, it must
# give the same tables, columns (NOT NULL and primary keys included) and
# named indexes as schema/0*.sql gives SQLite, the full-text tables being
# GIN indexes of the same names, plus the version table. Then what the
# triggers and indexes must do: change numbers (and none inside a batch
# holding fts_deferred), full-text search folding case and accents through
# its index, aliases equal regardless of case.
#
# Usage (ctest does this, COMMUNIQUE_TEST_PG set by the fixture):
#   bash schema.sh SRCDIR
# Needs psql (PG_BINDIR or PATH) and the sqlite3 shell.
set -euo pipefail
SRC=${1:?usage: schema.sh SRCDIR}
: "${COMMUNIQUE_TEST_PG:?COMMUNIQUE_TEST_PG is not set}"
PSQL=psql
[ -n "${PG_BINDIR:-}" ] && PSQL=$PG_BINDIR/psql
T=$(mktemp -d "${TMPDIR:-/tmp}/cq-schema.XXXXXX")
DB=schema_test_$$
# The same server, another database: the URI's path names it.
URI=$(printf '%s' "$COMMUNIQUE_TEST_PG" | sed -E "s#^(postgres(ql)?://[^/?]*)/[^?]*#\1/$DB#")
[ "$URI" != "$COMMUNIQUE_TEST_PG" ] || { echo "cannot name another database in $COMMUNIQUE_TEST_PG" >&2; exit 1; }
cleanup() {
	"$PSQL" -X -q "$COMMUNIQUE_TEST_PG" -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
	rm -rf "$T"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 "$URI" -c "$1"; }

"$PSQL" -X -q -v ON_ERROR_STOP=1 "$COMMUNIQUE_TEST_PG" -c "CREATE DATABASE $DB"

echo "# the migrations apply in order, each in one transaction"
n_sqlite=$(ls "$SRC"/schema/[0-9]*.sql | wc -l)
n_pg=$(ls "$SRC"/schema/pg/[0-9]*.sql | wc -l)
[ "$n_sqlite" = "$n_pg" ] || fail "$n_sqlite SQLite migrations, $n_pg PostgreSQL ones"
for f in "$SRC"/schema/[0-9]*.sql; do
	name=$(basename "$f")
	[ -f "$SRC/schema/pg/$name" ] || fail "no schema/pg/$name for schema/$name"
	"$PSQL" -X -q -v ON_ERROR_STOP=1 -1 "$URI" -f "$SRC/schema/pg/$name" >/dev/null ||
		fail "schema/pg/$name does not apply"
done
[ "$(q "SELECT application_id || ' ' || version FROM communique_schema")" = "1131245169 0" ] ||
	fail "communique_schema does not hold the application id and version 0"

echo "# the same tables, columns and indexes as SQLite's schema"
cat "$SRC"/schema/[0-9]*.sql | sqlite3 -bail "$T/a.db"
# table column notnull pk, FTS5 tables and their shadow tables left out
sqlite3 "$T/a.db" "SELECT m.name, c.name, c.\"notnull\" OR c.pk > 0, c.pk > 0
	FROM sqlite_schema m JOIN pragma_table_info(m.name) c
	WHERE m.type = 'table' AND m.name NOT LIKE '%\_fts%' ESCAPE '\' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'" |
	tr '|' ' ' | sort >"$T/columns.sqlite"
q "SELECT c.table_name, c.column_name, (c.is_nullable = 'NO')::int,
	(EXISTS (SELECT 1 FROM information_schema.key_column_usage k
	  JOIN information_schema.table_constraints t USING (constraint_schema, constraint_name)
	  WHERE t.constraint_type = 'PRIMARY KEY' AND k.table_name = c.table_name
	    AND k.column_name = c.column_name))::int
	FROM information_schema.columns c
	WHERE c.table_schema = 'public' AND c.table_name <> 'communique_schema'" |
	tr '|' ' ' | sort >"$T/columns.pg"
diff "$T/columns.sqlite" "$T/columns.pg" ||
	fail "the tables differ (< SQLite, > PostgreSQL: table column notnull pk)"
sqlite3 "$T/a.db" "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
	UNION ALL SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'" |
	sort >"$T/indexes.sqlite"
# PostgreSQL's own indexes behind keys and UNIQUE are SQLite's autoindexes.
q "SELECT indexname FROM pg_indexes i WHERE schemaname = 'public' AND NOT EXISTS
	(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)" | sort >"$T/indexes.pg"
diff "$T/indexes.sqlite" "$T/indexes.pg" || fail "the indexes differ (< SQLite, > PostgreSQL)"
wc -l <"$T/columns.pg" | grep -qv '^0$' || fail "no columns listed"

echo "# change numbers from the triggers"
q "INSERT INTO events (id, type, cameo, status, party_key, summary, added_at, changed_at)
	VALUES (10, 'meet', '040', 0, 'k', 'Ministers met in Zürich on sanctions', 1, 1),
	       (11, 'meet', '040', 0, 'k', 'Talks', 1, 1)"
[ "$(q "SELECT string_agg(event_id || ':' || seq, ' ' ORDER BY seq) FROM event_changes")" = "10:1 11:2" ] ||
	fail "inserts not numbered: $(q "SELECT * FROM event_changes")"
q "UPDATE events SET changed_at = 2 WHERE id = 10"
[ "$(q "SELECT seq FROM event_changes WHERE event_id = 10")" = 3 ] || fail "update of changed_at not numbered"
q "UPDATE events SET summary = summary WHERE id = 11"
[ "$(q "SELECT seq FROM change_counter")" = 3 ] || fail "an update without changed_at was numbered"
q "BEGIN; INSERT INTO fts_deferred VALUES (1);
   INSERT INTO events (id, type, cameo, status, party_key, summary, added_at, changed_at)
	VALUES (12, 'meet', '040', 0, 'k', 'Batch', 1, 1);
   UPDATE events SET changed_at = 3 WHERE id = 11;
   DELETE FROM fts_deferred; COMMIT"
[ "$(q "SELECT count(*) FROM event_changes WHERE event_id = 12")" = 0 ] ||
	fail "an insert inside a batch was numbered by the trigger"
[ "$(q "SELECT seq FROM change_counter")" = 3 ] || fail "an update inside a batch was numbered by the trigger"
q "DELETE FROM events WHERE id = 10"
[ "$(q "SELECT count(*) FROM event_changes WHERE event_id = 10")" = 0 ] || fail "a deleted event kept its number"

echo "# full-text search, through its index"
q "INSERT INTO reports (title, body, format, content_hash, identity_key, imported_at)
	VALUES ('Élysée statement', 'The US and France discussed SANCTIONS.', 'text', 'h1', 'i1', 1),
	       ('Other', 'Nothing here.', 'text', 'h2', 'i2', 1)"
search() { q "SELECT string_agg(id::text, ',' ORDER BY id) FROM reports WHERE report_search(title, lede, body) @@ $1"; }
[ "$(search "websearch_to_tsquery('communique', 'elysee')")" = 1 ] || fail "accents not folded"
[ "$(search "websearch_to_tsquery('communique', 'sanctions us')")" = 1 ] || fail "case folded, no stop words"
[ -z "$(search "websearch_to_tsquery('communique', 'sanction')")" ] || fail "words are stemmed (FTS5 does not)"
[ -z "$(search "to_tsquery('communique', 'us:A')")" ] || fail "the body is weighted as the title"
[ "$(search "to_tsquery('communique', 'elysee:A')")" = 1 ] || fail "the title is not weighted A"
[ "$(q "SELECT id FROM events WHERE event_search(summary, evidence) @@ websearch_to_tsquery('communique', 'zurich')")" = "" ] ||
	fail "a deleted event is still found"
q "UPDATE events SET summary = 'Met in Zürich' WHERE id = 11"
[ "$(q "SELECT id FROM events WHERE event_search(summary, evidence) @@ websearch_to_tsquery('communique', 'zurich')")" = 11 ] ||
	fail "an event's new summary is not found"
plan=$("$PSQL" -X -q -At "$URI" -c "SET enable_seqscan = off" -c "EXPLAIN SELECT id FROM reports
	WHERE report_search(title, lede, body) @@ websearch_to_tsquery('communique', 'france')")
grep -q "reports_fts" <<<"$plan" || fail "the search does not use the index: $plan"

echo "# aliases equal whatever their case"
q "INSERT INTO actors (id, name, code, kind) VALUES (1, 'United States', 'USA', 0)"
q "INSERT INTO actor_aliases (actor_id, alias) VALUES (1, 'Washington')"
q "INSERT INTO actor_aliases (actor_id, alias) VALUES (1, 'WASHINGTON') ON CONFLICT DO NOTHING"
[ "$(q "SELECT count(*) FROM actor_aliases")" = 1 ] || fail "aliases differing in case are two rows"
[ "$(q "SELECT actor_id FROM actor_aliases WHERE alias = 'washington'")" = 1 ] || fail "alias lookup is case-sensitive"
echo "ok"
