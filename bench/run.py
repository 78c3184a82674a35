"""The benchmark: sendkg against Oxigraph server and a naive Flask+rdflib app on SYNTHETIC graphs of 10k-1M triples.

    python -m bench.run                      # 10k, 100k, 1M; the naive app only up to 100k
    python -m bench.run --sizes 10k,100k --naive-max 100k --write-latest

Prints a Markdown table and writes bench/results/<stamp>.json; requests go only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import time
import urllib.error
from datetime import datetime, timezone
from pathlib import Path

from graph.queries import canned_queries, read_query
from graph.terms import DATA_BASE
from bench.synthetic import parse_size, write_build

from . import backends
from .inproc import Floor
from .measure import get, latency, sparql_over_http, throughput
from .report import markdown
from .harness.processes import ROOT
from .servers import PeakRss, settle

BENCH = ROOT / "bench"
THROUGHPUT_QUERY = "funding-per-council"
CAPPED = "no answer within the"
ENTITY, EXPLORE_DEPTH = "council/syn-00001", 2


def queries() -> dict[str, str]:
    """Every canned query plus the benchmark's own join queries, by name."""
    named = {q.name: q.bind() for q in canned_queries()}
    named |= {p.stem: read_query(p, "bench").text for p in sorted((BENCH / "queries").glob("*.rq"))}
    return named


def ensure_build(size: int, folder: Path) -> dict:
    """A synthetic build of ``size`` under ``folder`` (reused if it is there); its build.json."""
    info_file = folder / "current" / "build.json"
    if not info_file.exists() or json.loads(info_file.read_text()).get("requested_size") != size:
        write_build(folder, size)
    return json.loads(info_file.read_text())


def in_process(build: Path, named: dict, args) -> dict:
    """Latency of every query and page's queries on the store opened in a child process (the floor), disk and memory."""
    out = {}
    for mode, in_memory in (("disk", False), ("memory", True)):
        floor = Floor(build, in_memory, args.reps, args.budget, args.cap)
        try:
            out[mode] = {"queries": {name: floor.ask("query", text) for name, text in named.items()},
                         "pages": {page: floor.ask("page", path) for page, path in page_paths().items()}}
            out[mode]["open_s"] = floor.open_s
        finally:
            floor.stop()
    return out


def page_paths() -> dict[str, str]:
    """The pages timed: the benchmark entity's page and its explorer drawing."""
    iri = DATA_BASE + ENTITY
    return {"entity": f"/id/{ENTITY}", "explorer": f"/explore?focus={iri}&depth={EXPLORE_DEPTH}"}


def over_http(service, named: dict, args, naive: bool = False) -> dict:
    """Cold start, query latency, pages (sendkg only), throughput and peak RSS of one server."""
    service.start()
    result = {"cold_start_s": round(service.cold_start_s, 2)}
    try:
        with PeakRss(service) as peak:
            result["settled_s"] = round(result["cold_start_s"] + settle(service.pid), 2)
            measure_server(service, named, args, naive, result)
    finally:
        service.stop(reap_children=True)
    result["peak_rss_mb"] = round(peak.peak, 1)
    result["peak_pss_mb"] = round(peak.peak_pss, 1)
    return result


def measure_server(service, named: dict, args, naive: bool, result: dict) -> None:
    """Query latency, pages (sendkg only) and throughput of a started server, into ``result``."""
    url = backends.endpoint(service)
    reps, budget = (3, args.budget) if naive else (args.reps, args.budget)
    result["queries"] = {}
    for name, text in named.items():
        result["queries"][name] = timed_query(url, text, reps, budget, naive, args.cap)
        if naive and CAPPED in result["queries"][name].get("error", ""):
            # rdflib cannot cancel a query: the one past the cap still holds a server thread, and a few of them
            # would make every later query time out too. Restart, so the next one meets an idle server.
            service.stop(reap_children=True)
            service.start()
    if service.name.startswith("sendkg"):
        result["pages"] = {page: latency(lambda p=path: get(service.base + p, args.cap), args.reps, args.budget)
                           for page, path in page_paths().items()}
        result["explorer_nodes"] = len(json.loads(get(service.base + page_paths()["explorer"].replace("/explore?", "/explore.json?")))["nodes"])
    if result["queries"][THROUGHPUT_QUERY].get("p50_ms", float("inf")) < 1000:
        text = named[THROUGHPUT_QUERY]
        result["throughput_rps"] = {str(c): throughput(lambda source: sparql_over_http(url, text, source=source), c, args.seconds)
                                    for c in (1, 4, 16)}


