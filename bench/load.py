"""A bounded load test: N concurrent clients mixing canned queries, entity pages, explorer pages and search.

    python -m bench.load --duration 60 --clients 16            # the full run (starts sendkg serve on var/)
    python -m bench.load --duration 12 --clients 16 --var DIR  # what CI runs (tests/reliability/test_load.py)
    python -m bench.load --duration 12 --clients 16 --flood 24  # ... while one address floods heavy queries

It starts ``sendkg serve`` on a free 127.0.0.1 port (or uses ``--url``), fetches every request once with a
single client (the reference answers), then lets the clients loop until ``--duration`` seconds or
``--requests`` per client, whichever comes first. Each client sends from its own loopback address
(127.0.0.10, 127.0.0.11 ...), as distinct users would; with ``--flood N``, 127.0.0.2 keeps N heavy queries
(``queries/load/heavy.rq``) in the air all the while, and the report counts its answers by status. Every answer is compared with the reference (SPARQL results
as sorted rows, pages byte for byte); the server's RSS (VmRSS) is read at the start, every second and at the
end. Prints a summary, writes ``--json``; exits 1 on any error or wrong answer. Loopback only.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import random
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from graph.paths import default_var_dir
from graph.queries import canned_queries, read_query
from web.shared.links import iri_to_path

from .measure import client_address, opener, percentile
from .harness.processes import rss_mb, tree
from .harness.servers import sendkg_server

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
SEARCH_WORDS = ("bury", "ofsted", "deficit", "agreement", "waiting", "inspection")
BLANK = re.compile(rb"_:\S+")
LOAD_QUERIES = Path(__file__).resolve().parent / "queries" / "load"


@dataclass(frozen=True)
class Probe:
    """One request of the mix: its kind (canned, entity, explore, search), URL and SPARQL body (None: GET)."""

    kind: str
    url: str
    sparql: str | None = None


FLOODER = "127.0.0.2"


def fetch(probe: Probe, timeout: float = 60.0, source: str | None = None) -> tuple[int, str, bytes]:
    """(status, content type, body) of one request from ``source``; HTTP errors are answers too, connection errors raise."""
    if probe.sparql is None:
        request = urllib.request.Request(probe.url, headers={"Accept": "text/html, application/json;q=0.9"})
    else:
        request = urllib.request.Request(probe.url, data=probe.sparql.encode(), method="POST", headers={
            "Content-Type": "application/sparql-query", "Accept": ACCEPT})
    try:
        with opener(source).open(request, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def fingerprint(content_type: str, body: bytes) -> str:
    """What two right answers share: SPARQL JSON rows sorted, N-Triples lines sorted (blank nodes blurred), else the bytes."""
    if content_type.startswith("application/sparql-results+json"):
        data = json.loads(body)
        rows = sorted(json.dumps(row, sort_keys=True) for row in data.get("results", {}).get("bindings", []))
        body = json.dumps([data.get("head"), data.get("boolean"), rows]).encode()
    elif content_type.startswith("application/n-triples"):
        body = b"\n".join(sorted(BLANK.sub(b"_:b", line) for line in body.splitlines()))
    return hashlib.sha256(body).hexdigest()


def select_iris(base: str, sparql: str) -> list[str]:
    """The first variable's IRIs of a SELECT on ``base``'s endpoint."""
    _, _, body = fetch(Probe("setup", f"{base}/sparql", sparql))
    data = json.loads(body)
    var = data["head"]["vars"][0]
    return [row[var]["value"] for row in data["results"]["bindings"] if var in row]


def probes(base: str, entities: int = 24) -> list[Probe]:
    """The mix: every canned query, a spread of entity pages, explorer pages of councils, searches."""
    everything = select_iris(base, read_query(LOAD_QUERIES / "entities.rq", "bench").text)
    councils = select_iris(base, read_query(LOAD_QUERIES / "councils.rq", "bench").text)
    step = max(1, len(everything) // entities)
    mix = [Probe("canned", f"{base}/sparql", q.bind()) for q in canned_queries()]
    mix += [Probe("entity", base + iri_to_path(iri)) for iri in everything[::step][:entities]]
    for iri in councils:
        focus = urllib.parse.quote(iri, safe="")
        mix += [Probe("explore", f"{base}/explore?focus={focus}&depth=2"), Probe("explore", f"{base}/explore.json?focus={focus}&depth=1")]
    for word in SEARCH_WORDS:
        mix += [Probe("search", f"{base}/search?q={word}"), Probe("search", f"{base}/search.json?q={word}")]
    return mix


def references(mix: list[Probe]) -> dict[Probe, str]:
    """Each probe's answer from a single client (fetched twice: an answer that changes on its own is an error)."""
    answers = {}
    for probe in mix:
        first, second = fetch(probe), fetch(probe)
        if first[0] != 200 or fingerprint(first[1], first[2]) != fingerprint(second[1], second[2]):
            raise RuntimeError(f"no stable single-client answer for {probe.url} (status {first[0]})")
        answers[probe] = fingerprint(first[1], first[2])
    return answers


