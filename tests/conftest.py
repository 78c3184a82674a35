"""Shared fixtures: one real build per session, a fresh app per test (flaskr's pattern)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph import build as build_module
from graph.store import Store
from web import create_app

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The real data built once per session into a private SENDKG_VAR; returns the build folder."""
    var = tmp_path_factory.mktemp("var")
    old = os.environ.get("SENDKG_VAR")
    os.environ["SENDKG_VAR"] = str(var)
    try:
        yield build_module.build(progress=lambda message: None)
    finally:
        if old is None:
            os.environ.pop("SENDKG_VAR", None)
        else:
            os.environ["SENDKG_VAR"] = old


BACKENDS = ("embedded", "oxigraph")
REMOTE_TIMEOUT = 30.0


def store_backend() -> str:
    """Which store ``real_store`` is: SENDKG_TEST_BACKEND=embedded (default) or oxigraph (a real server)."""
    backend = os.environ.get("SENDKG_TEST_BACKEND", "embedded")
    if backend not in BACKENDS:
        raise pytest.UsageError(f"SENDKG_TEST_BACKEND={backend!r}: use one of {', '.join(BACKENDS)}")
    return backend


@pytest.fixture(scope="session")
def oxigraph_real(built, tmp_path_factory):
    """An Oxigraph server (read-only, free loopback port) serving the real build; stopped after the session."""
    from oxigraph_server import OxigraphServer, load_store
    location = load_store(built / "graph.nt", tmp_path_factory.mktemp("oxigraph") / "store")
    server = OxigraphServer(location).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def real_store(built, request):
    """The real build, shared by tests that only read: embedded in memory, or over HTTP when SENDKG_TEST_BACKEND=oxigraph."""
    if store_backend() == "oxigraph":
        from graph.store.remote import RemoteStore
        return RemoteStore(request.getfixturevalue("oxigraph_real").query_url, timeout=REMOTE_TIMEOUT)
    return Store.open_build(built, in_memory=True)


@pytest.fixture
def small_store() -> Store:
    """A tiny hand-written graph (tests/fixtures/small.ttl) for focused tests."""
    return Store.from_rdf((FIXTURES / "small.ttl").read_bytes())


@pytest.fixture
def app(real_store):
    """A fresh app per test over the real data."""
    return create_app({"TESTING": True}, store=real_store)


@pytest.fixture
def client(app):
    """A test client of a fresh app."""
    return app.test_client()
