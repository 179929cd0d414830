#!/usr/bin/env bash
# The real damo reads faultsim demo --damo-record: report access, heatmap
# and wss, the working set sizes being the record's.  damo: $FAULTSIM_DAMO
# (its damo.py, or a damo command), else `damo` on PATH (pip install
# damo); skipped (77) without one.
# usage: test_damo_real.sh BINDIR
. "$(dirname "$0")/lib.sh"
damo=${FAULTSIM_DAMO:-$(command -v damo || true)}
if [ -z "$damo" ] || [ ! -e "$damo" ]; then
	echo "skipped: no damo (set FAULTSIM_DAMO to its damo.py, or put damo on PATH: pip install damo)"
	exit 77
fi
case $damo in
*.py) damo=(python3 "$damo") ;;
*) damo=("$damo") ;;
esac

"$bin" demo --seed 3 --aggregations 6 --damo-record "$tmp/r.damo" \
	> /dev/null
python3 -c 'import sys, zlib; sys.stdout.write(zlib.decompress(open(sys.argv[1], "rb").read()).decode())' \
	"$tmp/r.damo" > "$tmp/r.json"
check damo-report-access 0 'intervals: sample 5000 aggr 100000' -- \
	"${damo[@]}" report access --input "$tmp/r.damo" --raw_number
check damo-report-heatmap 0 '^[0-9]+	[0-9]+	[0-9.]+$' -- \
	"${damo[@]}" report heatmap --output raw --resol 6 64 --input "$tmp/r.damo"
# wss: the bytes of the regions with nr_accesses >= 1, each snapshot
want=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))[0]
print(" ".join(str(n) for n in sorted(
    sum(g["end"] - g["start"] for g in s["regions"]
        if g["nr_accesses"]["samples"] >= 1) for s in r["snapshots"])))
' "$tmp/r.json")
check damo-report-wss 0 "^same$" -- bash -c "
	got=\$($(printf '%q ' "${damo[@]}") report wss --input '$tmp/r.damo' \
		--exclude_samples 0 --raw_number --all_wss --sortby size |
		awk '/^[0-9]/ { print \$2 }' | xargs)
	[ \"\$got\" = '$want' ] && echo same || echo \"damo: \$got, the record: $want\""
summary
