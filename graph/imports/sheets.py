"""Spreadsheet rows from the DfE's .xlsx (openpyxl) and .ods (odfpy) files, as plain tuples of cell values."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from odf.opendocument import load as load_ods
from odf.table import Table, TableCell, TableRow

MAX_REPEAT = 64  # a cell repeated more often than this is the empty tail of an .ods row


def xlsx_rows(path: Path, sheet: str | None = None) -> list[tuple]:
    """Every row of one sheet (the first by default) of an .xlsx file.

    Read-only mode, and dimensions reset: the DfE's files declare wrong sheet sizes (and one names a drawing
    it does not contain, which the full reader refuses)."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        worksheet = book[sheet] if sheet else book.worksheets[0]
        worksheet.reset_dimensions()
        return [tuple(row) for row in worksheet.iter_rows(values_only=True)]
    finally:
        book.close()


def xlsx_sheet_names(path: Path) -> list[str]:
    """The sheet names of an .xlsx file, in order."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def ods_rows(path: Path, sheet: str) -> list[list[str]]:
    """Every row of the sheet named ``sheet`` of an .ods file, each cell as its text."""
    document = load_ods(str(path))
    for table in document.spreadsheet.getElementsByType(Table):
        if table.getAttribute("name") == sheet:
            return [_cells(row) for row in table.getElementsByType(TableRow)]
    raise KeyError(f"{path.name} has no sheet {sheet!r}")


def _cells(row) -> list[str]:
    cells: list[str] = []
    for cell in row.getElementsByType(TableCell):
        repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
        cells += [str(cell)] * min(repeat, MAX_REPEAT)
    return cells
