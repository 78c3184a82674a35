"""Timing helpers: latency percentiles under a count and time budget, and throughput with N concurrent clients."""

from __future__ import annotations

import functools
import http.client
import statistics
import threading
import time
import urllib.parse
import urllib.request

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"


class FromAddress(urllib.request.HTTPHandler):
    """An HTTP handler whose connections leave from one loopback ``address`` (one client, as the server sees it)."""

    def __init__(self, address: str):
        super().__init__()
        self.address = address

    def http_open(self, req):
        return self.do_open(functools.partial(http.client.HTTPConnection, source_address=(self.address, 0)), req)


@functools.cache
def opener(address: str | None) -> urllib.request.OpenerDirector:
    """An opener sending from ``address`` (None: the system's choice, 127.0.0.1 for loopback)."""
    return urllib.request.build_opener(FromAddress(address)) if address else urllib.request.build_opener()


def client_address(number: int) -> str:
    """The loopback address load client ``number`` sends from."""
    return f"127.0.0.{10 + number}"


def sparql_over_http(url: str, sparql: str, timeout: float = 120.0, source: str | None = None) -> bytes:
    """POST ``sparql`` to a SPARQL endpoint on loopback, from loopback address ``source`` if given; the response
    body (raises on HTTP errors)."""
    request = urllib.request.Request(url, data=sparql.encode(), method="POST", headers={
        "Content-Type": "application/sparql-query", "Accept": ACCEPT})
    with opener(source).open(request, timeout=timeout) as response:
        return response.read()


def get(url: str, timeout: float = 120.0) -> bytes:
    """GET ``url`` (HTML pages); the body."""
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "text/html"}), timeout=timeout) as response:
        return response.read()


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by linear interpolation."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


def latency(call, reps: int = 15, budget: float = 6.0, warmup: int = 1, least: int = 2) -> dict:
    """Call ``call()`` up to ``reps`` times within ``budget`` seconds (at least ``least`` times); p50/p95 in ms.

    A warm-up run that alone exceeds the budget is kept as the only sample (slow queries at 1M would
    otherwise take minutes each).
    """
    times: list[float] = []
    for _ in range(warmup):
        t = time.perf_counter()
        call()
        if time.perf_counter() - t > budget:
            times.append((time.perf_counter() - t) * 1000)
            return {"p50_ms": round(times[0], 2), "p95_ms": round(times[0], 2), "n": 1}
    started = time.perf_counter()
    while len(times) < reps and (len(times) < least or time.perf_counter() - started < budget):
        t = time.perf_counter()
        call()
        times.append((time.perf_counter() - t) * 1000)
    return {"p50_ms": round(percentile(times, 0.5), 2), "p95_ms": round(percentile(times, 0.95), 2), "n": len(times)}


def throughput(call, clients: int, seconds: float = 3.0) -> float:
    """Requests per second that ``clients`` threads calling ``call(address)`` back to back complete in ``seconds``;
    each thread is a client of its own, sending from its own loopback ``client_address`` as distinct users would
    (sendkg bounds each client's queries in flight and running, so threads sharing one address would measure its
    per-client bounds instead of the server's throughput)."""
    done = [0] * clients
    errors: list[BaseException] = []
    stop = time.perf_counter() + seconds

    def client(i: int) -> None:
        while time.perf_counter() < stop:
            try:
                call(client_address(i))
            except Exception as error:  # a benchmark counts failures instead of dying; reported below
                errors.append(error)
                return
            done[i] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{len(errors)} client(s) failed, first: {errors[0]!r}")
    return round(sum(done) / (time.perf_counter() - started), 1)
