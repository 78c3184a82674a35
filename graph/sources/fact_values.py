"""The fact table's rows and the pure parsers that read typed values out of their words.

Each parser reads only what a value states: a figure in pounds, a financial year, an inspection
outcome, a visit date. When the words are not clear it returns nothing rather than guess.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from graph.sources.records import DataError

MONEY = re.compile(r"£\s?(\d[\d,]*(?:\.\d+)?)\s*(billion|bn|million|m)?\b", re.IGNORECASE)
SCALE = {"billion": Decimal(10**9), "bn": Decimal(10**9), "million": Decimal(10**6), "m": Decimal(10**6)}
APPROXIMATE = re.compile(r"^\s*(about|almost|around|nearly|over|more than)\b", re.IGNORECASE)
UPPER_LIMIT = re.compile(r"^\s*up to\b|\bup to £", re.IGNORECASE)
PER_YEAR = re.compile(r"£[\d.,]+\s*(?:m|million|k)?\s+(?:a|per|each) year\b", re.IGNORECASE)
SPLIT = re.compile(r"^\s*£[^+]*\brevenue\s*\+\s*£[^+]*\bcapital\b", re.IGNORECASE)
PART_OF = re.compile(r"^\s*£[\d.,]+\s*(?:m|million)?\s+of\s+£", re.IGNORECASE)
YEAR_SPAN = re.compile(r"\b(20\d\d)[-/](\d\d)\b")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")
YEAR = re.compile(r"^\d{4}$")
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
INSPECTED = re.compile(r"\binspected\s+(.+?)\s*$", re.IGNORECASE)
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
COUNCILS = re.compile(r"\b(\d+|" + "|".join(NUMBER_WORDS) + r")\s+councils\b", re.IGNORECASE)
OUTCOMES = (  # (words in the value, outcome, note): the first match wins, worst first
    ("widespread and/or systemic failings", "skg:SystemicFailings", None),
    ("inconsistent experiences", "skg:Inconsistent", None),
    ("typically positive", "skg:TypicallyPositive", None),
    ("positive outcome (highest)", "skg:TypicallyPositive",
     "The value 'positive outcome (highest)' is read as the highest outcome of the 2023 framework, 'typically "
     "positive experiences and outcomes'; the source's words are 'generally positive outcomes'."),
)


@dataclass(frozen=True)
class Row:
    """One row of the fact table with where it is (``path:line``)."""

    id: str
    council: str
    fact_type: str
    value: str
    date: str
    source_url: str
    source_kind: str
    confidence: str
    evidence_snippet: str
    where: str
    source: str  # the entity id of the row's source document

    @property
    def is_programme(self) -> bool:
        """True for a row about the programme as a whole."""
        return self.council == "(programme)"


def slugify(text: str) -> str:
    """Lower-case, hyphen-separated ASCII slug."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def council_id(name: str) -> str:
    """The entity id of a council as the fact table names it."""
    return f"council/{slugify(name)}"


def source_id(url: str) -> str:
    """The entity id of the source document at ``url`` (stable: a hash of the URL)."""
    return "source/" + hashlib.sha1(url.encode()).hexdigest()[:12]


def readable_title(url: str) -> str:
    """A short human title for a URL: host and path without ``www.`` or a trailing slash."""
    parts = urlsplit(url)
    if not parts.netloc:
        return url
    host = parts.netloc.removeprefix("www.")
    return host + parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")


def date_value(text: str, where: str) -> tuple[str, object] | None:
    """The ``date`` column as (key, value): ``financialYear`` for YYYY-YY, else ``dcterms:date``."""
    if not text:
        return None
    span = YEAR_SPAN.fullmatch(text)
    if span and (int(span.group(1)) + 1) % 100 == int(span.group(2)):
        return "financialYear", text
    try:
        if ISO_DATE.match(text):
            return "dcterms:date", dt.date.fromisoformat(text)
        if YEAR_MONTH.match(text) and 1 <= int(text[5:]) <= 12:
            return "dcterms:date", text
    except ValueError:
        pass
    if YEAR.match(text):
        return "dcterms:date", text
    raise DataError(where, f"date {text!r} is not YYYY-MM-DD, YYYY-MM, YYYY or a financial year YYYY-YY")


