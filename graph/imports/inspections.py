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
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.imports.facts import ImportFailed
from graph.imports.inspection_rows import (
    COLUMNS_2016, COLUMNS_2023, HEADER_2016, HEADER_2023, MI_CSV, ODS, SHEET, Authority, iso, row_2016, row_2023,
)
from graph.imports.ods import read_sheet
from graph.sources import FACT_TABLE
from graph.sources.fact_values import council_id

DFE = Path("data") / "dfe"
LA_TABLE = Path("data") / "local_authorities.csv"
OUT = Path("inspections")
OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


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


def read_2016(shared_dir: Path, las: dict[str, Authority], report: InspectionsReport) -> list[dict]:
    """Every inspection row of the ODS, in the file's order; the heading row must be the one expected."""
    path = shared_dir / DFE / ODS
    if not path.exists():
        raise ImportFailed(f"{path}: not found")
    rows = sheet(path, SHEET)
    start = next((i for i, (_, cells) in enumerate(rows) if [c.text for c in cells] == HEADER_2016), None)
    if start is None:
        raise ImportFailed(f"{path}: sheet {SHEET} has no heading row {HEADER_2016}")
    out = [row_2016(number, cells, las, report.remarks) for number, cells in rows[start + 1:]]
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
    title = sheet(path, SHEET)[0][1][0].text
    cover = {cells[0].text: cells[1] for _, cells in sheet(path, "Cover") if len(cells) > 1}
    if "Published on:" not in cover:
        raise ImportFailed(f"{path}: sheet Cover has no 'Published on:' row")
    return re.sub(r"\s*(\[note \d+\])+$", "", title), iso(cover["Published on:"], f"{ODS} sheet Cover")


def sheet(path: Path, name: str) -> list:
    """The rows of sheet ``name``; ``ImportFailed`` if the file has no such sheet or is no spreadsheet."""
    try:
        return read_sheet(path, name)
    except KeyError as error:
        raise ImportFailed(str(error.args[0])) from None
    except zipfile.BadZipFile as error:
        raise ImportFailed(f"{path}: not an OpenDocument spreadsheet ({error})") from None


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
