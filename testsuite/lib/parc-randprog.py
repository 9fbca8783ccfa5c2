#!/usr/bin/env python3
"""parc-randprog.py: random parc programs, for parc.random/.

    parc-randprog.py SEED [SEED...] > prog.c

One C program.  Each seed adds its own functions (named s<SEED>_...) and an
entry s<SEED>_main, whose text does not depend on the other seeds; main
prints one hash per seed, in order.  A seed's functions are PARC_PURE and
PARC_CONTAINED functions that fork one another over a depth parameter (every
call passes d - 1 or d - 2, and d <= 0 is a leaf), so the call tree has a
random shape and ends.  Forks take every form of docs/language.md:
x = f(..), T x = f(..), a[i] = f(..), p->f = f(..), *q = f(..), and f(..) or
x = f(..) with writes(buf[lo:len]) where f writes a slice of a buffer; in
counted loops (a fork per iteration), in if/else branches, several pending
before one join, with a plain call beside them, and with an early return
while forks are pending (the implicit join).  After each join the results
are mixed into a 64-bit hash.

The same source built with and without the plugin must print the same
lines: nothing is read between a fork and its join, every destination and
buffer starts from a known value, and most writers update their slice in
place, so a fork whose result or writes were lost or read early, or a writer
run twice, changes the hash (a value fork run twice writes the same value).
Arithmetic is on uint64_t (no signed overflow); doubles are multiples of
0.25 below 1100, so exact.  Forked functions do not print.

Each root call (in s<SEED>_main) passes the largest depth that keeps a bound
on the number of calls (both branches of every if, every loop iteration)
under CALL_BUDGET, so a seed runs in milliseconds.  Same seed, same program
(checked on Python 3.6 to 3.13).
"""

import random
import sys

CALL_BUDGET = 200000
MAX_DEPTH = 24
TYPES = ["int", "long", "unsigned", "int64_t", "uint64_t", "double"]


def conv(ty, e):
    """A value of type ty made from the uint64_t expression e."""
    if ty == "double":
        return f"(double)(({e}) % 4099u) * 0.25"
    return f"({ty})({e})"


def to_u64(ty, x):
    """The uint64_t that mixes x of type ty into a hash (exact for our doubles)."""
    if ty == "double":
        return f"(uint64_t)(({x}) * 4.0)"
    return f"(uint64_t)({x})"


def indent(lines, n=1):
    return ["    " * n + l if l else l for l in lines]


class Param:
    # kind: depth (int d), scalar, struct (by value), reader (const T *v,
    # int vn: read only), out (U *out, int n: written, for writers)
    def __init__(self, kind, name, ty=None):
        self.kind, self.name, self.ty = kind, name, ty

    def decl(self):
        if self.kind == "depth":
            return ["int d"]
        if self.kind == "reader":
            return [f"const {self.ty} *{self.name}", f"int {self.name}n"]
        if self.kind == "out":
            return [f"{self.ty} *out", "int n"]
        return [f"{self.ty} {self.name}"]


class Fn:
    def __init__(self, rank, kind, name, ret, params, mark, elem=None, update=False):
        self.rank, self.kind, self.name, self.ret = rank, kind, name, ret
        self.params, self.mark, self.elem, self.update = params, mark, elem, update
        self.sites = []  # (callee, depth decrement, multiplicity)

    def proto(self):
        ps = [s for p in self.params for s in p.decl()] or ["void"]
        return f"{self.ret or 'void'} {self.name}({', '.join(ps)})"


class Ctx:
    """Where a group is generated: the function (None for main), whether it
    is the function's outermost block, the loop variables in scope and the
    multiplicity (iterations of the enclosing loops) of its call sites."""

    def __init__(self, fn, outer):
        self.fn, self.outer, self.loops, self.mult = fn, outer, [], 1