def pounds(match: re.Match) -> Decimal:
    """The sum of money a MONEY match states, in pounds."""
    number = Decimal(match.group(1).replace(",", "")) * SCALE.get((match.group(2) or "").lower(), Decimal(1))
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number


def money(value: str) -> tuple[dict[str, Decimal], str | None]:
    """Amounts the first clause of ``value`` states unambiguously ({} if none), and a note."""
    clause = value.split(";")[0]
    figures = [pounds(m) for m in MONEY.finditer(clause)]
    if not figures:
        return {}, None
    if APPROXIMATE.match(clause):
        return {}, f"The figure is approximate ({clause.strip()}): no amount recorded."
    if len(figures) == 2 and SPLIT.match(clause):
        return {"amount": figures[0], "capitalAmount": figures[1]}, None
    if len(figures) == 2 and PART_OF.match(clause):
        return {"amount": figures[0]}, f"The amount is the part withheld or paid; the whole was £{figures[1]:,.0f}."
    if len(figures) != 1:
        return {}, "Several figures in one clause: no single amount recorded."
    if PER_YEAR.search(clause):
        return {}, f"A yearly figure ({clause.strip()}), not a total: no amount recorded."
    note = "The amount is an upper limit ('up to')." if UPPER_LIMIT.search(clause) else None
    return {"amount": figures[0]}, note


def financial_year(text: str) -> str | None:
    """The first financial year written in ``text`` (2024/25 or 2024-25), as YYYY-YY."""
    for match in YEAR_SPAN.finditer(text):
        start, end = int(match.group(1)), int(match.group(2))
        if (start + 1) % 100 == end:
            return f"{start}-{end:02d}"
    return None


def outcome(value: str, where: str) -> tuple[str, str | None]:
    """The inspection outcome the words of ``value`` name, and a note when the mapping needs one."""
    lowered = value.lower()
    for words, term, note in OUTCOMES:
        if words in lowered:
            return term, note
    raise DataError(where, f"cannot tell the inspection outcome from {value!r}: expected the framework's words")


def visited(value: str) -> dict[str, object]:
    """When inspectors visited, as sortable typed values from 'inspected <when>' ({} if the value does not say):
    ``visited`` is the day, or the month a visit or range of days fell in ('end of January 2024' -> 2024-01);
    a range of days also gives ``visitStart`` and ``visitEnd``."""
    match = INSPECTED.search(value)
    if not match:
        return {}
    words = [w for w in match.group(1).lower().replace("–", "-").split() if w not in ("early", "mid", "late", "end", "of")]
    if len(words) == 2 and words[0] in MONTHS and YEAR.match(words[1]):
        return {"visited": f"{words[1]}-{MONTHS.index(words[0]) + 1:02d}"}
    days = re.fullmatch(r"(\d{1,2})-(\d{1,2})", words[0]) if len(words) == 3 else None
    if days and words[1] in MONTHS and YEAR.match(words[2]):
        year, month = int(words[2]), MONTHS.index(words[1]) + 1
        start, end = (dt.date(year, month, int(d)) for d in days.groups())
        return {"visited": f"{year}-{month:02d}", "visitStart": start, "visitEnd": end}
    return {}


def council_count(value: str) -> int | None:
    """'five councils' / '34 councils' / '(5 councils)' -> the number, if the value states one."""
    match = COUNCILS.search(value)
    if not match:
        return None
    word = match.group(1).lower()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def named_list(text: str) -> list[str]:
    """Split 'A, B, C and D' or 'A; B; C' into names."""
    text = re.sub(r"\s+and\s+(?=[^,;]*$)", ", ", text.strip().rstrip("."))
    return [name.strip() for name in re.split(r"[;,]", text) if name.strip()]
