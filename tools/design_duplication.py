#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""design_duplication - how much of each design's fault handling is a copy
of the kernel's protnone fault handlers.

For each design in designs/ (a file registering FAULTSIM_DESIGN()), the
fault-handling code it adds is its .pte_protnone and .pmd_protnone
handlers plus every function of designs/ they call, transitively.  That
code is compared, token by token, with the 6.12 handlers it stands in for,
read from the kernel tree given with --ksrc: do_numa_page() and its
helpers numa_migrate_check(), numa_rebuild_single_mapping() and
numa_rebuild_large_mapping() (mm/memory.c), and do_huge_pmd_numa_page()
(mm/huge_memory.c).  docs/designs.md, "Duplication of do_numa_page()",
states the method and the measured table.

Method, in short:
  - C tokens, comments and whitespace stripped, preprocessor lines
    (with their continuations) dropped;
  - the names a function declares (its parameters and locals) become one
    placeholder token, so a copy with renamed variables is still a copy
    (a type-2 clone); called functions, macros, fields, types, keywords
    and literals keep their spelling (--exact: no placeholder);
  - a design token is duplicated when it lies in a common run of at
    least K consecutive tokens (default 16, a statement and a half) with
    one reference function (runs never cross a function boundary on
    either side; a kernel token may match more than one design token);
  - a design line (one holding a token of those functions) is duplicated
    when more than half of its tokens are.

Output: a text table (stdout, unless --quiet) and with --json FILE the
same as JSON.  Every user-facing error is one line on stderr,
`design_duplication: <problem>`, with exit status 2.  Python stdlib only.
"""

import argparse
import glob
import json
import os
import re
import sys

DEFAULT_K = 16
# The 6.12 handlers a design replaces, and the helpers they call
DEFAULT_REFS = [
    ("mm/memory.c", "do_numa_page"),
    ("mm/memory.c", "numa_migrate_check"),
    ("mm/memory.c", "numa_rebuild_single_mapping"),
    ("mm/memory.c", "numa_rebuild_large_mapping"),
    ("mm/huge_memory.c", "do_huge_pmd_numa_page"),
]
HOOKS = ("pte_protnone", "pmd_protnone")
PLACEHOLDER = "$v"

C_KEYWORDS = {
    "auto", "break", "case", "char", "const", "continue", "default", "do",
    "double", "else", "enum", "extern", "float", "for", "goto", "if",
    "inline", "int", "long", "register", "restrict", "return", "short",
    "signed", "sizeof", "static", "struct", "switch", "typedef", "union",
    "unsigned", "void", "volatile", "while", "_Bool", "bool", "__inline",
    "__attribute__", "typeof", "__typeof__", "asm", "__asm__",
}
# what can open a declaration statement (besides a name ending in _t)
DECL_START = {
    "char", "const", "double", "enum", "float", "int", "long", "short",
    "signed", "static", "struct", "union", "unsigned", "void", "volatile",
    "bool", "_Bool", "register",
}


class DupError(Exception):
    """An error in the input (not in this tool): reported as one line."""


class Tok:
    __slots__ = ("text", "line", "norm")

    def __init__(self, text, line):
        self.text = text
        self.line = line
        self.norm = text

    def __repr__(self):
        return f"{self.text}@{self.line}"


_TOKEN_RE = re.compile(r"""
    (?P<ws>[ \t\r\f\v]+)
  | (?P<nl>\n)
  | (?P<lcom>//[^\n]*)
  | (?P<bcom>/\*.*?\*/)
  | (?P<str>"(?:\\.|[^"\\\n])*")
  | (?P<chr>'(?:\\.|[^'\\\n])*')
  | (?P<id>[A-Za-z_]\w*)
  | (?P<num>\.?\d(?:[\w.]|[eEpP][+-])*)
  | (?P<op>->|\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^!=<>]=
        |\.\.\.|\#\#|[{}()\[\];,.?:~!+\-*/%&|^<>=\#\\@$`])
