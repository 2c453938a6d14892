#!/usr/bin/env bash
# End-to-end: plain-text readouts and wire items keep their agency or
# issuer when no byline or dateline names it (tests/data/text/issuer/, the
# project's own texts on real events). Proves that the reader takes the
# issuer from
#   - a heading naming the body, whole ("Ministry of Foreign Affairs of
#     Japan"), with a label ("Press Releases | ..."), as an office of it
#     ("Spokesperson's Office of the Ministry of ..."), a presidential
#     office or masthead ("Press Office of the President of Ukraine",
#     "President of Russia"), a mission abroad ("Embassy of Japan in the
#     United Kingdom");
#   - a last line ("The White House"), a credit line ("(Kyodo)", "© Reuters
#     2023. All rights reserved.", "Reported by Reuters"), a sign-off after
#     the last sentence ("... by video link. -- Xinhua", "...countries.Source:
#     Indian Embassy in Tokyo");
#   - the agency given for the source (`ingest --agency`, a sources.conf
#     entry), when the text names nothing;
# with agencies.tsv's names and states, and that it never guesses: a
# heading that names no state ("Press Office of the President", "MOFA"),
# a related headline after the body ("Reuters - Oil prices ...") or a
# picture's credit ("Photo: Reuters") leaves the agency unknown, which
# `reports` prints as "unknown" (null in --json).
#
# Usage (ctest does this): bash report_issuer.sh BIN SRCDIR
# Needs bash, coreutils and grep.
set -euo pipefail

BIN=${1:?usage: report_issuer.sh BIN SRCDIR}
SRC=${2:?usage: report_issuer.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
DATA=$SRC/tests/data/text/issuer
T=$(mktemp -d "${TMPDIR:-/tmp}/communique-issuer.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$T"' EXIT
unset COMMUNIQUE_DB
failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# file -> the agency `reports` must show ("unknown": nothing names one).
declare -A want=(
	[mofa_heading.txt]="Japanese Foreign Ministry"
	[office_of_the.txt]="Japanese Foreign Ministry"
	[label_heading.txt]="Korean MOFA"
	[presidential_office.txt]="Office of the President of Ukraine"
	[kremlin_masthead.txt]="Kremlin"
	[whitehouse_last_line.txt]="White House"
	[kyodo_credit_line.txt]="Kyodo"
	[xinhua_signoff.txt]="Xinhua"
	[reuters_copyright.txt]="Reuters"
	[embassy_heading.txt]="Embassy of Japan in the United Kingdom"
	[source_embassy.txt]="Indian Embassy in Tokyo"
	[reported_by.txt]="Reuters"
	[photo_credit.txt]="unknown"
	[no_state_office.txt]="unknown"
	[mofa_alone.txt]="unknown"
	[related_after_body.txt]="unknown"
)

# One report per archive: the line `reports` prints for it.
report_line() {
	local db
	db=$(e2e_db "$T/$1.db")
	shift
	"$BIN" --db "$db" ingest "$@" >/dev/null 2>"$T/err" || { cat "$T/err" >&2; return 1; }
	"$BIN" --db "$db" reports
}

n=0
for f in "${!want[@]}"; do
	[ -f "$DATA/$f" ] || { fail "$f: missing fixture"; continue; }
	n=$((n + 1))
	line=$(report_line "$f" "$DATA/$f") || { fail "$f: ingest failed"; continue; }
	# "r1     AGENCY       PUBLISHED            TITLE": the agency is column 2 on.
	agency=$(printf '%s\n' "$line" | sed -E 's/^r[0-9]+ +//; s/ +[0-9]{4}-[0-9]{2}-[0-9]{2}.*$//; s/ +unknown +.*$//')
	[ "$agency" = "${want[$f]}" ] || fail "$f: agency '$agency', expected '${want[$f]}' (line: $line)"
done
[ "$(ls "$DATA"/*.txt | wc -l)" -eq "$n" ] || fail "a fixture in $DATA has no expected agency here"

# The JSON listing says null, not "unknown" or "-".
"$BIN" --db "$(e2e_db "$T/mofa_alone.txt.db")" reports --json >"$T/json"
grep -q '"agency": null' "$T/json" || fail "reports --json: the unknown agency is not null: $(grep agency "$T/json")"
# The issuer's state reaches extraction: the Kremlin's readout is Russia's.
agency_json=$("$BIN" --db "$(e2e_db "$T/kremlin_masthead.txt.db")" reports --json | grep '"agency"')
case $agency_json in *'"Kremlin"'*) ;; *) fail "reports --json: $agency_json" ;; esac

# The agency given for a source (`ingest --agency`, a sources.conf entry)
# names the issuer of a text that names none; a text that names one keeps
# its own.
mkdir "$T/inbox"
cp "$DATA/mofa_alone.txt" "$DATA/kyodo_credit_line.txt" "$T/inbox/"
check_given() {
	local what=$1 out
	out=$("$BIN" --db "$2" reports)
	grep -q 'Japanese Foreign Ministry .*Foreign Minister meets Ambassador' <<<"$out" ||
		fail "$what: the readout that names no issuer did not take the given agency: $out"
	grep -q 'Kyodo .*resume security dialogue' <<<"$out" || fail "$what: the credit line lost to the given agency: $out"
}
if "$BIN" --db "$(e2e_db "$T/given.db")" ingest --agency "Ministry of Foreign Affairs of Japan" "$T/inbox" >/dev/null 2>"$T/err"; then
	check_given "ingest --agency" "$(e2e_db "$T/given.db")"
else
	fail "ingest --agency: $(head -c 300 "$T/err")"
fi
printf '[mofa-inbox]\nkind = dir\npath = %s\nagency = MOFA Japan\n' "$T/inbox" >"$T/sources.conf"
if "$BIN" --db "$(e2e_db "$T/update.db")" update --sources "$T/sources.conf" >/dev/null 2>"$T/err"; then
	check_given "sources.conf entry" "$(e2e_db "$T/update.db")"
else
	fail "update with a sources.conf: $(head -c 300 "$T/err")"
fi

if [ "$failures" -gt 0 ]; then
	echo "report_issuer: $failures failure(s)" >&2
	exit 1
fi
echo "report_issuer: ok ($n texts)"
