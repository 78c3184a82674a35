"""Nothing a stranger sends changes data, reaches the network, or wedges the server (live server, real HTTP)."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.terms import ID, RDFS
from bench.harness.live import Listener, serving
from bench.harness.processes import cpu_seconds
from web import create_app
from web.shared.context import get_executor

pytestmark = pytest.mark.server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LABEL = f"SELECT ?label WHERE {{ <{ID['council/testshire']}> <{RDFS.label}> ?label }}"
# Five-way cartesian product of ~40 triples: ~10^8 rows to count, far beyond a 1 s limit.
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def request(base: str, method: str = "GET", params: dict | None = None, body: bytes | None = None,
            content_type: str | None = None, accept: str = "application/sparql-results+json"):
    """(status, headers, body) of one HTTP request to /sparql."""
    url = f"{base}/sparql" + (f"?{urllib.parse.urlencode(params)}" if params else "")
    headers = {"Accept": accept, **({"Content-Type": content_type} if content_type else {})}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body, method=method, headers=headers),
                                    timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def select(base: str, query: str) -> list[dict]:
    status, _, body = request(base, params={"query": query})
    assert status == 200, body
    return json.loads(body)["results"]["bindings"]


def triple_count(base: str) -> int:
    return int(select(base, COUNT)[0]["n"]["value"])


@pytest.fixture
def small_app(small_store):
    return create_app({"TESTING": True, "QUERY_WORKERS": 1, "QUERY_TIMEOUT": 10}, store=small_store)


FORM = "application/x-www-form-urlencoded"
UPDATES = [
    ("GET", {"update": "CLEAR ALL"}, None, None),
    ("POST", None, b"update=CLEAR+ALL", FORM),
    ("POST", None, b"update=INSERT+DATA+%7B+%3Chttp%3A%2F%2Fa%3E+%3Chttp%3A%2F%2Fb%3E+%3Chttp%3A%2F%2Fc%3E+%7D", FORM),
    ("POST", None, b"DELETE WHERE { ?s ?p ?o }", "application/sparql-update"),
    ("POST", None, b"DROP ALL", "application/sparql-update; charset=UTF-8"),
    ("GET", {"query": "DELETE WHERE { ?s ?p ?o }"}, None, None),
    ("GET", {"query": "PREFIX x: <http://x/>\nCLEAR DEFAULT"}, None, None),
    ("POST", None, b"query=INSERT+DATA+%7B+%3Chttp%3A%2F%2Fa%3E+%3Chttp%3A%2F%2Fb%3E+%3Chttp%3A%2F%2Fc%3E+%7D", FORM),
    ("POST", None, b"WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "application/sparql-query"),
    ("GET", {"query": "SELECT * {} ; DELETE WHERE { ?s ?p ?o }"}, None, None),
]


def test_every_form_of_update_is_refused_and_changes_nothing(small_app, small_store):
    before = len(small_store)
    with serving(small_app) as base:
        assert triple_count(base) == before
        for method, params, body, content_type in UPDATES:
            status, _, message = request(base, method, params, body, content_type)
            assert 400 <= status < 500, (method, params, body, status)
            assert status == 400 or b"read-only" in message
        assert triple_count(base) == before
        assert select(base, LABEL)[0]["label"]["value"] == "Testshire"
    assert len(small_store) == before


def test_no_query_opens_a_connection(small_app):
    with Listener() as listener, serving(small_app) as base:
        url = listener.url
        attempts = [
            ({"query": f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"}, 403),
            ({"query": f"SELECT * {{ service silent <{url}> {{ ?s ?p ?o }} }}"}, 403),
            ({"query": f"SELECT * {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}"}, 403),
            ({"query": f"SELECT * FROM <{url}> {{ ?s ?p ?o }}"}, 200),
            ({"query": f"SELECT * FROM NAMED <{url}> {{ GRAPH ?g {{ ?s ?p ?o }} }}"}, 200),
            ({"query": "CONSTRUCT WHERE { ?s ?p ?o }", "default-graph-uri": url}, 200),
            ({"query": f"LOAD <{url}>"}, 403),
            ({"update": f"LOAD <{url}>"}, 403),
        ]
        for params, expected in attempts:
            status, _, body = request(base, params=params, accept="*/*")
            assert status == expected, (params, status, body)
        status, _, _ = request(base, "POST", body=f"LOAD <{url}> INTO GRAPH <{url}>".encode(),
                               content_type="application/sparql-update")
        assert status == 403
        assert listener.connections == []
        urllib.request.urlopen(url, timeout=10).close()  # the listener does count a real connection
        assert len(listener.connections) == 1


def test_time_limit_kills_the_work_and_the_next_query_succeeds(small_store):
    app = create_app({"TESTING": True, "QUERY_WORKERS": 1, "QUERY_TIMEOUT": 1}, store=small_store)
    with serving(app) as base:
        assert select(base, LABEL)[0]["label"]["value"] == "Testshire"
        with app.app_context():
            (pid,) = get_executor().pids()
        idle = cpu_seconds(pid)  # a forked worker starts near 0; count only what the query uses
        answer = {}
        thread = threading.Thread(target=lambda: answer.update(zip("shb", request(base, params={"query": CARTESIAN}))))
        thread.start()
        busy = idle
        while thread.is_alive() and Path(f"/proc/{pid}").exists():
            try:
                busy = max(busy, cpu_seconds(pid))
            except (FileNotFoundError, ProcessLookupError, IndexError):
                break
            time.sleep(0.05)
        thread.join(30)
        assert answer["s"] == 503
        assert b"exceeded the 1 s time limit" in answer["b"]
        assert busy - idle > 0.1  # the worker was really computing...
        assert not Path(f"/proc/{pid}").exists()  # ...and is gone: its CPU use has ended
        assert select(base, LABEL)[0]["label"]["value"] == "Testshire"
        with app.app_context():
            assert get_executor().pids() and pid not in get_executor().pids()


def test_a_worker_that_runs_out_of_memory_is_replaced(small_store):
    app = create_app({"TESTING": True, "QUERY_WORKERS": 1, "QUERY_TIMEOUT": 30, "QUERY_MEMORY_MB": 300},
                     store=small_store)
    query = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?a ?l"
    with serving(app) as base:
        status, _, body = request(base, params={"query": query})
        assert status == 500 and b"out of memory" in body
        assert select(base, LABEL)[0]["label"]["value"] == "Testshire"


@pytest.mark.parametrize(("query", "accept", "count", "truncated"), [
    ("SELECT * { ?s ?p ?o }", "application/sparql-results+json", 5, "true"),
    ("SELECT * { ?s ?p ?o } LIMIT 5", "application/sparql-results+json", 5, "false"),
    ("SELECT * { ?s ?p ?o } LIMIT 2", "application/sparql-results+xml", 2, "false"),
    ("SELECT * { ?s ?p ?o }", "text/tab-separated-values", 5, "true"),
    ("SELECT * { ?s ?p ?o }", "text/csv", 5, "true"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples", 5, "true"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle", 5, "true"),
])
def test_row_cap_is_applied_and_visible(small_store, query, accept, count, truncated):
    app = create_app({"TESTING": True, "QUERY_WORKERS": 1, "ROW_LIMIT": 5}, store=small_store)
    with serving(app) as base:
        status, headers, body = request(base, params={"query": query}, accept=accept)
    assert status == 200
    assert headers["X-SPARQL-Truncated"] == truncated
    assert headers["X-Sendkg-Row-Limit"] == "5"
    assert counted(body, accept) == count


def counted(body: bytes, media_type: str) -> int:
    """Rows or triples in a response, parsed by pyoxigraph (CSV: lines after the header)."""
    if media_type == "text/csv":
        return len(body.decode().strip().splitlines()) - 1
    results_format = ox.QueryResultsFormat.from_media_type(media_type)
    if results_format is not None:
        return len(list(ox.parse_query_results(body, format=results_format)))
    return len(list(ox.parse(body, format=ox.RdfFormat.from_media_type(media_type))))