""", re.S | re.X)


def tokenize(text, where):
    """The C tokens of @text with their line numbers (1-based): comments
    and whitespace stripped, preprocessor lines (and their continuation
    lines) dropped."""
    toks = []
    line = 1
    pos = 0
    at_bol = True           # only whitespace since the start of the line
    in_pp = False           # inside a preprocessor directive
    n = len(text)
    while pos < n:
        m = _TOKEN_RE.match(text, pos)
        if not m:
            raise DupError(f"{where}:{line}: cannot tokenise "
                           f"{text[pos:pos + 20]!r}")
        kind = m.lastgroup
        s = m.group()
        pos = m.end()
        if kind == "nl":
            line += 1
            at_bol = True
            in_pp = False
            continue
        if kind == "ws":
            continue
        if kind in ("lcom", "bcom"):
            # whitespace, as in translation phase 3
            line += s.count("\n")
            continue
        if kind == "op" and s == "\\" and in_pp:
            # a continuation: the directive goes on after the newline
            if text.startswith("\n", pos):
                pos += 1
                line += 1
            continue
        if at_bol and s == "#":
            in_pp = True
        at_bol = False
        if in_pp:
            continue
        toks.append(Tok(s, line))
    return toks


def _match(toks, i, open_, close):
    """Index of the token closing the @open_ at toks[i], or None."""
    depth = 0
    for j in range(i, len(toks)):
        t = toks[j].text
        if t == open_:
            depth += 1
        elif t == close:
            depth -= 1
            if depth == 0:
                return j
    return None


class Func:
    """A function definition: its tokens from the first of its
    declaration to the closing brace."""

    def __init__(self, name, path, toks, static):
        self.name = name
        self.path = path
        self.toks = toks
        self.static = static
        normalise(self)

    @property
    def lines(self):
        return sorted({t.line for t in self.toks})

    def calls(self):
        out = []
        for a, b in zip(self.toks, self.toks[1:]):
            if (a.text not in C_KEYWORDS and b.text == "(" and
                    re.match(r"[A-Za-z_]", a.text)):
                out.append(a.text)
        return out


def functions(toks, path):
    """The function definitions at file scope in @toks, by name."""
    funcs = {}
    depth = 0
    start = 0               # first token of the current declaration
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i].text
        if depth == 0 and t == "(" and i > 0 and \
                re.match(r"[A-Za-z_]\w*$", toks[i - 1].text) and \
                toks[i - 1].text not in C_KEYWORDS:
            close = _match(toks, i, "(", ")")
            if close is None:
                break
            j = close + 1
            # attributes between the declarator and the body
            while j < n and toks[j].text == "__attribute__":
                k = _match(toks, j + 1, "(", ")")
                j = (k + 1) if k is not None else n
            if j < n and toks[j].text == "{" and \
                    not any(x.text == "=" for x in toks[start:i]):
                end = _match(toks, j, "{", "}")
                if end is None:
                    raise DupError(f"{path}: unbalanced braces in "
                                   f"{toks[i - 1].text}()")
                name = toks[i - 1].text
                static = any(x.text == "static" for x in toks[start:i])
                funcs[name] = Func(name, path, toks[start:end + 1], static)
                i = end + 1
                start = i
                continue
            i = close + 1
            continue
        if t in "({[":
            depth += 1
        elif t in ")}]":
            depth -= 1
            if depth == 0 and t == "}" and (i + 1 >= n or
                                            toks[i + 1].text != ";"):
                start = i + 1
        elif depth == 0 and t == ";":
            start = i + 1
        i += 1
    return funcs


def _declarators(toks, names):
    """Add the names declared by the declarator list @toks (after the
    base type) to @names."""
    depth = 0
    expect = True           # at the start of a declarator
    for t in toks:
        s = t.text
        if s in "([{":
            depth += 1
        elif s in ")]}":
            depth -= 1
        elif depth == 0 and s == ",":
            expect = True
        elif depth == 0 and expect and s not in ("*", "const", "volatile",
                                                 "__rcu", "__user"):
            if re.match(r"[A-Za-z_]\w*$", s):
                names.add(s)
            expect = False


def _base_type_len(toks):
    """How many tokens of @toks are a declaration's base type (0: not a
    declaration)."""
    i = 0
    seen_type = False
    while i < len(toks):
        s = toks[i].text
        if s in ("struct", "union", "enum"):
            i += 2
            seen_type = True
        elif s in DECL_START:
            i += 1
            seen_type = seen_type or s not in ("const", "static",
                                               "volatile", "register")
        elif not seen_type and re.match(r"[A-Za-z_]\w*_t$", s):
            i += 1
            seen_type = True
        else:
            break
    if not seen_type or i >= len(toks):
        return 0
    nxt = toks[i].text
    if nxt == "(" or not (nxt == "*" or re.match(r"[A-Za-z_]", nxt)):
        return 0
    return i


def normalise(func):
    """Replace the names @func declares (parameters, locals) by one
    placeholder in each token's .norm."""
    toks = func.toks
    names = set()
    body = next(i for i, t in enumerate(toks) if t.text == "{")
    # parameters: the last name of each comma-separated declaration
    popen = max(i for i in range(body) if toks[i].text == "(" and
                _match(toks, i, "(", ")") == body - 1) \
        if toks[body - 1].text == ")" else None
    if popen is not None:
        depth = 0
        last = None
        for t in toks[popen + 1:body]:
            s = t.text
            if s in "([":
                depth += 1
            elif s in ")]":
                depth -= 1
            if depth < 0 or (depth == 0 and s == ","):
                if last:
                    names.add(last)
                last = None
            elif depth == 0 and re.match(r"[A-Za-z_]\w*$", s) and \
                    s not in C_KEYWORDS:
                last = s
    # locals: each statement of the body that opens with a type
    stmt = body + 1
    for i in range(body + 1, len(toks)):
        s = toks[i].text
        if s in ("{", "}", ";"):
            if s == ";" and i > stmt:
                part = toks[stmt:i]
                n = _base_type_len(part)
                if n:
                    _declarators(part[n:], names)
            stmt = i + 1
    prev = None
    for t in toks:
        # a field keeps its name, whatever a local is called
        t.norm = PLACEHOLDER if (t.text in names and
                                 prev not in ("->", ".")) else t.text
        prev = t.text


