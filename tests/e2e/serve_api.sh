#!/usr/bin/env bash
# End-to-end: communique serve's API, driven with curl against the real
# binary on 127.0.0.1 (--port 0). Every endpoint answers as docs/serve.md
# says (the pages of the timeline walk the same events as the export, in
# the same order); every curation goes in and the CLI sees it; hostile
# requests (path traversal, oversized body and query, malformed JSON,
# missing or wrong token, cross-origin writes, a foreign Host, writes while
# another writer holds the lock) are each refused with a 4xx or 503 and
# write nothing, checked in the archive afterwards; SIGTERM stops the
# server with exit 0 (under the sanitizer build: no leak).
#
# Usage (as ctest runs it): bash serve_api.sh BIN SRCDIR
set -uo pipefail

BIN=${1:?usage: serve_api.sh BIN SRCDIR}
SRC=${2:?usage: serve_api.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
command -v curl >/dev/null || { [ "${CI:-}" = true ] && { echo "FAIL: curl missing" >&2; exit 1; }; echo "SKIP: curl not found"; exit 0; }
T=$(mktemp -d "${TMPDIR:-/tmp}/serve-api.XXXXXX")
PID=
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cleanup() {
	if [ -n "$PID" ]; then kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; fi
	e2e_cleanup
	rm -rf "$T"
}
trap cleanup EXIT
unset COMMUNIQUE_DB
export USER=analyst
DB=$(e2e_db "$T/a.db")
failures=0
STEP=""
step() { STEP=$1; echo "# $1"; }
fail() {
	echo "FAIL [$STEP]: $*" >&2
	failures=$((failures + 1))
}
# json EXPR < body: a Python expression over the parsed body `j`.
json() { python3 -c "import json, sys; j = json.load(sys.stdin); print($1)"; }

. "$SRC/tests/data/golden/archive.sh"
golden_archive "$BIN" "$SRC" "$DB" || { echo "FAIL: golden archive" >&2; exit 1; }
"$BIN" --db "$DB" ingest "$SRC/tests/data/golden/fixtures/hostile.csv" >/dev/null || { echo "FAIL: hostile" >&2; exit 1; }
curations() { e2e_sql "$DB" "SELECT count(*) FROM curations"; }
# Undated events, which the timeline puts last, and a year-only one: the
# pages must walk them too.
for d in none none 2022; do
	"$BIN" --db "$DB" event add --type meeting --participant Japan --participant China --date "$d" --by setup >/dev/null ||
		{ echo "FAIL: event add" >&2; exit 1; }
done

step "start: refuses a non-loopback address without --allow-remote, a missing archive, a bad token file"
"$BIN" --db "$DB" serve --bind 0.0.0.0 --port 0 >"$T/o" 2>"$T/e"
[ $? -eq 2 ] && grep -q 'allow-remote' "$T/e" || fail "--bind 0.0.0.0 without --allow-remote: $(cat "$T/e")"
"$BIN" --db "$(e2e_db_absent "$T/none.db")" serve --port 0 >"$T/o" 2>"$T/e"
[ $? -eq 3 ] && ! e2e_exists "$(e2e_db_absent "$T/none.db")" || fail "a missing archive is not refused (or was created)"
printf 'short\n' >"$T/tok"
"$BIN" --db "$DB" serve --port 0 --token-file "$T/tok" >"$T/o" 2>"$T/e"
[ $? -eq 2 ] || fail "a short token is not refused"
"$BIN" --db "$DB" serve --port 70000 >"$T/o" 2>"$T/e"
[ $? -eq 2 ] || fail "port 70000 is not refused"
"$BIN" serve --help | grep -q 'allow-remote' || fail "serve --help"

step "start on a free port with a token file"
TOKEN=0123456789abcdef-serve-test-token
printf '%s\n' "$TOKEN" >"$T/token"
chmod 600 "$T/token"
"$BIN" --db "$DB" serve --port 0 --token-file "$T/token" >"$T/out" 2>"$T/err" &
PID=$!
for _ in $(seq 100); do grep -q '^listening on' "$T/out" 2>/dev/null && break; sleep 0.1; done
B=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$T/out")
[ -n "$B" ] || { cat "$T/out" "$T/err" >&2; echo "FAIL: the server did not start" >&2; exit 1; }
grep -q "$TOKEN" "$T/out" && fail "a token from a file is printed"
HOSTPORT=${B#http://}

# get PATH [curl options]: body in $T/body, status in $CODE.
get() { local p=$1; shift; CODE=$(curl -s -o "$T/body" -w '%{http_code}' "$@" "$B$p"); }
W=(-H "X-Communique-Token: $TOKEN" -H 'Content-Type: application/json')
post() { local p=$1 d=$2; shift 2; CODE=$(curl -s -o "$T/body" -w '%{http_code}' -X POST "$@" --data-binary "$d" "$B$p"); }
expect() { [ "$CODE" = "$1" ] || fail "$2: HTTP $CODE, wanted $1: $(head -c 300 "$T/body")"; }

step "the page and its assets, with the security headers"
for p in / /app.js /app.css /base.css /favicon.svg; do
	get "$p" -D "$T/headers"
	expect 200 "$p"
	grep -qi "^Content-Security-Policy: default-src 'self'; script-src 'self'.*frame-ancestors 'none'" "$T/headers" || fail "$p: no strict CSP"
	grep -qi '^X-Content-Type-Options: nosniff' "$T/headers" || fail "$p: no nosniff"
done
get / 
grep -q '<script' "$T/body" && ! grep -q '<script src="/app.js" defer></script>' "$T/body" && fail "the page has an inline script"
grep -Eq '(src|href)="(https?:)?//' "$T/body" && fail "the page loads something from elsewhere"
get "/?token=$TOKEN" -D "$T/headers"
expect 303 "opening with the token"
grep -qi "^Set-Cookie: communique_token=$TOKEN; Path=/; HttpOnly; SameSite=Strict" "$T/headers" || fail "no SameSite=Strict cookie: $(cat "$T/headers")"
grep -qi '^Location: /' "$T/headers" || fail "the token stays in the address"
get "/?token=wrong" -D "$T/headers"
grep -qi '^Set-Cookie' "$T/headers" && fail "a wrong token gets a cookie"

step "meta, actors, topics"
get /api/meta
expect 200 meta
[ "$(json 'j["can_write"]' <"$T/body")" = False ] || fail "can_write without the token"
get /api/meta -H "X-Communique-Token: $TOKEN"
[ "$(json 'j["can_write"]' <"$T/body")" = True ] || fail "can_write with the token"
get /api/meta --cookie "communique_token=$TOKEN"
[ "$(json 'j["can_write"]' <"$T/body")" = True ] || fail "can_write with the cookie"
get "/api/actors?q=jap"
expect 200 actors
[ "$(json 'j["actors"][0]["name"]' <"$T/body")" = Japan ] || fail "actors?q=jap: $(cat "$T/body")"
get /api/topics
expect 200 topics
[ "$(json 'len(j["topics"]) > 0' <"$T/body")" = True ] || fail "no topics"

step "events: pages of 2 walk the same events as the export, in its order"
"$BIN" --db "$DB" export --format jsonl --status all | python3 -c 'import json, sys
print(" ".join(json.loads(l)["id"] for l in sys.stdin))' >"$T/want"
after=""
: >"$T/got"
for _ in $(seq 100); do
	get "/api/events?status=all&limit=2${after:+&after=$after}"
	expect 200 "a page"
	json '" ".join(e["id"] for e in j["events"])' <"$T/body" >>"$T/got"
	after=$(json 'j["next"] or ""' <"$T/body")
	[ -n "$after" ] || break
done
[ "$(tr '\n' ' ' <"$T/got" | tr -s ' ' | sed 's/ $//')" = "$(cat "$T/want")" ] ||
	fail "paged ids differ from the export's: $(tr '\n' ' ' <"$T/got") vs $(cat "$T/want")"

step "events: every filter of 'events' gives what the CLI gives"
for q in "actor=Japan" "between=Russia&between=United%20States" "type=sanctions" "type=meeting,visit" "topic=sanctions" \
	"status=negated" "status=all" "agency=TASS" "from=2022-08&to=2022-12" "text=sanctions" "verified=no" \
	"min-confidence=0.6" "below-confidence=0.6"; do
	get "/api/events?$q&limit=500"
	expect 200 "events?$q"
	json '" ".join(e["id"] for e in j["events"])' <"$T/body" >"$T/api"
	# The same filter as CLI options.
	args=$(python3 -c 'import sys, urllib.parse
out = []
for k, v in urllib.parse.parse_qsl(sys.argv[1]):
    if k == "verified": out.append("--unverified" if v == "no" else "--verified"); continue
    if k == "between" and "--between" in out: out.append(v); continue
    out += ["--" + k, v]
print("\0".join(out), end="")' "$q" | xargs -0 printf '%q ')
	eval "\"$BIN\" --db \"$DB\" export --format jsonl $args" | python3 -c 'import json, sys
print(" ".join(json.loads(l)["id"] for l in sys.stdin))' >"$T/cli"
	cmp -s "$T/api" "$T/cli" || fail "events?$q: API $(cat "$T/api") vs CLI $(cat "$T/cli")"
done
for q in "actor=Nobody" "topic=nothing" "type=dance" "status=maybe" "from=2015-13" "to=yesterday" \
	"text=%22" "verified=perhaps" "min-confidence=2" "limit=0" "limit=501" "after=x" "after=e999999" "between=Japan" \
	"between=Japan&between=China&between=Russia" "$(printf 'actor=Japan&%.0s' $(seq 17))limit=5"; do
	get "/api/events?$q"
	expect 400 "events?$q"
	[ "$(json 'bool(j["error"])' <"$T/body")" = True ] || fail "events?$q: no message"
done

step "one event: its reports' text, the other events of its reports, its history"
E=$(curl -s "$B/api/events?actor=Japan&limit=1" | json 'j["events"][0]["id"][1:]')
get "/api/events/$E"
expect 200 "event $E"
[ "$(json 'len(j["reports"]) > 0 and len(j["reports"][0]["body"]) > 0' <"$T/body")" = True ] || fail "event $E: no report text"
[ "$(json 'j["event"]["evidence"] in j["reports"][0]["body"] or "x"' <"$T/body")" != "" ] || fail "evidence"
get "/api/events/e$E"
expect 200 "event e$E"
for p in /api/events/0 /api/events/abc /api/events/99999999999999999999 /api/events/999999 /api/events/1/x; do
	get "$p"
	expect 404 "$p"
done

step "reports: list, search, page, read"
get "/api/reports?limit=3"
expect 200 reports
[ "$(json 'len(j["reports"])' <"$T/body")" = 3 ] || fail "reports?limit=3"
NEXT=$(json 'j["next"]' <"$T/body")
get "/api/reports?limit=3&before=$NEXT"
expect 200 "reports page 2"
get "/api/reports?q=Pelosi"
[ "$(json 'j["reports"][0]["title"]' <"$T/body" | grep -c Pelosi)" = 1 ] || fail "reports?q=Pelosi: $(cat "$T/body")"
get "/api/reports?q=%22"
expect 400 "reports?q=\""
R=$(curl -s "$B/api/reports?q=Pelosi" | json 'j["reports"][0]["id"]')
get "/api/reports/$R"
expect 200 "report $R"
[ "$(json 'len(j["events"]) > 0 and "Pelosi" in j["report"]["body"]' <"$T/body")" = True ] || fail "report $R"
get /api/reports/424242
expect 404 "a missing report"

step "relations: an actor's and a dyad's months by quad class, and counterparts, as the dyads export counts"
get "/api/relations?actor=Russia"
expect 200 "relations of Russia"
API=$(json 'sum(m["events"] for m in j["months"])' <"$T/body")
CLI=$("$BIN" --db "$DB" export --format dyads --actor Russia | python3 -c 'import csv, sys
print(sum(int(r["events"]) for r in csv.DictReader(sys.stdin) if "RUS" in (r["source_code"], r["target_code"])))')
[ "$API" = "$CLI" ] && [ "$API" -gt 0 ] || fail "relations of Russia: $API events, the dyads export $CLI"
get "/api/relations?between=Russia&between=Japan"
expect 200 "relations of a dyad"
[ "$(json 'j["counterparts"][0]["code"]' <"$T/body")" = JPN ] || fail "dyad counterpart: $(cat "$T/body")"
get "/api/relations"
expect 400 "relations of nobody"

step "review and export"
get "/api/review"
expect 200 review
get "/api/review?reason=unverified&limit=3"
expect 200 "review unverified"
[ "$(json 'len(j["items"])' <"$T/body")" = 3 ] || fail "review?reason=unverified&limit=3"
get "/api/review?reason=whatever"
expect 400 "review?reason=whatever"
for f in csv json html; do
	get "/api/export?format=$f&actor=Japan" -D "$T/headers"
	expect 200 "export $f"
	grep -qi "^Content-Disposition: attachment; filename=\"timeline.$f\"" "$T/headers" || fail "export $f: not an attachment"
done
"$BIN" --db "$DB" export --format csv --actor Japan >"$T/cli.csv"
get "/api/export?format=csv&actor=Japan"
cmp -s "$T/body" "$T/cli.csv" || fail "the CSV export of the view differs from the CLI's"
get "/api/export?format=icews"
expect 400 "export icews"

step "writes: every curation, recorded as the CLI records them"
N0=$(curations)
post "/api/events/$E/note" '{"text":"seen <b>in</b> the browser","why":"test"}' "${W[@]}"
expect 200 note
C_NOTE=$(json 'j["curation"]' <"$T/body")
post "/api/events/$E/tag" '{"tag":"browser"}' "${W[@]}"
expect 200 tag
post "/api/events/$E/untag" '{"tag":"browser"}' "${W[@]}"
expect 200 untag
post "/api/events/$E/verify" '{}' "${W[@]}" -H "Origin: $B"
expect 200 verify
post "/api/events/$E/unverify" '{"by":"someone else"}' "${W[@]}" -H "Referer: $B/"
expect 200 unverify
post "/api/events/$E/edit" '{"status":"occurred","date":"2015-12-28","summary":"An edited summary","topics":["sanctions"],"participant":["Japan","South Korea"],"why":"checked"}' "${W[@]}"
expect 200 edit
post "/api/events/$E/split" '{"date":"2016-01"}' "${W[@]}"
expect 201 split
SPLIT=$(json 'j["event"][1:]' <"$T/body")
post "/api/events/$E/merge" "{\"others\":[\"e$SPLIT\"]}" "${W[@]}"
expect 200 merge
post "/api/events/$SPLIT/restore" '{}' "${W[@]}"
expect 200 restore
post "/api/events/$SPLIT/delete" '{"why":"a duplicate"}' "${W[@]}"
expect 200 delete
post /api/events '{"type":"meeting","participant":["Japan","China"],"date":"2020-01-02"}' "${W[@]}"
expect 201 add
ADDED=$(json 'j["event"]' <"$T/body")
post /api/events "{\"type\":\"meeting\",\"participant\":[\"Japan\"],\"report\":\"$R\",\"evidence\":\"Pelosi\"}" "${W[@]}"
expect 201 "add with a report"
post "/api/curations/${C_NOTE#c}/undo" '{}' "${W[@]}"
expect 200 undo
post "/api/curations/${C_NOTE#c}/undo" '{}' "${W[@]}"
expect 409 "undo twice"
post "/api/events/$E/note" '{"text":"by cookie"}' --cookie "communique_token=$TOKEN" -H 'Content-Type: application/json' -H "Origin: $B"
expect 200 "a write with the cookie from our own page"
N1=$(curations)
# (an edit of several fields, a merge and a split record more than one)
[ "$N1" -ge $((N0 + 14)) ] || fail "curations: $N0 before, $N1 after; wanted 14 more or so"
"$BIN" --db "$DB" event history "e$E" >"$T/hist"
grep -q 'seen <b>in</b> the browser' "$T/hist" || fail "the CLI does not see the browser's note"
grep -q 'unverify' "$T/hist" && grep -q 'someone else' "$T/hist" || fail "the CLI does not see who unverified"
"$BIN" --db "$DB" event show "$ADDED" | grep -q 'Japan' || fail "the CLI does not see the added event"
"$BIN" --db "$DB" event show "e$SPLIT" | grep -qi 'deleted' || fail "the CLI does not see the deletion"
get "/api/events/$E"
[ "$(json 'j["event"]["summary"]' <"$T/body")" = "An edited summary" ] || fail "the edit does not show"
[ "$(json 'len(j["history"])' <"$T/body")" -ge 8 ] || fail "the history is short: $(cat "$T/body")"

step "hostile requests: each refused, nothing written"
N0=$(curations)
refuse() { local want=$1 what=$2; shift 2; CODE=$(curl -s -o "$T/body" -w '%{http_code}' "$@"); expect "$want" "$what"; }
for p in '/../../etc/passwd' '/%2e%2e/%2e%2e/etc/passwd' '/api/../../etc/passwd' '/app.js/../../../etc/passwd' \
	'/..%2f..%2fetc%2fpasswd' '/web/assets/app.js' '/CMakeLists.txt' '/api/events/..%2f..%2f1'; do
	CODE=$(curl -s --path-as-is -o "$T/body" -w '%{http_code}' "$B$p")
	case $CODE in 4??) ;; *) fail "path $p: HTTP $CODE" ;; esac
	grep -q 'root:' "$T/body" && fail "path $p served a file"
done
refuse 401 "no token" -X POST -H 'Content-Type: application/json' -d '{"text":"x"}' "$B/api/events/$E/note"
refuse 403 "wrong token" -X POST -H 'X-Communique-Token: wrong' -H 'Content-Type: application/json' -d '{"text":"x"}' "$B/api/events/$E/note"
refuse 403 "wrong cookie" -X POST --cookie 'communique_token=wrong' -H 'Content-Type: application/json' -H "Origin: $B" -d '{"text":"x"}' "$B/api/events/$E/note"
refuse 403 "right cookie, wrong header" -X POST --cookie "communique_token=$TOKEN" -H 'X-Communique-Token: wrong' -H 'Content-Type: application/json' -d '{"text":"x"}' "$B/api/events/$E/note"
refuse 403 "cross-origin (Origin)" -X POST "${W[@]}" -H 'Origin: http://evil.example' -d '{"text":"x"}' "$B/api/events/$E/note"
refuse 403 "cross-origin (another port)" -X POST "${W[@]}" -H "Origin: http://127.0.0.1:1" -d '{"text":"x"}' "$B/api/events/$E/note"
refuse 403 "cross-origin (Referer)" -X POST --cookie "communique_token=$TOKEN" -H 'Content-Type: application/json' -H 'Referer: http://evil.example/x' -d '{"text":"x"}' "$B/api/events/$E/note"
refuse 403 "cookie without an origin" -X POST --cookie "communique_token=$TOKEN" -H 'Content-Type: application/json' -d '{"text":"x"}' "$B/api/events/$E/note"
refuse 403 "Origin null" -X POST "${W[@]}" -H 'Origin: null' -d '{"text":"x"}' "$B/api/events/$E/note"
refuse 415 "a form post" -X POST -H "X-Communique-Token: $TOKEN" -H 'Content-Type: application/x-www-form-urlencoded' -d 'text=x' "$B/api/events/$E/note"
refuse 415 "text/plain" -X POST -H "X-Communique-Token: $TOKEN" -H 'Content-Type: text/plain' -d '{"text":"x"}' "$B/api/events/$E/note"
refuse 415 "application/jsonx" -X POST -H "X-Communique-Token: $TOKEN" -H 'Content-Type: application/jsonx' -d '{"text":"x"}' "$B/api/events/$E/note"
for body in '{"text":' 'not json' '' '[]' '"x"' '{"text":"a","text":"b"}' '{"text":"x","evil":1}' '{"text":5}' \
	'{"text":""}' '{"text":"x","by":""}' '{"text":"x","by":{"a":1}}'; do
	refuse 400 "body '$body'" -X POST "${W[@]}" --data-binary "$body" "$B/api/events/$E/note"
done
printf '{"text":"\xff\xfe"}' >"$T/bad.json"
refuse 400 "a body not UTF-8" -X POST "${W[@]}" --data-binary @"$T/bad.json" "$B/api/events/$E/note"
python3 -c 'print("{\"text\":\"" + "a" * 200000 + "\"}")' >"$T/big.json"
refuse 413 "a 200 KB body" -X POST "${W[@]}" --data-binary @"$T/big.json" "$B/api/events/$E/note"
refuse 413 "a 200 KB chunked body" -X POST "${W[@]}" -H 'Transfer-Encoding: chunked' --data-binary @"$T/big.json" "$B/api/events/$E/note"
python3 -c 'print("[" * 100000)' >"$T/deep.json"
refuse 413 "deep nesting" -X POST "${W[@]}" --data-binary @"$T/deep.json" "$B/api/events/$E/note"
python3 -c 'print("[" * 20000)' >"$T/deep.json"
refuse 400 "deep nesting, small" -X POST "${W[@]}" --data-binary @"$T/deep.json" "$B/api/events/$E/note"
refuse 400 "edit with an unknown actor" -X POST "${W[@]}" -d '{"source":["Atlantis"]}' "$B/api/events/$E/edit"
refuse 400 "edit with nothing" -X POST "${W[@]}" -d '{}' "$B/api/events/$E/edit"
refuse 400 "edit with a bad date" -X POST "${W[@]}" -d '{"date":"2015-02-30x"}' "$B/api/events/$E/edit"
refuse 400 "edit with a bad type" -X POST "${W[@]}" -d '{"type":"dance"}' "$B/api/events/$E/edit"
refuse 400 "delete without why" -X POST "${W[@]}" -d '{}' "$B/api/events/$E/delete"
refuse 400 "merge with itself" -X POST "${W[@]}" -d "{\"others\":[$E]}" "$B/api/events/$E/merge"
refuse 404 "merge with nothing" -X POST "${W[@]}" -d '{"others":[999999]}' "$B/api/events/$E/merge"
refuse 404 "note on no event" -X POST "${W[@]}" -d '{"text":"x"}' "$B/api/events/999999/note"
refuse 404 "an unknown act" -X POST "${W[@]}" -d '{}' "$B/api/events/$E/explode"
refuse 404 "undo of no curation" -X POST "${W[@]}" -d '{}' "$B/api/curations/999999/undo"
refuse 400 "add without type" -X POST "${W[@]}" -d '{"participant":["Japan"]}' "$B/api/events"
refuse 405 "PUT" -X PUT "${W[@]}" -d '{}' "$B/api/events/$E/note"
refuse 405 "DELETE" -X DELETE "${W[@]}" "$B/api/events/$E"
refuse 405 "POST to the page" -X POST "${W[@]}" -d '{}' "$B/"
refuse 421 "another Host (DNS rebinding)" -H 'Host: evil.example' "$B/api/events"
refuse 421 "another Host on a write" -X POST -H 'Host: evil.example' "${W[@]}" -H 'Origin: http://evil.example' -d '{"text":"x"}' "$B/api/events/$E/note"
refuse 414 "a 5 KB query" "$B/api/events?text=$(python3 -c 'print("a" * 5000)')"
refuse 414 "100 parameters" "$B/api/events?$(python3 -c 'print("&".join("x%d=1" % i for i in range(100)))')"
refuse 400 "a query not UTF-8" "$B/api/events?actor=%ff%fe"
refuse 400 "a NUL in the query" "$B/api/events?actor=Jap%00an"
# Filters and edits are checked by the command line's own code (filter_parse,
# edit_build): its checks and its suggestions, answered as 400.
refuse 400 "from after to" "$B/api/events?from=2016&to=2015-03"
grep -q "from 2016 is after to 2015-03" "$T/body" || fail "from after to: $(cat "$T/body")"
refuse 400 "a misspelt type" "$B/api/events?type=meetin"
grep -q "did you mean 'meeting'" "$T/body" || fail "a misspelt type: $(cat "$T/body")"
refuse 400 "edit with a misspelt actor" -X POST "${W[@]}" -d '{"source":["Japn"]}' "$B/api/events/$E/edit"
grep -q "did you mean .*'Japan'" "$T/body" || fail "a misspelt actor: $(cat "$T/body")"
# Headers over MHD's memory limit: refused by the library.
CODE=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $(python3 -c 'print("a" * 70000)')" "$B/api/meta")
case $CODE in 4??) ;; *) fail "70 KB of headers: HTTP $CODE" ;; esac
# Writes while another writer holds the archive's lock: 503, said so.
e2e_hold_lock "$DB" 6
LOCKER=$E2E_HOLDER
refuse 503 "a write while the lock is held" -X POST "${W[@]}" -d '{"text":"x"}' "$B/api/events/$E/note"
grep -q 'holds' "$T/body" || fail "503 does not say why: $(cat "$T/body")"
get "/api/events?limit=1"
expect 200 "a read while the lock is held"
wait "$LOCKER"
N1=$(curations)
[ "$N1" -eq "$N0" ] || fail "hostile requests wrote $((N1 - N0)) curations"
"$BIN" --db "$DB" check >/dev/null 2>"$T/check" || fail "check after the hostile requests: $(cat "$T/check")"

