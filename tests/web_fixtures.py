"""Stores and apps for the web UI tests: the ontology plus a small fixture graph (imported by the test modules)."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from graph.store import Store
from web import create_app

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def fixture_bytes(name: str) -> bytes:
    """The ontology followed by ``tests/fixtures/<name>.ttl``."""
    return (ROOT / "ontology" / "sendkg.ttl").read_bytes() + b"\n" + (FIXTURES / f"{name}.ttl").read_bytes()


def fixture_graph(name: str) -> rdflib.Graph:
    """``tests/fixtures/<name>.ttl`` alone, parsed by rdflib (the expected data)."""
    return rdflib.Graph().parse(FIXTURES / f"{name}.ttl", format="turtle")


@pytest.fixture
def web_store() -> Store:
    """Ontology + tests/fixtures/web.ttl (councils, an agreement, areas, findings, quotes, sources)."""
    return Store.from_rdf(fixture_bytes("web"))


@pytest.fixture
def web_client(web_store):
    """A test client of a fresh app over ``web_store``."""
    return create_app({"TESTING": True}, store=web_store).test_client()


@pytest.fixture
def xss_client():
    """A test client of a fresh app over the hostile-text fixture."""
    return create_app({"TESTING": True}, store=Store.from_rdf(fixture_bytes("xss"))).test_client()
