"""Dates as sources give them: a day, a month, a year or a UK financial year, each the span of days it covers.

A month is never turned into its first day: ``2024-02`` is 1-29 February 2024, ``2020-21`` is 1 April 2020 to
31 March 2021, so a picture can draw it as the span it is and a sort can put it where it starts.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import pyoxigraph as ox

from graph.terms import XSD
from web.shared.formatting import date_text

FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class When:
    """A date as given (``value``, its ``precision``: day, month, year or financial year), its words and its span."""

    value: str
    precision: str
    text: str
    start: dt.date
    end: dt.date

    def as_json(self) -> dict:
        """The JSON twin's form: the value as given, its precision and words, and the span as ISO days."""
        return {"value": self.value, "precision": self.precision, "text": self.text,
                "start": self.start.isoformat(), "end": self.end.isoformat()}


def financial_year(value: str) -> When | None:
    """``2020-21`` as 1 April 2020 to 31 March 2021; None if ``value`` is no financial year."""
    match = FINANCIAL_YEAR.match(value.strip())
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        return None
    first = int(match[1])
    return When(value, "financial year", f"financial year {value}", dt.date(first, 4, 1), dt.date(first + 1, 3, 31))


def from_literal(term: ox.Literal) -> When | None:
    """A typed date literal (xsd:date, xsd:gYearMonth, xsd:gYear) or a financial-year string as a ``When``."""
    datatype, value = term.datatype.value if term.datatype else "", term.value
    try:
        if datatype == str(XSD.date):
            day = dt.date.fromisoformat(value[:10])
            return When(value, "day", date_text(value, datatype), day, day)
        if datatype == str(XSD.gYearMonth):
            year, month = int(value[:4]), int(value[5:7])
            return When(value, "month", date_text(value, datatype), dt.date(year, month, 1),
                        dt.date(year, month, calendar.monthrange(year, month)[1]))
        if datatype == str(XSD.gYear):
            year = int(value[:4])
            return When(value, "year", value[:4], dt.date(year, 1, 1), dt.date(year, 12, 31))
    except ValueError:
        return None
    return financial_year(value)


def between(first: When, last: When) -> When:
    """One ``When`` from the start of ``first`` to the end of ``last`` (an inspection's visit to its report)."""
    if first.end >= last.end:
        return first
    return When(f"{first.value}/{last.value}", "span", f"{first.text} to {last.text}", first.start, last.end)