step "reads while an import writes (WAL): every answer 200"
"$BIN" --db "$DB" ingest "$SRC/samples" >/dev/null 2>&1 &
ING=$!
bad=0
while kill -0 "$ING" 2>/dev/null; do
	c=$(curl -s -o /dev/null -w '%{http_code}' "$B/api/events?limit=20&status=all")
	[ "$c" = 200 ] || bad=$((bad + 1))
done
wait "$ING"
for _ in 1 2 3; do
	c=$(curl -s -o /dev/null -w '%{http_code}' "$B/api/events?limit=20&status=all")
	[ "$c" = 200 ] || bad=$((bad + 1))
done
[ "$bad" -eq 0 ] || fail "$bad reads failed while an import ran"

step "SIGTERM: a clean stop"
kill -TERM "$PID"
wait "$PID"
RC=$?
PID=
[ "$RC" -eq 0 ] || fail "the server exited $RC on SIGTERM: $(tail -5 "$T/err")"
grep -q 'stopping' "$T/err" || fail "the server did not say it stops"
grep -qi 'leak\|AddressSanitizer\|runtime error' "$T/err" && fail "sanitizer: $(grep -i -m3 'leak\|sanitizer\|runtime error' "$T/err")"

if [ "$failures" -ne 0 ]; then
	echo "serve_api: $failures failure(s)" >&2
	exit 1
fi
echo "serve_api: ok"
