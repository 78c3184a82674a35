"""The SPARQL 1.1 Protocol at /sparql, through Flask's test client on the small fixture graph."""

from __future__ import annotations

import csv
import io
import os
import re
import signal

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.terms import FORMATS, ID, RDFS, SD, VOID
from graph.store import EmbeddedStore
from rdfcompare import store_graph
from web import create_app
from web.shared.context import close_executor, get_executor

COUNCIL = ID["council/testshire"]
LABEL_QUERY = f"SELECT ?label WHERE {{ <{COUNCIL}> <{RDFS.label}> ?label }}"
DIRECT = "application/sparql-query"


@pytest.fixture
def app(small_store):
    """A fresh app over the small graph with one query worker, stopped after the test."""
    app = create_app({"TESTING": True, "QUERY_WORKERS": 1, "QUERY_TIMEOUT": 10}, store=small_store)
    yield app
    close_executor(app)


@pytest.fixture
def client(app):
    return app.test_client()


def solutions(response):
    """The response's SELECT/ASK results parsed by pyoxigraph in the format its Content-Type names."""
    fmt = ox.QueryResultsFormat.from_media_type(response.mimetype)
    return ox.parse_query_results(response.data, format=fmt)


def rows(response) -> list[dict[str, str]]:
    """SELECT rows as variable -> lexical value (CSV read with the csv module: pyoxigraph does not parse it)."""
    if response.mimetype == "text/csv":
        return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    return [{v.value: row[v].value for v in results.variables if row[v] is not None}
            for results in [solutions(response)] for row in results]


def labels(response) -> list[str]:
    return [row["label"] for row in rows(response)]


def test_get_select_defaults_to_json(client):
    response = client.get("/sparql", query_string={"query": LABEL_QUERY})
    assert response.status_code == 200
    assert response.mimetype == "application/sparql-results+json"
    assert labels(response) == ["Testshire"]
    assert "Accept" in response.vary


@pytest.mark.parametrize("accept", ["application/sparql-results+xml", "text/csv", "text/tab-separated-values"])
def test_select_in_each_result_format(client, accept):
    response = client.get("/sparql", query_string={"query": LABEL_QUERY}, headers={"Accept": accept})
    assert response.mimetype == accept
    assert labels(response) == ["Testshire"]


def test_post_form(client):
    response = client.post("/sparql", data={"query": LABEL_QUERY})
    assert labels(response) == ["Testshire"]


def test_post_direct_utf8(client):
    query = f"# café — ünïcödé\n{LABEL_QUERY}"
    response = client.post("/sparql", data=query.encode("utf-8"), content_type=f"{DIRECT}; charset=UTF-8")
    assert labels(response) == ["Testshire"]


def test_non_utf8_body_is_400(client):
    response = client.post("/sparql", data=b"SELECT * { ?s ?p \"caf\xe9\" }", content_type=DIRECT)
    assert response.status_code == 400
    assert "UTF-8" in response.get_data(as_text=True)


def test_utf16_charset_is_400(client):
    response = client.post("/sparql", data="ASK {}".encode("utf-16"), content_type=f"{DIRECT}; charset=UTF-16")
    assert response.status_code == 400


def test_two_query_parameters_are_400(client):
    response = client.get("/sparql?query=ASK%20%7B%7D&query=SELECT%20*%20%7B%7D")
    assert response.status_code == 400
    assert "2 query parameters" in response.get_data(as_text=True)


def test_query_in_url_and_body_is_400(client):
    response = client.post("/sparql?query=ASK%20%7B%7D", data="ASK {}", content_type=DIRECT)
    assert response.status_code == 400


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", None])
def test_unknown_post_media_type_is_415(client, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/sparql", data=b"ASK {}", headers=headers)
    assert response.status_code == 415


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405(client, method):
    response = client.open("/sparql?query=ASK%20%7B%7D", method=method)
    assert response.status_code == 405


def test_syntax_error_is_400_with_line_and_column(client):
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    assert response.status_code == 400
    assert re.search(r"error at 3:\d+: expected", response.get_data(as_text=True))


@pytest.mark.parametrize(("query", "accept"), [
    (LABEL_QUERY, "text/turtle"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "text/csv"),
    ("ASK {}", "image/png"),
])
def test_nothing_acceptable_is_406(client, query, accept):
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.status_code == 406
    assert "Accept" in response.vary


@pytest.mark.parametrize(("accept", "rdflib_format"), [
    (None, "turtle"), ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld"),
    ("application/n-triples", "nt"), ("application/trig", "trig"), ("application/n-quads", "nquads"),
])
def test_construct_in_each_graph_format(client, small_store, accept, rdflib_format):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers=headers)
    assert response.status_code == 200
    assert response.mimetype == (accept or "text/turtle")
    assert len(store_graph(small_store)) == 37
    assert isomorphic(Graph().parse(data=response.data, format=rdflib_format), store_graph(small_store))


def test_describe_returns_the_resource(client):
    response = client.get("/sparql", query_string={"query": f"DESCRIBE <{COUNCIL}>"})
    graph = Graph().parse(data=response.data, format="turtle")
    assert (URIRef(COUNCIL), RDFS.label, Literal("Testshire")) in graph


