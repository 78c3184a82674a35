"""The W3C SPARQL 1.1 Protocol test suite (tests/w3c/), driven from its manifest against a live server.

Each ``ht:Request`` of the manifest becomes a real HTTP request (method, path, headers, body in its
declared encoding); the answer must have the expected status class and, where given, the expected
result kind (boolean / tabular / RDF) and boolean value. The dataset tests' graphs are loaded as named
graphs, named as the manifest's ``ut:graphData`` labels say. This endpoint is read-only, so in the update
cases the update request must instead be refused with a 4xx, and the data must be unchanged after it.
"""

from __future__ import annotations

import csv
import http.client
import io
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection

from graph.terms import RDFS
from graph.store import EmbeddedStore, Store
from bench.harness.live import serving
from web import create_app

pytestmark = pytest.mark.server

W3C = Path(__file__).resolve().parent / "w3c"
MANIFEST = Graph().parse(W3C / "sparql11-protocol-manifest.ttl", format="turtle")
PREFIXES = dict(MANIFEST.namespaces())  # the manifest's own prefixes: no vocabulary IRI spelt here
MF, HT, CNT, UT = (Namespace(PREFIXES[p]) for p in ("mf", "ht", "cnt", "ut"))
QUAD_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


@dataclass
class Step:
    """One HTTP request of a test and what its response must be."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]
    result: str | None = None
    boolean: bool | None = None


@dataclass
class Case:
    """A manifest test: its name and its requests, in order."""

    name: str
    steps: list[Step] = field(default_factory=list)

    @property
    def is_update(self) -> bool:
        return "update" in self.name


def literal(node, prop):
    value = MANIFEST.value(node, prop)
    return None if value is None else value.toPython()


def step(request) -> Step:
    """A Step from an ``ht:Request`` node."""
    headers_node = MANIFEST.value(request, HT.headers)
    headers = {literal(h, HT.fieldName): literal(h, HT.fieldValue)
               for h in (Collection(MANIFEST, headers_node) if headers_node is not None else [])}
    body_node = MANIFEST.value(request, HT.body)
    body = None
    if body_node is not None:
        body = literal(body_node, CNT.chars).encode(literal(body_node, CNT.characterEncoding))
    response = MANIFEST.value(request, HT.resp)
    statuses = {str(s)[-3] for s in MANIFEST.objects(response, MF.expectedStatus)}
    return Step(literal(request, HT.methodName), literal(request, HT.absolutePath), headers, body, statuses,
                literal(response, MF.expectedFormat), literal(response, MF.expectedBoolean))


def cases() -> list[Case]:
    """Every test of the manifest, in manifest order."""
    manifest = next(MANIFEST.subjects(MF.entries, None))
    found = []
    for test in Collection(MANIFEST, MANIFEST.value(manifest, MF.entries)):
        requests = MANIFEST.value(MANIFEST.value(test, MF.action), HT.requests)
        found.append(Case(test.fragment, [step(r) for r in Collection(MANIFEST, requests)]))
    return found


def dataset() -> bytes:
    """N-Quads of every ``ut:graphData`` file, in the named graph its label names."""
    graphs = {(str(MANIFEST.value(d, UT.graph)).rsplit("/", 1)[-1], str(MANIFEST.value(d, RDFS.label)))
              for d in MANIFEST.objects(None, UT.graphData)}
    quads = []
    for filename, name in sorted(graphs):
        for quad in ox.parse(path=W3C / f"protocol-{filename}", format=ox.RdfFormat.N_TRIPLES):
            quads.append(ox.Quad(quad.subject, quad.predicate, quad.object, ox.NamedNode(name)))
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


@pytest.fixture(scope="module")
def store() -> Store:
    store = EmbeddedStore.from_rdf(dataset(), ox.RdfFormat.N_QUADS)
    assert len(store) == 3
    return store


@pytest.fixture
def base(store):
    app = create_app({"TESTING": True, "QUERY_WORKERS": 1}, store=store)
    with serving(app) as url:
        yield url


def send(base: str, step: Step) -> http.client.HTTPResponse:
    """Send ``step`` to the live server, its ``/sparql/`` path prefix replaced by this endpoint's."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    connection.request(step.method, step.path.replace("/sparql/", "/sparql", 1), body=step.body, headers=step.headers)
    response = connection.getresponse()
    response.data = response.read()
    connection.close()
    return response


def check_result(step: Step, response) -> None:
    """The response carries the kind of result (and the boolean) the manifest expects."""
    media_type = response.getheader("Content-Type", "").split(";")[0]
    if step.result in ("boolean", "tabular"):
        if media_type == "text/csv":
            assert step.result == "tabular" and list(csv.reader(io.StringIO(response.data.decode())))
            return
        results = ox.parse_query_results(response.data, format=ox.QueryResultsFormat.from_media_type(media_type))
        assert isinstance(results, ox.QueryBoolean if step.result == "boolean" else ox.QuerySolutions)
        if step.boolean is not None:
            assert bool(results) is step.boolean
    elif step.result == "RDF":
        assert media_type in ("application/rdf+xml", "text/turtle", "application/n-triples")
        list(ox.parse(response.data, format=ox.RdfFormat.from_media_type(media_type)))


def quad_count(base: str) -> str:
    response = send(base, Step("POST", "/sparql/", {"Content-Type": "application/sparql-query",
                                                    "Accept": "text/csv"}, QUAD_COUNT.encode(), {"2"}))
    return response.data.decode()


@pytest.mark.parametrize("case", [c for c in cases() if not c.is_update], ids=lambda c: c.name)
def test_query_case(base, case):
    for step in case.steps:
        response = send(base, step)
        assert str(response.status)[0] in step.statuses, (step.method, step.path, response.status, response.data)
        check_result(step, response)


@pytest.mark.parametrize("case", [c for c in cases() if c.is_update], ids=lambda c: c.name)
def test_update_case_is_refused(base, case):
    before = quad_count(base)
    response = send(base, case.steps[0])
    assert 400 <= response.status < 500, (case.name, response.status, response.data)
    assert quad_count(base) == before


def test_the_manifest_was_read():
    names = [c.name for c in cases()]
    assert len(names) == 34 and sum("update" in n for n in names) == 14
