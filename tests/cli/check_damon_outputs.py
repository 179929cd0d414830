#!/usr/bin/env python3
"""Check faultsim demo's --damo-record and --heatmap outputs.

usage: check_damon_outputs.py FIXTURE DEMO_STDOUT RECORD.json RECORD.damo
                              PICTURE.svg

FIXTURE is a record damo itself wrote (tests/damo_fixtures/README.md):
the record must have its members, in its order, with its kinds of
values.  The record's values must be the regions the demo printed; the
compressed record the same JSON; the SVG valid XML whose rectangles are
those regions, the ground truth and the accuracy recomputed here.
Prints "ok - ..." lines; exits 1 at the first mismatch.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET
import zlib

NS = {"s": "http://www.w3.org/2000/svg"}


def fail(msg):
    print("not ok - " + msg)
    sys.exit(1)


def ok(msg):
    print("ok - " + msg)


def same_shape(ours, ref, where):
    """ours has ref's members in ref's order, and values of its kinds"""
    if ref is None:
        if ours is not None:
            fail("%s: %r, damo writes null" % (where, ours))
        return
    if isinstance(ref, dict):
        if not isinstance(ours, dict) or list(ours) != list(ref):
            fail("%s: members %s, damo writes %s" % (
                where, list(ours) if isinstance(ours, dict) else ours,
                list(ref)))
        for k in ref:
            same_shape(ours[k], ref[k], where + "." + k)
        return
    if isinstance(ref, list):
        if not isinstance(ours, list):
            fail("%s: %r, damo writes a list" % (where, ours))
        if ref and ours:
            same_shape(ours[0], ref[0], where + "[0]")
        return
    if isinstance(ref, str) and not re.match(r"^[0-9][0-9,.]*( B)?$", ref):
        if ours != ref:
            fail("%s: %r, damo writes %r" % (where, ours, ref))
        return
    # damo writes numbers as int or as text ("4,096", "0 B"); it reads
    # plain integers back (_damo_fmt_str.text_to_*)
    if not isinstance(ours, int) or isinstance(ours, bool) or ours < 0:
        fail("%s: %r, wanted a number (damo: %r)" % (where, ours, ref))


def demo_text(path):
    """the demo's printed hot range and snapshots"""
    hot, snaps = None, []
    for line in open(path):
        m = re.match(r"# kdamond on synthetic ops: \[(0x[0-9a-f]+), "
                     r"(0x[0-9a-f]+)\), hot \[(0x[0-9a-f]+), (0x[0-9a-f]+)\)",
                     line)
        if m:
            hot = tuple(int(x, 16) for x in m.groups())
        m = re.match(r"aggregation \d+ at (\d+)\.(\d{6}) s", line)
        if m:
            snaps.append({"us": int(m[1]) * 1000000 + int(m[2]),
                          "regions": []})
        m = re.match(r"  (0x[0-9a-f]+)-(0x[0-9a-f]+) +\d+ KiB  nr_accesses +"
                     r"(\d+)  age +(\d+)", line)
        if m:
            snaps[-1]["regions"].append(
                (int(m[1], 16), int(m[2], 16), int(m[3]), int(m[4])))
    if not hot or not snaps:
        fail("the demo printed no snapshots")
    return hot, snaps


def accuracy(regions, hot_start, hot_end):
    acc = [0, 0, 0, 0]
    for s, e, nr, _ in regions:
        hot = max(0, min(e, hot_end) - max(s, hot_start))
        cold = e - s - hot
        acc[0 if nr else 1] += hot
        acc[2 if nr else 3] += cold
    return acc


