"""The one door to the graph: what every reader (pages, exports, the CLI, the executor) may ask of a store.

Results are pyoxigraph's own objects, whatever the store: ``query`` returns ``QuerySolutions``,
``QueryBoolean`` or ``QueryTriples``; ``select`` rows map variable names to ``NamedNode``, ``BlankNode``
or ``Literal``; ``triples`` gives ``Triple``s. A remote store parses its server's answers into the same
types, so no reader can tell the two apart. Errors are those of ``graph.store.errors``.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from contextlib import contextmanager

import pyoxigraph as ox

from graph.store.errors import RemoteStoreError

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Row = dict[str, Term]


@runtime_checkable
class Store(Protocol):
    """A read-only SPARQL view of the sendkg graph."""

    description: str
    """Where the data comes from, in words (for ``sendkg stats`` and logs)."""

    build_info: dict
    """What the build recorded (``built_at``, ``triples``), or what the remote store is."""

    def query(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run any SPARQL query."""

    def select(self, sparql: str) -> list[Row]:
        """Run a SELECT; its rows, unbound variables left out."""

    def triples(self, sparql: str) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE; its triples."""

    def __len__(self) -> int:
        """How many triples the default graph holds."""


class Reads:
    """``select`` and ``triples`` for any class that defines ``query``."""

    def query(self, sparql: str):  # pragma: no cover - each store defines it
        raise NotImplementedError

    def select(self, sparql: str) -> list[Row]:
        """Run a SELECT and return its rows as dicts of variable name to pyoxigraph term."""
        results = self.query(sparql)
        names = [v.value for v in results.variables]
        with answers_that_parse():
            return [{n: row[n] for n in names if row[n] is not None} for row in results]

    def triples(self, sparql: str) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE and return its triples."""
        results = self.query(sparql)
        with answers_that_parse():
            return list(results)


@contextmanager
def answers_that_parse():
    """Results are read lazily: a remote answer that stops parsing part-way is the store's failure, not the query's."""
    try:
        yield
    except SyntaxError as error:
        raise RemoteStoreError(f"the store's answer does not parse: {error}") from None
