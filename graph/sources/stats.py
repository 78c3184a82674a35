"""Read the project's tidy statistics (``data/stats/``): the councils file into ``Record``s, each dataset into figures.

``councils.csv`` gives every English authority its DfE code, GSS code (with its ONS statistical geography) and
region, each from its source document (``councils.yaml``); a council another file already names keeps that
label, and the authorities file's name becomes an ``skos:altLabel`` where it differs. Each dataset is a
``<id>.yaml`` (title, source, commit, licence, units) with its ``<id>.csv`` of figures (area code, period, measure,
value, status); ``graph/build/cube.py`` makes them W3C Data Cube observations. Every cell is checked: a bad
measure, status, value, period or area is a ``DataError`` naming file and line.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from graph.sources.fact_values import readable_title, source_id
from graph.sources.records import DataError, DataErrors, Record
from graph.terms import ONS_GEOGRAPHY, SKG

STATUSES = {"not-applicable": SKG.NotApplicable, "suppressed": SKG.Suppressed, "confidential": SKG.Confidential,
            "not-available": SKG.NotAvailable}
UNITS = ("percent", "count", "GBP")
PERIODS = {"calendar-year": re.compile(r"^\d{4}$"), "financial-year": re.compile(r"^\d{4}-\d{2}$")}
COUNCILS, COUNCILS_META, AREAS = "councils.csv", "councils.yaml", "areas.csv"


@dataclass(frozen=True)
class Figure:
    """One cell of a dataset: a value, or the status that says why there is none."""

    area: str
    period: str
    measure: str
    value: Decimal | None
    status: str | None


@dataclass
class StatsDataset:
    """One source file's figures with what the project knows of the file."""

    id: str
    title: str
    source: str  # the entity id of the source document
    source_url: str
    commit: str
    licence: str
    period: str
    units: dict[str, str]
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Statistics:
    """Every dataset, the councils' GSS codes -> entity ids, and the other areas' names (England, regions ...)."""

    datasets: list[StatsDataset]
    councils: dict[str, str]
    areas: dict[str, str]


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(enumerate(csv.DictReader(handle), start=2))


def source_document(doc_id: str, url: str, title: str | None, where: str) -> Record:
    """A government SourceDocument for ``url`` (titled as the fact table titles URLs, unless a title is given)."""
    record = Record(id=doc_id, types=["SourceDocument"], source=doc_id, where=where)
    record.add("label", title or readable_title(url))
    record.add("dcterms:title", title or readable_title(url))
    record.add("schema:url", url)
    record.add("sourceKind", "government")
    return record


def council_records(stats_dir: Path, shown_from: Path, declared: dict[str, Record]) -> list[Record]:
    """The councils of ``councils.csv`` with their codes and region, and their two source documents
    (``declared``: the records other files give a label, by id)."""
    path = stats_dir / COUNCILS
    if not path.exists():
        return []
    rel = str(path.relative_to(shown_from))
    meta = yaml.safe_load((stats_dir / COUNCILS_META).read_text(encoding="utf-8"))
    codes_doc, region_doc = source_id(meta["source_url"]), source_id(meta["region_source_url"])
    records = [doc for doc in (source_document(codes_doc, meta["source_url"], None, rel),
                               source_document(region_doc, meta["region_source_url"], meta["region_title"], rel))
               if doc.id not in declared]
    for line, row in _rows(path):
        where = f"{rel}:{line}"
        council = Record(id=row["id"], types=["Council"], source=codes_doc, where=where)
        labels = declared[row["id"]].props["label"] if row["id"] in declared else []
        if not labels:
            council.add("label", row["name"])
        elif row["name"] not in labels:
            council.add("skos:altLabel", row["name"])
        council.add("dfeCode", row["dfe_code"])
        council.add("gssCode", row["gss_code"])
        council.add("statisticalGeography", ONS_GEOGRAPHY[row["gss_code"]])
        if row["note"]:
            council.add("note", row["note"])
        region = Record(id=row["id"], types=["Council"], source=region_doc, where=where)
        region.add("region", ONS_GEOGRAPHY[row["region_code"]])
        records += [council, region]
    return records + dataset_sources(stats_dir, rel, declared)


def dataset_sources(stats_dir: Path, rel: str, declared: dict[str, Record]) -> list[Record]:
    """A source document for each dataset's DfE file (the blob at its commit), titled by the file's name."""
    found = []
    for meta_path in sorted(stats_dir.glob("*.yaml")):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        if meta_path.name != COUNCILS_META and source_id(meta["source_url"]) not in declared:
            title = f"DfE SEND and AP dashboard data: {meta['file']}"
            found.append(source_document(source_id(meta["source_url"]), meta["source_url"], title, rel))
    return found


def read_statistics(data_dir: Path) -> Statistics:
    """Every dataset of ``data_dir/stats/`` with its figures checked; no folder means no statistics."""
    stats_dir = data_dir.resolve() / "stats"
    if not (stats_dir / COUNCILS).exists():
        return Statistics([], {}, {})
    shown_from = data_dir.resolve().parent
    councils = {row["gss_code"]: row["id"] for _, row in _rows(stats_dir / COUNCILS)}
    areas = {row["code"]: row["name"] for _, row in _rows(stats_dir / AREAS)}
    errors: list[DataError] = []
    datasets = [_dataset(meta, shown_from, set(councils) | set(areas), errors)
                for meta in sorted(stats_dir.glob("*.yaml")) if meta.name != COUNCILS_META]
    if errors:
        raise DataErrors(errors)
    return Statistics(datasets, councils, areas)


def _dataset(meta_path: Path, shown_from: Path, areas: set[str], errors: list[DataError]) -> StatsDataset:
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    units = {name: spec["unit"] for name, spec in meta["measures"].items()}
    dataset = StatsDataset(meta["id"], meta["title"], source_id(meta["source_url"]), meta["source_url"],
                           meta["commit"], meta["licence"], meta["period"], units)
    where = str(meta_path.relative_to(shown_from))
    for name, unit in units.items():
        if unit not in UNITS or not hasattr(SKG, name):
            errors.append(DataError(where, f"measure {name!r} (unit {unit!r}): not an ontology measure with a known unit"))
    path = meta_path.with_suffix(".csv")
    for line, row in _rows(path):
        try:
            dataset.figures.append(_figure(row, dataset, areas, f"{path.relative_to(shown_from)}:{line}"))
        except DataError as exc:
            errors.append(exc)
    return dataset


def _figure(row: dict[str, str], dataset: StatsDataset, areas: set[str], where: str) -> Figure:
    if row["measure"] not in dataset.units:
        raise DataError(where, f"measure {row['measure']!r} is not one of the dataset's {sorted(dataset.units)}")
    if row["area_code"] not in areas:
        raise DataError(where, f"area {row['area_code']!r} is no council of councils.csv and no area of areas.csv")
    if not PERIODS[dataset.period].match(row["period"]):
        raise DataError(where, f"period {row['period']!r} is not a {dataset.period}")
    if row["status"]:
        if row["status"] not in STATUSES or row["value"]:
            raise DataError(where, f"status {row['status']!r}: expected one of {sorted(STATUSES)}, with no value")
        return Figure(row["area_code"], row["period"], row["measure"], None, row["status"])
    try:
        return Figure(row["area_code"], row["period"], row["measure"], Decimal(row["value"]), None)
    except InvalidOperation:
        raise DataError(where, f"value {row['value']!r} is not a number (a missing figure needs a status)") from None
