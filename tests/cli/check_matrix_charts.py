#!/usr/bin/env python3
"""matrix.html's DAMON charts against the matrix's result JSON: each
design's bars are its in-order cell's counters on the first kconfig
(damon-accuracy: tp, fn, fp, tn; report-storm: stored, dropped, hidden;
zeros for n/a, and for an accuracy cell not judged), each bar's width
its share of the longest row, the row's total printed after it.
usage: check_matrix_charts.py MATRIX.html RESULT.json"""
import json
import re
import sys

CHARTS = {
    "chart-accuracy": ("damon-accuracy.json", ["tp", "fn", "fp", "tn"],
                       ["accessed, counted", "accessed, missed",
                        "counted, not accessed", "neither"]),
    "chart-storm": ("report-storm.json", ["stored", "dropped", "hidden"],
                    ["stored", "dropped", "hidden by wrap"]),
}
WIDTH = 360  # the longest row's length in px (cli_matrix.c)
ROW = re.compile(r'<text x="0" y="\d+">([^<]*)</text>((?:<rect class="bar"[^>]*>'
                 r'<title>[^<]*</title></rect>)+)<text x="([\d.]+)" y="\d+">(\d+)</text>')
BAR = re.compile(r'<rect class="bar" x="([\d.]+)" y="\d+" width="([\d.]+)" '
                 r'height="13" fill="[^"]*"><title>([^<]*): (\d+)</title></rect>')


def fail(msg):
    sys.exit("not ok - " + msg)


def main():
    html = open(sys.argv[1]).read()
    res = json.load(open(sys.argv[2]))
    opts, cells = res["options"], res["result"]["cells"]
    nk, nd = len(opts["kconfigs"]), len(opts["designs"])
    by_index = {c["index"]: c["inorder"] for c in cells}
    for cid, (family, keys, series) in CHARTS.items():
        m = re.search(r'<svg id="%s".*?</svg>' % cid, html, re.S)
        if not m:
            fail("%s: no chart" % cid)
        f = opts["families"].index(family)
        rows = ROW.findall(m.group(0))
        if [r[0] for r in rows] != opts["designs"]:
            fail("%s: rows %s, designs %s" % (cid, [r[0] for r in rows], opts["designs"]))
        want = []
        for d in range(nd):
            c = by_index[(f * nk) * nd + d]
            off = c["kind"] == "n/a" or (cid == "chart-accuracy" and not c["judged"])
            want.append([0 if off else c[k] for k in keys])
        longest = max([sum(w) for w in want] + [1])
        if longest == 1:
            fail("%s: every row is empty: nothing checked" % cid)
        for (design, bars, _, total), w in zip(rows, want):
            got = BAR.findall(bars)
            if [b[2] for b in got] != series:
                fail("%s %s: series %s" % (cid, design, [b[2] for b in got]))
            vals = [int(b[3]) for b in got]
            if vals != w:
                fail("%s %s: bars %s, result %s" % (cid, design, vals, w))
            x = 160.0
            for b, v in zip(got, vals):
                if abs(float(b[0]) - x) > 0.11 or \
                   abs(float(b[1]) - v * WIDTH / longest) > 0.11:
                    fail("%s %s: bar %s at x %s width %s, want %.1f %.1f"
                         % (cid, design, b[2], b[0], b[1], x, v * WIDTH / longest))
                x += float(b[1])
            if total and int(total) != sum(w):
                fail("%s %s: total %s, bars sum %d" % (cid, design, total, sum(w)))
        print("ok - %s: %d rows, the result's counters, widths to scale (longest %d)"
              % (cid, len(rows), longest))


main()
