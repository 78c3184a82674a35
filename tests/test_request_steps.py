"""Each step once on the two main request paths: /sparql (scan, negotiate, look up the format) and /explore
(check focus, build the graph, name things, hand it to pyvis)."""

from __future__ import annotations

import pickle
import sys

import networkx as nx
import pytest
from pyvis.network import Network

import graph.queries.scan as scan_module
import graph.queries.text as text_module
import web.models.drawing as drawing_module
import web.shared.conneg as conneg
import web.views.explore as explore_view
from graph.exports.formats import GRAPH_FORMATS, RESULT_FORMATS, format_named
from graph.queries.loader import NamedQuery
from graph.terms import ID
from web import create_app

TESTSHIRE = str(ID["council/testshire"])


class Counter:
    """Wraps a function and counts its calls (and keeps their arguments)."""

    def __init__(self, function):
        self.function, self.calls = function, []

    def __call__(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        return self.function(*args, **kwargs)


@pytest.fixture
def scans(monkeypatch) -> Counter:
    """Every call of the lexical scan, wherever a module imported it from."""
    original = scan_module.scan
    counter = Counter(original)
    for module in list(sys.modules.values()):
        if getattr(module, "scan", None) is original:
            monkeypatch.setattr(module, "scan", counter)
    return counter


@pytest.fixture
def sparql_client(web_store):
    app = create_app({"TESTING": True, "QUERY_WORKERS": 1}, store=web_store)
    yield app.test_client()
    from web.shared.context import close_executor
    close_executor(app)


@pytest.mark.parametrize("query, accept", [
    ("SELECT ?s WHERE { ?s a ?c } LIMIT 2", "application/sparql-results+json"),
    ("CONSTRUCT WHERE { ?s a ?c } LIMIT 2", "text/turtle"),
    ("ASK {}", None),
])
def test_sparql_scans_and_negotiates_once(sparql_client, scans, monkeypatch, query, accept):
    negotiations = Counter(conneg.negotiate)
    monkeypatch.setattr(conneg, "negotiate", negotiations)
    response = sparql_client.get("/sparql", query_string={"query": query}, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert len(scans.calls) == 1
    assert len(negotiations.calls) == 1


def test_a_refused_query_is_scanned_once_and_never_negotiated(sparql_client, scans, monkeypatch):
    negotiations = Counter(conneg.negotiate)
    monkeypatch.setattr(conneg, "negotiate", negotiations)
    response = sparql_client.get("/sparql", query_string={"query": "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"})
    assert response.status_code == 403 and len(scans.calls) == 1 and negotiations.calls == []


@pytest.mark.parametrize("fmt", RESULT_FORMATS + GRAPH_FORMATS, ids=lambda f: f.name)
def test_a_negotiated_format_crosses_to_a_worker_and_back_as_itself(fmt):
    assert pickle.loads(pickle.dumps(fmt)) is fmt is format_named(fmt.name)


@pytest.fixture
def explore_counts(monkeypatch) -> dict[str, Counter]:
    """Counters on every step of drawing a neighbourhood."""
    graphs = []

    class CountedGraph(nx.MultiDiGraph):
        def __init__(self, *args, **kwargs):
            graphs.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(nx, "MultiDiGraph", CountedGraph)
    counters = {"graphs": graphs}
    for name, owner, attribute in (("describe", explore_view, "describe_nodes"), ("labels", drawing_module, "own_labels"),
                                   ("iri_ref", text_module, "iri_ref")):
        counters[name] = Counter(getattr(owner, attribute))
        monkeypatch.setattr(owner, attribute, counters[name])
    for name, owner, attribute in (("pyvis", Network, "from_nx"), ("bind", NamedQuery, "bind")):  # methods
        counters[name] = counter = Counter(getattr(owner, attribute))
        monkeypatch.setattr(owner, attribute, lambda self, *a, _c=counter, **k: _c(self, *a, **k))
    return counters


@pytest.mark.parametrize("path", ["/explore", "/explore.json"])
def test_explore_does_each_step_once(web_client, explore_counts, path):
    response = web_client.get(path, query_string={"focus": TESTSHIRE, "depth": 2})
    assert response.status_code == 200
    assert len(explore_counts["graphs"]) == 1, "one networkx graph"
    assert len(explore_counts["pyvis"].calls) == 1, "handed to pyvis once"
    assert len(explore_counts["describe"].calls) == 1, "one query names what the triples do not"
    assert len(explore_counts["labels"].calls) == 1, "the triples' own labels read once"
    focus_binds = [kw for _, kw in explore_counts["bind"].calls if kw.get("focus") == TESTSHIRE]
    assert len(focus_binds) == 1, "focus is checked where it is bound, once"
    focus_checks = [a for a, _ in explore_counts["iri_ref"].calls if a == (TESTSHIRE,)]
    assert len(focus_checks) == 1, "the user's focus is checked once; the labels query names the store's own terms"


def test_the_drawing_returns_its_focus_node_with_its_full_name(web_store):
    from graph.exports.dumps import neighbourhood
    from web.models.nodes import describe_nodes
    data, focus = drawing_module.drawing(neighbourhood(web_store, TESTSHIRE, 1), TESTSHIRE, 1,
                                         lambda iris: describe_nodes(iris, web_store))
    assert focus["id"] == TESTSHIRE and focus["focus"] is True and focus["name"] == "Testshire"
    assert data["nodes"][0] is focus
