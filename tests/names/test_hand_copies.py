#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""
The hand copies, counted (issue #13 item 1): every function faultsim's
own code defines (the model, the shim, the DAMON side, the designs, the
oracles, the engine, the CLI) under a name the kernel tree also defines
in a .c file of mm/, kernel/sched/ or arch/x86/mm/ is a hand-written copy
of kernel code, or a stand-in under the kernel's name.  Each must be
listed in hand_copies.txt with one line saying why it is not extracted
from the tree.  Three checks, TAP output:

  1. the tree's side was read: its .c files define handle_mm_fault and
     over a thousand other functions (else the other checks prove
     nothing);
  2. every such function is listed, with a reason;
  3. every listed name is still such a function (no stale line: an
     extracted function leaves the list).

usage: test_hand_copies.py --ksrc TREE_OR_TARBALL --list FILE
           --sources DIR... [--root DIR] [--print]

--print lists the functions found (name, then our files), for writing
the list.
"""
import argparse
import os
import re
import subprocess
import sys
import tarfile
import tempfile

KDIRS = ('mm/', 'kernel/sched/', 'arch/x86/mm/')


def ctags_functions(paths):
    """name -> set of files defining a function of that name."""
    if not paths:
        return {}
    res = subprocess.run(['ctags', '-x', '--kinds-C=f', '--language-force=C',
                          '-R'] + list(paths),
                         capture_output=True, text=True, check=True)
    out = {}
    for line in res.stdout.splitlines():
        f = line.split()
        if len(f) >= 4:
            out.setdefault(f[0], set()).add(f[3])
    return out


def in_kdirs(rel):
    return rel.endswith('.c') and rel.startswith(KDIRS)


def kernel_functions(ksrc, tmp):
    """The function names the tree's mm/, kernel/sched/, arch/x86/mm/
    .c files define; the tree is a directory or a tarball."""
    if os.path.isdir(ksrc):
        paths = []
        for d in KDIRS:
            top = os.path.join(ksrc, d)
            for root, _, files in os.walk(top):
                paths += [os.path.join(root, f) for f in files
                          if f.endswith('.c')]
        return ctags_functions(paths)
    with tarfile.open(ksrc, 'r|*') as t:
        for m in t:
            rel = m.name.split('/', 1)[-1] if '/' in m.name else m.name
            if not m.isfile() or not in_kdirs(rel):
                continue
            dst = os.path.join(tmp, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            with t.extractfile(m) as src, open(dst, 'wb') as o:
                o.write(src.read())
    return ctags_functions([os.path.join(tmp, d) for d in KDIRS
                            if os.path.isdir(os.path.join(tmp, d))])


LINE = re.compile(r'^(\w+):\s*(.*)$')


def read_list(path):
    """name -> reason; a malformed line is an error."""
    out = {}
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            m = LINE.match(line)
            if not m:
                sys.exit(f'{path}:{n}: expected "name: why", got {line!r}')
            if m.group(1) in out:
                sys.exit(f'{path}:{n}: {m.group(1)} listed twice')
            out[m.group(1)] = m.group(2).strip()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ksrc', required=True)
    ap.add_argument('--list', required=True)
    ap.add_argument('--sources', nargs='+', required=True)
    ap.add_argument('--root', help='paths are shown relative to it')
    ap.add_argument('--print', action='store_true')
    a = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        kern = kernel_functions(a.ksrc, tmp)
    ours = ctags_functions(a.sources)
    root = a.root or os.path.dirname(os.path.commonpath(a.sources))
    copies = {name: sorted(os.path.relpath(p, root)
                           for p in files)
              for name, files in ours.items() if name in kern}

    if a.print:
        for name in sorted(copies):
            print(name, ' '.join(copies[name]))
        return 0

    listed = read_list(a.list)
    print('TAP version 13')
    print('1..3')
    ok = True

    if 'handle_mm_fault' in kern and len(kern) > 1000:
        print(f'ok 1 - the tree\'s .c files define {len(kern)} functions')
    else:
        ok = False
        print(f'not ok 1 - the tree\'s .c files define {len(kern)} '
              'functions, handle_mm_fault '
              + ('among them' if 'handle_mm_fault' in kern else 'not'))

    missing = [n for n in sorted(copies) if not listed.get(n)]
    if missing:
        ok = False
        print(f'not ok 2 - {len(missing)} of {len(copies)} hand copies '
              'have no reason in ' + os.path.basename(a.list))
        for n in missing:
            print(f'# {n} ({", ".join(copies[n])}): extract it through '
                  'the manifest, or list it with one line why not')
    else:
        print(f'ok 2 - each of the {len(copies)} hand copies says why')

    stale = [n for n in sorted(listed) if n not in copies]
    if stale:
        ok = False
        print(f'not ok 3 - {len(stale)} listed names are no longer '
              'hand copies')
        for n in stale:
            print(f'# {n}: drop its line')
    else:
        print('ok 3 - no stale line')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
