"""Tidy rows (area code, period, measure, value, status) out of each DfE statistics file.

Each reader takes only the measures ``graph/imports/stats.py`` lists and keeps every cell it takes: a figure
as its decimal text, a symbol as its status (``z`` not applicable, ``x`` suppressed, ``c`` confidential,
``:`` and ``..`` not available), never as zero. The appeal table's ``-`` is its own sign for zero (its key
says "- zero"), so it is read as 0. Areas are GSS codes: a file without codes is joined through the DfE's
own name-and-code pairs (``Names``), and a name that does not resolve is an error naming file and row.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from graph.imports.councils import NEW_IN_2023
from graph.imports.facts import ImportFailed
from graph.imports.sheets import ods_rows, xlsx_rows, xlsx_sheet_names

ENGLAND = "E92000001"
STATUS = {"z": "not-applicable", "x": "suppressed", "c": "confidential", ":": "not-available", "..": "not-available"}
GROUPINGS = {"metropolitan authorities", "unitary authorities", "upper tier authorities", "inner london", "outer london"}
# The appeal table's one row for an area whose boundary changed: years before the change are the old area's.
BOUNDARY_CHANGES = {"dorset": (2019, "E10000009")}  # its footnote 6: Dorset's boundaries changed in 2019
APPEAL_ALIASES = {"durham": "county durham", "herefordshire": "herefordshire, county of"}  # the appeal table's short names
FOOTNOTE = re.compile(r"\d+$")


@dataclass(frozen=True)
class Cell:
    """One figure of a dataset in the project's tidy form."""

    area: str
    period: str
    measure: str
    value: str
    status: str


@dataclass
class Names:
    """The DfE's names for areas (lower-cased) -> GSS codes, and DfE three-digit codes -> GSS codes."""

    areas: dict[str, str]
    dfe_codes: dict[str, str]
    titles: dict[str, str]  # GSS code -> the DfE's first name for it

    def code(self, name: str, where: str) -> str:
        """The GSS code of the area the DfE calls ``name``."""
        key = name.strip().lower()
        if key in ("england", "england total"):
            return ENGLAND
        if key not in self.areas:
            raise ImportFailed(f"{where}: no area the DfE calls {name!r}")
        return self.areas[key]


def figure(text, where: str, zero_sign: bool = False) -> tuple[str, str]:
    """(value, status) of one cell: a number as its plain decimal text, or a symbol as its status."""
    raw = "" if text is None else str(text).strip().rstrip("%").replace(",", "")
    if raw in STATUS:
        return "", STATUS[raw]
    if zero_sign and raw == "-":
        return "0", ""
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise ImportFailed(f"{where}: {text!r} is neither a figure nor a known symbol") from None
    text = format(number.normalize(), "f")
    return ("0" if text in ("-0", "") else text), ""


def read_names(sen2_mi: Path, authorities: list[dict[str, str]]) -> Names:
    """Names and codes from ``sen2_mi.csv`` (authorities, regions, former authorities) and the DfE codes.

    An authority is known by its DfE three-digit code, which outlives GSS code changes (Buckinghamshire,
    Northumberland, Gateshead): every figure of one of the 152 goes under its 2022-23 GSS code. A DfE code
    that is none of the 152 (Bournemouth, Poole, the old Dorset and Northamptonshire) keeps its own area."""
    dfe_codes = {row["dfe_code"]: row["gss_code"] for row in authorities}
    areas, titles = {}, {"E92000001": "England"}
    for row in _csv(sen2_mi):
        if row["region_code"]:
            areas[row["region_name"].lower()] = row["region_code"]
            titles.setdefault(row["region_code"], row["region_name"])
        if row["geographic_level"] == "Local authority":
            dfe_codes.setdefault(row["old_la_code"], row["new_la_code"])
            areas[row["la_name"].lower()] = dfe_codes[row["old_la_code"]]
            titles.setdefault(row["new_la_code"], row["la_name"])
    for dfe_code, (gss, name) in NEW_IN_2023.items():
        dfe_codes[dfe_code], areas[name.lower()], titles[gss] = gss, gss, name
    return Names(areas, dfe_codes, titles)


