"""One row of each Ofsted inspection file -> one tidy row, every cell checked against the others.

``row_2016`` reads a row of the 2016-framework spreadsheet (cells with their stored values, ``ods.Cell``),
``row_2023`` a row of the 2023-framework CSV; each raises ``ImportFailed`` naming the file and row of a cell that is
not what the framework has (an unknown code or name, dates out of order, counts that do not add up).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.imports.facts import ImportFailed
from graph.imports.ods import Cell

ODS = "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
MI_CSV = "mi_ofsted_winter_2223.csv"
SHEET = "Area_SEND_up_to_31_Aug_2022"
HEADER_2016 = [
    "Web link to Ofsted local authority webpage", "Local authority code", "Area name", "Ofsted region",
    "Inspection start date", "Inspection publication date", "Inspection outcome: written statement of action required?",
    "Number significant weaknesses identified in written statement of action", "Revisit start date",
    "Revisit publication date", "Revisit outcome: sufficient progress in addressing all significant weaknesses?",
    "Number significant weaknesses where sufficient progress has been made",
    "Number significant weaknesses where sufficient progress has not been made",
]
HEADER_2023 = ["", "Link.to.report.webpage.for.the.local.authority.and.local.area.partnership", "Local.area.partnership",
               "Ofsted.region", "Inspection.start.date", "Inspection.publication.date", "Inspection.outcome",
               "Priority.action.plan.required.", "Number.of.areas.for.priority.action"]
COLUMNS_2016 = ["gss_code", "council", "council_name", "area_name", "ofsted_region", "inspection_start",
                "inspection_published", "wsoa_required", "wsoa_weaknesses", "revisit_status", "revisit_start",
                "revisit_published", "revisit_progress", "weaknesses_progressed", "weaknesses_not_progressed",
                "gss_code_in_file", "source_row", "evidence"]
COLUMNS_2023 = ["gss_code", "council", "council_name", "partnership", "ofsted_region", "inspection_start",
                "inspection_published", "outcome", "priority_action_plan", "priority_actions", "source_row", "evidence"]
SUCCESSORS = {"E10000002": "E06000060"}  # Buckinghamshire's county code; a unitary council since 1 April 2020
PROGRESS = {"Yes": "all", "Some": "some", "No": "none"}
OUTCOMES_2023 = ("Typically positive experiences and outcomes", "Inconsistent experiences and outcomes",
                 "Widespread and/or systemic failings")
NOT_REVISITED = "Not revisited yet"


@dataclass(frozen=True)
class Authority:
    """A local authority of 2022-23: GSS code, DfE code, its name in the LA table, and the council id and name."""

    gss: str
    dfe_code: str
    name: str
    council: str
    council_name: str


def iso(cell: Cell, where: str) -> str:
    """A date cell's stored date, ISO; ``ImportFailed`` if the cell holds no date."""
    date = cell.date()
    if date is None:
        raise ImportFailed(f"{where}: {cell.text!r} is not a date cell")
    return date.isoformat()


def count(cell: Cell, where: str) -> int:
    """A number cell's whole number; ``ImportFailed`` otherwise."""
    number = cell.number()
    if number is None or number < 0:
        raise ImportFailed(f"{where}: {cell.text!r} is not a count")
    return number


def evidence(header: list[str], cells: list) -> str:
    """The row's own words: each non-empty cell after the link column, under its column heading."""
    return "; ".join(f"{h}: {c}" for h, c in zip(header[1:], cells[1:]) if c)


