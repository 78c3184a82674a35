"""The embedded store: opened from a build on disk or in memory, reopened elsewhere, and reachable through rdflib."""

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from graph.terms import ID, SKG
from graph.store import Store, reopen


@pytest.mark.parametrize("in_memory", [False, True])
def test_build_opens_on_disk_and_in_memory_with_the_same_data(built, in_memory):
    assert len(Store.open_build(built, in_memory=in_memory)) == len(Store.open_build(built))


def test_reopen_gives_the_same_data(small_store):
    assert len(reopen(small_store.origin)) == len(small_store) > 0


def test_rdflib_graph_over_the_store(built):
    graph = Store.open_build(built).rdflib_graph()
    assert (URIRef(ID["council/bury"]), RDFS.label, Literal("Bury")) in graph
    rows = list(graph.query(f"SELECT ?c WHERE {{ ?c a <{SKG.Council}> }}"))
    assert len(rows) == 37
