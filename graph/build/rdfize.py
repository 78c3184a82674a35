"""Turn ``Record``s into RDF triples, checking every key, class and reference against the ontology.

One record says what one source states about one entity; records for the same id from several
sources merge into one node that is ``prov:wasDerivedFrom`` each of them.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from graph.terms import ID, SKG
from graph.sources.records import DataError, DataErrors, Record

REUSED = {
    "label": (RDFS.label, "text"),
    "dcterms:title": (DCTERMS.title, "text"),
    "dcterms:date": (DCTERMS.date, "date"),
    "dcterms:creator": (DCTERMS.creator, "text"),
    "dcterms:description": (DCTERMS.description, "text"),
    "dcterms:publisher": (DCTERMS.publisher, "ref"),
    "dcterms:license": (DCTERMS.license, "ref"),
    "schema:version": (SDO.version, "text"),
    "schema:url": (SDO.url, "url"),
    "schema:jobTitle": (SDO.jobTitle, "text"),
    "org:memberOf": (ORG.memberOf, "ref"),
    "skos:altLabel": (SKOS.altLabel, "text"),
    "skos:broader": (SKOS.broader, "ref"),
    "rdfs:comment": (RDFS.comment, "text"),
    "rdf:subject": (RDF.subject, "ref"),
    "rdf:predicate": (RDF.predicate, "ref"),
    "rdf:object": (RDF.object, "ref"),
}
DATE_PROPS = {SKG.published, SKG.visited, SKG.asOf, DCTERMS.date}
# Concepts a data file may name by their short word.
WORDS = {
    SKG.confidence: {"high": SKG.HighConfidence, "medium": SKG.MediumConfidence, "low": SKG.LowConfidence},
    SKG.basis: {"stated": SKG.Stated, "restated": SKG.Restated, "inferred": SKG.Inferred},
    SKG.progressStatus: {"on track": SKG.OnTrack, "off track": SKG.OffTrack},
    SKG.rank: {"preferred": SKG.PreferredRank, "normal": SKG.NormalRank, "deprecated": SKG.DeprecatedRank},
}
YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
YEAR = re.compile(r"^\d{4}$")
FINANCIAL_YEAR = re.compile(r"^\d{4}-\d{2}$")
ENTITY_ID = re.compile(r"^[a-z][a-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")


class Ontology:
    """What the build needs to know of the ontology: its classes, and each property's kind and range."""

    def __init__(self, graph: Graph):
        self.graph = graph
        ns = str(SKG._NS)
        self.classes = {str(c)[len(ns):] for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(ns)}
        self.object_props = {p for p in graph.subjects(RDF.type, OWL.ObjectProperty)}
        self.datatype_props = {p for p in graph.subjects(RDF.type, OWL.DatatypeProperty)}

    def range_of(self, prop: URIRef) -> URIRef | None:
        """The declared rdfs:range of ``prop``, if any."""
        return self.graph.value(prop, RDFS.range)

    def resolve_key(self, key: str, where: str) -> tuple[URIRef, str]:
        """Map a data-file key to (property IRI, kind) where kind is ref, text, url, date or typed."""
        if key in REUSED:
            return REUSED[key]
        if ":" in key:
            raise DataError(where, f"unknown key {key!r}: reused terms allowed are {sorted(REUSED)}")
        try:
            prop = SKG[key]
        except AttributeError:
            raise DataError(where, f"unknown property {key!r}: not a term of the sendkg ontology") from None
        if prop in self.object_props:
            return prop, "ref"
        if prop in self.datatype_props:
            return prop, "date" if prop in DATE_PROPS else "typed"
        raise DataError(where, f"{key!r} is an ontology term but not a property")


def to_graph(records: list[Record], ontology: Ontology) -> Graph:
    """Build the data graph from records; raise ``DataErrors`` listing every problem found."""
    graph = Graph()
    known_ids = {r.id for r in records}
    errors: list[DataError] = []
    for record in records:
        try:
            _add_record(graph, record, ontology, known_ids, errors)
        except DataError as exc:
            errors.append(exc)
    if errors:
        raise DataErrors(errors)
    return graph


def _add_record(graph: Graph, record: Record, ontology: Ontology, known_ids: set[str], errors: list) -> None:
    node = ID[record.id]
    for type_name in record.types:
        if type_name not in ontology.classes:
            raise DataError(record.where, f"unknown type {type_name!r}: not a class of the sendkg ontology")
        graph.add((node, RDF.type, SKG[type_name]))
    if record.source and record.source != record.id:
        graph.add((node, PROV.wasDerivedFrom, ID[record.source]))
    for key, values in record.props.items():
        where = record.key_where.get(key, record.where)
        try:
            prop, kind = ontology.resolve_key(key, where)
            for value in values:
                graph.add((node, prop, _term(value, prop, kind, ontology, known_ids, where)))
        except DataError as exc:
            errors.append(exc)
    if any(p in record.props for p in ("amount", "capitalAmount")) and "currency" not in record.props:
        graph.add((node, SKG.currency, Literal("GBP")))


def _term(value, prop: URIRef, kind: str, ontology: Ontology, known_ids: set[str], where: str):
    if kind == "ref":
        return _reference(value, prop, known_ids, where)
    if kind == "url":
        return Literal(str(value), datatype=XSD.anyURI)
    if kind == "date":
        return _date(value, prop, where)
    if kind == "typed":
        return _typed(value, ontology.range_of(prop), prop, where)
    return Literal(str(value))


def _reference(value, prop: URIRef, known_ids: set[str], where: str) -> URIRef:
    if isinstance(value, URIRef):
        return value
    text = str(value)
    if text in WORDS.get(prop, {}):
        return WORDS[prop][text]
    if text.startswith("skg:"):
        try:
            return SKG[text[4:]]
        except AttributeError:
            raise DataError(where, f"{text!r} is not a term of the sendkg ontology") from None
    if ENTITY_ID.match(text):
        if text not in known_ids:
            raise DataError(where, f"reference to {text!r}, which no data file declares")
        return ID[text]
    raise DataError(where, f"{text!r} is not a reference: expected kind/slug or skg:Term")


def _date(value, prop: URIRef, where: str) -> Literal:
    if isinstance(value, dt.datetime):
        return Literal(value.date().isoformat(), datatype=XSD.date)
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=XSD.date)
    text = str(value)
    if YEAR_MONTH.match(text):
        return Literal(text, datatype=XSD.gYearMonth)
    if YEAR.match(text):
        return Literal(text, datatype=XSD.gYear)
    if FINANCIAL_YEAR.match(text):
        raise DataError(where, f"{text!r} looks like a financial year: put it in 'financialYear', not a date")
    raise DataError(where, f"{text!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY")


def _typed(value, range_: URIRef | None, prop: URIRef, where: str) -> Literal:
    if range_ == XSD.decimal:
        try:
            return Literal(Decimal(str(value)), datatype=XSD.decimal)
        except InvalidOperation:
            raise DataError(where, f"{value!r} is not a number ({prop.fragment} is a decimal)") from None
    if range_ == XSD.integer:
        if isinstance(value, bool) or not str(value).lstrip("-").isdigit():
            raise DataError(where, f"{value!r} is not a whole number ({prop.fragment} is an integer)")
        return Literal(int(value), datatype=XSD.integer)
    if range_ == XSD.string:
        if isinstance(value, (dt.date, list, dict)):
            raise DataError(where, f"{value!r} should be text for {prop.fragment}: quote it")
        return Literal(str(value))
    return Literal(value) if not isinstance(value, str) else Literal(value)
