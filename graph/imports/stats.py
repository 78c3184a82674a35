"""``import_stats(shared_dir, data_dir)``: the DfE statistics the project takes, in its own tidy form under ``data/stats/``.

From ``<shared>/data/`` (the DfE files in ``dfe/``, ``local_authorities.csv`` and the fact table's GSS codes) it
writes ``councils.csv`` (the 152 authorities), ``areas.csv`` (England, the regions and former authorities the
figures name) and, per dataset, ``<id>.csv`` (area code, period, measure, value, status) and ``<id>.yaml`` (title,
source URL at its commit, licence, measures and units). Only the measures listed in ``DATASETS`` are taken
(data/README.md says which and why). Output is sorted and fully determined by the input: a second run writes
identical files.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.imports import dfe_tables as tables
from graph.imports.councils import COLUMNS, council_rows
from graph.imports.facts import ImportFailed

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
BLOB = re.compile(r"(https://github\.com/\S+?/blob/([0-9a-f]{40})/\S+)")
CELL_COLUMNS = ["area_code", "period", "measure", "value", "status"]
# Each dataset: its id, source file, title, period kind, and measures (ontology name -> unit, source column).
DATASETS = [
    {"id": "sen2-mi", "file": "sen2_mi.csv", "period": "calendar-year",
     "title": "SEN2: EHC plans issued within 20 weeks and new EHC plans, by local authority, 2014-2022",
     "measures": {"ehcPlansWithin20WeeksPct": ("percent", "inc_exc_20week_rate"),
                  "newEhcPlans": ("count", "new_all_ehc")}},
    {"id": "sen2-caseload", "file": "sen2_age_caseload.csv", "period": "calendar-year",
     "title": "SEN2: EHC plans and statements in January, all ages, by local authority",
     "measures": {"ehcPlansInJanuary": ("count", "Total_all")}},
    {"id": "dsg-deficit", "file": "dsg_deficit_derived.xlsx", "period": "financial-year",
     "title": "DSG cumulative balance as a % of the total DSG income, by local authority, 2019-20 to 2021-22",
     "measures": {"dsgCumulativeBalancePct": ("percent", "DSG cumulative balance as a % of the total income")}},
    {"id": "dsg-allocations", "file": "DSG_by_year_dr.xlsx", "period": "financial-year",
     "title": "Total Dedicated Schools Grant allocation by local authority and year",
     "measures": {"dsgAllocation": ("GBP", "Total DSG allocation (£s)")}},
    {"id": "send-appeals", "file": "send_appeal_rate_table_2022.ods", "period": "calendar-year",
     "title": "SEND Tribunal appeal rate (appeals registered per appealable decision), by local authority, 2014-2022",
     "measures": {"sendAppealRatePct": ("percent", "SEND Tribunal Appeal Rate (table SEND_2)")}},
]


def source_urls(readme: Path) -> dict[str, tuple[str, str]]:
    """File name -> (source URL, commit) from the table in the shared ``dfe/README.md``."""
    found = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        name, match = re.match(r"\|\s*`([^`]+)`", line), BLOB.search(line)
        if name and match:
            found[name.group(1)] = (match.group(1), match.group(2))
    return found


def dataset_cells(spec: dict, dfe: Path, names: tables.Names) -> list[tables.Cell]:
    """The tidy cells of one dataset (its reader by id; the first measure is the one-measure readers')."""
    path = dfe / spec["file"]
    columns = {column: name for name, (_, column) in spec["measures"].items()}
    column, measure = next(iter(columns.items()))
    if spec["id"] == "sen2-mi":
        return tables.from_open_data(path, columns, names)
    if spec["id"] == "sen2-caseload":
        return tables.from_open_data(path, columns, names, lambda row: row["characteristic_age"] == "Total")
    if spec["id"] == "dsg-deficit":
        return tables.from_deficit(path, column, measure, names)
    if spec["id"] == "dsg-allocations":
        return tables.from_allocations(path, measure, names)
    return tables.from_appeals(path, measure, names)


@dataclass
class StatsReport:
    """What an import wrote: each file with its rows."""

    files: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """The report as readable lines, one per file."""
        return [f"stats: {len(self.files)} files in data/stats/"] + [f"  {name}: {rows} rows" for name, rows in self.files.items()]


def import_stats(shared_dir: Path, data_dir: Path) -> StatsReport:
    """Regenerate ``data_dir/stats/`` from ``shared_dir/data/`` (the DfE files, authorities, fact table); what it wrote."""
    shared_dir = shared_dir / "data"
    out, dfe = data_dir / "stats", shared_dir / "dfe"
    needed = [shared_dir / "local_authorities.csv", shared_dir / "safety_valve_facts.csv", dfe / "README.md",
              dfe / "la_region_lookup_raw.xlsx"] + [dfe / spec["file"] for spec in DATASETS]
    missing = [str(path) for path in needed if not path.is_file()]
    if missing:
        raise ImportFailed(f"the statistics import needs {', '.join(missing)}: not found")
    out.mkdir(parents=True, exist_ok=True)
    councils = council_rows(shared_dir)
    names = tables.read_names(dfe / "sen2_mi.csv", councils)
    urls = source_urls(dfe / "README.md")
    written = [_write_csv(out / "councils.csv", COLUMNS, councils),
               _write_councils_meta(out / "councils.yaml", shared_dir, urls)]
    areas: set[str] = set()
    for spec in DATASETS:
        if spec["file"] not in urls:
            raise ImportFailed(f"dfe/README.md gives no source URL at a commit for {spec['file']}")
        cells = _unique(dataset_cells(spec, dfe, names), spec["file"])
        areas |= {cell.area for cell in cells}
        rows = [dict(zip(CELL_COLUMNS, (c.area, c.period, c.measure, c.value, c.status))) for c in cells]
        written.append(_write_csv(out / f"{spec['id']}.csv", CELL_COLUMNS, rows))
        written.append(_write_meta(out / f"{spec['id']}.yaml", spec, *urls[spec["file"]]))
    written.append(_write_csv(out / "areas.csv", ["code", "name"], _other_areas(areas, councils, names)))
    return StatsReport({path.name: len(path.read_text(encoding="utf-8").splitlines()) - 1
                        for path in written if path.suffix == ".csv"})


def _unique(cells: list[tables.Cell], name: str) -> list[tables.Cell]:
    """``cells`` sorted, one per area, period and measure; a second, different figure for one is an error."""
    found: dict[tuple[str, str, str], tables.Cell] = {}
    for cell in cells:
        if found.setdefault((cell.measure, cell.area, cell.period), cell) != cell:
            raise ImportFailed(f"{name}: two different figures for {cell.measure} in {cell.area} {cell.period}")
    return [found[key] for key in sorted(found)]


def _other_areas(codes: set[str], councils: list[dict], names: tables.Names) -> list[dict[str, str]]:
    """England, regions and former authorities among ``codes``, each with the DfE's name for it."""
    known = {row["gss_code"] for row in councils}
    return [{"code": code, "name": names.titles[code]} for code in sorted(codes - known)]


def _write_csv(path: Path, columns: list[str], rows: list[dict]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _write_councils_meta(path: Path, shared_dir: Path, urls: dict[str, tuple[str, str]]) -> Path:
    """Where the councils' codes and regions come from: the authorities file's own source, and the DfE lookup."""
    with (shared_dir / "local_authorities.csv").open(newline="", encoding="utf-8") as handle:
        sources = {row["source_url"] for row in csv.DictReader(handle)}
    if len(sources) != 1:
        raise ImportFailed(f"local_authorities.csv: expected one source_url, found {sorted(sources)}")
    region_url, region_commit = urls["la_region_lookup_raw.xlsx"]
    meta = {"title": "The 152 English local authorities of 2022-23: DfE code, GSS code, name",
            "source_url": sources.pop(), "region_title": "DfE LA-to-region lookup",
            "region_source_url": region_url, "region_commit": region_commit, "licence": OGL}
    path.write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _write_meta(path: Path, spec: dict, url: str, commit: str) -> Path:
    meta = {"id": spec["id"], "title": spec["title"], "file": spec["file"], "source_url": url, "commit": commit,
            "licence": OGL, "period": spec["period"],
            "measures": {name: {"unit": unit, "column": column} for name, (unit, column) in spec["measures"].items()}}
    path.write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
