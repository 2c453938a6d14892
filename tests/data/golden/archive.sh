# The archive the export tests read: a fixed subset of the project's own
# sample reports, imported in a fixed order with a fixed clock, so that
# report and event ids, "added" and "generated_at" are the same on every
# machine. Sourced by tests/e2e/export_*.sh; not a test itself.
#
# The subset covers every date precision the extractor gives (day, month,
# year), planned and occurred events, directed and symmetric events, and
# five input formats (plain text, NITF, a web page, an RSS feed). Samples
# that other work is still changing (the Georgia/Crimea table) are left out
# so that the goldens move only when extraction does.

# The fixed clock: 2023-11-14T22:13:20Z.
GOLDEN_EPOCH=1700000000

GOLDEN_SAMPLES=(
	kyodo_kishida_to_visit_seoul_2015.txt
	tass_lavrov_blinken_call_2022.txt
	xinhua_china_sanctions_pelosi_2022.txt
	ap_biden_xi_bali_2022.nitf.xml
	yonhap_north_korea_feed_2022.xml
	nato_finland_joins_2023.html
)

# golden_archive BIN SRCDIR DB: builds DB (which must not exist) from the
# subset. Prints nothing on success; returns the importer's exit code.
golden_archive() {
	local bin=$1 src=$2 db=$3 files=() f
	for f in "${GOLDEN_SAMPLES[@]}"; do
		files+=("$src/samples/$f")
	done
	SOURCE_DATE_EPOCH=$GOLDEN_EPOCH "$bin" --db "$db" ingest "${files[@]}" >/dev/null
}