def timed_query(url: str, text: str, reps: int, budget: float, naive: bool, cap: float) -> dict:
    """Latency of one query over HTTP, or the error the server answered (the naive app fails some queries)."""
    try:
        if naive:
            return latency(lambda: sparql_over_http(url, text, cap), reps, budget, warmup=0, least=1)
        return latency(lambda: sparql_over_http(url, text, cap), reps, budget)
    except urllib.error.HTTPError as error:
        return {"error": f"HTTP {error.code}: {error.read(300).decode(errors='replace')}"}
    except (urllib.error.URLError, TimeoutError) as error:
        return {"error": f"{CAPPED} {cap:g} s cap ({error})"}


def run_size(label: str, args, named: dict) -> dict:
    """Everything measured at one size."""
    size = parse_size(label)
    folder = ROOT / "var" / "bench" / label
    info = ensure_build(size, folder)
    build = (folder / "current").resolve()
    dump = build / "graph.nt"
    result = {"triples": info["triples"], "build_s": {"sendkg (generate + bulk load)": info["build_seconds"]}}
    location = folder / "oxigraph-store"
    shutil.rmtree(location, ignore_errors=True)
    result["build_s"]["oxigraph load"] = round(backends.oxigraph_load(dump, location), 2)
    result["in_process"] = in_process(build, named, args)
    services = [backends.sendkg(folder, False, args.cap), backends.sendkg(folder, True, args.cap),
                backends.oxigraph_disk(location, args.cap), backends.oxigraph_memory(dump, args.cap)]
    if size <= parse_size(args.naive_max):
        services.append(backends.naive(dump))
    result["servers"] = {}
    for service in services:
        print(f"[{label}] {service.name} ...", flush=True)
        result["servers"][service.name] = over_http(service, named, args, naive=service.name.startswith("flask"))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,100k,1M", help="comma-separated sizes (default 10k,100k,1M)")
    parser.add_argument("--naive-max", default="100k", help="largest size for the naive rdflib app (default 100k: ~30 s load and ~25 s joins at 1M)")
    parser.add_argument("--reps", type=int, default=12, help="most timed runs per query (default 12)")
    parser.add_argument("--budget", type=float, default=3.0, help="seconds per query measurement, at least 2 runs unless the warm-up alone took longer (default 3)")
    parser.add_argument("--cap", type=float, default=10.0, help="seconds any one query may take before it counts as failed (default 10, sendkg's own default limit)")
    parser.add_argument("--seconds", type=float, default=3.0, help="seconds per throughput level (default 3)")
    parser.add_argument("--write-latest", action="store_true", help="also write bench/LATEST.md")
    args = parser.parse_args(argv)
    named, started = queries(), time.perf_counter()
    results = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
               "settings": vars(args), "sizes": {}}
    for label in args.sizes.split(","):
        results["sizes"][label] = run_size(label.strip(), args, named)
    results["wall_s"] = round(time.perf_counter() - started, 1)
    (BENCH / "results").mkdir(exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    (BENCH / "results" / f"{stamp}.json").write_text(json.dumps(results, indent=2))
    table = markdown(results)
    print(table)
    if args.write_latest:
        (BENCH / "LATEST.md").write_text(table)
    return 0


def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name")), "?")
    mem = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    return f"{os.cpu_count()} cores, {cpu}, {mem} GiB RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}"


if __name__ == "__main__":
    raise SystemExit(main())