def test_ask_answers_boolean(client):
    response = client.get("/sparql", query_string={"query": f"ASK {{ <{COUNCIL}> ?p ?o }}"})
    assert bool(solutions(response)) is True


def test_format_parameter_chooses_the_format(client):
    response = client.get("/sparql", query_string={"query": LABEL_QUERY, "format": "csv", "output": "csv"})
    assert response.mimetype == "text/csv"
    assert labels(response) == ["Testshire"]


def test_cors_on_results_without_credentials(client):
    response = client.get("/sparql", query_string={"query": LABEL_QUERY}, headers={"Origin": "https://elsewhere.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "X-SPARQL-Truncated" in response.headers["Access-Control-Expose-Headers"]


def test_cors_preflight(client):
    response = client.options("/sparql", headers={"Origin": "https://elsewhere.example",
                                                   "Access-Control-Request-Method": "POST",
                                                   "Access-Control-Request-Headers": "content-type"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "content-type" in response.headers["Access-Control-Allow-Headers"].lower()


def test_service_description_for_non_browsers(client, small_store):
    response = client.get("/sparql")
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    assert "Accept" in response.vary
    graph = Graph().parse(data=response.data, format="turtle")
    service = graph.value(predicate=SD.endpoint, object=URIRef("http://localhost/sparql"))
    assert service is not None
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert {FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_CSV, FORMATS.Turtle} <= set(
        graph.objects(service, SD.resultFormat))
    default_graph = graph.value(graph.value(service, SD.defaultDataset), SD.defaultGraph)
    assert graph.value(default_graph, VOID.triples).toPython() == len(small_store)


def test_service_description_in_another_format(client):
    response = client.get("/sparql", headers={"Accept": "application/ld+json"})
    graph = Graph().parse(data=response.data, format="json-ld")
    assert (None, SD.endpoint, URIRef("http://localhost/sparql")) in graph


def test_browsers_are_sent_to_the_query_page(client):
    response = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/query")


def test_empty_query_is_400(client):
    assert client.get("/sparql?query=").status_code == 400


def test_oversized_body_is_413(client):
    response = client.post("/sparql", data=b"#" * (2 * 1024 * 1024) + b"\nASK {}", content_type=DIRECT)
    assert response.status_code == 413


def test_a_worker_killed_from_outside_is_replaced(app, client):
    assert labels(client.get("/sparql", query_string={"query": LABEL_QUERY})) == ["Testshire"]
    with app.app_context():
        executor = get_executor()
        (pid,) = executor.pids()
        os.kill(pid, signal.SIGKILL)
        executor.pool.workers[0].process.wait()
    assert labels(client.get("/sparql", query_string={"query": LABEL_QUERY})) == ["Testshire"]


def test_post_without_query_is_400(client):
    response = client.post("/sparql", data={"default-graph-uri": "http://example.org/g"})
    assert response.status_code == 400


# The protocol dataset: two named graphs, nothing in the default graph.
DATASET = b"""
<http://example.org/a> <http://example.org/p> "in g1" <http://example.org/g1> .
<http://example.org/b> <http://example.org/p> "in g2" <http://example.org/g2> .
"""


@pytest.fixture
def dataset_client():
    app = create_app({"TESTING": True, "QUERY_WORKERS": 1}, store=EmbeddedStore.from_rdf(DATASET, ox.RdfFormat.N_QUADS))
    yield app.test_client()
    close_executor(app)


def values(response, name: str) -> list[str]:
    return sorted(row[name] for row in rows(response))


def test_default_graph_uri_is_honoured(dataset_client):
    query = "SELECT ?o { ?s ?p ?o }"
    assert values(dataset_client.get("/sparql", query_string={"query": query}), "o") == []
    one = dataset_client.get("/sparql", query_string={"query": query, "default-graph-uri": "http://example.org/g1"})
    assert values(one, "o") == ["in g1"]
    both = dataset_client.get("/sparql", query_string=[("query", query), ("default-graph-uri", "http://example.org/g1"),
                                                       ("default-graph-uri", "http://example.org/g2")])
    assert values(both, "o") == ["in g1", "in g2"]


def test_named_graph_uri_is_honoured(dataset_client):
    query = "SELECT ?g { GRAPH ?g { ?s ?p ?o } }"
    response = dataset_client.post("/sparql?named-graph-uri=http%3A%2F%2Fexample.org%2Fg2", data=query,
                                   content_type=DIRECT)
    assert values(response, "g") == ["http://example.org/g2"]


def test_protocol_dataset_overrides_from(dataset_client):
    query = "SELECT ?o FROM <http://example.org/g1> { ?s ?p ?o }"
    response = dataset_client.post("/sparql", data={"query": query, "default-graph-uri": "http://example.org/g2"})
    assert values(response, "o") == ["in g2"]


def test_bad_graph_iri_is_400(dataset_client):
    response = dataset_client.get("/sparql", query_string={"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert response.status_code == 400
    assert "default-graph-uri" in response.get_data(as_text=True)