def row_2016(number: int, cells: list[Cell], las: dict[str, Authority], remarks: list[str]) -> dict:
    """One ODS row as a tidy row, every cell checked against the others."""
    where = f"{ODS} sheet {SHEET} row {number}"
    cells = cells + [Cell("")] * (len(HEADER_2016) - len(cells))
    code = SUCCESSORS.get(cells[1].text, cells[1].text)
    if code not in las:
        raise ImportFailed(f"{where}: code {cells[1].text!r} is no local authority of local_authorities.csv")
    la = las[code]
    if code != cells[1].text:
        remarks.append(f"{cells[2].text}: the file's code {cells[1].text} is now {code} ({la.name})")
    elif cells[2].text != la.name:
        remarks.append(f"{code}: the file names it {cells[2].text!r}, the LA table {la.name!r} (joined on the code)")
    row = {"gss_code": code, "council": la.council, "council_name": la.council_name, "area_name": cells[2].text,
           "ofsted_region": cells[3].text, "inspection_start": iso(cells[4], where),
           "inspection_published": iso(cells[5], where), "wsoa_required": cells[6].text.lower(),
           "gss_code_in_file": cells[1].text, "source_row": number,
           "evidence": evidence(HEADER_2016, [c.text for c in cells])}
    if row["inspection_published"] < row["inspection_start"]:
        raise ImportFailed(f"{where}: published before it started")
    if cells[6].text == "No":
        if any(c.text for c in cells[7:]):
            raise ImportFailed(f"{where}: no written statement of action, yet revisit cells are filled")
        return row | {"revisit_status": "not required"}
    if cells[6].text != "Yes":
        raise ImportFailed(f"{where}: written statement of action {cells[6].text!r} is neither Yes nor No")
    row |= {"wsoa_weaknesses": count(cells[7], where)}
    if cells[8].text == NOT_REVISITED and not any(c.text for c in cells[9:]):
        return row | {"revisit_status": "not revisited yet"}
    return row | revisit(cells, row, where)


def revisit(cells: list[Cell], row: dict, where: str) -> dict:
    """The revisit cells of an ODS row, checked: dates in order, counts adding up, outcome matching the counts."""
    if cells[10].text not in PROGRESS:
        raise ImportFailed(f"{where}: revisit outcome {cells[10].text!r} is not Yes, Some or No")
    out = {"revisit_status": "revisited", "revisit_start": iso(cells[8], where), "revisit_published": iso(cells[9], where),
           "revisit_progress": PROGRESS[cells[10].text], "weaknesses_progressed": count(cells[11], where),
           "weaknesses_not_progressed": count(cells[12], where)}
    if not row["inspection_published"] <= out["revisit_start"] <= out["revisit_published"]:
        raise ImportFailed(f"{where}: revisit dates out of order with the inspection's")
    if out["weaknesses_progressed"] + out["weaknesses_not_progressed"] != row["wsoa_weaknesses"]:
        raise ImportFailed(f"{where}: progressed + not progressed is not the number of weaknesses")
    expected = "all" if not out["weaknesses_not_progressed"] else "none" if not out["weaknesses_progressed"] else "some"
    if out["revisit_progress"] != expected:
        raise ImportFailed(f"{where}: revisit outcome {cells[10].text!r} contradicts its counts")
    return out


def row_2023(line: int, cells: list[str], by_name: dict[str, list[Authority]], where: str) -> dict:
    """One 2023-framework row as a tidy row; NA kept blank."""
    if len(cells) != len(HEADER_2023):
        raise ImportFailed(f"{where}: {len(cells)} cells; expected {len(HEADER_2023)}")
    matches = by_name.get(cells[2], [])
    if len(matches) != 1:
        raise ImportFailed(f"{where}: partnership {cells[2]!r} is not exactly one local authority's name")
    la = matches[0]
    start, published = (dt.datetime.strptime(c, "%d/%m/%Y").date().isoformat() for c in cells[4:6])
    if cells[6] not in OUTCOMES_2023 or cells[7] not in ("Yes", "No") or published < start:
        raise ImportFailed(f"{where}: outcome, priority action plan or dates are not as the framework has them")
    actions = "" if cells[8] == "NA" else cells[8]
    if (cells[7] == "Yes") != actions.isdigit():
        raise ImportFailed(f"{where}: a number of priority actions is given if and only if a plan is required")
    return {"gss_code": la.gss, "council": la.council, "council_name": la.council_name, "partnership": cells[2],
            "ofsted_region": cells[3], "inspection_start": start, "inspection_published": published,
            "outcome": cells[6], "priority_action_plan": cells[7].lower(), "priority_actions": actions,
            "source_row": line, "evidence": evidence(HEADER_2023[1:], cells[1:])}