class Tally:
    """Latencies by kind, errors and wrong answers (first few kept as examples), shared by the client threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.wrong: list[str] = []

    def record(self, probe: Probe, seconds: float, problem: str | None, wrong: bool) -> None:
        with self.lock:
            self.latency.setdefault(probe.kind, []).append(seconds * 1000)
            if problem:
                (self.wrong if wrong else self.errors).append(problem)


def client(number: int, mix, answers, tally: Tally, deadline: float, limit: int) -> None:
    """One client: random probes (seeded by ``number``) until ``deadline`` or ``limit`` requests."""
    chooser = random.Random(number)
    for _ in range(limit):
        if time.monotonic() >= deadline:
            return
        probe = chooser.choice(mix)
        started = time.perf_counter()
        try:
            status, content_type, body = fetch(probe, source=client_address(number))
        except (OSError, urllib.error.URLError, http.client.HTTPException) as error:  # refused, reset, cut off mid-answer
            tally.record(probe, time.perf_counter() - started, f"{probe.url}: {error}", wrong=False)
            continue
        seconds = time.perf_counter() - started
        if status != 200:
            tally.record(probe, seconds, f"{probe.url}: HTTP {status}: {body[:200]!r}", wrong=False)
        elif fingerprint(content_type, body) != answers[probe]:
            tally.record(probe, seconds, f"{probe.url}: answer differs from the single-client answer", wrong=True)
        else:
            tally.record(probe, seconds, None, wrong=False)


def memory(pid: int | None) -> dict:
    """RSS in MiB of the server process alone and with its query workers."""
    if pid is None:
        return {}
    return {"server_mb": round(rss_mb([pid]), 1), "with_workers_mb": round(rss_mb(tree(pid)), 1)}


def sample_memory(pid: int | None, stop: threading.Event, samples: list) -> None:
    while pid is not None and not stop.wait(1.0):
        samples.append(memory(pid))


def flooder(base: str, deadline: float, statuses: list, retry_after: list) -> None:
    """One of the flooding address's threads: heavy queries back to back until ``deadline``, answers by status."""
    probe = Probe("flood", f"{base}/sparql", read_query(LOAD_QUERIES / "heavy.rq", "bench").text)
    request = urllib.request.Request(probe.url, data=probe.sparql.encode(), method="POST", headers={
        "Content-Type": "application/sparql-query", "Accept": ACCEPT})
    while time.monotonic() < deadline:
        try:
            with opener(FLOODER).open(request, timeout=120) as response:
                response.read()
                statuses.append(response.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
            if error.code == 429:
                retry_after.append(error.headers.get("Retry-After"))
                time.sleep(0.05)  # a flooder that ignores Retry-After, but does not spin
        except OSError:
            statuses.append(0)


def run(base: str, pid: int | None, duration: float, clients: int, per_client: int, flood: int = 0) -> dict:
    """Warm up and take reference answers, then load ``base`` with ``clients`` threads (and ``flood`` flooding
    threads from one address); the report."""
    mix = probes(base)
    answers = references(mix)
    tally, stop, samples = Tally(), threading.Event(), []
    start_memory = memory(pid)
    sampler = threading.Thread(target=sample_memory, args=(pid, stop, samples), daemon=True)
    sampler.start()
    deadline = time.monotonic() + duration
    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n, mix, answers, tally, deadline, per_client)) for n in range(clients)]
    statuses, retry_after = [], []
    threads += [threading.Thread(target=flooder, args=(base, deadline, statuses, retry_after)) for _ in range(flood)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    stop.set()
    sampler.join()
    result = report(tally, elapsed, clients, len(mix), start_memory, memory(pid), samples)
    result["flood"] = {"threads": flood, "by_status": {str(k): statuses.count(k) for k in sorted(set(statuses))},
                       "retry_after_missing": sum(1 for value in retry_after if not value)}
    return result


def report(tally: Tally, elapsed: float, clients: int, probes_count: int, start: dict, end: dict, samples: list) -> dict:
    """The run as data: counts, p50/p95 overall and by kind, memory at start, end and peak."""
    every = [ms for values in tally.latency.values() for ms in values]
    kinds = {kind: {"requests": len(v), "p50_ms": round(percentile(v, 0.5), 1), "p95_ms": round(percentile(v, 0.95), 1)}
             for kind, v in sorted(tally.latency.items())}
    peak = max((s.get("with_workers_mb", 0) for s in samples), default=0)
    return {"clients": clients, "seconds": round(elapsed, 1), "distinct_requests": probes_count, "requests": len(every),
            "requests_per_second": round(len(every) / elapsed, 1), "errors": len(tally.errors), "wrong": len(tally.wrong),
            "p50_ms": round(percentile(every, 0.5), 1) if every else None,
            "p95_ms": round(percentile(every, 0.95), 1) if every else None, "by_kind": kinds,
            "rss_start": start, "rss_end": end, "rss_peak_with_workers_mb": peak,
            "examples": (tally.errors + tally.wrong)[:10]}


def summary(result: dict) -> str:
    """The report as a few readable lines."""
    lines = [f"{result['requests']} requests from {result['clients']} clients in {result['seconds']} s "
             f"({result['requests_per_second']}/s): {result['errors']} errors, {result['wrong']} wrong answers",
             f"latency p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms"]
    lines += [f"  {kind:8} {k['requests']:6} requests  p50 {k['p50_ms']:8} ms  p95 {k['p95_ms']:8} ms" for kind, k in result["by_kind"].items()]
    if result.get("flood", {}).get("threads"):
        lines.append(f"flood from {FLOODER}: {result['flood']['threads']} threads, answers by status {result['flood']['by_status']}")
    lines.append(f"RSS start {result['rss_start']}, end {result['rss_end']}, peak with workers {result['rss_peak_with_workers_mb']} MiB")
    return "\n".join(lines + [f"  ! {e}" for e in result["examples"]])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--flood", type=int, default=0, help="threads of heavy queries from 127.0.0.2 meanwhile (default 0)")
    parser.add_argument("--requests", type=int, default=100_000, help="most requests per client (default 100000)")
    parser.add_argument("--var", help="SENDKG_VAR of the server to start (default: the environment's, else var/)")
    parser.add_argument("--url", help="load this running server (http://127.0.0.1:PORT) instead of starting one")
    parser.add_argument("--pid", type=int, help="with --url: the server's process id, to read its RSS")
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    if args.url and urllib.parse.urlsplit(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        parser.error("--url must be a loopback address")
    server = None if args.url else sendkg_server(Path(args.var) if args.var else default_var_dir()).start()
    try:
        base, pid = (args.url.rstrip("/"), args.pid) if args.url else (server.base, server.pid)
        result = run(base, pid, args.duration, args.clients, args.requests, args.flood)
    finally:
        if server:
            server.stop()
    print(summary(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0 if result["errors"] == 0 and result["wrong"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
