"""Machine-readable descriptions of this deployment: SPARQL Service Description and VoID/DCAT.

Service Description: https://www.w3.org/TR/sparql11-service-description/ ; VoID:
https://www.w3.org/TR/void/ ; DCAT: https://www.w3.org/TR/vocab-dcat-3/. Absolute URLs start from
PUBLIC_BASE_URL when set (a deployment behind a proxy), else from the request's own root.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import current_app, request
from rdflib import BNode, Graph, Literal, URIRef

from graph.exports.formats import GRAPH_FORMATS, RESULT_FORMATS, W3C_NAMES, Format, by_name, rdf_options
from graph.terms import (
    CC_BY, DATA_BASE, DATASET_IRI, DCAT, DCTERMS, FORMATS, MEDIA_TYPES, ONTOLOGY_IRI, RDF, RDFS, SD, VOID,
)

DUMP_NAME = "sendkg"
DUMP_EXTENSIONS = ("ttl", "nt", "jsonld", "rdf", "trig", "nq")
# VoID counts of the default graph; entities are the subjects in the data's URI space (void:uriSpace).
STATS = {
    VOID.triples: "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    VOID.entities: f'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{DATA_BASE}")) }}',
    VOID.classes: "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }",
    VOID.properties: "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }",
    VOID.distinctSubjects: "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }",
    VOID.distinctObjects: "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }",
}
STATS_KEY = "sendkg.void-stats"


def public_url(path: str) -> str:
    """The absolute URL of ``path`` (which starts with /) on this deployment."""
    base = current_app.config.get("PUBLIC_BASE_URL") or request.url_root
    return base.rstrip("/") + path


def endpoint_url() -> URIRef:
    """The SPARQL endpoint's absolute URL."""
    return URIRef(public_url("/sparql"))


def statistics(store) -> dict:
    """VoID statistics of the default graph (property -> count), computed once per app."""
    cached = current_app.extensions.get(STATS_KEY)
    if cached is None:
        cached = {prop: int(store.select(query)[0]["n"].value) for prop, query in STATS.items()}
        current_app.extensions[STATS_KEY] = cached
    return cached


def add_statistics(graph: Graph, node, stats: dict) -> None:
    """State ``stats`` about ``node``."""
    for prop, count in stats.items():
        graph.add((node, prop, Literal(count)))


def service_description(stats: dict) -> Graph:
    """The SPARQL Service Description of this endpoint, its default dataset and graph with VoID counts."""
    graph = Graph()
    service, endpoint = URIRef(public_url("/sparql#service")), endpoint_url()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, endpoint))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for fmt in RESULT_FORMATS + GRAPH_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[W3C_NAMES[fmt.name]]))
    limits = current_app.config
    graph.add((service, RDFS.comment, Literal(
        f"Read-only SPARQL 1.1 Query endpoint. A query stops after {limits['QUERY_TIMEOUT']:g} s; SELECT returns "
        f"at most {limits['ROW_LIMIT']} rows and CONSTRUCT/DESCRIBE at most {limits['ROW_LIMIT']} triples "
        "(header X-SPARQL-Truncated: true when cut). SERVICE and SPARQL Update are refused.")))
    graph.add((service, SD.defaultDataset, DATASET_IRI))
    graph.add((DATASET_IRI, RDF.type, SD.Dataset))
    default_graph = BNode()
    graph.add((DATASET_IRI, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    add_statistics(graph, default_graph, stats)
    return graph


def dataset_triples(store) -> Graph:
    """What the data itself says about the dataset (title, licence, sources...)."""
    nt = ox.serialize(store.query(f"CONSTRUCT WHERE {{ <{DATASET_IRI}> ?p ?o }}"), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=nt.decode("utf-8"), format="nt")


def add_defaults(graph: Graph) -> None:
    """Title, licence and vocabulary for a dataset whose data does not state them."""
    defaults = {DCTERMS.title: Literal("sendkg"), DCTERMS.license: CC_BY, VOID.vocabulary: ONTOLOGY_IRI}
    for prop, value in defaults.items():
        if graph.value(DATASET_IRI, prop) is None:
            graph.add((DATASET_IRI, prop, value))


def add_distribution(graph: Graph, fmt: Format, url: URIRef) -> None:
    """A dump of the dataset in ``fmt`` at ``url``, as VoID dataDump and DCAT distribution."""
    graph.add((DATASET_IRI, VOID.dataDump, url))
    graph.add((DATASET_IRI, DCAT.distribution, url))
    graph.add((url, RDF.type, DCAT.Distribution))
    graph.add((url, DCAT.downloadURL, url))
    graph.add((url, DCAT.mediaType, MEDIA_TYPES[fmt.media_type]))
    graph.add((url, DCTERMS["format"], FORMATS[W3C_NAMES[fmt.name]]))
    graph.add((url, DCTERMS.title, Literal(f"{fmt.label} dump of the whole graph")))


def void_description(store, stats: dict) -> Graph:
    """The VoID/DCAT description of the dataset: the data's own statements plus counts, endpoint and dumps."""
    graph = dataset_triples(store)
    graph.add((DATASET_IRI, RDF.type, VOID.Dataset))
    graph.add((DATASET_IRI, RDF.type, DCAT.Dataset))
    add_defaults(graph)
    add_statistics(graph, DATASET_IRI, stats)
    endpoint, service = endpoint_url(), URIRef(public_url("/sparql#service"))
    graph.add((DATASET_IRI, VOID.sparqlEndpoint, endpoint))
    for extension in DUMP_EXTENSIONS:
        add_distribution(graph, by_name(extension, GRAPH_FORMATS), URIRef(public_url(f"/dump/{DUMP_NAME}.{extension}")))
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCAT.endpointURL, endpoint))
    graph.add((service, DCAT.endpointDescription, endpoint))
    graph.add((service, DCAT.servesDataset, DATASET_IRI))
    access = BNode()
    graph.add((DATASET_IRI, DCAT.distribution, access))
    graph.add((access, RDF.type, DCAT.Distribution))
    graph.add((access, DCAT.accessURL, endpoint))
    graph.add((access, DCAT.accessService, service))
    return graph


def rdf_bytes(graph: Graph, fmt: Format) -> bytes:
    """``graph`` serialised in ``fmt`` by Oxigraph, subjects in order (the project's prefixes for Turtle and TriG)."""
    lines = sorted(graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True))
    quads = ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(quads, format=fmt.ox, **rdf_options(fmt.ox))
