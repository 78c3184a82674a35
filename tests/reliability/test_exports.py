"""Every export the server gives, re-parsed by an independent parser (rdflib), is isomorphic to the store: the
downloadable dumps, the Graph Store GET in every format, and each entity's conneg outputs (Accept and suffix)."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from graph.exports.formats import GRAPH_FORMATS
from graph.terms import SKG
from rdfcompare import assert_isomorphic
from bench.harness.servers import sendkg_server
from reliability.folders import copy_build
from reliability.wire import send
from graph.exports.describe import DUMP_EXTENSIONS
from web.shared.links import iri_to_path

pytestmark = pytest.mark.server
RDFLIB = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml", "jsonld": "json-ld", "trig": "trig", "nquads": "nquads"}
BY_EXTENSION = {f.extension: f for f in GRAPH_FORMATS}
CLASSES = ("Council", "SafetyValveAgreement", "ImprovementArea", "AreaSENDInspection", "InspectionFinding", "Quote",
           "SourceDocument", "SourcedFact")
SUFFIXES = ("ttl", "jsonld", "nt")


@pytest.fixture(scope="module")
def server(built, tmp_path_factory):
    server = sendkg_server(copy_build(built, tmp_path_factory.mktemp("exports") / "var")).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def expected(built) -> Graph:
    """The build's graph as rdflib reads the N-Triples file the store was loaded from."""
    return Graph().parse(built / "graph.nt", format="nt")


def parsed(body: bytes, fmt_name: str) -> Graph:
    """``body`` parsed by rdflib; quad formats are read as a dataset and their triples gathered."""
    if fmt_name in ("trig", "nquads"):
        dataset = Dataset()
        dataset.parse(data=body, format=RDFLIB[fmt_name])
        graph = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    return Graph().parse(data=body, format=RDFLIB[fmt_name])


def fetch(server, path: str, accept: str = "*/*") -> bytes:
    reply = send(server.base, "GET", path, {"Accept": accept})
    assert reply.status == 200, (path, reply.status, reply.text()[:300])
    return reply.body


@pytest.mark.parametrize("extension", DUMP_EXTENSIONS)
def test_dump_round_trips(server, expected, extension):
    fmt = BY_EXTENSION[extension]
    assert_isomorphic(parsed(fetch(server, f"/dump/sendkg.{extension}"), fmt.name), expected)


@pytest.mark.parametrize("fmt", GRAPH_FORMATS, ids=lambda f: f.name)
def test_graph_store_get_round_trips(server, expected, fmt):
    assert_isomorphic(parsed(fetch(server, "/store?default", fmt.media_type), fmt.name), expected)


def entity_of(cls: str, graph: Graph) -> URIRef:
    """The first entity of class ``skg:<cls>`` in the data (by IRI)."""
    return sorted(s for s in graph.subjects(RDF.type, SKG[cls]) if iri_to_path(str(s)))[0]


def about(iri: URIRef, graph: Graph) -> Graph:
    """Every triple of ``graph`` with ``iri`` as subject or object: what its page describes."""
    found = Graph()
    for triple in graph.triples((iri, None, None)):
        found.add(triple)
    for triple in graph.triples((None, None, iri)):
        found.add(triple)
    return found


@pytest.mark.parametrize("cls", CLASSES)
def test_entity_conneg_round_trips(server, expected, cls):
    iri = entity_of(cls, expected)
    path, want = iri_to_path(str(iri)), about(iri, expected)
    assert len(want) > 0
    for fmt in GRAPH_FORMATS:
        assert_isomorphic(parsed(fetch(server, path, fmt.media_type), fmt.name), want)
    for suffix in SUFFIXES:
        assert_isomorphic(parsed(fetch(server, f"{path}.{suffix}", "text/html"), BY_EXTENSION[suffix].name), want)
