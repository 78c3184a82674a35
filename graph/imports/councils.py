"""The 152 local authorities of England as the project names them: DfE code, GSS code, region, entity id.

Ids are the project's own (``graph.sources.fact_values.council_id`` on the fact table's council names): each
authority is joined to the fact table's ``gss_code`` rows by its GSS code, never by name, and an authority the
fact table does not name gets an id minted by the same rule from its name in the authorities file.
Regions come from the DfE's LA-to-region lookup, which names authorities only: its names are resolved to codes
through the DfE's own name-and-code pairs in ``sen2_mi.csv`` (the same DfE spelling), and any name that does
not resolve exactly is an error, never a guess.
"""

from __future__ import annotations

import csv
from pathlib import Path

from graph.imports.facts import ImportFailed
from graph.imports.sheets import xlsx_rows
from graph.sources.fact_values import council_id

# GSS codes that replaced an authority's code in April 2023, mapped to the 2022-23 code the DfE files use
# (Cumbria split into Cumberland and Westmorland and Furness; North Yorkshire and Somerset became unitary).
SUCCESSORS = {
    "E06000063": "E10000006",  # Cumberland (from Cumbria)
    "E06000064": "E10000006",  # Westmorland and Furness (from Cumbria)
    "E06000065": "E10000023",  # North Yorkshire (unitary)
    "E06000066": "E10000027",  # Somerset (unitary)
}
# Authorities created in April 2023, as the DfE's 2023-24 allocations name them (DfE code -> GSS code, name): not
# among the 152 of 2022-23, so their figures are kept under their own codes, as areas (``areas.csv``).
NEW_IN_2023 = {"942": ("E06000063", "Cumberland"), "943": ("E06000064", "Westmorland and Furness")}
REORGANISED = {
    "E10000006": "Split in April 2023 into Cumberland (E06000063) and Westmorland and Furness (E06000064); "
                 "the statistics here predate the split and are Cumbria's.",
    "E10000023": "A unitary authority from April 2023 with the new GSS code E06000065; the statistics here use "
                 "the county's code E10000023.",
    "E10000027": "A unitary authority from April 2023 with the new GSS code E06000066; the statistics here use "
                 "the county's code E10000027.",
}
COLUMNS = ["id", "dfe_code", "gss_code", "name", "region_code", "region_name", "note"]


def fact_table_ids(fact_table: Path) -> dict[str, str]:
    """GSS code (2022-23 form) -> the council id the fact table's name for it gives."""
    ids = {}
    with fact_table.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["fact_type"] == "gss_code":
                code = SUCCESSORS.get(row["value"].strip(), row["value"].strip())
                ids[code] = council_id(row["council"])
    return ids


def dfe_names(sen2_mi: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The DfE's own spelling: authority name -> GSS code, and region name -> region code (both lower-cased)."""
    las, regions = {}, {}
    with sen2_mi.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["region_code"]:
                regions[row["region_name"].lower()] = row["region_code"]
            if row["geographic_level"] == "Local authority":
                las[row["la_name"].lower()] = row["new_la_code"]
    return las, regions


def region_lookup(path: Path, las: dict[str, str], regions: dict[str, str]) -> dict[str, tuple[str, str]]:
    """GSS code -> (region code, region name) from the DfE lookup (region in column A, authorities under it)."""
    found, region = {}, None
    for number, row in enumerate(xlsx_rows(path), start=1):
        cells = list(row) + [None, None]
        if cells[0] and str(cells[0]).lower() in regions:
            region = str(cells[0])
        name = cells[1]
        if not name or number < 4:
            continue
        if region is None or str(name).lower() not in las:
            raise ImportFailed(f"{path.name}:{number}: {name!r} is no authority the DfE's sen2_mi.csv names")
        found[las[str(name).lower()]] = (regions[region.lower()], region)
    return found


def council_rows(shared: Path) -> list[dict[str, str]]:
    """One row per authority of ``local_authorities.csv``, with its id, region and any reorganisation note."""
    las, regions = dfe_names(shared / "dfe" / "sen2_mi.csv")
    region_of = region_lookup(shared / "dfe" / "la_region_lookup_raw.xlsx", las, regions)
    ids = fact_table_ids(shared / "safety_valve_facts.csv")
    rows = []
    with (shared / "local_authorities.csv").open(newline="", encoding="utf-8") as handle:
        for la in csv.DictReader(handle):
            code = la["gss_code"]
            if code not in region_of:
                raise ImportFailed(f"local_authorities.csv: {la['name']} ({code}) has no region in the DfE lookup")
            region_code, region_name = region_of[code]
            rows.append({"id": ids.get(code, council_id(la["name"])), "dfe_code": la["dfe_la_code"], "gss_code": code,
                         "name": la["name"], "region_code": region_code, "region_name": region_name,
                         "note": REORGANISED.get(code, "")})
    return sorted(rows, key=lambda row: row["gss_code"])
