"""Machine-readable descriptions of a deployment: SPARQL Service Description and VoID/DCAT, as pyoxigraph triples.

Service Description: https://www.w3.org/TR/sparql11-service-description/ ; VoID: https://www.w3.org/TR/void/ ;
DCAT: https://www.w3.org/TR/vocab-dcat-3/. Every absolute URL starts from ``base_url``, which the caller
passes in (the web app: PUBLIC_BASE_URL when set, else the request's own root); nothing here knows HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from graph.exports.formats import GRAPH_FORMATS, RESULT_FORMATS, W3C_NAMES, Format, by_name
from graph.queries import query_file
from graph.terms import (
    CC_BY, DATASET_IRI, DCAT, DCTERMS, FORMATS, MEDIA_TYPES, ONTOLOGY_IRI, RDF, RDFS, SD, VOID, node,
)

DUMP_NAME = "sendkg"
DUMP_EXTENSIONS = ("ttl", "nt", "jsonld", "rdf", "trig", "nq")
# The VoID property each column of exports/void-statistics.rq gives.
STATISTICS = {"triples": VOID.triples, "entities": VOID.entities, "classes": VOID.classes,
              "properties": VOID.properties, "distinctSubjects": VOID.distinctSubjects,
              "distinctObjects": VOID.distinctObjects}


@dataclass(frozen=True)
class Limits:
    """What the endpoint promises about a query: seconds before it stops, and rows (or triples) returned at most."""

    seconds: float
    rows: int


def statistics(store) -> dict[str, int]:
    """VoID statistics of the default graph, by column name of ``exports/void-statistics.rq``."""
    row = store.select(query_file("exports", "void-statistics").text)[0]
    return {name: int(row[name].value) for name in STATISTICS}


def add(triples: list, subject, predicate, obj) -> None:
    """Append one triple: ``predicate`` a namespace term, ``obj`` a pyoxigraph term or a number (an xsd:integer)."""
    if not isinstance(obj, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        obj = ox.Literal(obj)
    triples.append(ox.Triple(subject, node(predicate), obj))


def url(base_url: str, path: str) -> ox.NamedNode:
    """The absolute URL of ``path`` (which starts with /) on the deployment at ``base_url``."""
    return ox.NamedNode(base_url.rstrip("/") + path)


def add_statistics(triples: list, subject, stats: dict[str, int]) -> None:
    """State ``stats`` about ``subject`` with their VoID properties."""
    for name, prop in STATISTICS.items():
        add(triples, subject, prop, stats[name])


def service_description(base_url: str, stats: dict[str, int], limits: Limits) -> list[ox.Triple]:
    """The SPARQL Service Description of the endpoint, its default dataset and graph with VoID counts."""
    triples: list[ox.Triple] = []
    service, endpoint = url(base_url, "/sparql#service"), url(base_url, "/sparql")
    add(triples, service, RDF.type, node(SD.Service))
    add(triples, service, SD.endpoint, endpoint)
    add(triples, service, SD.supportedLanguage, node(SD.SPARQL11Query))
    for fmt in RESULT_FORMATS + GRAPH_FORMATS:
        add(triples, service, SD.resultFormat, node(FORMATS[W3C_NAMES[fmt.name]]))
    add(triples, service, RDFS.comment, ox.Literal(
        f"Read-only SPARQL 1.1 Query endpoint. A query stops after {limits.seconds:g} s; SELECT returns "
        f"at most {limits.rows} rows and CONSTRUCT/DESCRIBE at most {limits.rows} triples "
        "(header X-SPARQL-Truncated: true when cut). SERVICE and SPARQL Update are refused."))
    dataset, default_graph = node(DATASET_IRI), ox.BlankNode()
    add(triples, service, SD.defaultDataset, dataset)
    add(triples, dataset, RDF.type, node(SD.Dataset))
    add(triples, dataset, SD.defaultGraph, default_graph)
    add(triples, default_graph, RDF.type, node(SD.Graph))
    add_statistics(triples, default_graph, stats)
    return triples


def distribution(triples: list, fmt: Format, download: ox.NamedNode) -> None:
    """A dump of the dataset in ``fmt`` at ``download``, as VoID dataDump and DCAT distribution."""
    dataset = node(DATASET_IRI)
    add(triples, dataset, VOID.dataDump, download)
    add(triples, dataset, DCAT.distribution, download)
    add(triples, download, RDF.type, node(DCAT.Distribution))
    add(triples, download, DCAT.downloadURL, download)
    add(triples, download, DCAT.mediaType, node(MEDIA_TYPES[fmt.media_type]))
    add(triples, download, DCTERMS["format"], node(FORMATS[W3C_NAMES[fmt.name]]))
    add(triples, download, DCTERMS.title, ox.Literal(f"{fmt.label} dump of the whole graph"))


def void_description(store, base_url: str, stats: dict[str, int]) -> list[ox.Triple]:
    """The VoID/DCAT description: what the data says of the dataset, plus counts, defaults, endpoint and dumps."""
    dataset = node(DATASET_IRI)
    triples = store.triples(query_file("exports", "construct-dataset").bind(dataset=str(DATASET_IRI)))
    stated = {t.predicate for t in triples}
    for prop, value in ((DCTERMS.title, ox.Literal("sendkg")), (DCTERMS.license, node(CC_BY)),
                        (VOID.vocabulary, node(ONTOLOGY_IRI))):
        if node(prop) not in stated:
            add(triples, dataset, prop, value)
    add(triples, dataset, RDF.type, node(VOID.Dataset))
    add(triples, dataset, RDF.type, node(DCAT.Dataset))
    add_statistics(triples, dataset, stats)
    endpoint, service = url(base_url, "/sparql"), url(base_url, "/sparql#service")
    add(triples, dataset, VOID.sparqlEndpoint, endpoint)
    for extension in DUMP_EXTENSIONS:
        distribution(triples, by_name(extension, GRAPH_FORMATS), url(base_url, f"/dump/{DUMP_NAME}.{extension}"))
    add(triples, service, RDF.type, node(DCAT.DataService))
    add(triples, service, DCAT.endpointURL, endpoint)
    add(triples, service, DCAT.endpointDescription, endpoint)
    add(triples, service, DCAT.servesDataset, dataset)
    access = ox.BlankNode()
    add(triples, dataset, DCAT.distribution, access)
    add(triples, access, RDF.type, node(DCAT.Distribution))
    add(triples, access, DCAT.accessURL, endpoint)
    add(triples, access, DCAT.accessService, service)
    return sorted(set(triples), key=str)