def load_funcs(path, where=None):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        raise DupError(f"{where or path}: {e.strerror}")
    return functions(tokenize(text, path), path)


def design_defs(designs_dir):
    """The designs of @designs_dir: [(name, file, {hook: function})], and
    every function defined in its .c files ({file: {name: Func}})."""
    cfiles = sorted(glob.glob(os.path.join(designs_dir, "*.c")))
    if not cfiles:
        raise DupError(f"--designs {designs_dir}: no .c files")
    macros = {}
    for h in sorted(glob.glob(os.path.join(designs_dir, "*.h"))):
        with open(h, encoding="utf-8") as f:
            for m in re.finditer(r'^\s*#\s*define\s+(\w+)\s+"([^"]*)"',
                                 f.read(), re.M):
                macros[m.group(1)] = m.group(2)
    funcs = {}
    designs = []
    for path in cfiles:
        with open(path, encoding="utf-8") as f:
            toks = tokenize(f.read(), path)
        funcs[path] = functions(toks, path)
        for i, t in enumerate(toks):
            if t.text != "FAULTSIM_DESIGN" or i + 3 >= len(toks) or \
                    toks[i + 1].text != "(" or toks[i + 3].text != ")":
                continue
            var = toks[i + 2].text
            init = next((j for j in range(len(toks) - 2)
                         if toks[j].text == var and
                         toks[j + 1].text == "=" and
                         toks[j + 2].text == "{"), None)
            if init is None:
                raise DupError(f"{path}: FAULTSIM_DESIGN({var}) without "
                               f"an initialiser of {var}")
            end = _match(toks, init + 2, "{", "}")
            fields = {}
            j = init + 3
            while j < end:
                if toks[j].text == "." and toks[j + 2].text == "=":
                    fields[toks[j + 1].text] = toks[j + 3].text
                    j += 4
                else:
                    j += 1
            name = fields.get("name", var)
            if name.startswith('"'):
                name = name[1:-1]
            else:
                name = macros.get(name, name)
            hooks = {h: fields[h] for h in HOOKS
                     if fields.get(h, "NULL") != "NULL"}
            designs.append((name, path, hooks))
    return designs, funcs


def reachable(path, roots, funcs):
    """The functions of designs/ reached from @roots (names defined in
    @path), in the order met: [Func]."""
    exported = {}
    for p, fs in funcs.items():
        for name, fn in fs.items():
            if not fn.static:
                exported.setdefault(name, fn)
    seen = {}
    todo = [(path, r) for r in roots]
    while todo:
        p, name = todo.pop(0)
        fn = funcs.get(p, {}).get(name) or exported.get(name)
        if fn is None or (fn.path, fn.name) in seen:
            continue
        seen[(fn.path, fn.name)] = fn
        todo.extend((fn.path, c) for c in fn.calls())
    return list(seen.values())


def matching_runs(dseq, kseq, k):
    """For each start i of @dseq, the longest common run with @kseq:
    (length, start in kseq).  Both are lists of (key, ...) where the
    key None never matches (a function boundary)."""
    n, m = len(dseq), len(kseq)
    best = [(0, -1)] * n
    nxt = [0] * (m + 1)
    for i in range(n - 1, -1, -1):
        cur = [0] * (m + 1)
        key = dseq[i]
        bl, bj = 0, -1
        if key is not None:
            for j in range(m - 1, -1, -1):
                if kseq[j] == key:
                    v = nxt[j + 1] + 1
                    cur[j] = v
                    if v > bl:
                        bl, bj = v, j
        best[i] = (bl, bj)
        nxt = cur
    return best


