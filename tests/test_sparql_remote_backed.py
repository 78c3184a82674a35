"""An endpoint backed by a remote SPARQL server (SPARQL_ENDPOINT): same protocol and safety, queries in-thread.

The remote is another live sendkg server over the small graph; the endpoint under test reaches it through
``graph.store.remote.RemoteStore``, whose HTTP timeout bounds every wait (no worker process is needed).
"""

from __future__ import annotations

import json

import pytest

from graph.store.executor import ThreadExecutor
from graph.terms import ID, RDFS
from graph.store.remote import RemoteStore
from bench.harness.live import Listener, serving
from web import create_app
from web.shared.context import get_executor

pytestmark = pytest.mark.server

LABEL = f"SELECT ?label WHERE {{ <{ID['council/testshire']}> <{RDFS.label}> ?label }}"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture
def remote(small_store):
    """The remote server's SPARQL endpoint URL."""
    app = create_app({"TESTING": True, "QUERY_WORKERS": 1, "QUERY_TIMEOUT": 4}, store=small_store)
    with serving(app) as base:
        yield base + "/sparql"


@pytest.fixture
def front(remote):
    """A client of an app whose store is the remote server (row cap 3, remote timeout 1 s)."""
    app = create_app({"TESTING": True, "ROW_LIMIT": 3}, store=RemoteStore(remote, timeout=1))
    with app.app_context():
        assert isinstance(get_executor().pool, ThreadExecutor)
    return app.test_client()


def test_select_through_the_remote(front):
    response = front.get("/sparql", query_string={"query": LABEL})
    assert response.status_code == 200
    assert [b["label"]["value"] for b in json.loads(response.data)["results"]["bindings"]] == ["Testshire"]


def test_row_cap_applies_to_remote_answers(front):
    response = front.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"})
    assert response.headers["X-SPARQL-Truncated"] == "true"
    assert len(json.loads(response.data)["results"]["bindings"]) == 3


def test_remote_syntax_error_is_400(front):
    assert front.get("/sparql", query_string={"query": "SELECT * {"}).status_code == 400


def test_protocol_dataset_is_refused_not_ignored(front):
    response = front.get("/sparql", query_string={"query": LABEL, "default-graph-uri": "http://example.org/g"})
    assert response.status_code == 400
    assert b"default-graph-uri" in response.data


def test_service_is_refused_before_reaching_anything(front):
    with Listener() as listener:
        response = front.get("/sparql", query_string={"query": f"SELECT * {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"})
        assert response.status_code == 403
        assert listener.connections == []


def test_the_remote_timeout_bounds_the_wait(front):
    response = front.get("/sparql", query_string={"query": CARTESIAN})
    assert response.status_code == 502
    assert b"unavailable" in response.data
