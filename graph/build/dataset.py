"""What the dataset says of itself: the VoID/DCAT statements every build adds to the graph it publishes."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID

from graph.terms import CC_BY, DATA_BASE, DATASET_IRI, ONTOLOGY_IRI, SKG

TITLE = "sendkg: England's SEND safety valve programme"
DESCRIPTION = (
    "A knowledge graph of the DfE's SEND 'safety valve' (DSG very high deficit intervention) programme: "
    "councils, agreements, mandated improvement areas, area SEND inspections and their findings, funding "
    "decisions, interventions and stakeholder quotes, every claim linked to its source document.")


def describe_dataset(graph: Graph) -> None:
    """Add the dataset's title, description, licence, vocabulary, URI space and every source document to ``graph``."""
    graph.add((DATASET_IRI, RDF.type, VOID.Dataset))
    graph.add((DATASET_IRI, RDF.type, DCAT.Dataset))
    graph.add((DATASET_IRI, DCTERMS.title, Literal(TITLE)))
    graph.add((DATASET_IRI, DCTERMS.description, Literal(DESCRIPTION)))
    graph.add((DATASET_IRI, DCTERMS.license, CC_BY))
    graph.add((DATASET_IRI, VOID.vocabulary, ONTOLOGY_IRI))
    graph.add((DATASET_IRI, VOID.uriSpace, Literal(DATA_BASE)))
    for source in graph.subjects(RDF.type, SKG.SourceDocument):
        graph.add((DATASET_IRI, DCTERMS.source, source))