def area_of(row: dict[str, str], names: Names) -> str:
    """The GSS code of a DfE open-data row at its geographic level (an authority's through its DfE code)."""
    level = row["geographic_level"]
    if level == "Local authority":
        return names.dfe_codes.get(row["old_la_code"], row["new_la_code"])
    return {"National": row["country_code"], "Regional": row["region_code"]}[level]


def from_open_data(path: Path, columns: dict[str, str], names: Names, keep=lambda row: True) -> list[Cell]:
    """Cells of a DfE open-data CSV: ``columns`` maps a source column to the measure it gives."""
    cells = []
    for number, row in enumerate(_csv(path), start=2):
        if keep(row):
            for column, measure in columns.items():
                value, status = figure(row[column], f"{path.name}:{number} {column}")
                cells.append(Cell(area_of(row, names), row["time_period"], measure, value, status))
    return cells


def from_deficit(path: Path, column: str, measure: str, names: Names) -> list[Cell]:
    """Cells of ``dsg_deficit_derived.xlsx`` (names only: joined through ``names``)."""
    rows = xlsx_rows(path)
    index = rows[0].index(column)
    cells = []
    for number, row in enumerate(rows[1:], start=2):
        where = f"{path.name}:{number}"
        name = {"National": "England", "Regional": row[2]}.get(row[1], row[3])
        value, status = figure(row[index], where)
        cells.append(Cell(names.code(name, where), row[6], measure, value, status))
    return cells


def from_allocations(path: Path, measure: str, names: Names) -> list[Cell]:
    """Cells of ``DSG_by_year_dr.xlsx``, one sheet per year; a region given twice must agree with itself."""
    found: dict[tuple[str, str], Cell] = {}
    for sheet in xlsx_sheet_names(path):
        for number, row in enumerate(xlsx_rows(path, sheet)[1:], start=2):
            where, code = f"{path.name}[{sheet}]:{number}", str(row[0]).strip()
            if code.lower() in GROUPINGS:
                continue
            area = names.dfe_codes.get(code) if code.isdigit() else names.code(code, where)
            if area is None:
                raise ImportFailed(f"{where}: no authority has the DfE code {code}")
            period = f"{row[3][:4]}-{row[3][4:]}"
            cell = Cell(area, period, measure, *figure(row[2], where))
            if found.setdefault((area, period), cell) != cell:
                raise ImportFailed(f"{where}: {code} {period} differs from the same area's other row")
    return list(found.values())


def from_appeals(path: Path, measure: str, names: Names) -> list[Cell]:
    """Appeal rates of table SEND_2 of the appeal-rate .ods: each year has three columns (appeals, decisions,
    rate), in the order of the header's years; the table ends at its England total."""
    rows = ods_rows(path, "SEND_2")
    header = next(number for number, row in enumerate(rows) if row and row[0] == "Local Authority")
    years = [year for year in rows[header] if year.isdigit()]
    cells = []
    for number, row in enumerate(rows[header + 2:], start=header + 3):
        name = FOOTNOTE.sub("", row[0]).strip() if row else ""
        if not name or name.lower() in GROUPINGS or not any(row[1:]):
            continue
        where = f"{path.name}[SEND_2]:{number}"
        area = names.code(APPEAL_ALIASES.get(name.lower(), name), where)
        since, before = BOUNDARY_CHANGES.get(name.lower(), (0, area))
        for k, year in enumerate(years):
            cells.append(Cell(area if int(year) >= since else before, year, measure,
                              *figure(row[3 + 3 * k], where, zero_sign=True)))
        if area == ENGLAND:
            return cells
    raise ImportFailed(f"{path.name}[SEND_2]: no England total row ends the table")


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
