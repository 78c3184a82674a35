"""The contestants at one size: the store in-process, ``sendkg serve``, Oxigraph server, and the naive Flask+rdflib app."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bench.harness.processes import ROOT, ServerProcess
from bench.harness.servers import ASK, OxigraphServer, load_store, sendkg_server
from graph.store.remote import load as put_graph


def sendkg(build_var: Path, in_memory: bool, cap: float) -> ServerProcess:
    """``sendkg serve`` over a synthetic build, from disk or loaded into memory.

    The benchmark is one client sending every query back to back for minutes, which the per-client budget of
    query time (``CLIENT_QUERY_SECONDS``, 60 s a minute) refuses by design after a minute of slow queries at 1M
    (tests/reliability/test_fairness.py proves that bound), so that one bound is lifted here: this measures the
    queries. The bounds on queries in flight and running stay, and the throughput clients send from distinct
    loopback addresses (``measure.throughput``)."""
    return sendkg_server(build_var, name=f"sendkg serve ({'memory' if in_memory else 'disk'})",
                         STORE_IN_MEMORY="1" if in_memory else "0", QUERY_TIMEOUT=cap, CLIENT_QUERY_SECONDS=0)


def oxigraph_disk(location: Path, cap: float) -> ServerProcess:
    """Oxigraph server, read-only, on a store folder written by ``oxigraph load``."""
    return OxigraphServer(location, timeout_s=cap)


def oxigraph_memory(dump: Path, cap: float) -> ServerProcess:
    """Oxigraph server in memory, given the graph by a Graph Store Protocol PUT once it listens."""
    return OxigraphServer(timeout_s=cap, after_start=lambda server: put_graph(server.base + "/store", dump))


def naive(dump: Path) -> ServerProcess:
    """A plain Flask app on rdflib's default memory store (bench/naive_app.py)."""
    argv = [sys.executable, str(ROOT / "bench" / "naive_app.py"), str(dump), "{port}"]
    return ServerProcess("flask + rdflib (memory)", argv, "/sparql" + ASK)


def oxigraph_load(dump: Path, location: Path) -> float:
    """Seconds ``oxigraph load`` takes to write ``dump`` into a new store folder."""
    started = time.perf_counter()
    load_store(dump, location)
    return time.perf_counter() - started


def endpoint(service: ServerProcess) -> str:
    """The SPARQL query URL of a service."""
    return service.base + ("/query" if service.name.startswith("oxigraph") else "/sparql")


class Recording:
    """A store wrapper that notes every query a page runs (to time a page's underlying queries on their own)."""

    def __init__(self, store):
        self.store = store
        self.queries: list[str] = []

    def __getattr__(self, name):
        return getattr(self.store, name)

    def __len__(self) -> int:
        return len(self.store)

    def query(self, sparql: str, *args, **kwargs):
        self.queries.append(sparql)
        return self.store.query(sparql, *args, **kwargs)

    def select(self, sparql: str):
        self.queries.append(sparql)
        return self.store.select(sparql)

    def triples(self, sparql: str):
        self.queries.append(sparql)
        return self.store.triples(sparql)


def page_queries(store, path: str) -> list[str]:
    """The SPARQL queries the web app runs to render ``path`` on ``store``."""
    from web import create_app
    recording = Recording(store)
    response = create_app({"TESTING": True}, store=recording).test_client().get(path, headers={"Accept": "text/html"})
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code} in-process")
    return recording.queries
