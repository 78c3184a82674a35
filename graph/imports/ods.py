"""Read one sheet of an OpenDocument spreadsheet (``.ods``) as rows of cells, with odfpy.

Each cell is a ``Cell``: the text the sheet shows and, for a date or number, the typed value the file stores
(``office:date-value`` / ``office:value``), so a date is read from the file's own ISO value, never parsed
from its display. Repeated cells and rows (ODF's ``number-columns-repeated``) are expanded; trailing empty
cells and empty rows are dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from odf.opendocument import load
from odf.table import Table, TableCell, TableRow
from odf.text import P

MOST_REPEATED = 64  # a blank cell repeated to the sheet's edge is cut here: no data row is this wide


@dataclass(frozen=True)
class Cell:
    """One cell: the text shown, its ODF value type (string, date, float ...) and its stored value."""

    text: str
    kind: str = ""
    value: str = ""

    def date(self) -> dt.date | None:
        """The cell's stored date, if it is a date cell."""
        return dt.date.fromisoformat(self.value[:10]) if self.kind == "date" and self.value else None

    def number(self) -> int | None:
        """The cell's stored number as a whole number, if it is a number cell holding one."""
        if self.kind != "float" or not self.value:
            return None
        number = float(self.value)
        return int(number) if number.is_integer() else None


def _cell(element) -> Cell:
    text = "\n".join(str(p) for p in element.getElementsByType(P))
    kind = element.getAttribute("valuetype") or ""
    value = element.getAttribute("datevalue") or element.getAttribute("value") or ""
    return Cell(text, kind, value)


def read_sheet(path: Path, name: str) -> list[tuple[int, list[Cell]]]:
    """The non-empty rows of sheet ``name`` in the spreadsheet at ``path``, each with its 1-based row number."""
    sheets = {t.getAttribute("name"): t for t in load(str(path)).spreadsheet.getElementsByType(Table)}
    if name not in sheets:
        raise KeyError(f"{path.name} has no sheet {name!r} (sheets: {', '.join(sheets)})")
    rows: list[tuple[int, list[Cell]]] = []
    number = 0
    for row in sheets[name].getElementsByType(TableRow):
        cells: list[Cell] = []
        for element in row.getElementsByType(TableCell):
            repeat = int(element.getAttribute("numbercolumnsrepeated") or 1)
            cells.extend([_cell(element)] * min(repeat, MOST_REPEATED))
        while cells and not cells[-1].text:
            cells.pop()
        number += int(row.getAttribute("numberrowsrepeated") or 1)
        if cells:
            rows.append((number, cells))
    return rows
