#!/usr/bin/env python3
"""Check faultsim run --damo-record/--heatmap against the run's report.

usage: check_damon_run.py REPORT RECORD.json PICTURE.svg [ACCESSED...]

The record's snapshots: as many as the report's aggregations, the last
one the regions it printed.  The SVG: one DAMON cell per region and
snapshot with its nr_accesses; per snapshot, truth runs that tile the
snapshot's regions; accuracy bars per aggregation whose sums stay within
the report's damon-accuracy counts (those also count the samples after
the last aggregation).  ACCESSED, if given: START-END (hex) ranges that
are exactly the pages the ground truth says accessed, every aggregation.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

NS = {"s": "http://www.w3.org/2000/svg"}


def fail(msg):
    print("not ok - " + msg)
    sys.exit(1)


def main():
    report, rec_path, svg = sys.argv[1:4]
    want_acc = [tuple(int(x, 16) for x in a.split("-")) for a in sys.argv[4:]]
    text = open(report).read()
    m = re.search(r"damon .*: (\d+) aggregation\(s\)", text)
    acc = re.search(r"damon-accuracy: accessed and counted (\d+), accessed "
                    r"not counted (\d+), counted not accessed (\d+), "
                    r"neither (\d+)", text)
    if not m or not acc:
        fail("the report has no DAMON session")
    n = int(m[1])
    last = [tuple(int(v, 0) for v in (l.split()[0], l.split()[1],
                                      l.split()[3], l.split()[4]))
            for l in text.split("(last aggregation):\n")[1].splitlines()[1:]
            if l.startswith("  0x")]
    rec = json.load(open(rec_path))[0]
    snaps = rec["snapshots"]
    if len(snaps) != n:
        fail("%d snapshots, the report says %d aggregations" % (len(snaps), n))
    got = [(r["start"], r["end"], r["nr_accesses"]["samples"],
            r["age"]["aggr_intervals"]) for r in snaps[-1]["regions"]]
    if got != last:
        fail("last snapshot %r, the report printed %r" % (got, last))
    print("ok - %d snapshots, the last the regions the report printed" % n)

    root = ET.parse(svg).getroot()
    g = {x.get("id"): x for x in root.iter("{%s}g" % NS["s"])}
    cells = g["damon-regions"].findall("s:rect[@class='cell']", NS)
    want = [(r["start"], r["end"], r["nr_accesses"]["samples"])
            for s in snaps for r in s["regions"]]
    if [(int(c.get("data-start"), 16), int(c.get("data-end"), 16),
         int(float(c.get("data-v")))) for c in cells] != want:
        fail("the DAMON cells are not the record's regions x snapshots")
    print("ok - one DAMON cell per region x snapshot (%d)" % len(cells))
    truth = g["ground-truth"].findall("s:rect[@class='cell']", NS)
    for i, s in enumerate(snaps):
        x1 = "%g" % (s["end_time"] / 1e6)
        runs = [(int(c.get("data-start"), 16), int(c.get("data-end"), 16),
                 c.get("data-v")) for c in truth if c.get("data-x1") == x1]
        spans = []
        for a, b, _ in runs:
            if spans and spans[-1][1] == a:
                spans[-1][1] = b
            else:
                spans.append([a, b])
        regs = []
        for r in s["regions"]:
            if regs and regs[-1][1] == r["start"]:
                regs[-1][1] = r["end"]
            else:
                regs.append([r["start"], r["end"]])
        if spans != regs:
            fail("aggregation %d: the truth covers %r, the regions %r"
                 % (i + 1, spans, regs))
        hot = [(a, b) for a, b, v in runs if v == "1"]
        if want_acc and hot != want_acc:
            fail("aggregation %d: accessed %s, wanted %s" % (
                i + 1, [(hex(a), hex(b)) for a, b in hot],
                [(hex(a), hex(b)) for a, b in want_acc]))
    print("ok - the truth tiles each snapshot's regions%s" % (
        ", accessed exactly %s" % sys.argv[4:] if want_acc else ""))
    bars = g["damon-accuracy"].findall("s:rect[@class='bar']", NS)
    if len(bars) != 4 * n:
        fail("%d bars, wanted 4 per aggregation" % len(bars))
    sums = [0] * 4
    for k in range(4):
        sums[k] = sum(float(b.get("data-v")) for b in bars[k::4])
    line = [int(x) for x in acc.groups()]
    if any(v > l for v, l in zip(sums, line)) or sum(sums) <= 0:
        fail("the bars sum to %r, the report's counts are %r" % (sums, line))
    print("ok - the verdict bars sum to %r, within the report's %r"
          % ([int(s) for s in sums], line))


main()
