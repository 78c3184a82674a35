"""One registry of serialisation formats, keyed by short name and by media type, and the one place that writes RDF.

Two tables, as SPARQL 1.1 Protocol needs: result formats for SELECT/ASK
(https://www.w3.org/TR/sparql11-results-json/, -xml, -csv-tsv) and graph formats for CONSTRUCT/DESCRIBE and
exports (Turtle, N-Triples, RDF/XML, JSON-LD, TriG, N-Quads). Every serialisation in the project goes through
``write_graph`` or ``write_results`` (pyoxigraph's writers, the project's prefixes where the format uses them).
A ``Format`` pickles by name, so a negotiated format crosses to a query worker and back as the same object.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from graph.terms import PREFIXES


@dataclass(frozen=True)
class Format:
    """A serialisation: short name, media type, file extension, the pyoxigraph format that writes it, a label."""

    name: str
    media_type: str
    extension: str
    ox: object
    label: str

    def __reduce__(self):
        return (format_named, (self.name,))


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
TURTLE = GRAPH_FORMATS[0]
N_TRIPLES = GRAPH_FORMATS[1]
JSON = RESULT_FORMATS[0]
TSV = RESULT_FORMATS[3]


def by_name(name: str, table: tuple[Format, ...]) -> Format | None:
    """The format in ``table`` with short name or extension ``name``."""
    return next((f for f in table if name in (f.name, f.extension)), None)


def by_media_type(media_type: str, table: tuple[Format, ...]) -> Format | None:
    """The format in ``table`` for ``media_type`` (aliases included)."""
    media_type = ALIASES.get(media_type, media_type)
    return next((f for f in table if f.media_type == media_type), None)


REGISTRY = {f.name: f for f in RESULT_FORMATS + GRAPH_FORMATS}


def format_named(name: str) -> Format:
    """The registered format called ``name``: how a pickled ``Format`` comes back as the same object."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(f"no format called {name!r}") from None


def write_graph(triples, fmt: Format, output=None) -> bytes | None:
    """``triples`` (or quads) in graph format ``fmt``, with prefixes where it uses them; into ``output`` if given."""
    prefixes = {"prefixes": PREFIXES} if fmt.ox in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else {}
    return ox.serialize(triples, output, format=fmt.ox, **prefixes)


def in_order(triples) -> list:
    """``triples`` in one fixed order (by their N-Triples text): the same data gives the same bytes whichever store
    hands it over (an on-disk and an in-memory store iterate in different orders)."""
    return sorted(triples, key=str)


def write_results(results, fmt: Format, output=None) -> bytes | None:
    """SELECT solutions or an ASK answer in result format ``fmt``; into ``output`` if given."""
    if isinstance(results, bool):
        source = b'{"head":{},"boolean":%s}' % (b"true" if results else b"false")
        results = ox.parse_query_results(source, format=ox.QueryResultsFormat.JSON)
    return results.serialize(output, format=fmt.ox)
