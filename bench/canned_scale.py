"""Canned (and page) queries at scale, before against after, in one run: the real build plus SYNTHETIC data.

    python -m bench.canned_scale --real var/current --sizes 0,10k,100k,1M --before main
    python -m bench.canned_scale --only 03-councils-by-outcome,04-quotes --sizes 1M --pages

Per size it loads the real build's dump plus ``bench.synthetic.generate(size)`` into one pyoxigraph
in-memory store, then times every query file twice: as the git ref ``--before`` has it and as the working
tree has it (bound with their defaults; a page query's other parameters with a sample value: Bury). Each
(query, version) runs in a forked child sharing the loaded store; a run past ``--cap`` seconds gets its
child killed. Prints a Markdown table: median ms of ``--reps`` runs (after one warm-up run when the first
is under a second; a run is the query and reading its solutions, as in ``bench/inproc.py``), and whether
the two versions return the same rows (same: same rows in the same order; "same set": same rows, ties
ordered otherwise; "same, lists reordered": the items of a GROUP_CONCAT list, whose order SPARQL leaves
open, come in another order). Build the real graph first (``sendkg build``).
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing as mp
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from bench.harness.processes import ROOT
from bench.synthetic import generate, parse_size
from graph.queries import read_query
from graph.store import builds
from graph.terms import ID

LIST_SEPARATOR = re.compile(r" \| |, |; ")
BURY = str(ID["council/bury"])
SAMPLE = {"iri": BURY, "iris": [BURY, str(ID["agreement/bury"])], "string": "bury",
          "strings": ["bury", "send"], "integer": 3, "date": "2024-05-31"}  # for a page query's parameters
ROLES = {"canned": "graph/queries/canned", "pages": "graph/queries/pages"}


def load_store(real: Path, size: int) -> ox.Store:
    """The real build's dump plus about ``size`` SYNTHETIC triples, in memory."""
    store = ox.Store()
    store.load(path=str(real / builds.DUMP), format=ox.RdfFormat.N_TRIPLES)
    if size:
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in generate(size))
    return store


def versions(ref: str, folder: str, only: set[str]) -> dict[str, dict[str, str | None]]:
    """name -> {"before": text at ``ref`` or None, "after": the working tree's text}, bound with defaults."""
    out: dict[str, dict[str, str | None]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted((ROOT / folder).glob("*.rq")):
            if only and path.stem not in only:
                continue
            shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:{folder}/{path.name}"],
                                   capture_output=True, text=True)
            before = None
            if shown.returncode == 0:
                old = Path(tmp) / path.name
                old.write_text(shown.stdout, encoding="utf-8")
                before = bound(old)
            out[path.stem] = {"before": before, "after": bound(path)}
    return out


def bound(path: Path) -> str:
    """A query file's text with its parameters' defaults written in, else a sample value of the param's type."""
    query = read_query(path, "bench")
    return query.bind(**{p.name: SAMPLE[p.type] for p in query.params if p.default is None})


def run_once(store: ox.Store, text: str) -> tuple[float, list[tuple]]:
    """Seconds to run ``text`` and read every solution (as the benchmark's in-process floor does), and its rows.

    The rows (SELECT: variables then rows; ASK: the boolean; CONSTRUCT: sorted triples) are made after the clock stops.
    """
    started = time.perf_counter()
    result = store.query(text)
    solutions = result if isinstance(result, bool) else list(result)
    seconds = time.perf_counter() - started
    if isinstance(result, ox.QuerySolutions):
        names = tuple(v.value for v in result.variables)
        return seconds, [names] + [tuple(None if v is None else str(v) for v in s) for s in solutions]
    if isinstance(result, bool):
        return seconds, [(result,)]
    return seconds, sorted((str(t),) for t in solutions)


def child(store: ox.Store, text: str, reps: int, conn) -> None:
    """Run ``text`` (one warm-up if quick, then ``reps`` times), sending each time and the first digest."""
    runs = 0
    while runs < reps + 1:
        seconds, rows = run_once(store, text)
        if runs == 0:
            conn.send(("digest", digest(rows)))
        conn.send(("time", seconds))
        runs += 1
        if runs == 1 and seconds > 1:  # slow: no warm-up worth discarding
            runs += 1
    conn.send(("done", None))


def digest(rows: list[tuple]) -> tuple[str, str, str]:
    """Hashes of the rows: in order, as a sorted multiset, and with GROUP_CONCAT lists' items sorted too."""
    head, body = rows[:1], rows[1:]
    loose = sorted((tuple(concat_sorted(v) for v in row) for row in body), key=repr)
    return tuple(hashlib.sha1(repr(head + b).encode()).hexdigest()[:10]
                 for b in (body, sorted(body, key=repr), loose))


