#!/usr/bin/env bash
# matrix.html's DAMON charts (damon-accuracy, report-storm): each bar's
# value and width against the matrix's result JSON
# (check_matrix_charts.py), a tampered value caught; with chromium
# (scripts/setup.sh), the charts render: their bars in the DOM and their
# colours on a screenshot in SHOTS.
# usage: test_matrix_charts.sh BINDIR SHOTS
. "$(dirname "$0")/lib.sh"
shots=$2
here=$(dirname "$0")
mx=$here/../../scenarios/matrix
mkdir -p "$tmp/fam" "$shots"
# generic-hook passes both (its cells are quick: no shrink) with bars in
# each; the baseline has none (n/a)
cp "$mx/damon-accuracy.json" "$mx/report-storm.json" "$tmp/fam/"
check matrix 0 '' -- "$bin" matrix --kconfigs full \
	--designs baseline-6.12,generic-hook --scenarios "$tmp/fam" \
	--iterations 1 --quiet --out "$tmp/m" --json "$tmp/m.json"
check charts-values 0 'chart-storm: 2 rows' -- python3 \
	"$here/check_matrix_charts.py" "$tmp/m/matrix.html" "$tmp/m.json"
# the check is live: one bar's value changed is caught
sed -E '0,/<title>stored: [0-9]+</s//<title>stored: 99999</' \
	"$tmp/m/matrix.html" > "$tmp/bad.html"
check charts-catch 1 'chart-storm baseline-6.12: bars \[99999, ' -- python3 "$here/check_matrix_charts.py" \
	"$tmp/bad.html" "$tmp/m.json"

chromium=$(command -v chromium || command -v chromium-browser)
if [ -z "$chromium" ]; then
	echo "# chromium is not installed: the charts' rendering is not checked"
	summary
	exit
fi
timeout 30 "$chromium" --headless --no-sandbox --disable-gpu \
	--enable-logging=stderr --v=0 --window-size=1000,2400 \
	--screenshot="$shots/matrix-charts.png" --dump-dom \
	"file://$tmp/m/matrix.html" > "$tmp/m.dom" 2> "$tmp/console"
check charts-console 1 '' -- grep -E 'CONSOLE|Uncaught' "$tmp/console"
check charts-dom 0 '^2 4$' -- python3 -c '
import re, sys
d = open(sys.argv[1]).read()
svgs = [re.search(r"<svg id=\"%s\".*?</svg>" % c, d, re.S) for c in ("chart-accuracy", "chart-storm")]
print(sum(1 for s in svgs if s), sum(len(re.findall(r"<text x=\"0\"", s.group(0))) for s in svgs if s))' "$tmp/m.dom"
# the accuracy chart's green and orange; the storm chart's blue and purple
check charts-drawn 0 '^ok' -- python3 "$here/png_colours.py" \
	"$shots/matrix-charts.png" 2ca02c ff7f0e 1f77b4 9467bd
summary
