"""The rules for the fact table's inspection rows (``fact_types.FACT_TYPES`` names each type's).

- ``area_send_inspection`` (2023 framework): the event is a 2023-framework inspection.
- ``previous_send_inspection``: a 2016-framework inspection or revisit (``events.yaml`` names the revisits);
  where the words say so, whether a written statement of action was required and for how many significant
  weaknesses, or what the revisit found.
- ``inspection_finding``: an ``InspectionFinding`` of the inspection the row's rule or ``events.yaml`` names,
  with the source's words as evidence; the row's claim is about the finding. Where ``events.yaml`` joins the row
  to the findings a curated source file mints (``claims:``), none is minted: the row is one more claim about those.
- ``area_send_inspection_note``: a remark about an inspection, dated as a remark (``asOf``), not as the event.

Each reads only what the words state: unclear words give nothing (and the claim says so in a note).
"""

from __future__ import annotations

import re

from graph.sources.derivation import Derivation, add_once
from graph.sources.fact_values import NUMBER_WORDS, Row
from graph.sources.records import DataError, Record

REVISIT_PREFIX = "revisit/"
NUMBER = r"(\d+|" + "|".join(NUMBER_WORDS) + r"|one|eleven|twelve)"
WSOA = re.compile(r"written statement of action|\bWSOA\b", re.IGNORECASE)
NO_WSOA = re.compile(r"\bno written statement of action\b", re.IGNORECASE)
WEAKNESSES = re.compile(NUMBER + r" (?:areas of )?significant weakness|statement of action on " + NUMBER
                        + r" (?:areas|weaknesses)", re.IGNORECASE)
PROGRESS = (  # (words of a revisit's outcome, term): the first match wins
    (re.compile(r"insufficient progress on all|not made sufficient progress in addressing any", re.I), "skg:ProgressInNone"),
    (re.compile(r"sufficient progress'? in (?:all|each)\b|sufficient progress in addressing all\b", re.I), "skg:ProgressInAll"),
    (re.compile(r"sufficient progress in " + NUMBER + " of " + NUMBER + r"\b", re.I), "skg:ProgressInSome"),
)
QUOTED = re.compile(r"'[^']{12,}'|\"[^\"]{12,}\"|‘[^’]{12,}’|“[^”]{12,}”")
FINDING_LABEL = 120  # characters of the value a finding's label keeps
FINDING = "finding"  # the kind of id (finding/<slug>) of an InspectionFinding


def _declared_event(fact: Record, derivation: Derivation, row: Row) -> Record | None:
    """The event record the row's claim is about, as the row's source states it (declared by ``FactType.derive``);
    None when ``events.yaml`` joins the row to existing entities instead (nothing declared)."""
    event_id = fact.props["about"][0]
    return next((r for r in derivation.records() if r.id == event_id and r.source == row.source), None)


def _event(fact: Record, derivation: Derivation, row: Row) -> Record:
    """The event record the row's claim is about (``_declared_event``), which these rows always have."""
    event = _declared_event(fact, derivation, row)
    if event is None:
        raise DataError(row.where, f"row {row.id!r} is about {fact.props['about'][0]}, which it does not declare")
    return event


def _number(word: str) -> int:
    extra = {"one": 1, "eleven": 11, "twelve": 12}
    return int(word) if word.isdigit() else {**NUMBER_WORDS, **extra}[word.lower()]


def framework_2023(row: Row, fact: Record, derivation: Derivation) -> None:
    """An ``area_send_inspection`` row is of the 2023 framework (its outcome words are that framework's)."""
    add_once(_event(fact, derivation, row), "framework", "skg:Framework2023")


def previous_inspection(row: Row, fact: Record, derivation: Derivation) -> None:
    """A 2016-framework inspection or revisit: the framework, and what the words state of its WSoA or revisit."""
    event = _event(fact, derivation, row)
    add_once(event, "framework", "skg:Framework2016")
    year = event.id.rsplit("-", 1)[1]
    if row.date and row.date[:4] != year:
        for date in fact.props.pop("dcterms:date", []):
            fact.add("asOf", date)
        fact.add("note", f"The row's date ({row.date}) is not of the year the {event.id.split('/')[0]} was published "
                         f"({year}, the year of its id): kept as when the source reported it (asOf), not the event's date.")
    if event.id.startswith(REVISIT_PREFIX):
        term = next((term for words, term in PROGRESS if words.search(row.value)), None)
        if term:
            fact.add("revisitOutcome", term)
        else:
            fact.add("note", "The words do not state the revisit's outcome as all, some or none of the weaknesses.")
        return
    if WSOA.search(row.value) and not NO_WSOA.search(row.value):
        fact.add("writtenStatementOfAction", True)
        count = WEAKNESSES.search(row.value)
        if count:
            fact.add("significantWeaknesses", _number(count.group(1) or count.group(2)))
    else:
        fact.add("note", "The words do not say whether a written statement of action was required; no value recorded.")


def finding(row: Row, fact: Record, derivation: Derivation) -> None:
    """A key finding: an ``InspectionFinding`` of the row's inspection, with the source's words; the claim is about it
    (or about the findings ``events.yaml`` joins the row to, which a curated source file mints)."""
    about = fact.props["about"]
    event = _declared_event(fact, derivation, row)
    if event is None:  # events.yaml's claims: section joins the row to existing entities
        strays = [target for target in about if target.partition("/")[0] != FINDING]
        if strays:
            raise DataError(row.where, f"data/facts/events.yaml joins the inspection_finding row {row.id!r} to "
                                       f"{', '.join(strays)}, which is not a finding (finding/<slug>)")
    else:
        finding_id = f"{FINDING}/{row.id}"
        record = derivation.entity(finding_id, ["InspectionFinding"], row)
        label = row.value if len(row.value) <= FINDING_LABEL else row.value[:FINDING_LABEL].rsplit(" ", 1)[0] + " …"
        record.add("label", f"{row.council}: {label}")
        record.add("fromInspection", event.id)
        record.add("evidenceText", row.evidence_snippet)
        fact.props["about"] = [finding_id]
    if QUOTED.search(row.value):
        fact.add("note", "The quoted words are the inspectors' as the source quotes them; the rest of the value "
                         "is the curator's summary of the source.")
    else:
        fact.add("note", "The value summarises the finding in the curator's words, not the inspectors'; the "
                         "evidence is the source's text.")


def inspection_note(row: Row, fact: Record, derivation: Derivation) -> None:
    """A remark about an inspection: its date is when the remark was made or reported (``asOf``), not the event's."""
    dates = fact.props.pop("dcterms:date", [])
    for date in dates:
        fact.add("asOf", date)
    fact.add("note", "A remark about the inspection (not its outcome, nor the inspectors' words); the date is the "
                     "remark's, so the inspection does not take it.")
