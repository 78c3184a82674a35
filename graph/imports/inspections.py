"""The inspection import: Ofsted's area SEND inspection files in ``<shared>/data/dfe/`` -> ``<data>/inspections/``.

Two files, each row of which is one inspection (and, for the 2016 framework, its revisit if there was one):

- ``Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods``: every 2016-framework inspection and revisit,
  keyed by GSS code -> ``area-send-2016.csv``;
- ``mi_ofsted_winter_2223.csv``: the 2023-framework inspections published to autumn 2023, which name the
  partnership but give no code: the name must be exactly one local authority's name in
  ``local_authorities.csv``, else the import fails -> ``area-send-2023.csv``.

Each row gets the council id the build uses (``graph.sources.fact_values.council_id`` on the fact table's name
for that GSS code, else on the local authority's name), the cells' own words as evidence, and blank where
the file is blank or says NA (never zero). ``sources.yaml`` describes both files (title, pinned URL and
commit from the shared README, licence). Every check on the files' data raises ``ImportFailed`` naming file
and row; running the import twice writes identical files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.imports.facts import ImportFailed
from graph.imports.ods import Cell, read_sheet
from graph.sources import FACT_TABLE
from graph.sources.fact_values import council_id

DFE = Path("data") / "dfe"
LA_TABLE = Path("data") / "local_authorities.csv"
ODS = "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
MI_CSV = "mi_ofsted_winter_2223.csv"
OUT = Path("inspections")
SHEET = "Area_SEND_up_to_31_Aug_2022"
OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
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


@dataclass
class InspectionsReport:
    """What the import wrote, and what in the files needed a word: names unlike the LA table's, codes succeeded."""

    rows_2016: int = 0
    revisits_2016: int = 0
    rows_2023: int = 0
    remarks: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as readable lines."""
        return [f"inspections: {self.rows_2016} 2016-framework inspections ({self.revisits_2016} revisited), "
                f"{self.rows_2023} 2023-framework inspections"] + [f"  {r}" for r in self.remarks]


@dataclass(frozen=True)
class Authority:
    """A local authority of 2022-23: GSS code, DfE code, its name in the LA table, and the council id and name."""

    gss: str
    dfe_code: str
    name: str
    council: str
    council_name: str


def authorities(shared_dir: Path, data_dir: Path) -> dict[str, Authority]:
    """GSS code -> local authority; a council the fact table names by that code keeps the table's name and id."""
    names = {}
    table = data_dir / FACT_TABLE
    if table.exists():
        with table.open(encoding="utf-8", newline="") as handle:
            names = {r["value"]: r["council"] for r in csv.DictReader(handle) if r["fact_type"] == "gss_code"}
    path = shared_dir / LA_TABLE
    if not path.exists():
        raise ImportFailed(f"{path}: not found")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = {}
    for r in rows:
        name = names.get(r["gss_code"], r["name"])
        out[r["gss_code"]] = Authority(r["gss_code"], r["dfe_la_code"], r["name"], council_id(name), name)
    return out


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


def row_2016(number: int, cells: list[Cell], las: dict[str, Authority], report: InspectionsReport) -> dict:
    """One ODS row as a tidy row, every cell checked against the others."""
    where = f"{ODS} sheet {SHEET} row {number}"
    cells = cells + [Cell("")] * (len(HEADER_2016) - len(cells))
    code = SUCCESSORS.get(cells[1].text, cells[1].text)
    if code not in las:
        raise ImportFailed(f"{where}: code {cells[1].text!r} is no local authority of local_authorities.csv")
    la = las[code]
    if code != cells[1].text:
        report.remarks.append(f"{cells[2].text}: the file's code {cells[1].text} is now {code} ({la.name})")
    elif cells[2].text != la.name:
        report.remarks.append(f"{code}: the file names it {cells[2].text!r}, the LA table {la.name!r} (joined on the code)")
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


def read_2016(shared_dir: Path, las: dict[str, Authority], report: InspectionsReport) -> list[dict]:
    """Every inspection row of the ODS, in the file's order; the heading row must be the one expected."""
    path = shared_dir / DFE / ODS
    if not path.exists():
        raise ImportFailed(f"{path}: not found")
    rows = read_sheet(path, SHEET)
    start = next((i for i, (_, cells) in enumerate(rows) if [c.text for c in cells] == HEADER_2016), None)
    if start is None:
        raise ImportFailed(f"{path}: sheet {SHEET} has no heading row {HEADER_2016}")
    out = [row_2016(number, cells, las, report) for number, cells in rows[start + 1:]]
    seen = [r["gss_code"] for r in out]
    if len(seen) != len(set(seen)):
        raise ImportFailed(f"{path}: a local authority has two rows")
    return out


