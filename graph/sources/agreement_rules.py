"""The rules for rows about what an agreement mandates and how it runs: conditions, terms, progress.

Like ``rules.py``, each is ``rule(row, fact, derivation)`` and reads only what the row's words state.
A condition row (``sv_condition``) is a claim about the improvement area it names, which the council's
agreement mandates; the row restates the agreement, whose own words were not seen, so its basis is
``restated`` and its note says so.
"""

from __future__ import annotations

import re

from graph.sources.derivation import Derivation, add_once
from graph.sources.fact_values import NUMBER_WORDS, Row, money, named_list
from graph.sources.records import Record

RESTATED = ("The source restates what the agreement requires, in its own words; the agreement itself was not seen, "
            "so this is not the agreement's wording.")
YEARS = r"(\d+|" + "|".join(NUMBER_WORDS) + r")"
TERM = re.compile(r"\b" + YEARS + r"[- ]year\b|\b(?:runs for|over|lasts?(?: for)?|last for|during) (?:a |the next )?"
                  + YEARS + r"[- ]years?\b", re.IGNORECASE)
PROFILE_TERM = re.compile(r"\bover (?:the next )?" + YEARS + r" years\b", re.IGNORECASE)
ON_TRACK = re.compile(r"\bon track\b", re.IGNORECASE)
NOT_ON_TRACK = re.compile(r"\bnot on track\b|\bnot been met\b|\bmissing\b.*\btargets?\b", re.IGNORECASE)
PARENTHESES = re.compile(r"\(([^)]*)\)")


def number(word: str) -> int:
    """'5' or 'five' -> 5."""
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def mandated(row: Row, fact: Record, derivation: Derivation) -> None:
    """A condition: the council's agreement mandates the area the row is about, as the row's source restates it."""
    area = fact.props["about"][0]
    agreement = derivation.agreement(row.council, row)
    add_once(derivation.entity(agreement, ["SafetyValveAgreement"], row), "mandates", area)
    add_once(fact, "agreement", agreement)
    restated_note(row, fact, derivation)


def restated_note(row: Row, fact: Record, derivation: Derivation) -> None:
    """Say on the claim that it restates a document the curator has not seen."""
    add_once(fact, "note", RESTATED)


def agreements_in_parentheses(row: Row, fact: Record, derivation: Derivation) -> None:
    """'all four 2023-24 agreements (Bristol, Devon, ...)': link the claim to each agreement it names."""
    match = PARENTHESES.search(row.value)
    for council in named_list(match.group(1)) if match else []:
        add_once(fact, "agreement", derivation.agreement(council, row))


def term_years(row: Row, fact: Record, derivation: Derivation) -> None:
    """'5-year agreement', 'runs for 5 years', 'over a 5-year period', 'a five year programme' -> ``termYears``."""
    match = TERM.search(row.value)
    if match:
        fact.add("termYears", number(match.group(1) or match.group(2)))


def profile_years(row: Row, fact: Record, derivation: Derivation) -> None:
    """A funding profile paid 'over nine years' / 'over six years' -> ``termYears`` (the years it is paid over)."""
    match = PROFILE_TERM.search(row.value)
    if match:
        fact.add("termYears", number(match.group(1)))
    fact.add("note", "How the funding is phased, in the source's words; its figures are instalments or totals "
                     "as the source gives them, so no amount is recorded on this claim.")


def progress(row: Row, fact: Record, derivation: Derivation) -> None:
    """A progress report that says 'on track' (or 'not on track') -> ``progressStatus``."""
    if NOT_ON_TRACK.search(row.value):
        fact.add("progressStatus", "off track")
    elif ON_TRACK.search(row.value):
        fact.add("progressStatus", "on track")


def off_track(row: Row, fact: Record, derivation: Derivation) -> None:
    """An off-track row: ``progressStatus`` off track, whatever words it uses."""
    fact.add("progressStatus", "off track")


def contribution(row: Row, fact: Record, derivation: Derivation) -> None:
    """The council's own money for its agreement, where the value states one figure -> ``councilContribution``."""
    figures, note = money(row.value)
    if "amount" in figures:
        fact.add("councilContribution", figures["amount"])
        fact.add("currency", "GBP")
    if note:
        fact.add("note", note)
