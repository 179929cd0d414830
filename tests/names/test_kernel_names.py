#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""
faultsim's own names against a kernel tree's (issue #12 item 3): a tree
with a DAMON fault-reporting patch defines damon_report_access(), struct
damon_access_report, do_damon_page(), MM_CP_DAMON...; faultsim's own
code must define none of them, or the tree's code and ours no longer
build and link side by side.  Three checks, TAP output:

  1. the global symbols faultsim's own objects define (nm) against the
     names in kernel_names.txt (the patches of
     docs/damon-fault-reporting.md);
  2. the same symbols against the ones the extracted kernel code of this
     build defines (the tree's own, whatever patch it carries);
  3. the struct/union/enum tags and macros faultsim's sources define
     against the types and macros of kernel_names.txt and those of the
     tree's include/linux/damon.h.

usage: test_kernel_names.py --names FILE --ours OBJ... --kernel OBJ...
           --sources DIR... --tree-headers FILE...
"""
import argparse
import os
import re
import subprocess
import sys

TAG = re.compile(r'^\s*(?:typedef\s+)?(?:struct|union|enum)\s+(\w+)\s*\{',
                 re.M)
MACRO = re.compile(r'^\s*#\s*define\s+(\w+)', re.M)


def defined_globals(paths):
    """name -> first file defining it, over objects and archives."""
    out = {}
    for p in paths:
        if not p or not os.path.exists(p):
            continue
        res = subprocess.run(['nm', '-g', '--defined-only', p],
                             capture_output=True, text=True, check=True)
        for line in res.stdout.splitlines():
            f = line.split()
            if len(f) == 3:
                out.setdefault(f[2], os.path.basename(p))
    return out


def source_definitions(dirs, files=()):
    """(tags, macros): name -> file, over C sources and headers."""
    tags, macros = {}, {}
    paths = list(files)
    for d in dirs:
        for root, _, names in os.walk(d):
            paths += [os.path.join(root, n) for n in names
                      if n.endswith(('.c', '.h'))]
    for p in paths:
        text = open(p, encoding='utf-8', errors='replace').read()
        for m in TAG.finditer(text):
            tags.setdefault(m.group(1), p)
        for m in MACRO.finditer(text):
            macros.setdefault(m.group(1), p)
    return tags, macros


def read_names(path):
    names = {'sym': set(), 'type': set(), 'macro': set()}
    for line in open(path):
        line = line.split('#', 1)[0].strip()
        if line:
            kind, name = line.split()
            names[kind].add(name)
    return names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--names', required=True)
    ap.add_argument('--ours', nargs='+', required=True)
    ap.add_argument('--kernel', nargs='*', default=[])
    ap.add_argument('--sources', nargs='+', required=True)
    ap.add_argument('--tree-headers', nargs='*', default=[])
    a = ap.parse_args()

    names = read_names(a.names)
    ours = defined_globals(a.ours)
    kernel = defined_globals(a.kernel)
    tags, macros = source_definitions(a.sources)
    ktags, kmacros = source_definitions([], [h for h in a.tree_headers
                                              if os.path.exists(h)])
    checks = [
        ('faultsim defines no symbol of a DAMON fault-reporting patch',
         ['%s (%s)' % (s, ours[s]) for s in sorted(names['sym'] & set(ours))]),
        ('faultsim defines no symbol the kernel code defines',
         ['%s (%s and %s)' % (s, ours[s], kernel[s])
          for s in sorted(set(ours) & set(kernel))]),
        ('faultsim defines no type of a DAMON fault-reporting patch or of '
         'the tree\'s damon.h',
         ['%s (%s)' % (t, tags[t])
          for t in sorted((names['type'] | set(ktags)) & set(tags))]),
        ('faultsim defines no macro of a DAMON fault-reporting patch or of '
         'the tree\'s damon.h',
         ['%s (%s)' % (m, macros[m])
          for m in sorted((names['macro'] | set(kmacros)) & set(macros))]),
    ]
    if not ours:
        checks.append(('faultsim\'s objects were found', ['none']))
    print('TAP version 13')
    print('1..%d' % len(checks))
    failed = 0
    for i, (what, clashes) in enumerate(checks, 1):
        if clashes:
            failed += 1
            print('not ok %d - %s' % (i, what))
            for c in clashes:
                print('# clash: %s' % c)
        else:
            print('ok %d - %s' % (i, what))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
