#!/usr/bin/env python3
"""The import graph of src/, by top-level module, and its cycles.

    python3 scripts/imports.py            # edges between top-level modules, then cycles
    python3 scripts/imports.py --files    # the same by file, with strongly connected groups

A use of `crate::a::b` from a file of module `x` is an edge x -> a. The flow is
base/fold/diag -> catalog -> read -> needs -> cost -> report -> cmd; an edge against it is a
cycle when both ends reach each other.
"""
import os, re, sys
from collections import defaultdict

SRC = os.path.join(os.path.dirname(__file__), "..", "src")
by_file = "--files" in sys.argv
pat = re.compile(r"crate::([a-z_]+)(?:::([a-z_]+))?")
use_block = re.compile(r"use crate::\{([^;]*)\};", re.S)

def module_of(path):
    rel = os.path.relpath(path, SRC)
    parts = rel[:-3].split(os.sep)
    return parts[0]

def file_key(path):
    return os.path.relpath(path, SRC)

files = []
for root, _, names in os.walk(SRC):
    for n in names:
        if n.endswith(".rs"):
            files.append(os.path.join(root, n))
mods = {module_of(f) for f in files}
edges = defaultdict(set)
for f in files:
    text = open(f, encoding="utf-8").read()
    text = text.split("#[cfg(test)]")[0]
    text = "\n".join(l for l in text.splitlines() if not l.strip().startswith("//"))
    src = file_key(f) if by_file else module_of(f)
    targets = set()
    for m in pat.finditer(text):
        targets.add((m.group(1), m.group(2)))
    for m in use_block.finditer(text):
        for part in re.split(r",\s*(?![^{]*\})", m.group(1)):
            part = part.strip()
            if part:
                head = re.match(r"([a-z_]+)(?:::([a-z_]+))?", part)
                if head:
                    targets.add((head.group(1), head.group(2)))
    for a, b in targets:
        if a not in mods:
            continue
        if by_file:
            cand = [os.path.join(a, (b or "") + ".rs"), os.path.join(a, b or "", "mod.rs"),
                    os.path.join(a, "mod.rs"), a + ".rs"]
            dst = next((c for c in cand if os.path.exists(os.path.join(SRC, c))), None)
            if dst and dst != src:
                edges[src].add(dst)
        elif a != src:
            edges[src].add(a)

# Tarjan's strongly connected components.
index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
def strong(v):
    index[v] = low[v] = counter[0]; counter[0] += 1
    stack.append(v); on.add(v)
    for w in sorted(edges.get(v, ())):
        if w not in index:
            strong(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        sccs.append(sorted(comp))
sys.setrecursionlimit(10000)
nodes = set(edges) | {w for ws in edges.values() for w in ws}
for v in sorted(nodes):
    if v not in index:
        strong(v)
if not by_file:
    for v in sorted(edges):
        print(f"{v} -> {', '.join(sorted(edges[v]))}")
cycles = [c for c in sccs if len(c) > 1]
for c in cycles:
    print(f"cycle of {len(c)}: {' '.join(c)}")
if not cycles:
    print("no cycles")
sys.exit(1 if cycles else 0)
