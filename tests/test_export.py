"""Every export format, re-parsed by an independent parser (rdflib), is isomorphic to the store."""

from __future__ import annotations

import pytest
from rdflib import Graph

from web.cli import main
from graph.store import EmbeddedStore
from rdfcompare import assert_isomorphic, store_graph

RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "trig": "trig", "rdfxml": "xml"}


@pytest.fixture(scope="module")
def expected(built) -> Graph:
    return store_graph(EmbeddedStore.open_build(built, in_memory=True))


@pytest.mark.parametrize("fmt", sorted(RDFLIB_FORMAT))
def test_export_round_trips(fmt, built, expected, tmp_path):
    out = tmp_path / f"export.{fmt}"
    assert main(["export", "--var", str(built.parent.parent), "--format", fmt, "--output", str(out)]) == 0
    parsed = Graph().parse(out, format=RDFLIB_FORMAT[fmt])
    assert len(parsed) == len(expected)
    assert_isomorphic(parsed, expected)


def test_build_dump_matches_store(built, expected):
    """The N-Triples dump a build writes (read by rdflib) equals the store pyoxigraph loaded from it."""
    assert_isomorphic(Graph().parse(built / "graph.nt", format="nt"), expected)


def test_comparison_can_fail(expected):
    changed = Graph()
    for triple in list(expected)[1:]:
        changed.add(triple)
    with pytest.raises(AssertionError, match="only in expected"):
        assert_isomorphic(changed, expected)
