#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""A replay's --perfetto file against docs/trace-event.schema.json and
against the replay's own --log (same points, same threads, same order),
and its --timeline SVG as XML with a lane per thread.  Prints "ok" or
the first problem; exit 1 on a problem.

usage: check_timeline.py SCHEMA PERFETTO SVG LOG
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

from jsonschema import Draft202012Validator


def fail(msg):
    print(msg)
    sys.exit(1)


schema_path, perfetto_path, svg_path, log_path = sys.argv[1:5]
schema = json.load(open(schema_path))
Draft202012Validator.check_schema(schema)
doc = json.load(open(perfetto_path))
errors = sorted(Draft202012Validator(schema).iter_errors(doc), key=str)
if errors:
    e = errors[0]
    fail("%s: %s at %s" % (perfetto_path, e.message,
                           "/".join(map(str, e.absolute_path))))
events = doc['traceEvents']
xs = [e for e in events if e['ph'] == 'X']
names = {e['tid']: e['args']['name'] for e in events
         if e['ph'] == 'M' and e['name'] == 'thread_name'}

# the log's points: "  thread-pid [cpu] ..... t: fn: kind [object]"
line_re = re.compile(r'^ *(\S+)-(\d+) +\[(\d{3})\] \.{5} +[\d.]+: '
                     r'(\S+): (\S+)(?: (.*))?$')
points = []
for line in open(log_path):
    if line.startswith('#') or ': finding ' in line:
        continue
    m = line_re.match(line.rstrip('\n'))
    if not m:
        fail("%s: not a point line: %r" % (log_path, line))
    points.append(m.groups())
if len(points) != len(xs):
    fail("%d X events, %d points in the log" % (len(xs), len(points)))
for i, (x, p) in enumerate(zip(xs, points)):
    thread, pid, cpu, fn, kind, obj = p
    if x['ts'] != i or x['tid'] != int(pid) or x['name'] != fn or \
            x['cat'] != kind or x['args']['cpu'] != int(cpu) or \
            x['args'].get('object') != obj:
        fail("event %d %r differs from the log's %r" % (i, x, p))
    if not names.get(x['tid'], '').startswith(thread + ' '):
        fail("tid %d has no thread_name %s" % (x['tid'], thread))
for x in xs:
    a = x['args']
    if a.get('numa_hint') and (a.get('before') is None or
                               a.get('after') is None):
        fail("a hint store without before/after: %r" % x)
if not any(x['args'].get('numa_hint') for x in xs):
    fail("no NUMA-hint store in the timeline")
if not any(x['args'].get('object', '').startswith('pte@0x') for x in xs):
    fail("no PTE named")
instants = [e for e in events if e['ph'] == 'i']
if len(instants) != 1 or instants[0]['ts'] != len(xs):
    fail("not one finding at the end: %r" % instants)

ns = {'s': 'http://www.w3.org/2000/svg'}
root = ET.parse(svg_path).getroot()
lanes = root.findall("s:g[@class='lane']", ns)
lane_tids = sorted(int(g.get('data-tid')) for g in lanes)
if lane_tids != sorted(names):
    fail("SVG lanes %r, threads %r" % (lane_tids, sorted(names)))
marks = root.findall("s:rect[@class='point']", ns)
if len(marks) != len(xs):
    fail("SVG has %d point marks, %d points" % (len(marks), len(xs)))
if not root.findall("s:g[@class='finding']", ns):
    fail("SVG marks no finding")
if not root.findall("s:circle[@class='hint']", ns):
    fail("SVG rings no NUMA-hint store")
print("ok: %d points, %d threads" % (len(xs), len(names)))