def main():
    fixture, text, rec_json, rec_damo, svg = sys.argv[1:6]
    ref = json.load(open(fixture))
    rec = json.load(open(rec_json))
    same_shape(rec, ref, "record")
    ok("the record has the members and kinds damo writes")

    packed = json.loads(zlib.decompress(open(rec_damo, "rb").read()))
    if packed != rec:
        fail("the compressed record is not the plain one")
    ok("the compressed record is the plain one, zlib-compressed")

    (start, end, hot_start, hot_end), snaps = demo_text(text)
    r = rec[0]
    if len(r["snapshots"]) != len(snaps):
        fail("%d snapshots, the demo printed %d" % (len(r["snapshots"]),
                                                   len(snaps)))
    iv = r["intervals"]
    if (iv["sample_us"], iv["aggr_us"]) != (5000, 100000):
        fail("intervals %r, the demo printed sample 5000 aggr 100000" % iv)
    prev = None
    for i, (s, t) in enumerate(zip(r["snapshots"], snaps)):
        got = [(g["start"], g["end"], g["nr_accesses"]["samples"],
                g["age"]["aggr_intervals"]) for g in s["regions"]]
        if got != t["regions"]:
            fail("snapshot %d: regions %r, the demo printed %r" % (
                i + 1, got, t["regions"]))
        if s["end_time"] // 1000 != t["us"]:
            fail("snapshot %d ends at %d ns, the demo printed %d us" % (
                i + 1, s["end_time"], t["us"]))
        if prev is not None and s["start_time"] != prev:
            fail("snapshot %d starts at %d, not where %d ended" % (
                i + 1, s["start_time"], i))
        if s["total_bytes"] != sum(e - b for b, e, _, _ in got):
            fail("snapshot %d: total_bytes %d" % (i + 1, s["total_bytes"]))
        prev = s["end_time"]
    ok("the record's %d snapshots are the regions the demo printed"
       % len(snaps))

    root = ET.parse(svg).getroot()
    groups = {g.get("id"): g for g in root.iter("{%s}g" % NS["s"])}
    for gid in ("damon-regions", "ground-truth", "damon-accuracy"):
        if gid not in groups:
            fail("the SVG has no <g id=%s>" % gid)
    cells = groups["damon-regions"].findall("s:rect[@class='cell']", NS)
    want = [g for t in snaps for g in t["regions"]]
    if len(cells) != len(want):
        fail("%d DAMON cells, %d regions x snapshots" % (len(cells),
                                                        len(want)))
    for c, (s, e, nr, _) in zip(cells, want):
        if (int(c.get("data-start"), 16), int(c.get("data-end"), 16),
                float(c.get("data-v"))) != (s, e, nr):
            fail("DAMON cell %s, wanted %#x-%#x %d" % (c.attrib, s, e, nr))
    ok("one DAMON cell per region x snapshot (%d), with its nr_accesses"
       % len(cells))
    truth = groups["ground-truth"].findall("s:rect[@class='cell']", NS)
    if len(truth) != 3 * len(snaps):
        fail("%d truth cells, wanted 3 per snapshot" % len(truth))
    hot = [c for c in truth if float(c.get("data-v")) > 0]
    if len(hot) != len(snaps) or any(
            (int(c.get("data-start"), 16), int(c.get("data-end"), 16),
             float(c.get("data-v"))) != (hot_start, hot_end, 20.0)
            for c in hot):
        fail("the truth's accessed cells are not the hot range at 20 "
             "samples per aggregation")
    ok("the ground truth: the hot range at every sample, each snapshot")
    bars = groups["damon-accuracy"].findall("s:rect[@class='bar']", NS)
    if len(bars) != 4 * len(snaps):
        fail("%d accuracy bars, wanted 4 per snapshot" % len(bars))
    for i, t in enumerate(snaps):
        acc = accuracy(t["regions"], hot_start, hot_end)
        got = [float(b.get("data-v")) for b in bars
               if b.get("data-bar") == str(i)]
        if any(abs(g - a / 2**20) > 1e-3 for g, a in zip(got, acc)):
            fail("aggregation %d: accuracy %r MiB, recomputed %r bytes"
                 % (i + 1, got, acc))
        if sum(acc) != end - start:
            fail("aggregation %d: the four counts cover %d bytes, not "
                 "the range" % (i + 1, sum(acc)))
    ok("the accuracy bars are the four counts recomputed from the regions")


main()
