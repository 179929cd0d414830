#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The layering is a build rule: a source of each folder, compiled with
its own target's flags (compile_commands.json), can include the headers
of its own layer and of the layers below it, and cannot include those
of a layer above or beside it.  Each probe only preprocesses, so the
whole table takes a few seconds.  KTAP output.

usage: test_layering.py BUILD_DIR/compile_commands.json
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

# One header of each layer; kshim's kernel API is <linux/mm.h>, its
# face to the engine <kshim/sim.h>.
HEADERS = {
    'sim': '"sim/sched.h"',
    'kshim_sim': '<kshim/sim.h>',
    'kshim': '<linux/mm.h>',
    'hw': '"mm_model/hw/pgtable.h"',
    'mm': '"mm_model/mm/vma.h"',
    'damon_core': '"damon_core/report.h"',
    'oracles': '"oracles/hint_owner.h"',
    'designs': '"designs/design.h"',
    'app': '"app/scenario.h"',
}
BELOW_MM = {'kshim_sim', 'kshim', 'hw', 'mm'}
# folder -> (a target of the full kconfig it is built in, the layers it
# may include); the floors of docs/architecture.md
FOLDERS = {
    'sim': ('faultsim_sim.dir', {'sim', 'kshim_sim'}),
    'kshim/src': ('kshim_full.dir', {'kshim_sim', 'kshim'}),
    'mm_model/hw': ('mm_hw_full.dir', {'kshim_sim', 'kshim', 'hw'}),
    'mm_model/mm': ('mm_mm_full.dir', BELOW_MM),
    'damon_core': ('kernel_damon_core_full.dir', BELOW_MM | {'damon_core'}),
    'designs': ('kernel_designs_full.dir',
                BELOW_MM | {'damon_core', 'designs'}),
    'oracles': ('oracles_full.dir',
                BELOW_MM | {'damon_core', 'designs', 'oracles'}),
    'app': ('faultsim.dir', set(HEADERS)),
}


def command_of(entries, folder, target):
    for e in entries:
        rel = os.path.relpath(e['file'], ROOT)
        args = shlex.split(e['command']) if 'command' in e \
            else list(e['arguments'])
        out = args[args.index('-o') + 1] if '-o' in args else ''
        if (os.path.dirname(rel) == folder and rel.endswith('.c') and
                ('/' + target + '/') in ('/' + out)):
            return e
    return None


def probe(entry, header, tmp):
    src = os.path.join(tmp, 'probe.c')
    with open(src, 'w') as f:
        f.write('#include %s\n' % header)
    args = shlex.split(entry['command']) if 'command' in entry \
        else list(entry['arguments'])
    cmd, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a in ('-o', '-MF', '-MT', '-MQ'):
            skip = True
            continue
        if a in ('-c', '-MD', '-MMD') or a == entry['file'] or \
                a.endswith(os.path.basename(entry['file'])):
            continue
        cmd.append(a)
    cmd += ['-E', '-o', os.devnull, src]
    r = subprocess.run(cmd, cwd=entry['directory'], capture_output=True)
    return r.returncode == 0


def main():
    global ROOT
    entries = json.load(open(sys.argv[1]))
    ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.realpath(__file__))))
    cases = []
    for folder, (target, allowed) in FOLDERS.items():
        e = command_of(entries, folder, target)
        for layer, header in HEADERS.items():
            cases.append((folder, e, layer, header, layer in allowed))
    print('KTAP version 1')
    print('1..%d' % len(cases))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (folder, e, layer, header, want) in enumerate(cases, 1):
            what = '%s %s %s' % (folder, 'may include' if want else
                                 'cannot include', header)
            if e is None:
                print('not ok %d - %s: no source of %s in the build' %
                      (i, what, folder))
                failed += 1
                continue
            ok = probe(e, header, tmp) == want
            failed += not ok
            print('%s %d - %s' % ('ok' if ok else 'not ok', i, what))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