class Gen:
    def __init__(self, seed):
        self.seed = seed
        self.px = f"s{seed}_"
        self.r = random.Random(seed)
        self.uid = 0
        self.main_sites = []  # (callee, multiplicity) per depth placeholder

    def fresh(self, stem):
        self.uid += 1
        return f"{stem}{self.uid}"

    def chance(self, p):
        return self.r.random() < p

    # ---- Signatures ---------------------------------------------------------

    def make_structs(self):
        self.structs = []
        for k in range(self.r.randint(1, 2)):
            fields = [(f"m{j}", self.r.choice(TYPES)) for j in range(self.r.randint(2, 4))]
            self.structs.append((f"{self.px}t{k}", fields))

    def scalar_or_struct(self, name):
        if self.chance(0.15):
            return Param("struct", name, "struct " + self.r.choice(self.structs)[0])
        return Param("scalar", name, self.r.choice(TYPES))

    def make_fns(self):
        n = self.r.randint(5, 9)
        kinds = ["leaf"] * self.r.randint(1, 2) + ["writer"] * self.r.randint(1, 3)
        kinds += ["val"] * max(2, n - len(kinds))
        self.r.shuffle(kinds)
        self.fns = []
        elems = self.r.sample(TYPES, 2)
        for rank, kind in enumerate(kinds):
            if kind == "leaf":
                params = [self.scalar_or_struct(f"p{j}") for j in range(self.r.randint(0, 3))]
                fn = Fn(rank, kind, f"{self.px}leaf{rank}", self.r.choice(TYPES), params,
                        self.r.choice(["PARC_PURE", "PARC_CONTAINED", ""]))
            elif kind == "writer":
                params = [Param("depth", "d"), Param("out", "out", self.r.choice(elems))]
                params += [self.scalar_or_struct(f"p{j}") for j in range(self.r.randint(0, 3))]
                ret = self.r.choice([None, None] + TYPES)
                fn = Fn(rank, kind, f"{self.px}w{rank}", ret, params,
                        self.r.choice(["PARC_CONTAINED", "PARC_CONTAINED", ""]),
                        elem=params[1].ty, update=self.chance(0.75))
            else:
                params = [Param("depth", "d")]
                for j in range(self.r.randint(0, 5)):
                    if j < 4 and self.chance(0.2):
                        params.append(Param("reader", f"v{j}", self.r.choice(TYPES)))
                    else:
                        params.append(self.scalar_or_struct(f"p{j}"))
                # A reader counts as two parameters: keep to six in all.
                while sum(len(p.decl()) for p in params) > 6:
                    params.pop()
                fn = Fn(rank, kind, f"{self.px}f{rank}", self.r.choice(TYPES), params,
                        self.r.choice(["PARC_PURE", "PARC_PURE", "PARC_CONTAINED", ""]))
            self.fns.append(fn)

    # ---- Expressions ----------------------------------------------------------

    def u64(self, ctx):
        """A uint64_t expression of what is ready in ctx: h, the loop
        variables, parameters (never a pending destination)."""
        picks = ["h", f"(h >> {self.r.randint(1, 40)})", f"(h * {self.r.randint(3, 999)}u)"]
        if ctx.loops:
            picks.append(f"((uint64_t){self.r.choice(ctx.loops)} * {self.r.randint(2, 99)}u)")
        if ctx.fn:
            for p in ctx.fn.params:
                if p.kind == "scalar":
                    picks.append(to_u64(p.ty, p.name))
                elif p.kind == "depth":
                    picks.append("(uint64_t)d")
        picks.append(str(self.r.randint(1, 1 << 20)) + "u")
        a, b = self.r.sample(picks, 2)
        return f"{a} {self.r.choice(['^', '+'])} {b}"

    def cond(self, ctx):
        picks = ["(h & 1)", f"(h >> {self.r.randint(3, 50)}) % 3 == 0", "h % 5 < 2"]
        if ctx.fn:
            picks.append("d % 2 == 0")
        return self.r.choice(picks)

    def combine(self, ty, x):
        v = to_u64(ty, x)
        return self.r.choice([f"h = rp_mix(h, {v});", f"h ^= {v};",
                              f"h += {v} * {self.r.randint(3, 99999)}u;",
                              f"h = rp_mix(h ^ {v}, {self.r.randint(1, 99)}u);"])

    def fill_loop(self, arr, ty, n):
        return [f"for (int i = 0; i < {n}; i++)",
                f"    {arr}[i] = {conv(ty, f'rp_mix(h, (uint64_t)i + {self.r.randint(0, 99)}u)')};"]

    def fold_loop(self, arr, ty, n):
        return [f"for (int i = 0; i < {n}; i++)",
                "    " + self.combine(ty, f"{arr}[i]")]

    # ---- Calls ----------------------------------------------------------------

    def callee(self, ctx, kind, elem=None):
        """A function of this kind to call from ctx: lower-ranked or itself,
        now and then a higher rank (mutual recursion; d still decreases)."""
        cands = [f for f in self.fns if f.kind == kind and (elem is None or f.elem == elem)]
        if kind == "val" and self.chance(0.25):
            cands = [f for f in self.fns if f.kind == "leaf"]
        if not cands:
            return None
        if ctx.fn is None:
            # Roots lean to high ranks, which reach the most functions.
            return max(self.r.choice(cands), self.r.choice(cands), key=lambda f: f.rank)
        low = [f for f in cands if f.rank <= ctx.fn.rank]
        if low and not self.chance(0.1):
            return self.r.choice(low)
        return self.r.choice(cands)

    def depth(self, ctx, callee):
        if ctx.fn is None:
            self.main_sites.append((callee, ctx.mult))
            return f"@D{len(self.main_sites) - 1}@"
        dec = 1 if self.chance(0.75) else 2
        ctx.fn.sites.append((callee, dec, ctx.mult))
        return f"d - {dec}"

    def call(self, ctx, callee, pre, out=None):
        """The call text; declarations it needs (reader arrays) go to pre.
        out: (pointer argument, length) for a writer's buffer."""
        args = []
        for p in callee.params:
            if p.kind == "depth":
                args.append(self.depth(ctx, callee))
            elif p.kind == "scalar":
                args.append(conv(p.ty, self.u64(ctx)))
            elif p.kind == "struct":
                fields = dict(self.structs)[p.ty.split()[1]]
                inits = ", ".join(conv(t, self.u64(ctx)) for _, t in fields)
                args.append(f"({p.ty}){{ {inits} }}")
            elif p.kind == "reader":
                arr, n = self.fresh("rd"), self.r.randint(1, 5)
                pre += [f"{p.ty} {arr}[{n}];"] + self.fill_loop(arr, p.ty, n)
                args += [arr, str(n)]
            elif p.kind == "out":
                args += list(out)
        if ctx.fn is None and callee.kind == "leaf":
            self.main_sites.append((callee, ctx.mult))
        elif ctx.fn is not None and callee.kind == "leaf":
            ctx.fn.sites.append((callee, 0, ctx.mult))
        return f"{callee.name}({', '.join(args)})"

    # ---- Groups of forks --------------------------------------------------------
    # Each returns lines; dests and buffers are declared in the group's own
    # lines, before its forks, so the block that holds them holds the join.

    def fork_writer(self, ctx, w, buf, lo, ln, ptr, pre, forks, post):
        """A fork of writer w over buf[lo:ln], its pointer argument ptr."""
        call = self.call(ctx, w, pre, (ptr, ln))
        forks.append(f"#pragma parc fork writes({buf}[{lo}:{ln}])")
        if w.ret:
            x = self.fresh("x")
            pre.append(f"{w.ret} {x} = 0;")
            forks.append(f"{x} = {call};")
            post.append(self.combine(w.ret, x))
        else:
            forks.append(f"{call};")

    def group_multi(self, ctx, early_ok):
        pre, forks, post = [], [], []
        fields = []
        structvar = self.fresh("r")
        for j in range(self.r.randint(2, 5)):
            form = self.r.choice(["assign", "decl", "index", "field", "deref",
                                  "writes", "writes"])
            if form == "writes":
                w = self.callee(ctx, "writer")
                if w is None:
                    form = "assign"
                else:
                    buf, size = self.fresh("b"), self.r.randint(2, 16)
                    pre += [f"{w.elem} {buf}[{size}];"] + self.fill_loop(buf, w.elem, size)
                    lo = self.r.randint(0, size - 1)
                    ln = self.r.randint(1, size - lo)
                    # Sometimes the bounds are variables, as in user code.
                    if self.chance(0.3):
                        lov, lnv = self.fresh("lo"), self.fresh("len")
                        pre += [f"int {lov} = {lo}, {lnv} = {ln};"]
                        lo_s, ln_s = lov, lnv
                    else:
                        lo_s, ln_s = str(lo), str(ln)
                    ptr = self.r.choice([f"{buf} + {lo_s}", f"&{buf}[{lo_s}]"])
                    if lo_s == "0":
                        ptr = buf
                    self.fork_writer(ctx, w, buf, lo_s, ln_s, ptr, pre, forks, post)
                    # Now and then the rest of the buffer, pending together.
                    if lo + ln < size and self.chance(0.5):
                        w2 = self.callee(ctx, "writer", w.elem)
                        self.fork_writer(ctx, w2, buf, str(lo + ln), str(size - lo - ln),
                                         f"{buf} + {lo + ln}", pre, forks, post)
                    post += self.fold_loop(buf, w.elem, size)
                    continue
            f = self.callee(ctx, "val")
            x = self.fresh("x")
            call = self.call(ctx, f, pre)
            forks.append("#pragma parc fork")
            if form == "assign":
                pre.append(f"{f.ret} {x} = 0;")
                forks.append(f"{x} = {call};")
                post.append(self.combine(f.ret, x))
            elif form == "decl":
                forks.append(f"{f.ret} {x} = {call};")
                post.append(self.combine(f.ret, x))
            elif form == "index":
                n = self.r.randint(2, 4)
                ix = self.fresh("ix")
                pre += [f"{f.ret} {x}[{n}] = {{0}};", f"int {ix} = (int)(h % {n}u);"]
                forks.append(f"{x}[{ix}] = {call};")
                post += self.fold_loop(x, f.ret, n)
            elif form == "field":
                fld = f"f{len(fields)}"
                fields.append((fld, f.ret))
                forks.append(f"p{structvar}->{fld} = {call};")
                post.append(self.combine(f.ret, f"{structvar}.{fld}"))
            else:
                q = self.fresh("q")
                pre += [f"{f.ret} {x} = 0;", f"{f.ret} *{q} = &{x};"]
                forks.append(f"*{q} = {call};")
                post.append(self.combine(f.ret, x))
            # The parent's own work while forks are pending (fib's shape).
            if self.chance(0.2):
                g = self.callee(ctx, "val")
                y = self.fresh("y")
                forks.append(f"{g.ret} {y} = {self.call(ctx, g, pre)};")
                post.append(self.combine(g.ret, y))
        if fields:
            body = " ".join(f"{t} {n};" for n, t in fields)
            pre.insert(0, f"struct {structvar}_t {{ {body} }} {structvar} = {{0}}, "
                          f"*p{structvar} = &{structvar};")
        # The parent's work that no fork reads or writes, before the forks
        # and right after the join: the plugin hoists the first fork above
        # the one and sinks the join below the other (identity 3).
        if self.chance(0.3):
            w = self.fresh("w")
            pre.append(f"uint64_t {w} = rp_mix({self.u64(ctx)}, {self.r.randint(1, 99)}u);")
            post.append(f"h ^= {w};")
        if self.chance(0.3):
            v = self.fresh("v")
            post.insert(0, f"uint64_t {v} = rp_mix({self.u64(ctx)}, {self.r.randint(1, 99)}u);")
            post.append(f"h += {v};")
        if early_ok and self.chance(0.3):
            forks += [f"if ({self.cond(ctx)})", "    " + self.ret_stmt(ctx.fn)]
        return pre + forks + ["#pragma parc join"] + post

    def group_loop(self, ctx):
        n = self.r.randint(2, 8)
        variant = self.r.choice(["index", "index", "reverse", "branch", "writes",
                                 "inner_join", "nested", "counted"])
        i = f"i{len(ctx.loops)}"
        head = f"for (int {i} = 0; {i} < {n}; {i}++) {{"
        inner = Ctx(ctx.fn, False)
        inner.loops, inner.mult = ctx.loops + [i], ctx.mult * n
        pre, body, post = [], [], []
        if variant == "writes":
            w = self.callee(ctx, "writer")
            if w is not None:
                buf, m = self.fresh("b"), self.r.randint(1, 4)
                pre += [f"{w.elem} {buf}[{n * m}];"] + self.fill_loop(buf, w.elem, n * m)
                call = self.call(inner, w, pre, (f"{buf} + {i} * {m}", str(m)))
                body.append(f"#pragma parc fork writes({buf}[{i} * {m}:{m}])")
                if w.ret:
                    xs = self.fresh("a")
                    pre.append(f"{w.ret} {xs}[{n}] = {{0}};")
                    body.append(f"{xs}[{i}] = {call};")
                    post += self.fold_loop(xs, w.ret, n)
                else:
                    body.append(f"{call};")
                post += self.fold_loop(buf, w.elem, n * m)
                return (pre + [head] + indent(body) + ["}", "#pragma parc join"] + post)
            variant = "index"
        if variant == "inner_join":
            # Destinations in the body, so the join must be there too.
            f, g = self.callee(ctx, "val"), self.callee(ctx, "val")
            t, u = self.fresh("t"), self.fresh("u")
            body += [f"{f.ret} {t} = 0;", "#pragma parc fork", f"{t} = {self.call(inner, f, pre)};",
                     "#pragma parc fork", f"{g.ret} {u} = {self.call(inner, g, pre)};",
                     "#pragma parc join", self.combine(f.ret, t), self.combine(g.ret, u)]
            return pre + [head] + indent(body) + ["}"]
        if variant == "counted":
            # Results of the forks that run, packed from 0 and summed after
            # the join (nqueens' shape: the clones fuse the sum when it is
            # in the elements' own unsigned type).
            f = self.callee(ctx, "val")
            xs, k, s = self.fresh("a"), self.fresh("k"), self.fresh("s")
            pre += [f"{f.ret} {xs}[{n}];", f"int {k} = 0;"]
            body += [f"if ({self.cond(inner)})", "    continue;", "#pragma parc fork",
                     f"{xs}[{k}++] = {self.call(inner, f, pre)};"]
            if f.ret in ("unsigned", "uint64_t"):
                post += [f"{f.ret} {s} = 0;", f"for (int {i} = 0; {i} < {k}; {i}++)",
                         f"    {s} += {xs}[{i}];"]
            else:
                post += ["uint64_t {s} = 0;".format(s=s), f"for (int {i} = 0; {i} < {k}; {i}++)",
                         f"    {s} += {to_u64(f.ret, xs + '[' + i + ']')};"]
            post.append(self.combine("uint64_t" if f.ret not in ("unsigned", "uint64_t")
                                     else f.ret, s))
            return pre + [head] + indent(body) + ["}", "#pragma parc join"] + post
        if variant == "nested":
            m = self.r.randint(2, 3)
            j = f"j{len(ctx.loops)}"
            inner.loops, inner.mult = inner.loops + [j], inner.mult * m
            f = self.callee(ctx, "val")
            xs = self.fresh("a")
            pre.append(f"{f.ret} {xs}[{n * m}] = {{0}};")
            body += [f"for (int {j} = 0; {j} < {m}; {j}++) {{", "#pragma parc fork",
                     f"    {xs}[{i} * {m} + {j}] = {self.call(inner, f, pre)};", "}"]
            post += self.fold_loop(xs, f.ret, n * m)
            return pre + [head] + indent(body) + ["}", "#pragma parc join"] + post
        f = self.callee(ctx, "val")
        xs = self.fresh("a")
        pre.append(f"{f.ret} {xs}[{n}] = {{0}};")
        slot = f"{xs}[{n - 1} - {i}]" if variant == "reverse" else f"{xs}[{i}]"
        if variant == "branch":
            # Unbraced branches; both callees must return the array's type.
            g = self.r.choice([c for c in self.fns if c.kind in ("val", "leaf")
                               and c.ret == f.ret] or [f])
            if ctx.fn is not None and g.kind == "val" and g.rank > ctx.fn.rank:
                g = f
            body += [f"if ({i} % 2)", "#pragma parc fork", f"    {slot} = {self.call(inner, f, pre)};",
                     "else", "#pragma parc fork", f"    {slot} = {self.call(inner, g, pre)};"]
        else:
            body += ["#pragma parc fork", f"{slot} = {self.call(inner, f, pre)};"]
        post += self.fold_loop(xs, f.ret, n)
        return pre + [head] + indent(body) + ["}", "#pragma parc join"] + post

    def group_ifelse(self, ctx):
        f, g = self.callee(ctx, "val"), self.callee(ctx, "val")
        pre = []
        if self.chance(0.5):
            # One destination, one join after the if.
            x = self.fresh("x")
            g = g if g.ret == f.ret else f
            pre.append(f"{f.ret} {x} = 0;")
            lines = [f"if ({self.cond(ctx)}) {{", "#pragma parc fork",
                     f"    {x} = {self.call(ctx, f, pre)};"]
            post = [self.combine(f.ret, x)]
            if self.chance(0.5):
                k = self.callee(ctx, "val")
                y = self.fresh("y")
                pre.append(f"{k.ret} {y} = 0;")
                lines += ["#pragma parc fork", f"    {y} = {self.call(ctx, k, pre)};"]
                post.append(self.combine(k.ret, y))
            lines += ["} else", "#pragma parc fork", f"    {x} = {self.call(ctx, g, pre)};",
                      "#pragma parc join"]
            return pre + lines + post
        # Destinations and joins inside each branch.
        t, u = self.fresh("t"), self.fresh("u")
        a = ["#pragma parc fork", f"{f.ret} {t} = {self.call(ctx, f, pre)};",
             "#pragma parc join", self.combine(f.ret, t)]
        b = [f"{g.ret} {u} = 0;", "#pragma parc fork", f"{u} = {self.call(ctx, g, pre)};",
             "#pragma parc join", self.combine(g.ret, u)]
        return pre + [f"if ({self.cond(ctx)}) {{"] + indent(a) + ["} else {"] + indent(b) + ["}"]

    def group_roots(self, ctx, fns):
        """One fork of each of fns, then a join."""
        pre, forks, post = [], [], []
        for f in fns:
            if f.kind == "writer":
                buf, size = self.fresh("b"), self.r.randint(4, 16)
                pre += [f"{f.elem} {buf}[{size}];"] + self.fill_loop(buf, f.elem, size)
                call = self.call(ctx, f, pre, (buf, str(size)))
                forks.append(f"#pragma parc fork writes({buf}[0:{size}])")
                post += self.fold_loop(buf, f.elem, size)
            else:
                call = self.call(ctx, f, pre)
                forks.append("#pragma parc fork")
            if f.ret:
                x = self.fresh("x")
                forks.append(f"{f.ret} {x} = {call};")
                post.append(self.combine(f.ret, x))
            else:
                forks.append(f"{call};")
        return pre + forks + ["#pragma parc join"] + post

    def group(self, ctx):
        kind = self.r.choice(["multi", "multi", "loop", "loop", "ifelse"])
        wrap = self.chance(0.3)
        if kind == "multi":
            lines = self.group_multi(ctx, ctx.outer and ctx.fn is not None and not wrap)
        elif kind == "loop":
            lines = self.group_loop(ctx)
        else:
            lines = self.group_ifelse(ctx)
        return ["{"] + indent(lines) + ["}"] if wrap else lines

    # ---- Functions ----------------------------------------------------------

    def ret_stmt(self, fn):
        if fn.ret is None:
            return "return;"
        return f"return {conv(fn.ret, f'h ^ {self.r.randint(0, 9999)}u')};"

    def head(self, fn):
        lines = [f"uint64_t h = {self.r.getrandbits(62)}u;"]
        for p in fn.params:
            if p.kind == "depth":
                lines.append("h = rp_mix(h, (uint64_t)d);")
            elif p.kind == "scalar":
                lines.append(f"h = rp_mix(h, {to_u64(p.ty, p.name)});")
            elif p.kind == "struct":
                for m, t in dict(self.structs)[p.ty.split()[1]]:
                    lines.append(f"h = rp_mix(h, {to_u64(t, p.name + '.' + m)});")
            elif p.kind == "reader":
                lines += [f"for (int i = 0; i < {p.name}n; i++)",
                          f"    h = rp_mix(h, {to_u64(p.ty, p.name + '[i]')});"]
            else:
                lines.append("h = rp_mix(h, (uint64_t)n);")
        return lines

    def body(self, fn):
        lines = self.head(fn)
        if fn.kind == "leaf":
            return lines + [self.ret_stmt(fn)]
        prune = f" || h % {self.r.randint(5, 13)}u == 0" if self.chance(0.4) else ""
        ctx = Ctx(fn, True)
        if fn.kind == "writer":
            # Every path writes all of out[0:n]: a leaf fills it, otherwise
            # forks of writers cover it in two or three slices.
            v = f"rp_mix(h, (uint64_t)i)"
            if fn.update:
                v = f"{to_u64(fn.elem, 'out[i]')} * 31u + {v}"
            if self.chance(0.5):
                cuts = [("0", "n / 2"), ("n / 2", "n - n / 2")]
            else:
                cuts = [("0", "n / 3"), ("n / 3", "n / 3"), ("2 * (n / 3)", "n - 2 * (n / 3)")]
            lines += [f"if (d <= 0 || n < {len(cuts)}{prune}) {{",
                      "    for (int i = 0; i < n; i++)",
                      f"        out[i] = {conv(fn.elem, v)};",
                      "    " + self.ret_stmt(fn), "}"]
            post, pre = [], []
            forks = []
            for lo, ln in cuts:
                w = self.callee(ctx, "writer", fn.elem)
                ptr = "out" if lo == "0" else f"out + {lo}"
                call = self.call(ctx, w, pre, (ptr, ln))
                forks.append(f"#pragma parc fork writes(out[{lo}:{ln}])")
                if w.ret:
                    x = self.fresh("x")
                    pre.append(f"{w.ret} {x} = 0;")
                    forks.append(f"{x} = {call};")
                    post.append(self.combine(w.ret, x))
                else:
                    forks.append(f"{call};")
            if self.chance(0.3):
                forks += [f"if ({self.cond(ctx)})", "    " + self.ret_stmt(fn)]
            lines += pre + forks + ["#pragma parc join"] + post
            if self.chance(0.5):
                lines += ["for (int i = 0; i < n; i++)",
                          f"    out[i] = {conv(fn.elem, to_u64(fn.elem, 'out[i]') + ' * 3u + h')};"]
            groups = self.r.randint(0, 1)
        else:
            lines += [f"if (d <= 0{prune})", "    " + self.ret_stmt(fn)]
            groups = self.r.choice([1, 1, 1, 2, 2, 3])
        for _ in range(groups):
            lines += self.group(ctx)
        if fn.kind == "writer":
            lines += ["for (int i = 0; i < n; i++)",
                      f"    h = rp_mix(h, {to_u64(fn.elem, 'out[i]')});"]
        return lines + [self.ret_stmt(fn)]

    def settle_marks(self):
        """The plugin counts a call of a function that writes through a
        pointer parameter as a write of the caller even when the argument is
        the caller's own local array, so a function that reaches a writer is
        contained, not pure: its PARC_PURE mark becomes PARC_CONTAINED."""
        writes = {fn.name for fn in self.fns if fn.kind == "writer"}
        changed = True
        while changed:
            changed = False
            for fn in self.fns:
                if fn.name not in writes and any(g.name in writes for g, _, _ in fn.sites):
                    writes.add(fn.name)
                    changed = True
        for fn in self.fns:
            if fn.name in writes and fn.mark == "PARC_PURE":
                fn.mark = "PARC_CONTAINED"

    # ---- Cost and depths --------------------------------------------------------

    def cost(self, fn, d, memo):
        """An upper bound of the calls one call of fn at depth d makes."""
        key = (fn.name, d)
        if key not in memo:
            c = 1
            if fn.kind != "leaf" and d > 0:
                for g, dec, mult in fn.sites:
                    c += mult * self.cost(g, d - dec, memo)
                    if c > CALL_BUDGET * 10:
                        break
            memo[key] = c
        return memo[key]

    # ---- Program ----------------------------------------------------------------

    def unit(self):
        """This seed's structs and functions, and its entry s<SEED>_main,
        which forks the roots and returns the hash."""
        self.make_structs()
        self.make_fns()
        bodies = {fn.name: self.body(fn) for fn in self.fns}
        self.settle_marks()
        entry = [f"uint64_t h = {self.r.getrandbits(62)}u;"]
        ctx = Ctx(None, True)
        for _ in range(self.r.randint(2, 4)):
            entry += self.group(ctx)
        # Every function runs: those no root reaches become roots too.
        reached, todo = set(), [f for f, _ in self.main_sites]
        while todo:
            f = todo.pop()
            if f.name not in reached:
                reached.add(f.name)
                todo += [g for g, _, _ in f.sites]
        missed = [f for f in self.fns if f.name not in reached]
        if missed:
            entry += self.group_roots(ctx, missed)
        entry.append("return h;")
        text = "\n".join(entry)
        # Each root call gets the largest depth within its share.
        memo = {}
        share = CALL_BUDGET // max(1, len(self.main_sites))
        for k, (fn, mult) in enumerate(self.main_sites):
            d = 0
            while d < MAX_DEPTH and mult * self.cost(fn, d + 1, memo) <= share:
                d += 1
            text = text.replace(f"@D{k}@", str(d), 1)
        out = [f"/* ---- seed {self.seed} ---- */", ""]
        for name, fields in self.structs:
            out.append(f"struct {name} {{ " + " ".join(f"{t} {m};" for m, t in fields) + " };")
        out.append("")
        # The mark sits on the prototype or on the definition (a mark on a
        # prototype applies to the definition).
        on_proto = {fn.name: self.chance(0.5) for fn in self.fns}
        for fn in self.fns:
            mark = fn.mark + " " if fn.mark and on_proto[fn.name] else ""
            out.append(f"{mark}{fn.proto()};")
        out.append("")
        for fn in self.fns:
            mark = fn.mark + " " if fn.mark and not on_proto[fn.name] else ""
            out += [f"{mark}{fn.proto()}", "{"] + indent(bodies[fn.name]) + ["}", ""]
        out += [f"static uint64_t {self.px}main(void)", "{"] + indent(text.split("\n")) + ["}", ""]
        return out


def program(seeds):
    """One translation unit holding every seed's unit; main prints one hash
    per seed, in order.  A seed's text does not depend on the others."""
    out = [f"/* Generated by testsuite/lib/parc-randprog.py {' '.join(map(str, seeds))}:"
           " do not edit. */",
           "#include <parc.h>", "#include <stdint.h>", "#include <stdio.h>", "",
           "static uint64_t rp_mix(uint64_t h, uint64_t v)",
           "{",
           "    h ^= v + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);",
           "    return h * 0xff51afd7ed558ccdu;",
           "}", ""]
    for seed in seeds:
        out += Gen(seed).unit()
    out += ["int main(void)", "{"]
    # Flushed per seed, so the lines before a crash still say which seeds ran.
    for seed in seeds:
        out += [f'    printf("%llu\\n", (unsigned long long)s{seed}_main());', "    fflush(stdout);"]
    out += ["    return 0;", "}"]
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) < 2 or not all(a.isdigit() for a in argv[1:]):
        sys.stderr.write("usage: parc-randprog.py SEED [SEED...] > prog.c\n")
        return 2
    sys.stdout.write(program([int(a) for a in argv[1:]]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
