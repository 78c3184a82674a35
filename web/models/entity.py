"""The entity page model: an entity's statements, what points at it, and where it comes from."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.queries import query_file
from graph.terms import PROV, RDF, RDFS, SKG
from web.models.nodes import Lit, Node, fallback_label, lit, node, value

INCOMING_LIMIT = 300
PROVENANCE_PROPS = {str(PROV.wasDerivedFrom), str(SKG.evidenceText), str(SKG.confidence), str(SKG.note)}


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

    @property
    def is_council(self) -> bool:
        """Whether the entity is a council (its page links to mandates vs findings)."""
        return any(t.iri == str(SKG.Council) for t in self.types)


def grouped(pairs) -> list[tuple[Node, list]]:
    """``(property, value)`` pairs grouped by property, in first-seen order."""
    groups: dict[str, tuple[Node, list]] = {}
    for prop, item in pairs:
        groups.setdefault(prop.iri, (prop, []))[1].append(item)
    return list(groups.values())


def get_entity(iri: str, store) -> Entity | None:
    """The entity page model for ``iri``, or None if the graph says nothing about it."""
    out = store.select(query_file("pages", "entity-outgoing").bind(entity=iri))
    inc = store.select(query_file("pages", "entity-incoming").bind(entity=iri, limit=INCOMING_LIMIT + 1))
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
    by_prop = lambda prop: [r for r in out if r["p"].value == str(prop)]  # noqa: E731
    entity.evidence = [lit(r["o"]) for r in by_prop(SKG.evidenceText)]
    entity.notes = [lit(r["o"]) for r in by_prop(SKG.note)]
    entity.confidence = [node(r["o"], r.get("olabel")) for r in by_prop(SKG.confidence)]
    if by_prop(PROV.wasDerivedFrom):
        rows = store.select(query_file("pages", "entity-sources").bind(entity=entity.iri))
        entity.sources = [source_model(r) for r in rows]


def source_model(row: dict) -> dict:
    """One source document row as the template shows it."""
    shown = {k: value(row[k]) for k in ("url", "kind", "date", "publisher") if k in row}
    return {"node": node(row["src"], row.get("title")), **shown}