def measure(fns, refs, k, exact):
    """Lines of @fns, which are duplicated, and the runs: a dict."""
    def key(t):
        return t.text if exact else t.norm

    dseq, dtok = [], []
    for fn in fns:
        for t in fn.toks:
            dseq.append(key(t))
            dtok.append((fn, t))
        dseq.append(None)
        dtok.append(None)
    kseq, ktok = [], []
    for rf in refs:
        for t in rf.toks:
            kseq.append(key(t))
            ktok.append((rf, t))
        kseq.append(None)
        ktok.append(None)
    best = matching_runs(dseq, kseq, k)
    covered = [False] * len(dseq)
    runs = []
    reach = 0
    for i, (length, j) in enumerate(best):
        if length < k:
            continue
        for x in range(i, i + length):
            covered[x] = True
        if i + length <= reach:
            continue        # inside a run already listed
        reach = i + length
        dfn = dtok[i][0]
        kfn = ktok[j][0]
        runs.append({
            "function": dfn.name,
            "file": os.path.basename(dfn.path),
            "lines": [dtok[i][1].line, dtok[i + length - 1][1].line],
            "tokens": length,
            "kernel_function": kfn.name,
            "kernel_file": kfn.rel,
            "kernel_lines": [ktok[j][1].line,
                             ktok[j + length - 1][1].line],
        })
    per_line = {}
    for x, dt in enumerate(dtok):
        if dt is None:
            continue
        fn, t = dt
        c = per_line.setdefault((fn.path, t.line), [0, 0])
        c[0] += 1
        c[1] += covered[x]
    dup = sorted(key for key, (tot, cov) in per_line.items()
                 if 2 * cov > tot)
    return sorted(per_line), dup, runs


def load_refs(ksrc, refs):
    if not os.path.isdir(ksrc) or not os.path.isdir(os.path.join(ksrc,
                                                                   "mm")):
        raise DupError(f"--ksrc {ksrc}: not a kernel tree (no mm/)")
    cache = {}
    out = []
    for rel, name in refs:
        path = os.path.join(ksrc, rel)
        if rel not in cache:
            cache[rel] = load_funcs(path, f"--ksrc {ksrc}: {rel}")
        fn = cache[rel].get(name)
        if fn is None:
            raise DupError(f"--ksrc {ksrc}: {rel} defines no {name}()")
        fn.rel = rel
        out.append(fn)
    return out


def run(args):
    refs = load_refs(args.ksrc, args.ref or DEFAULT_REFS)
    designs, funcs = design_defs(args.designs)
    out = []
    for name, path, hooks in sorted(designs):
        fns = reachable(path, list(hooks.values()), funcs)
        for h, f in hooks.items():
            if not any(fn.name == f for fn in fns):
                raise DupError(f"{path}: .{h} = {f}: no such function "
                               f"in {args.designs}")
        lines, dup, runs = measure(fns, refs, args.k, args.exact)
        if args.show:
            show(name, lines, set(dup))
        out.append({
            "design": name,
            "file": os.path.basename(path),
            "handlers": hooks,
            "functions": [{
                "name": fn.name,
                "file": os.path.basename(fn.path),
                "lines": len(fn.lines),
                "duplicate_lines": sum(1 for p, n in dup
                                       if p == fn.path and n in fn.lines),
            } for fn in fns],
            "lines": len(lines),
            "duplicate_lines": len(dup),
            "percent": (round(100.0 * len(dup) / len(lines), 1)
                        if lines else 0.0),
            "kernel_functions": sorted({r["kernel_function"]
                                        for r in runs}),
            "runs": runs,
        })
    control = None
    if args.control:
        names = {fn.name for fn in refs}
        tot = dup = 0
        for rel in args.control:
            fs = load_funcs(os.path.join(args.ksrc, rel),
                            f"--control {rel}")
            for fn in fs.values():
                if fn.name not in names:
                    lines, d, _ = measure([fn], refs, args.k, args.exact)
                    tot += len(lines)
                    dup += len(d)
        control = {"files": args.control, "lines": tot,
                   "duplicate_lines": dup,
                   "percent": round(100.0 * dup / tot, 1) if tot else 0.0}
    return {
        "method": {
            "k": args.k,
            "normalise_locals": not args.exact,
            "line_rule": "more than half of the line's tokens in a run",
            "reference": [{"file": fn.rel, "function": fn.name,
                           "lines": len(fn.lines)} for fn in refs],
            "control": control,
        },
        "designs": out,
    }


