"""Real SPARQL clients, unchanged, against a live server on the real data: SPARQLWrapper, rdflib, a YASGUI-style POST."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
import urllib.request
import warnings
from concurrent.futures import ThreadPoolExecutor

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, GET, JSON, JSONLD, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from graph.terms import PREFIXES, RDF, RDFS, SKG
from bench.harness.live import serving
from web import create_app

pytestmark = pytest.mark.server

COUNCILS = f"""PREFIX skg: <{PREFIXES['skg']}>
PREFIX rdfs: <{PREFIXES['rdfs']}>
SELECT ?council ?label WHERE {{ ?council a skg:Council ; rdfs:label ?label }} ORDER BY ?council"""
COUNCIL_GRAPH = f"""PREFIX skg: <{PREFIXES['skg']}>
PREFIX rdfs: <{PREFIXES['rdfs']}>
CONSTRUCT {{ ?council a skg:Council ; rdfs:label ?label }} WHERE {{ ?council a skg:Council ; rdfs:label ?label }}"""


@pytest.fixture
def endpoint(real_store):
    """The SPARQL endpoint URL of a fresh app over the real data, served live for one test."""
    # No per-client bounds: 16 threads of one address are this file's load, not an abuse to stop (on a slower server,
    # such as Virtuoso, more of them are in flight at once and they spend more query time; tests/test_fairness.py
    # tests the bounds).
    app = create_app({"TESTING": True, "QUERY_WORKERS": 2, "CLIENT_MAX_QUERIES": 16, "CLIENT_QUERY_SECONDS": 0},
                     store=real_store)
    with serving(app) as base:
        yield base + "/sparql"


@pytest.fixture(scope="module")
def councils(real_store) -> list[tuple[str, str]]:
    """(IRI, label) of every council, straight from the store: what clients must get back."""
    rows = [(row["council"].value, row["label"].value) for row in real_store.select(COUNCILS)]
    assert len(rows) > 3
    return rows


def wrapper(endpoint: str, query: str, fmt: str | None, method: str = GET) -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setMethod(method)
    if fmt:
        client.setReturnFormat(fmt)
    return client


def convert(client: SPARQLWrapper):
    """Run the query and let SPARQLWrapper parse the answer; any warning (e.g. unexpected Content-Type) fails."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        return client.query().convert()


def from_xml(document) -> list[tuple[str, str]]:
    rows = []
    for result in document.getElementsByTagName("result"):
        cells = {b.getAttribute("name"): b.firstChild.firstChild.data for b in result.getElementsByTagName("binding")}
        rows.append((cells["council"], cells["label"]))
    return rows


def from_json(data: dict) -> list[tuple[str, str]]:
    return [(b["council"]["value"], b["label"]["value"]) for b in data["results"]["bindings"]]


def from_csv(data: bytes) -> list[tuple[str, str]]:
    return [(row["council"], row["label"]) for row in csv.DictReader(io.StringIO(data.decode("utf-8")))]


def from_tsv(data: bytes) -> list[tuple[str, str]]:
    lines = data.decode("utf-8").splitlines()[1:]
    return [(c.strip("<>"), label.split('"')[1]) for c, label in (line.split("\t") for line in lines)]


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize(("fmt", "parse"), [(None, from_xml), (XML, from_xml), (JSON, from_json),
                                            (CSV, from_csv), (TSV, from_tsv)])
def test_sparqlwrapper_select(endpoint, councils, fmt, parse, method):
    assert parse(convert(wrapper(endpoint, COUNCILS, fmt, method))) == councils


def council_pairs(graph: Graph) -> list[tuple[str, str]]:
    return sorted((str(c), str(graph.value(c, RDFS.label))) for c in graph.subjects(RDF.type, SKG.Council))


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("fmt", [None, RDFXML, TURTLE, JSONLD])
def test_sparqlwrapper_construct(endpoint, councils, fmt, method):
    result = convert(wrapper(endpoint, COUNCIL_GRAPH, fmt, method))
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
    assert council_pairs(graph) == sorted(councils)


def test_sparqlwrapper_ask(endpoint, councils):
    query = f"ASK {{ <{councils[0][0]}> <{RDFS.label}> {Literal(councils[0][1]).n3()} }}"
    assert convert(wrapper(endpoint, query, JSON))["boolean"] is True


def test_rdflib_sparqlstore_as_read_only_graph(endpoint, councils):
    graph = Graph(store=SPARQLStore(endpoint))
    rows = [(str(c), str(label)) for c, label in graph.query(COUNCILS)]
    assert rows == councils
    iri, label = councils[0]
    assert (URIRef(iri), RDFS.label, Literal(label)) in graph
    assert sorted(graph.objects(URIRef(iri), RDF.type)) == [SKG.Council]
    with pytest.raises(TypeError):
        graph.add((URIRef(iri), RDFS.label, Literal("changed")))


def post_form(endpoint: str, query: str, accept: str):
    body = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(endpoint, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8", "Accept": accept})
    return urllib.request.urlopen(request, timeout=30)


def test_yasgui_style_request(endpoint, councils):
    with post_form(endpoint, COUNCILS, "application/sparql-results+json,*/*;q=0.9") as response:
        assert response.headers.get_content_type() == "application/sparql-results+json"
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert from_json(json.load(response)) == councils
    with post_form(endpoint, COUNCIL_GRAPH, "text/turtle,*/*;q=0.9") as response:
        assert response.headers.get_content_type() == "text/turtle"
        assert council_pairs(Graph().parse(data=response.read(), format="turtle")) == sorted(councils)


def label_of(endpoint: str, iri: str) -> str:
    query = f"SELECT ?label WHERE {{ <{iri}> <{RDFS.label}> ?label }}"
    with urllib.request.urlopen(f"{endpoint}?{urllib.parse.urlencode({'query': query})}", timeout=60) as response:
        return from_json_labels(json.load(response))


def from_json_labels(data: dict) -> str:
    (binding,) = data["results"]["bindings"]
    return binding["label"]["value"]


def test_many_threads_get_correct_answers(endpoint, councils):
    jobs = [councils[i % len(councils)] for i in range(96)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda job: label_of(endpoint, job[0]), jobs))
    assert answers == [label for _, label in jobs]
