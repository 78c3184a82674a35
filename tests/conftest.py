"""Shared fixtures: one real build per session, a fresh app per test (flaskr's pattern), small fixture stores.

Nothing here touches ``os.environ``: the build is written into a session folder passed as an argument, and
the stores are opened from that folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fixture_data import FIXTURES, fixture_bytes
from graph.build import build
from graph.paths import DATA_DIR
from graph.store import EmbeddedStore, RemoteStore
from web import create_app

BACKENDS = ("embedded", "oxigraph", "virtuoso")
REMOTE_TIMEOUT = 30.0


@pytest.fixture(scope="session")
def session_var(tmp_path_factory) -> Path:
    """The session's own builds folder."""
    return tmp_path_factory.mktemp("var")


@pytest.fixture(scope="session")
def built(session_var) -> Path:
    """The real data built once per session into ``session_var``; returns the build folder."""
    return build(DATA_DIR, session_var, progress=lambda message: None)


def store_backend() -> str:
    """Which store ``real_store`` is: SENDKG_TEST_BACKEND=embedded (default), oxigraph or virtuoso (a real server)."""
    backend = os.environ.get("SENDKG_TEST_BACKEND", "embedded")
    if backend not in BACKENDS:
        raise pytest.UsageError(f"SENDKG_TEST_BACKEND={backend!r}: use one of {', '.join(BACKENDS)}")
    return backend


@pytest.fixture(scope="session")
def oxigraph_real(built, tmp_path_factory):
    """An Oxigraph server (read-only, free loopback port) serving the real build; stopped after the session."""
    from bench.harness.servers import OxigraphServer, load_store
    location = load_store(built / "graph.nt", tmp_path_factory.mktemp("oxigraph") / "store")
    server = OxigraphServer(location).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_real(built):
    """A private Virtuoso (own database folder, free loopback ports) loaded with the real build; removed after the session."""
    from bench.harness.virtuoso import VirtuosoServer
    server = VirtuosoServer(built / "graph.nt").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def real_store(built, request):
    """The real build, shared by tests that only read: embedded in memory, or over HTTP when SENDKG_TEST_BACKEND
    names a server (oxigraph, virtuoso)."""
    backend = store_backend()
    if backend != "embedded":
        return RemoteStore(request.getfixturevalue(f"{backend}_real").query_url, timeout=REMOTE_TIMEOUT)
    return EmbeddedStore.open_build(built, in_memory=True)


@pytest.fixture(scope="session")
def remote_real(request) -> RemoteStore:
    """A server holding the real build: the run's own (oxigraph, virtuoso), else Oxigraph server."""
    if store_backend() == "embedded":
        return RemoteStore(request.getfixturevalue("oxigraph_real").query_url, timeout=REMOTE_TIMEOUT)
    return request.getfixturevalue("real_store")


READS_THE_BACKEND = {"real_store", "remote_real"}


def pytest_collection_modifyitems(config, items):
    """A remote-backed run reruns only the tests that read the backend: the rest answer the same on every run."""
    if store_backend() == "embedded":
        return
    same = [item for item in items if not READS_THE_BACKEND & set(getattr(item, "fixturenames", ()))]
    if same:
        config.hook.pytest_deselected(items=same)
        items[:] = [item for item in items if item not in same]



@pytest.fixture
def small_store() -> EmbeddedStore:
    """A tiny hand-written graph (tests/fixtures/small.ttl) for focused tests."""
    return EmbeddedStore.from_rdf((FIXTURES / "small.ttl").read_bytes())


@pytest.fixture
def app(real_store):
    """A fresh app per test over the real data."""
    return create_app({"TESTING": True}, store=real_store)


@pytest.fixture
def client(app):
    """A test client of a fresh app."""
    return app.test_client()


@pytest.fixture
def web_store() -> EmbeddedStore:
    """Ontology + tests/fixtures/web.ttl (councils, an agreement, areas, findings, quotes, sources)."""
    return EmbeddedStore.from_rdf(fixture_bytes("web"))


@pytest.fixture
def web_client(web_store):
    """A test client of a fresh app over ``web_store``."""
    return create_app({"TESTING": True}, store=web_store).test_client()


@pytest.fixture
def xss_client():
    """A test client of a fresh app over the hostile-text fixture."""
    return create_app({"TESTING": True}, store=EmbeddedStore.from_rdf(fixture_bytes("xss"))).test_client()
