"""Fixtures of the reliability suite: private copies of the session build, and a live ``sendkg serve`` over one."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from rdflib import Graph
from rdflib.compare import to_canonical_graph

from bench.harness.servers import sendkg_server
from reliability.folders import copy_build
from reliability.wire import send

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
BURY_LABEL = "SELECT ?label WHERE { <https://w3id.org/sendkg/id/council/bury> <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
QUERY_TIMEOUT = 1.5


@pytest.fixture
def private_var(built, tmp_path):
    """A SENDKG_VAR of this test's own holding a copy of the session build."""
    return copy_build(built, tmp_path / "var")


def select(base: str, sparql: str) -> list[dict]:
    """The bindings of a SELECT sent to ``base``'s endpoint (asserting a 200)."""
    reply = send(base, "GET", "/sparql?" + urlencode({"query": sparql}), {"Accept": "application/sparql-results+json"})
    assert reply.status == 200, (reply.status, reply.text()[:500])
    return json.loads(reply.body)["results"]["bindings"]


def normal_answer(base: str) -> tuple[int, str]:
    """The answers to two ordinary queries: how many triples, and Bury's label."""
    count = int(select(base, COUNT)[0]["n"]["value"])
    return count, select(base, BURY_LABEL)[0]["label"]["value"]


def n_triples(base: str) -> bytes:
    """The whole default graph as N-Triples from the Graph Store endpoint (never cached by the app)."""
    reply = send(base, "GET", "/store?default", {"Accept": "application/n-triples"})
    assert reply.status == 200, reply.text()[:500]
    return reply.body


def canonical_dump(base: str) -> bytes:
    """The full N-Triples dump with blank nodes relabelled canonically (rdflib) and lines sorted.

    A store loaded into memory from ``graph.nt`` gives its blank nodes fresh labels in every process (and
    the in-memory copy takes over from the on-disk store once loaded), so the same data is compared in this form.
    """
    graph = to_canonical_graph(Graph().parse(data=n_triples(base), format="nt"))
    return b"\n".join(sorted(graph.serialize(format="nt", encoding="utf-8").splitlines()))


@pytest.fixture
def serve(private_var):
    """A started ``sendkg serve`` over ``private_var`` (time limit 1.5 s), stopped after the test."""
    server = sendkg_server(private_var, QUERY_TIMEOUT=QUERY_TIMEOUT, QUERY_WORKERS=2).start()
    yield server
    server.stop()


def pytest_collection_modifyitems(config, items):
    """Every reliability test runs its own embedded servers, so the SENDKG_TEST_BACKEND=oxigraph rerun skips them."""
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.embedded_only)
