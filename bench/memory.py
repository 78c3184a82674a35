"""How much memory ``sendkg serve`` and its query workers use on a synthetic build: RSS and PSS, process by process.

Starts ``sendkg serve`` (memory mode, the default) on the synthetic build of ``--size`` (written under
``var/bench/<size>/`` if it is not there, as ``bench.run`` does), then prints each process's RSS and PSS (from
/proc/<pid>/smaps_rollup) once it answers, once its memory copies have loaded, and after a few queries. RSS
counts a page shared by the workers once per process; PSS splits it between them, so the PSS total is what
the machine really gives the server. Usage: ``python -m bench.memory [--size 1M] [--queries 20]``.
A script, not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import urllib.parse
import urllib.request
from pathlib import Path

from bench.harness.processes import ROOT, pss_kb, rss_kb, stat_fields, tree
from bench.harness.servers import sendkg_server
from bench.run import ensure_build, queries
from bench.servers import settle
from bench.synthetic import parse_size


def role(pid: int, server: int) -> str:
    """What a process of the server's tree is: the server, a process it started, or one forked below that."""
    if pid == server:
        return "server"
    try:
        parent = int(stat_fields(pid)[1])
        argv = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, IndexError, ValueError):
        return "gone"
    if parent != server:
        return "worker (forked)"
    return "zygote" if b"zygote" in argv else "worker" if b"worker" in argv else "child"


def report(label: str, root: int) -> None:
    """Print RSS and PSS of every process under ``root`` and their totals."""
    pids = tree(root)
    rows = [(pid, role(pid, root), rss_kb(pid) / 1024, pss_kb(pid) / 1024) for pid in pids]
    print(f"\n{label}")
    for pid, name, rss, pss in rows:
        print(f"  {pid:>8} {name:<16} RSS {rss:8.1f} MiB   PSS {pss:8.1f} MiB")
    print(f"  {'total':>8} {'':<16} RSS {sum(r[2] for r in rows):8.1f} MiB   PSS {sum(r[3] for r in rows):8.1f} MiB")


def ask(base: str, text: str) -> int:
    """Run one query over HTTP; its status."""
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": text})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json, text/turtle"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def main() -> None:
    """Start the server, measure, query, measure again."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1M", help="synthetic build size (default 1M)")
    parser.add_argument("--queries", type=int, default=20, help="queries to run before the last measurement")
    args = parser.parse_args()
    folder = ROOT / "var" / "bench" / args.size
    ensure_build(parse_size(args.size), folder)
    server = sendkg_server(folder, CLIENT_QUERY_SECONDS=0).start()  # no per-client budget: every query runs
    try:
        report(f"answering after {server.cold_start_s:.2f} s", server.pid)
        waited = settle(server.pid)
        report(f"settled (memory copies loaded) {waited:.1f} s later", server.pid)
        named = list(queries().items())
        statuses = [ask(server.base, text) for _, text in (named * args.queries)[:args.queries]]
        report(f"after {len(statuses)} queries (statuses {sorted(set(statuses))})", server.pid)
    finally:
        server.stop(reap_children=True)


if __name__ == "__main__":
    main()