def read_2023(shared_dir: Path, las: dict[str, Authority]) -> list[dict]:
    """Every row of Ofsted's 2023-framework management information, joined to the LA table by exact name."""
    path = shared_dir / DFE / MI_CSV
    if not path.exists():
        raise ImportFailed(f"{path}: not found")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if rows[0] != HEADER_2023:
        raise ImportFailed(f"{path}:1: columns are {rows[0]}; expected {HEADER_2023}")
    by_name: dict[str, list[Authority]] = {}
    for la in las.values():
        by_name.setdefault(la.name, []).append(la)
    return [row_2023(line, cells, by_name, f"{MI_CSV}:{line}") for line, cells in enumerate(rows[1:], start=2)]


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


def described(shared_dir: Path, name: str) -> tuple[str, str]:
    """(what, pinned URL) of ``name`` in the shared dfe README's table of files."""
    path = shared_dir / DFE / "README.md"
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] == f"`{name}`":
            return cells[1], cells[-1]
    raise ImportFailed(f"{path}: no row for {name}")


def source_entry(shared_dir: Path, slug: str, name: str, tidy: str, title: str | None, published: str | None) -> dict:
    """How ``sources.yaml`` describes one file: title, pinned URL, commit, licence, what the tidy file holds."""
    what, url = described(shared_dir, name)
    commit = re.search(r"/blob/([0-9a-f]{40})/", url)
    if not commit:
        raise ImportFailed(f"{shared_dir / DFE / 'README.md'}: the URL for {name} is not pinned to a commit")
    entry = {"id": slug, "file": tidy, "original": name, "title": title or what, "url": url,
             "commit": commit.group(1), "licence": OGL}
    return entry | ({"published": published} if published else {})


def ods_title_and_date(shared_dir: Path) -> tuple[str, str]:
    """The data sheet's own title (notes marks removed) and the cover's 'Published on:' date."""
    path = shared_dir / DFE / ODS
    title = read_sheet(path, SHEET)[0][1][0].text
    cover = {cells[0].text: cells[1] for _, cells in read_sheet(path, "Cover") if len(cells) > 1}
    return re.sub(r"\s*(\[note \d+\])+$", "", title), iso(cover["Published on:"], f"{ODS} sheet Cover")


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    """Write ``rows`` as CSV (``\\n`` line ends), only if the text differs."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    if not path.exists() or path.read_text(encoding="utf-8") != buffer.getvalue():
        path.write_text(buffer.getvalue(), encoding="utf-8")


def import_inspections(shared_dir: Path, data_dir: Path) -> InspectionsReport:
    """Rewrite ``data_dir/inspections/`` from the shared inspection files; what it did."""
    report = InspectionsReport()
    las = authorities(shared_dir, data_dir)
    rows_2016, rows_2023 = read_2016(shared_dir, las, report), read_2023(shared_dir, las)
    report.rows_2016, report.rows_2023 = len(rows_2016), len(rows_2023)
    report.revisits_2016 = sum(r["revisit_status"] == "revisited" for r in rows_2016)
    out = data_dir / OUT
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "area-send-2016.csv", COLUMNS_2016, rows_2016)
    write_csv(out / "area-send-2023.csv", COLUMNS_2023, rows_2023)
    title, published = ods_title_and_date(shared_dir)
    sources = [source_entry(shared_dir, "ofsted-area-send-2016-framework", ODS, "area-send-2016.csv", title, published),
               source_entry(shared_dir, "ofsted-area-send-2023-framework-mi", MI_CSV, "area-send-2023.csv", None, None)]
    text = "# Written by `sendkg import` from ../shared/data/dfe/ (its README and the files): do not edit.\n"
    text += yaml.safe_dump({"sources": sources}, sort_keys=False, allow_unicode=True, width=1000)
    if not (out / "sources.yaml").exists() or (out / "sources.yaml").read_text(encoding="utf-8") != text:
        (out / "sources.yaml").write_text(text, encoding="utf-8")
    return report