def concat_sorted(value: str | None) -> str | None:
    """A cell with the items of a GROUP_CONCAT list (" | ", ", " or "; " between) in sorted order."""
    if value is None or not (value.startswith('"') and value.endswith('"')):
        return value
    return "|".join(sorted(LIST_SEPARATOR.split(value[1:-1])))


def measure(store: ox.Store, text: str, reps: int, cap: float) -> dict:
    """Median seconds (or None past the cap / on error) and the result digest of one query text."""
    parent, end = mp.Pipe(duplex=False)
    proc = mp.get_context("fork").Process(target=child, args=(store, text, reps, end), daemon=True)
    proc.start()
    times, found, error = [], None, None
    while True:
        if not parent.poll(cap):
            proc.kill()
            error = f">{cap:g}s"
            break
        try:
            kind, value = parent.recv()
        except EOFError:
            error = "error"
            break
        if kind == "digest":
            found = value
        elif kind == "time":
            times.append(value)
        else:
            break
    proc.join()
    kept = times[1:] if len(times) > 1 else times
    return {"ms": None if error else statistics.median(kept) * 1000, "digest": found, "error": error}


def cell(m: dict | None) -> str:
    """A table cell: the median ms, or why there is none."""
    if m is None:
        return "-"
    return m["error"] or (f"{m['ms']:.0f}" if m["ms"] >= 10 else f"{m['ms']:.1f}")


def same(before: dict | None, after: dict) -> str:
    """Whether both versions gave the same rows."""
    if before is None or not before["digest"] or not after["digest"]:
        return "n/a" if before is None else "not compared"
    if before["digest"] == after["digest"]:
        return "same"
    if before["digest"][1] == after["digest"][1]:
        return "same set"
    return "same, lists reordered" if before["digest"][2] == after["digest"][2] else "**DIFFERENT**"


def main(argv: list[str] | None = None) -> int:
    """Command line: print the before/after table."""
    parser = argparse.ArgumentParser(description="Time canned queries, before and after, on real + SYNTHETIC data.")
    parser.add_argument("--real", type=Path, default=ROOT / "var" / "current", help="a build folder (graph.nt)")
    parser.add_argument("--sizes", default="0,10k,100k,1M", help="synthetic triples added (0: the real build only)")
    parser.add_argument("--before", default="main", help="git ref of the old query files (default main)")
    parser.add_argument("--reps", type=int, default=3, help="timed runs per query (median; default 3)")
    parser.add_argument("--cap", type=float, default=10.0, help="seconds before a run is killed (default 10)")
    parser.add_argument("--pages", action="store_true", help="also the page queries (graph/queries/pages/)")
    parser.add_argument("--only", default="", help="comma-separated query names")
    args = parser.parse_args(argv)
    only = {n for n in args.only.split(",") if n}
    texts = versions(args.before, ROLES["canned"], only)
    if args.pages:
        texts |= versions(args.before, ROLES["pages"], only)
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    table: dict[str, dict[int, dict]] = {name: {} for name in texts}
    for size in sizes:
        started = time.perf_counter()
        store = load_store(args.real, size)
        print(f"# size +{size}: {len(store)} triples loaded in {time.perf_counter() - started:.1f}s", flush=True)
        for name, pair in texts.items():
            old = measure(store, pair["before"], args.reps, args.cap) if pair["before"] else None
            new = old if pair["before"] == pair["after"] else measure(store, pair["after"], args.reps, args.cap)
            table[name][size] = {"before": old, "after": new, "same": same(old, new)}
            print(f"#   {name}: {cell(old)} -> {cell(new)} ms ({table[name][size]['same']})", flush=True)
        del store
    print_table(table, sizes, args)
    return 0


def print_table(table: dict, sizes: list[int], args) -> None:
    """The Markdown table: one row per query, before / after ms and answers per size."""
    label = {0: "real"} | {s: f"real+{s // 1000}k" if s < 1_000_000 else f"real+{s // 1_000_000}M" for s in sizes if s}
    print(f"\nmedian ms of {args.reps} runs, in memory; before = {args.before}, after = working tree; "
          f"cap {args.cap:g}s per run\n")
    print("| query | " + " | ".join(f"{label[s]} before / after (answers)" for s in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for name, by_size in table.items():
        cells = [f"{cell(by_size[s]['before'])} / {cell(by_size[s]['after'])} ({by_size[s]['same']})"
                 if s in by_size else "-" for s in sizes]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    raise SystemExit(main())
