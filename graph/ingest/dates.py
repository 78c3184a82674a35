"""Dates a sentence states, as ISO values: a day, a year-month, a year, or a financial year ("2023-24").

A day or month without a year ("in February", "yesterday (1 May)") is not a date the text states in full,
so it is left to the curator rather than given a guessed year.
"""

from __future__ import annotations

import re

from graph.ingest.candidates import Candidate, span

MONTHS = {m: i + 1 for i, m in enumerate("january february march april may june july august september october "
                                         "november december".split())}
MONTH = r"(?P<month>" + "|".join(m.capitalize() for m in MONTHS) + r")"
ORDINAL = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
PATTERNS = (
    ("day", re.compile(rf"\b{ORDINAL}(?:\s+(?:and|to|-|–)\s+\d{{1,2}})?\s+{MONTH}\s+(?P<year>(?:19|20)\d\d)\b")),
    ("numeric", re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>(?:19|20)\d\d)\b")),
    ("financial", re.compile(r"\b(?P<year>(?:19|20)\d\d)\s?(?:-|/|–| to )\s?(?P<next>(?:19|20)?\d\d?)\b")),
    ("month", re.compile(rf"\b{MONTH}\s+(?P<year>(?:19|20)\d\d)\b")),
    ("year", re.compile(r"(?<![\d/£-])\b(?P<year>(?:19|20)\d\d)\b(?![\d/-]|\s?(?:to|–)\s?\d)")),
)


def dates(source: str, start: int, end: int) -> list[Candidate]:
    """Every fully stated date in ``source[start:end]``, the more precise reading first where two overlap."""
    found: list[Candidate] = []
    for form, pattern in PATTERNS:
        for m in pattern.finditer(source, start, end):
            value = _value(form, m)
            if value and not any(c.start < m.end() and m.start() < c.end for c in found):
                found.append(span(source, "date", m.start(), m.end(), value=value, precision=form))
    return sorted(found, key=lambda c: c.start)


def _value(form: str, m: re.Match) -> str | None:
    year = m.group("year")
    if form == "financial":
        following = m.group("next")
        after = int(year) + 1
        ok = int(following) in ({after % 10} if len(following) == 1 else {after % 100, after})  # 2026/7, 2026-27, 2026-2027
        return f"{year}-{after % 100:02d}" if ok else None
    if form == "year":
        return year
    month = m.group("month")
    number = int(month) if month.isdigit() else MONTHS[month.lower()]
    if not 1 <= number <= 12:
        return None
    return f"{year}-{number:02d}" if form == "month" else f"{year}-{number:02d}-{int(m.group('day')):02d}"
