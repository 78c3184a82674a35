"""How terms are shown: a ``Node`` for an IRI or blank node, a ``Lit`` for a literal, and labels fetched in bulk."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from graph.queries import query_file
from web.shared.formatting import format_literal
from web.shared.links import iri_to_path, known_label, safe_href


@dataclass(frozen=True)
class Node:
    """An IRI (or blank node) as shown: its label, and the app path that shows it (if any)."""

    iri: str
    label: str
    path: str | None = None
    types: tuple[str, ...] = ()

    @property
    def is_blank(self) -> bool:
        """Whether this is a blank node (shown, never linked)."""
        return self.iri.startswith("_:")

    @property
    def external_href(self) -> str | None:
        """For an IRI this app does not serve (e.g. an ONS statistical geography): a safe http(s) link to it."""
        return None if self.path or self.is_blank else safe_href(self.iri)


@dataclass(frozen=True)
class Lit:
    """A literal as shown: its display text, raw value, datatype, language and a safe link if it is one."""

    text: str
    value: str
    datatype: str | None = None
    language: str | None = None
    href: str | None = None


def node(term, label=None, types=()) -> Node:
    """A ``Node`` for a pyoxigraph NamedNode or BlankNode, labelled by ``label`` (a term) if given."""
    if isinstance(term, ox.BlankNode):
        return Node("_:" + term.value, label.value if label is not None else "(anonymous node)")
    iri = term.value
    return Node(iri, label.value if label is not None else fallback_label(iri), iri_to_path(iri), tuple(types))


def fallback_label(iri: str) -> str:
    """A readable stand-in for an IRI with no label: a known name, or the last segment of a data IRI, or a CURIE."""
    short = known_label(iri)
    return short.split(":", 1)[1].rsplit("/", 1)[-1].replace("-", " ") if short.startswith("id:") else short


def lit(term: ox.Literal, prop: str | None = None, currency: str = "GBP") -> Lit:
    """A ``Lit`` for a pyoxigraph literal, formatted for ``prop``."""
    datatype = term.datatype.value if term.datatype is not None else None
    text, href = format_literal(term.value, datatype, prop, currency)
    return Lit(text, term.value, datatype, term.language, href)


def value(term, label=None, prop=None, currency="GBP"):
    """A ``Lit`` or ``Node`` for any term."""
    return lit(term, prop, currency) if isinstance(term, ox.Literal) else node(term, label)


def labels_and_types(iris, store) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Labels (of the IRIs and of their classes) and types of some IRIs, in one query; keyed by IRI string."""
    return describe_nodes(iris, store)[:2]


def describe_nodes(iris, store) -> tuple[dict[str, str], dict[str, list[str]], dict[str, int]]:
    """Labels (of the IRIs and of their classes), types and whole-graph degrees (data entities only) of some IRIs
    (strings, or the store's own ``NamedNode``s, which need no second check), in one query; keyed by IRI string."""
    iris = sorted({i for i in iris if isinstance(i, ox.NamedNode) or not i.startswith("_:")}, key=str)
    labels: dict[str, str] = {}
    types: dict[str, list[str]] = {}
    degrees: dict[str, int] = {}
    if not iris:
        return labels, types, degrees
    for row in store.select(query_file("pages", "labels-and-types").bind(iris=iris)):
        x = row["x"].value
        if "l" in row:
            labels.setdefault(x, row["l"].value)
        if "t" in row and row["t"].value not in types.setdefault(x, []):
            types[x].append(row["t"].value)
        if "tl" in row:
            labels.setdefault(row["t"].value, row["tl"].value)
        if "d" in row:
            degrees[x] = int(row["d"].value)
    return labels, types, degrees
