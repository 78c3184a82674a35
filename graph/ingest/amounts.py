"""Money, durations, dates, inspection outcomes and interventions in one sentence, by small rules.

Each rule is a regular expression over the sentence, because each is a closed pattern ("£17.7m", "75 weeks",
"2023-24", the three outcome phrases); the README gives the figures for the parsers tried instead.
"""

from __future__ import annotations

import re

from graph.ingest.candidates import Candidate, span
from graph.terms import SKG

SCALE = {"": 1, "k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000, "mn": 1_000_000,
         "bn": 1_000_000_000, "billion": 1_000_000_000}
MONEY = re.compile(r"£\s?(\d[\d,]*(?:\.\d+)?)(?:\s?(thousand|million|billion|bn|mn|m|k)\b)?", re.IGNORECASE)
APPROXIMATE = re.compile(r"\b(almost|about|around|approximately|roughly|nearly|more than|over|up to|some|at least|"
                         r"in excess of|less than|under)\s*$", re.IGNORECASE)
WHAT = (("withheld", r"withh[eo]ld|suspended|on hold"), ("capital", r"capital"), ("overspend", r"overspen[dt]"),
        ("deficit", r"deficit|blackhole|black hole|shortfall|gap"),
        ("funding", r"bailout|safety valve|agreement|contribut|funding|receive|paying|provide|given|award|support"))
NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                      "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
NUMBER = r"\d+(?:\.\d+)?|" + "|".join(NUMBERS)
DURATION = re.compile(rf"\b(?:(?P<first>{NUMBER})\s+(?:and|to|or)\s+)?(?P<n>{NUMBER})(?:\s|-)(?P<unit>week|month|year)s?\b"
                      r"(?!\s+(?:old|ago|of age))", re.IGNORECASE)
OUTCOMES = ((re.compile(r"widespread\s+and/or\s+systemic\s+failings|widespread\s+and\s+systemic\s+failings", re.I), SKG.SystemicFailings),
            (re.compile(r"inconsistent\s+experiences", re.I), SKG.Inconsistent),
            (re.compile(r"typically\s+positive\s+experiences", re.I), SKG.TypicallyPositive))
INTERVENTIONS = ((re.compile(r"improvement notices?", re.I), "improvement notice"),
                 (re.compile(r"statutory directions?", re.I), "statutory direction"))


def money(source: str, start: int, end: int) -> list[Candidate]:
    """Every "£N[m|bn|million...]" in ``source[start:end]``, in pounds, with what it is and whether approximate."""
    sentence = source[start:end]
    found = []
    for m in MONEY.finditer(sentence):
        amount = float(m.group(1).replace(",", "")) * SCALE[(m.group(2) or "").lower()]
        context = sentence[max(0, m.start() - 60):m.end() + 60]
        what = next((name for name, words in WHAT if re.search(words, context, re.I)), None)
        found.append(span(source, "money", start + m.start(), start + m.end(), amount=_number(amount), currency="GBP",
                          what=what, approximate=bool(APPROXIMATE.search(sentence[:m.start()]))))
    return found


def durations(source: str, start: int, end: int) -> list[Candidate]:
    """Every "N weeks|months|years" (and "between N and M years": two) that is a length of time, not an age."""
    found = []
    for m in DURATION.finditer(source, start, end):
        if _number_of(m.group("n")) is None or re.search(r"\b(aged|Year)\s*$", source[start:m.start()]):
            continue
        unit = m.group("unit").lower()
        waited = re.search(r"\bwait(?:ing)?\b(?: times?)?.*?\bfor (.+?)(?= (?:was|is|were|are|of|had)\b|[.,;–]|$)", source[start:end])
        for group in ("first", "n"):
            if m.group(group):
                found.append(span(source, "duration", m.start(group), m.end(group) if group == "first" else m.end(),
                                  quantity=_number(_number_of(m.group(group))), unit=unit,
                                  waitingFor=waited.group(1).strip() if waited else None))
    return found


def outcomes(source: str, start: int, end: int) -> list[Candidate]:
    """The 2023 framework's outcome phrases, each with its concept's IRI ("the lowest rating" is not one)."""
    return [span(source, "inspection_outcome", m.start(), m.end(), outcome=concept.split("#")[-1], iri=str(concept))
            for pattern, concept in OUTCOMES for m in pattern.finditer(source, start, end)]


def interventions(source: str, start: int, end: int, councils: list[Candidate]) -> list[Candidate]:
    """Improvement notices and statutory directions, with the council the sentence names (else the last one named before)."""
    council = next((c for c in councils if start <= c.start < end), None) or next(
        (c for c in reversed(councils) if c.start < start), None)
    return [span(source, "intervention", m.start(), m.end(), intervention=name,
                 council=council.fields.get("name") if council else None,
                 councilId=council.fields.get("id") if council else None)
            for pattern, name in INTERVENTIONS for m in pattern.finditer(source, start, end)]


def _number_of(word: str) -> float | None:
    return float(word) if word[0].isdigit() else NUMBERS.get(word.lower())


def _number(value: float):
    return int(value) if float(value).is_integer() else round(value, 6)
