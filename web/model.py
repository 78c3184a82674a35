"""Pure ``get_*(iri, store) -> model`` functions behind the entity pages (pyLODE's pattern).

Every function runs a handful of SPARQL queries through the store interface only (``store.select``),
so the same pages work on the embedded store and on a remote SPARQL server.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.terms import PREFIXES, PROV, RDF, RDFS, SKG

from .formatting import format_literal
from .links import iri_to_path, known_label, safe_href
from .sparql_text import iri_ref, prefix_lines, values_block

INCOMING_LIMIT = 300
HEAD = prefix_lines(PREFIXES)
PROVENANCE_PROPS = {str(PROV.wasDerivedFrom), str(SKG.evidenceText), str(SKG.confidence), str(SKG.note)}


@dataclass(frozen=True)
class Node:
    """An IRI (or blank node) as shown: its label, and the app path that shows it (if any)."""

    iri: str
    label: str
    path: str | None = None
    types: tuple[str, ...] = ()

    @property
    def is_blank(self) -> bool:
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


@dataclass
class Entity:
    """Everything an entity page shows."""

    iri: str
    label: str
    types: list[Node]
    outgoing: list[tuple[Node, list]] = field(default_factory=list)
    incoming: list[tuple[Node, list[Node]]] = field(default_factory=list)
    incoming_truncated: bool = False
    sources: list[dict] = field(default_factory=list)
    evidence: list[Lit] = field(default_factory=list)
    confidence: list[Node] = field(default_factory=list)
    notes: list[Lit] = field(default_factory=list)


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


def grouped(pairs) -> list[tuple[Node, list]]:
    """``(property, value)`` pairs grouped by property, in first-seen order."""
    groups: dict[str, tuple[Node, list]] = {}
    for prop, item in pairs:
        groups.setdefault(prop.iri, (prop, []))[1].append(item)
    return list(groups.values())


def outgoing_rows(iri: str, store) -> list[dict]:
    """Every ``<iri> ?p ?o`` with labels of ``?p`` and ``?o``."""
    return store.select(HEAD + f"""SELECT ?p ?o (SAMPLE(?pl) AS ?plabel) (SAMPLE(?ol) AS ?olabel) WHERE {{
  {iri_ref(iri)} ?p ?o . OPTIONAL {{ ?p rdfs:label ?pl }} OPTIONAL {{ ?o rdfs:label ?ol }}
}} GROUP BY ?p ?o ORDER BY ?p ?o""")


def incoming_rows(iri: str, store) -> list[dict]:
    """Up to INCOMING_LIMIT + 1 ``?s ?p <iri>`` with labels and a type of ``?s``."""
    return store.select(HEAD + f"""SELECT ?s ?p (SAMPLE(?pl) AS ?plabel) (SAMPLE(?sl) AS ?slabel) WHERE {{
  ?s ?p {iri_ref(iri)} . OPTIONAL {{ ?p rdfs:label ?pl }} OPTIONAL {{ ?s rdfs:label ?sl }}
}} GROUP BY ?s ?p ORDER BY ?p ?slabel LIMIT {INCOMING_LIMIT + 1}""")


def source_rows(iri: str, store) -> list[dict]:
    """The source documents ``iri`` was derived from, with title, URL, kind, date and publisher."""
    return store.select(HEAD + f"""SELECT ?src (SAMPLE(?t) AS ?title) (SAMPLE(?u) AS ?url) (SAMPLE(?k) AS ?kind)
  (SAMPLE(?d) AS ?date) (SAMPLE(?pub) AS ?publisher) WHERE {{
  {iri_ref(iri)} prov:wasDerivedFrom ?src .
  OPTIONAL {{ ?src dcterms:title|rdfs:label ?t }} OPTIONAL {{ ?src schema:url ?u }}
  OPTIONAL {{ ?src skg:sourceKind ?k }} OPTIONAL {{ ?src skg:published|dcterms:date ?d }}
  OPTIONAL {{ ?src dcterms:publisher/rdfs:label ?pub }}
}} GROUP BY ?src ORDER BY ?title""")


def get_entity(iri: str, store) -> Entity | None:
    """The entity page model for ``iri``, or None if the graph says nothing about it."""
    out, inc = outgoing_rows(iri, store), incoming_rows(iri, store)
    if not out and not inc:
        return None
    labels = [r["o"].value for r in out if r["p"].value == str(RDFS.label)]
    currency = next((r["o"].value for r in out if r["p"].value == str(SKG.currency)), "GBP")
    entity = Entity(iri, labels[0] if labels else fallback_label(iri),
                    [node(r["o"], r.get("olabel")) for r in out if r["p"].value == str(RDF.type)])
    shown = [r for r in out if r["p"].value not in PROVENANCE_PROPS | {str(RDF.type), str(RDFS.label)}]
    entity.outgoing = grouped((node(r["p"], r.get("plabel")), value(r["o"], r.get("olabel"), r["p"].value, currency))
                              for r in shown)
    entity.incoming_truncated = len(inc) > INCOMING_LIMIT
    entity.incoming = grouped((node(r["p"], r.get("plabel")), node(r["s"], r.get("slabel"))) for r in inc[:INCOMING_LIMIT])
    add_provenance(entity, out, store)
    return entity


def add_provenance(entity: Entity, out: list[dict], store) -> None:
    """Fill the provenance block: sources, evidence text, confidence and notes."""
    by_prop = lambda prop: [r for r in out if r["p"].value == str(prop)]
    entity.evidence = [lit(r["o"]) for r in by_prop(SKG.evidenceText)]
    entity.notes = [lit(r["o"]) for r in by_prop(SKG.note)]
    entity.confidence = [node(r["o"], r.get("olabel")) for r in by_prop(SKG.confidence)]
    entity.sources = [source_model(r) for r in source_rows(entity.iri, store)] if by_prop(PROV.wasDerivedFrom) else []


def source_model(row: dict) -> dict:
    """One source document row as the template shows it."""
    shown = {k: value(row[k]) for k in ("url", "kind", "date", "publisher") if k in row}
    return {"node": node(row["src"], row.get("title")), **shown}


def labels_and_types(iris, store) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Labels (of the IRIs and of their classes) and types of a set of IRIs, in one query."""
    iris = sorted({i for i in iris if not i.startswith("_:")})
    labels: dict[str, str] = {}
    types: dict[str, list[str]] = {}
    if not iris:
        return labels, types
    rows = store.select(HEAD + f"""SELECT ?x ?l ?t ?tl WHERE {{ {values_block('x', iris)}
  {{ ?x rdfs:label ?l }} UNION {{ ?x a ?t OPTIONAL {{ ?t rdfs:label ?tl }} }} }}""")
    for row in rows:
        x = row["x"].value
        if "l" in row:
            labels.setdefault(x, row["l"].value)
        if "t" in row and row["t"].value not in types.setdefault(x, []):
            types[x].append(row["t"].value)
        if "tl" in row:
            labels.setdefault(row["t"].value, row["tl"].value)
    return labels, types
