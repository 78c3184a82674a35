"""Compare RDF by meaning: pyoxigraph terms to rdflib terms, isomorphism with a readable diff."""

from __future__ import annotations

import pyoxigraph as ox

from graph.exports import dumps
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import XSD


def to_rdflib(term):
    """The rdflib term for a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):  # RDF 1.1: a simple literal is an xsd:string
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def as_rdflib(triples) -> Graph:
    """pyoxigraph triples as an rdflib Graph."""
    graph = Graph()
    for t in triples:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


def store_graph(store, graph_iri: str | None = None) -> Graph:
    """The default graph (or the named graph ``graph_iri``) of a store, read through the store protocol, as rdflib sees it."""
    return as_rdflib(dumps.named_graph(store, graph_iri) if graph_iri else dumps.default_graph(store))


def assert_isomorphic(actual: Graph, expected: Graph) -> None:
    """Fail with the first differing triples (each side) if the graphs are not isomorphic."""
    iso_actual, iso_expected = to_isomorphic(actual), to_isomorphic(expected)
    if iso_actual == iso_expected:
        return
    _, only_actual, only_expected = graph_diff(iso_actual, iso_expected)
    first = lambda g: "\n".join(sorted(" ".join(x.n3() for x in t) for t in list(g)[:5]))
    raise AssertionError(f"graphs differ: {len(only_actual)} triples only in actual, {len(only_expected)} only in expected\n"
                         f"only in actual:\n{first(only_actual)}\nonly in expected:\n{first(only_expected)}")