def show(name, lines, dup):
    """Print the lines of @name's fault handling, duplicates marked."""
    texts = {}
    print(f"== {name}")
    for path, n in lines:
        if path not in texts:
            with open(path, encoding="utf-8") as f:
                texts[path] = f.read().splitlines()
        mark = "=" if (path, n) in dup else " "
        print(f"{mark} {os.path.basename(path)}:{n}: "
              f"{texts[path][n - 1]}")


def table(result):
    rows = [("design", "lines", "duplicate", "%", "from")]
    for d in result["designs"]:
        rows.append((d["design"], str(d["lines"]),
                     str(d["duplicate_lines"]), f"{d['percent']:.1f}",
                     ", ".join(d["kernel_functions"]) or "-"))
    w = [max(len(r[i]) for r in rows) for i in range(4)]
    out = []
    for r in rows:
        out.append(f"{r[0]:<{w[0]}}  {r[1]:>{w[1]}}  {r[2]:>{w[2]}}  "
                   f"{r[3]:>{w[3]}}  {r[4]}".rstrip())
    m = result["method"]
    out.append(f"(K = {m['k']} tokens; locals "
               f"{'normalised' if m['normalise_locals'] else 'exact'}; "
               f"against " + ", ".join(r["function"] + "()"
                                       for r in m["reference"]) + ")")
    c = m["control"]
    if c:
        out.append(f"(control: the other functions of "
                   f"{', '.join(c['files'])}: {c['duplicate_lines']} of "
                   f"{c['lines']} lines, {c['percent']:.1f}%)")
    return "\n".join(out) + "\n"


def parse_ref(s):
    if ":" not in s:
        raise argparse.ArgumentTypeError(f"{s!r}: not FILE:FUNCTION")
    rel, name = s.rsplit(":", 1)
    return rel, name


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(
        prog="design_duplication",
        description="Measure how many lines of each design's fault "
        "handling (its pte_protnone/pmd_protnone handlers and the "
        "designs/ functions they call) duplicate the kernel's "
        "do_numa_page() (with numa_migrate_check() and "
        "numa_rebuild_*_mapping()) and do_huge_pmd_numa_page().",
        epilog="A line is duplicate when more than half of its tokens "
        "lie in a common run of at least K tokens with one reference "
        "function (comments, whitespace and preprocessor lines dropped; "
        "declared names as one placeholder unless --exact).  See "
        "docs/designs.md, \"Duplication of do_numa_page()\".  Exit "
        "status 0, or 2 with one line on stderr on bad input.")
    ap.add_argument("--ksrc", required=True, metavar="DIR",
                    help="the kernel tree to compare against (the one the "
                    "build uses, e.g. build/debug/ksrc)")
    ap.add_argument("--designs", metavar="DIR",
                    default=os.path.join(here, "..", "designs"),
                    help="the designs directory (default: this "
                    "checkout's designs/)")
    ap.add_argument("--json", metavar="FILE",
                    help="also write the result as JSON to FILE")
    ap.add_argument("-k", "--k", type=int, default=DEFAULT_K, metavar="K",
                    help=f"minimum run length in tokens (default "
                    f"{DEFAULT_K})")
    ap.add_argument("--exact", action="store_true",
                    help="match names as spelled (no placeholder for "
                    "parameters and locals)")
    ap.add_argument("--ref", action="append", type=parse_ref,
                    metavar="FILE:FUNCTION",
                    help="a reference function, FILE relative to --ksrc "
                    "(repeatable; default: do_numa_page(), numa_migrate_check(), "
                    "numa_rebuild_single_mapping() and "
                    "numa_rebuild_large_mapping() of mm/memory.c, "
                    "do_huge_pmd_numa_page() of mm/huge_memory.c)")
    ap.add_argument("--control", action="append", metavar="FILE",
                    help="also measure every other function of FILE "
                    "(relative to --ksrc; repeatable) against the "
                    "reference: the rate at which code that copies "
                    "nothing is counted, to choose K (slow)")
    ap.add_argument("--show", action="store_true",
                    help="first print every line measured, '=' marking "
                    "a duplicate")
    ap.add_argument("-q", "--quiet", action="store_true",
                    help="print no table")
    args = ap.parse_args(argv)
    if args.k < 1:
        ap.error("-k: must be at least 1")
    try:
        result = run(args)
        if args.json:
            tmp = args.json + ".tmp"
            try:
                with open(tmp, "w", encoding="utf-8") as f:
                    json.dump(result, f, indent=1)
                    f.write("\n")
                os.replace(tmp, args.json)
            except OSError as e:
                raise DupError(f"--json {args.json}: {e.strerror}")
    except DupError as e:
        print(f"design_duplication: {e}", file=sys.stderr)
        return 2
    if not args.quiet:
        sys.stdout.write(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
