"""The graph as documents: the whole default graph, a named graph, one entity, or an entity's neighbourhood.

Each function reads through the store protocol with a query file of ``graph/queries/exports/`` and returns
pyoxigraph triples; ``formats.write_graph`` writes them in any graph format.
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.queries import query_file

DEPTHS = (1, 2, 3)
NO_LIMIT = "no limit"


def default_graph(store) -> list[ox.Triple]:
    """Every triple of the default graph."""
    return store.triples(query_file("exports", "construct-default-graph").text)


def has_named_graph(store, iri: str) -> bool:
    """Whether the named graph ``iri`` holds any triple (``ValueError`` if ``iri`` is not an absolute IRI)."""
    return bool(store.query(query_file("exports", "ask-named-graph").bind(graph=iri)))


def named_graph(store, iri: str) -> list[ox.Triple]:
    """Every triple of the named graph ``iri``."""
    return store.triples(query_file("exports", "construct-named-graph").bind(graph=iri))


def is_entity(store, iri: str) -> bool:
    """Whether any triple has ``iri`` as its subject."""
    return bool(store.query(query_file("exports", "ask-entity").bind(entity=iri)))


def entity_triples(store, iri: str) -> list[ox.Triple]:
    """Every triple with ``iri`` as subject or object: an entity's own RDF."""
    return store.triples(query_file("exports", "construct-entity").bind(entity=iri))


def neighbourhood(store, iri: str, depth: int = 1, limit: int | str | None = None) -> list[ox.Triple]:
    """The triples touching every data entity within ``depth - 1`` hops of ``iri``: at most ``limit`` solutions (None:
    the query file's default; ``NO_LIMIT``: all); ``ValueError`` for a depth other than 1-3, a bad IRI or limit."""
    if depth not in DEPTHS:
        raise ValueError(f"depth must be 1, 2 or 3, not {depth!r}")
    if limit == NO_LIMIT:  # each solution is one of the store's triples, reached from at most two kept nodes
        limit = 2 * len(store) + 1
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ValueError(f"limit must be a positive whole number, not {limit!r}")
    query = query_file("exports", f"construct-neighbourhood-{depth}")
    return store.triples(query.bind(focus=iri, **({"limit": limit} if limit is not None else {})))

