"""The data as documents: Graph Store Protocol GET, whole-graph dumps, and the VoID/DCAT description."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from graph.terms import DATASET_IRI, DCAT, DCTERMS, ONTOLOGY_IRI, RDF, VOID
from graph.store import EmbeddedStore
from rdfcompare import store_graph
from web import create_app

NAMED = b'<http://example.org/a> <http://example.org/p> "in g1" <http://example.org/g1> .\n'


@pytest.fixture
def client(small_store):
    return create_app({"TESTING": True}, store=small_store).test_client()


@pytest.mark.parametrize(("accept", "rdflib_format"), [
    (None, "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml"),
])
def test_store_default_graph(client, small_store, accept, rdflib_format):
    response = client.get("/store?default", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.mimetype == (accept or "text/turtle")
    assert "Accept" in response.vary
    assert isomorphic(Graph().parse(data=response.data, format=rdflib_format), store_graph(small_store))


def test_store_named_graph():
    store = EmbeddedStore.from_rdf(NAMED, ox.RdfFormat.N_QUADS)
    client = create_app({"TESTING": True}, store=store).test_client()
    response = client.get("/store", query_string={"graph": "http://example.org/g1"},
                          headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    expected = store_graph(store, "http://example.org/g1")
    assert len(expected) == 1 and isomorphic(Graph().parse(data=response.data, format="nt"), expected)


@pytest.mark.parametrize(("query", "status"), [
    ({"graph": "http://example.org/unknown"}, 404),
    ({}, 400),
    ({"graph": "not an iri"}, 400),
])
def test_store_errors(client, query, status):
    assert client.get("/store", query_string=query).status_code == status


def test_store_with_both_default_and_graph_is_400(client):
    assert client.get("/store?default&graph=http://example.org/g").status_code == 400


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE", "PATCH"])
def test_store_is_read_only(client, method):
    response = client.open("/store?default", method=method, data=b"<a> <b> <c> .", content_type="text/turtle")
    assert response.status_code == 405


def test_store_not_acceptable(client):
    assert client.get("/store?default", headers={"Accept": "text/csv"}).status_code == 406


@pytest.mark.parametrize(("extension", "media_type", "rdflib_format"), [
    ("ttl", "text/turtle", "turtle"), ("nt", "application/n-triples", "nt"),
    ("jsonld", "application/ld+json", "json-ld"), ("rdf", "application/rdf+xml", "xml"),
])
def test_dumps(client, small_store, extension, media_type, rdflib_format):
    response = client.get(f"/dump/sendkg.{extension}")
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert response.headers["Content-Disposition"] == f'attachment; filename="sendkg.{extension}"'
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert isomorphic(Graph().parse(data=response.data, format=rdflib_format), store_graph(small_store))


def test_unknown_dump_is_404(client):
    assert client.get("/dump/sendkg.xlsx").status_code == 404


def void_graph(response) -> Graph:
    assert response.status_code == 200
    return Graph().parse(data=response.data, format="turtle")


def test_void_describes_the_dataset(client, small_store):
    graph = void_graph(client.get("/.well-known/void"))
    assert (DATASET_IRI, RDF.type, VOID.Dataset) in graph
    assert graph.value(DATASET_IRI, DCTERMS.title) is not None
    assert graph.value(DATASET_IRI, DCTERMS.license) is not None
    assert graph.value(DATASET_IRI, VOID.vocabulary) == ONTOLOGY_IRI
    assert graph.value(DATASET_IRI, VOID.triples).toPython() == len(small_store)
    assert graph.value(DATASET_IRI, VOID.entities).toPython() == 6
    assert graph.value(DATASET_IRI, VOID.classes).toPython() == 7
    assert graph.value(DATASET_IRI, VOID.sparqlEndpoint) == URIRef("http://localhost/sparql")
    dumps = set(graph.objects(DATASET_IRI, VOID.dataDump))
    assert URIRef("http://localhost/dump/sendkg.ttl") in dumps and URIRef("http://localhost/dump/sendkg.nt") in dumps
    distributions = set(graph.objects(DATASET_IRI, DCAT.distribution))
    assert dumps <= distributions


def test_void_follows_the_public_base_url(small_store):
    app = create_app({"TESTING": True, "PUBLIC_BASE_URL": "https://sendkg.example.org/kg/"}, store=small_store)
    graph = void_graph(app.test_client().get("/.well-known/void"))
    assert graph.value(DATASET_IRI, VOID.sparqlEndpoint) == URIRef("https://sendkg.example.org/kg/sparql")
    assert URIRef("https://sendkg.example.org/kg/dump/sendkg.jsonld") in set(graph.objects(DATASET_IRI, VOID.dataDump))


def test_void_keeps_what_the_data_says(real_store):
    graph = void_graph(create_app({"TESTING": True}, store=real_store).test_client().get("/.well-known/void"))
    described = real_store.triples(f"CONSTRUCT {{ <{DATASET_IRI}> ?p ?o }} WHERE {{ <{DATASET_IRI}> ?p ?o }}")
    said = {(p, o) for _, p, o in Graph().parse(data=ox.serialize(described, format=ox.RdfFormat.N_TRIPLES), format="nt")}
    assert said and said <= set(graph.predicate_objects(DATASET_IRI))
