"""The DfE statistics as W3C Data Cube RDF (https://www.w3.org/TR/vocab-data-cube/).

Each dataset file is one ``qb:DataSet`` (``id:dataset/<id>``) with its title, source document, source URL, licence
and retrieval commit, and one ``qb:DataStructureDefinition``: dimensions ``sdmx-dimension:refArea`` (the council,
or the ONS statistical geography of England, a region or a former authority), ``sdmx-dimension:refPeriod`` (a
calendar or government year of reference.data.gov.uk, typed by its interval class) and ``qb:measureType``; the
measures are the ontology's own ``qb:MeasureProperty`` terms; attributes ``sdmx-attribute:unitMeasure`` (a QUDT
unit, attached to the measure property, ``qb:componentAttachment qb:MeasureProperty``, so it is said once per
measure, not on 7,700 observations) and ``skg:observationStatus``. An observation carries either its measure's value or its status, never a
zero for a missing figure. Observations carry no per-observation provenance: their dataset does.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, QB, RDF, RDFS, XSD

from graph.sources.stats import STATUSES, StatsDataset, Statistics
from graph.terms import (
    CALENDAR_YEAR, GOVERNMENT_YEAR, ID, INTERVALS, ONS_GEOGRAPHY, SDMX_ATTRIBUTE, SDMX_DIMENSION, SKG, UNIT, entity_iri,
)

UNITS = {"percent": UNIT.PERCENT, "count": UNIT.NUM, "GBP": UNIT.CCY_GBP}
REGION_CODE = "E12"


def add_statistics(graph: Graph, statistics: Statistics) -> None:
    """Add every dataset of ``statistics`` to ``graph``, with the areas and periods its observations name."""
    for code, name in statistics.areas.items():
        area = ONS_GEOGRAPHY[code]
        graph.add((area, RDFS.label, Literal(name)))
        if code.startswith(REGION_CODE):
            graph.add((area, RDF.type, SKG.Region))
    periods: set[tuple[str, str]] = set()
    for dataset in statistics.datasets:
        add_dataset(graph, dataset, statistics.councils)
        periods |= {(dataset.period, figure.period) for figure in dataset.figures}
    for kind, period in periods:
        node = period_iri(kind, period)
        graph.add((node, RDF.type, INTERVALS.CalendarYear if kind == "calendar-year" else INTERVALS.GovernmentYear))
        graph.add((node, RDFS.label, Literal(period)))


def period_iri(kind: str, period: str) -> URIRef:
    """The reference.data.gov.uk interval of a period: ``year/2022``, or ``government-year/2021-2022`` for 2021-22."""
    if kind == "calendar-year":
        return CALENDAR_YEAR[period]
    start = int(period[:4])
    return GOVERNMENT_YEAR[f"{start}-{start + 1}"]


def add_dataset(graph: Graph, dataset: StatsDataset, councils: dict[str, str]) -> None:
    """One dataset: its description, its structure, and an observation per figure."""
    node = entity_iri("dataset", dataset.id)
    graph.add((node, RDF.type, QB.DataSet))
    graph.add((node, RDFS.label, Literal(dataset.title)))
    graph.add((node, DCTERMS.title, Literal(dataset.title)))
    graph.add((node, DCTERMS.source, ID[dataset.source]))
    graph.add((node, PROV.wasDerivedFrom, ID[dataset.source]))
    graph.add((node, DCTERMS.license, URIRef(dataset.licence)))
    graph.add((node, SKG.sourceCommit, Literal(dataset.commit)))
    graph.add((node, QB.structure, add_structure(graph, dataset)))
    for name, unit in dataset.units.items():
        graph.add((SKG[name], SDMX_ATTRIBUTE.unitMeasure, UNITS[unit]))
    graph.addN(quad for figure in dataset.figures for quad in _observation(figure, dataset, node, councils, graph))


def _observation(figure, dataset: StatsDataset, node: URIRef, councils: dict[str, str], graph: Graph):
    """The quads of one observation: six triples, its value or its status among them."""
    obs = entity_iri("observation", f"{dataset.id}.{figure.area}.{figure.period}.{figure.measure}")
    measure = SKG[figure.measure]
    area = ID[councils[figure.area]] if figure.area in councils else ONS_GEOGRAPHY[figure.area]
    yield obs, RDF.type, QB.Observation, graph
    yield obs, QB.dataSet, node, graph
    yield obs, SDMX_DIMENSION.refArea, area, graph
    yield obs, SDMX_DIMENSION.refPeriod, period_iri(dataset.period, figure.period), graph
    yield obs, QB.measureType, measure, graph
    if figure.status:
        yield obs, SKG.observationStatus, STATUSES[figure.status], graph
    else:
        yield obs, measure, Literal(figure.value, datatype=XSD.decimal), graph


def add_structure(graph: Graph, dataset: StatsDataset) -> URIRef:
    """The dataset's ``qb:DataStructureDefinition``: three dimensions, its measures, two attributes."""
    dsd = entity_iri("structure", dataset.id)
    graph.add((dsd, RDF.type, QB.DataStructureDefinition))
    graph.add((dsd, RDFS.label, Literal(f"Structure of: {dataset.title}")))
    components = [(QB.dimension, SDMX_DIMENSION.refArea), (QB.dimension, SDMX_DIMENSION.refPeriod),
                  (QB.dimension, QB.measureType)]
    components += [(QB.measure, SKG[name]) for name in dataset.units]
    components += [(QB.attribute, SDMX_ATTRIBUTE.unitMeasure), (QB.attribute, SKG.observationStatus)]
    for order, (kind, prop) in enumerate(components, start=1):
        spec = BNode()
        graph.add((dsd, QB.component, spec))
        graph.add((spec, kind, prop))
        if prop == SDMX_ATTRIBUTE.unitMeasure:  # the unit is stated once, on each measure property
            graph.add((spec, QB.componentAttachment, QB.MeasureProperty))
        if kind == QB.dimension:
            graph.add((spec, QB.order, Literal(order)))
        if prop == SKG.observationStatus:
            graph.add((spec, QB.componentRequired, Literal(False)))
    return dsd
