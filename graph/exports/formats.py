"""One registry of serialisation formats, keyed by short name and by media type.

Two tables, as SPARQL 1.1 Protocol needs: result formats for SELECT/ASK
(https://www.w3.org/TR/sparql11-results-json/, -xml, -csv-tsv) and graph formats for
CONSTRUCT/DESCRIBE and exports (Turtle, N-Triples, RDF/XML, JSON-LD, TriG, N-Quads).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from graph.terms import PREFIXES


@dataclass(frozen=True)
class Format:
    """A serialisation: short name, media type, file extension and the pyoxigraph format that writes it."""

    name: str
    media_type: str
    extension: str
    ox: object
    label: str


RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", "srj", ox.QueryResultsFormat.JSON, "SPARQL JSON"),
    Format("xml", "application/sparql-results+xml", "srx", ox.QueryResultsFormat.XML, "SPARQL XML"),
    Format("csv", "text/csv", "csv", ox.QueryResultsFormat.CSV, "CSV"),
    Format("tsv", "text/tab-separated-values", "tsv", ox.QueryResultsFormat.TSV, "TSV"),
)

GRAPH_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", "ttl", ox.RdfFormat.TURTLE, "Turtle"),
    Format("ntriples", "application/n-triples", "nt", ox.RdfFormat.N_TRIPLES, "N-Triples"),
    Format("rdfxml", "application/rdf+xml", "rdf", ox.RdfFormat.RDF_XML, "RDF/XML"),
    Format("jsonld", "application/ld+json", "jsonld", ox.RdfFormat.JSON_LD, "JSON-LD"),
    Format("trig", "application/trig", "trig", ox.RdfFormat.TRIG, "TriG"),
    Format("nquads", "application/n-quads", "nq", ox.RdfFormat.N_QUADS, "N-Quads"),
)

# Media types clients send that mean the same as a registered one.
ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/json+ld": "application/ld+json",
    "application/x-json+ld": "application/ld+json",
    "text/n3": "text/turtle",
    "text/rdf+n3": "text/turtle",
}

# Local names of each format in the W3C formats namespace (http://www.w3.org/ns/formats/), for service descriptions.
W3C_NAMES = {
    "json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples", "rdfxml": "RDF_XML",
    "jsonld": "JSON-LD", "trig": "TriG", "nquads": "N-Quads",
}


def by_name(name: str, table: tuple[Format, ...]) -> Format | None:
    """The format in ``table`` with short name or extension ``name``."""
    return next((f for f in table if name in (f.name, f.extension)), None)


def by_media_type(media_type: str, table: tuple[Format, ...]) -> Format | None:
    """The format in ``table`` for ``media_type`` (aliases included)."""
    media_type = ALIASES.get(media_type, media_type)
    return next((f for f in table if f.media_type == media_type), None)


def rdf_options(fmt: ox.RdfFormat) -> dict:
    """Serialiser options: the project's prefixes for the formats that use them (Turtle, TriG)."""
    return {"prefixes": PREFIXES} if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else {}


def serialize_graph(triples, fmt: Format) -> bytes:
    """``triples`` (or quads) written in graph format ``fmt``, with prefixes where the format uses them."""
    return ox.serialize(triples, format=fmt.ox, **rdf_options(fmt.ox))
