#!/usr/bin/env bash
# matrix.html and a schedule timeline SVG in headless Chromium (Debian's
# chromium, scripts/setup.sh): no console error, the expected elements
# in the DOM, their colours on the screenshot, nothing loaded from the
# network; a page with a script error is caught.  Screenshots stay in
# SHOTS.  Skipped (77) without chromium.
# usage: test_cli_browser.sh BINDIR SHOTS
. "$(dirname "$0")/lib.sh"
shots=$2
here=$(dirname "$0")
chromium=$(command -v chromium || command -v chromium-browser)
if [ -z "$chromium" ]; then
	echo "skipped: chromium is not installed (scripts/setup.sh installs Debian's chromium)"
	exit 77
fi
mkdir -p "$shots"

# browse PAGE PNG WIDTHxHEIGHT: the DOM on stdout, the console in $tmp/console
browse() {
	# --no-sandbox: CI runs as root; no D-Bus there either (its noise
	# is not the page's)
	timeout 30 "$chromium" --headless --no-sandbox --disable-gpu \
		--enable-logging=stderr --v=0 --window-size="$3" \
		--screenshot="$2" --dump-dom "file://$1" 2>"$tmp/console"
}
no_console_error() {	# no_console_error NAME: what the page logged
	if grep -E 'CONSOLE|Uncaught' "$tmp/console"; then
		echo "not ok - $1: the page logged errors"
		fail=$((fail + 1))
	else
		echo "ok - $1"
		pass=$((pass + 1))
	fi
}

mx=$here/../../scenarios/matrix
mkdir -p "$tmp/fam"
cp "$mx/toggle-off-numa-hints.json" "$mx/toggle-on-damon-hints.json" "$tmp/fam/"
"$bin" matrix --kconfigs full --designs baseline-6.12,rfc-v2,generic-hook --scenarios "$tmp/fam" --iterations 3 --out "$tmp/m" --quiet >/dev/null 2>&1
browse "$tmp/m/matrix.html" "$shots/matrix.png" 1000,700 > "$tmp/m.dom"
no_console_error matrix-console
check matrix-table 0 '<table id="matrix">' -- cat "$tmp/m.dom"
check matrix-legend 0 '<h2 id="legend">' -- cat "$tmp/m.dom"
check matrix-claims 0 '<li class="claim (held|open|broken|unchecked)"><b>' -- cat "$tmp/m.dom"
check matrix-kinds 0 '<section class="kind"><h3>routing: misrouted</h3>' -- cat "$tmp/m.dom"
check matrix-timeline-link 0 'class="timeline" href="traces/full/rfc-v2/[^"]*\.shrunk\.timeline\.svg"' -- cat "$tmp/m.dom"
check matrix-no-network 1 '^$' -- grep -E '(src|href)="(https?:)?//' "$tmp/m/matrix.html"
check matrix-no-build-path 1 '^$' -- grep -F "$(cd "$here/../.." && pwd)" "$tmp/m/matrix.html"
# pass, fail and n/a cells, and a held claim, drawn
check matrix-drawn 0 '^ok' -- python3 "$here/png_colours.py" "$shots/matrix.png" d8f0d8 f6d0d0 eeeeee
# every link of the page leads to a file of the output folder
for href in $(grep -oE 'href="[^"#]+"' "$tmp/m/matrix.html" | sed 's/^href="//; s/"$//' | sort -u); do
	[ -f "$tmp/m/$href" ] || { echo "not ok - matrix-link $href: no such file"; fail=$((fail + 1)); }
done

# a timeline: a planted bug's trace, replayed
cp "$here/../../scenarios/zap-races-hint-fault.json" "$tmp/zap.json"
"$bin" run "$tmp/zap.json" --strategy random --seed 7 --plant no-pte-same-recheck --quiet --out "$tmp/pl" >/dev/null
"$bin" replay "$(trace_of "$tmp/pl/*.trace.json")" --timeline "$tmp/t.svg" >/dev/null
browse "$tmp/t.svg" "$shots/timeline.png" 1200,330 > "$tmp/t.dom"
no_console_error timeline-console
check timeline-lanes 0 '<g class="lane" data-tid="[0-9]+">' -- cat "$tmp/t.dom"
check timeline-hint 0 '<circle class="hint"' -- cat "$tmp/t.dom"
# lock, pt_load and pt_store marks and the finding's red, drawn
check timeline-drawn 0 '^ok' -- python3 "$here/png_colours.py" "$shots/timeline.png" 1f77b4 2ca02c ff7f0e d62728

# the console check is live: a page with a script error fails it
printf '<html><body><script>nosuch();</script></body></html>\n' > "$tmp/bad.html"
browse "$tmp/bad.html" "$tmp/bad.png" 300,200 >/dev/null
check console-catches 0 'Uncaught ReferenceError' -- cat "$tmp/console"
summary
