"""The rules that read typed statements out of one fact-table row (``fact_types.FACT_TYPES`` names each type's).

Each rule is a short function ``rule(row, fact, derivation)``: it adds to the row's fact record, or
declares entities through the ``Derivation`` (from the row's source). A rule reads only what the
value or evidence states; unclear words give nothing, malformed ones a ``DataError`` with file:line.
"""

from __future__ import annotations

import re

from graph.sources.derivation import Derivation, add_once
from graph.sources.fact_values import (
    Row, council_count, council_id, date_value, financial_year, money, named_list, outcome, slugify, visited,
)
from graph.terms import ONS_GEOGRAPHY
from graph.sources.records import DataError, Record


DFE_ID = "organisation/dfe"
DFE_LABEL = "Department for Education"
WAVES = ("2020-21", "2021-22", "2022-23", "2023-24")
NAMES_DFE = re.compile(r"\bDfE\b|Department for Education")
GSS = re.compile(r"^[ENSW]\d{8}$")
WAVE_IN_FUNDING = re.compile(r"\((\d{4}-\d{2}) wave\)")
WAVE_LISTING = re.compile(r"^Added safety valve agreements for (.+?)\.?$")
REPORTED_COUNT = re.compile(r"(\d+) \((\d{4}-\d{2})\)")
PUBLICATION = re.compile(r"\breport (?:of|published on)\b|\bwas published on\b", re.IGNORECASE)
AFTER_INSPECTION = re.compile(r"\bafter the (\d{4}) inspection\b")
NO_OUTCOME = re.compile(r"\boutcome (?:category )?not stated\b")
INSPECTION_EVENT = "inspection/{council}-{year}"  # one area SEND inspection per council and year of publication
REVISIT_EVENT = "revisit/{council}-{year}"  # one 2016-framework revisit per council and year of publication


def dfe(row: Row, derivation: Derivation) -> str:
    """Declare the DfE (from ``row``'s source) if no source has yet; its id."""
    if not derivation.declares(DFE_ID):
        derivation.entity(DFE_ID, ["GovernmentDepartment"], row).add("label", DFE_LABEL)
    return DFE_ID


def gss(row: Row, fact: Record, derivation: Derivation) -> None:
    """A GSS code: ``gssCode`` and the ONS statistical-geography IRI on the council."""
    if not GSS.match(row.value):
        raise DataError(row.where, f"{row.value!r} is not a GSS code (a letter and eight digits)")
    council = derivation.entity(council_id(row.council), ["Council"], row)
    add_once(council, "label", row.council)
    council.add("gssCode", row.value)
    council.add("statisticalGeography", ONS_GEOGRAPHY[row.value])


def set_wave(row: Row, fact: Record, derivation: Derivation, council: str, wave: str) -> None:
    """The row's claim says ``council``'s agreement is in ``wave``: the claim is about that agreement and gives the
    wave (the agreement takes it from its claims, graph/queries/derive/)."""
    if wave not in WAVES:
        raise DataError(row.where, f"wave {wave!r} is not one of {WAVES}")
    agreement_id = derivation.agreement(council, row)
    add_once(fact, "agreement", agreement_id)
    add_once(fact, "about", agreement_id)
    add_once(fact, "wave", f"wave/{wave}")


def wave_stated(row: Row, fact: Record, derivation: Derivation) -> None:
    """An sv_wave row: its value names the wave; an inferred one keeps its confidence and gets a note."""
    wave = financial_year(row.value)
    if wave is None:
        raise DataError(row.where, f"sv_wave value {row.value!r} names no financial year")
    set_wave(row, fact, derivation, row.council, wave)
    if "inferred" in row.value:
        fact.add("note", f"The wave is inferred ({row.value}), not stated by the source.")
    listing = WAVE_LISTING.match(row.evidence_snippet)
    for council in named_list(listing.group(1)) if listing else []:
        set_wave(row, fact, derivation, council, wave)


def wave_in_funding(row: Row, fact: Record, derivation: Derivation) -> None:
    """An sv_funding value ending '(YYYY-YY wave)' states the agreement's wave."""
    match = WAVE_IN_FUNDING.search(row.value)
    if match:
        set_wave(row, fact, derivation, row.council, match.group(1))


def amounts(row: Row, fact: Record, derivation: Derivation) -> None:
    """Typed ``amount``/``capitalAmount`` where the value states a figure unambiguously."""
    figures, note = money(row.value)
    for key, value in figures.items():
        fact.add(key, value)
    if note:
        fact.add("note", note)


def amount_in_doubt(row: Row, fact: Record, derivation: Derivation) -> None:
    """Money a row says is in limbo (not yet due, not withheld): ``amountInDoubt``, never ``amount``."""
    figures, note = money(row.value)
    if "amount" in figures:
        fact.add("amountInDoubt", figures["amount"])
    fact.add("note", "Money put in doubt for later years, not money withheld: recorded as amountInDoubt."
             + (f" {note}" if note else ""))


def councils_counted(row: Row, fact: Record, derivation: Derivation) -> None:
    """'five councils', '(5 councils)', '34 councils' -> ``councilCount``."""
    count = council_count(row.value)
    if count is not None:
        fact.add("councilCount", count)


def listed_agreements(row: Row, fact: Record, derivation: Derivation) -> None:
    """A programme row naming councils with agreements: link the fact to each agreement."""
    names = named_list(re.sub(r"\s+under review$", "", row.value))
    for council in names:
        add_once(fact, "agreement", derivation.agreement(council, row))


def reported_counts(row: Row, fact: Record, derivation: Derivation) -> None:
    """'5 (2020-21); 9 (2021-22); ...' -> ``reportedAgreementCount`` on each wave."""
    pairs = REPORTED_COUNT.findall(row.value)
    if not pairs:
        raise DataError(row.where, f"no 'N (YYYY-YY)' counts in {row.value!r}")
    for count, wave in pairs:
        if wave not in WAVES:
            raise DataError(row.where, f"wave {wave!r} is not one of {WAVES}")
        derivation.entity(f"wave/{wave}", ["AgreementWave"], row).add("reportedAgreementCount", int(count))


def extension_term(row: Row, fact: Record, derivation: Derivation) -> None:
    """'extended to nine years' -> ``termYears 9``."""
    if re.search(r"\bnine years\b", row.value):
        fact.add("termYears", 9)


def target_year(row: Row, fact: Record, derivation: Derivation) -> None:
    """The financial year by which the deficit is to be cleared, unless the target is only in-year balance."""
    if "in-year" in row.value:
        fact.add("note", "An in-year balance target, not clearing the cumulative deficit: no deficit target year.")
        return
    year = financial_year(row.value)
    if year:
        fact.add("deficitTargetYear", year)


def issued_by_dfe(row: Row, fact: Record, derivation: Derivation) -> None:
    """The event the row is about was the DfE's: a claim that it was issued by the DfE, stated where the row's
    words name the DfE, else inferred (safety valve money and SEND interventions are the DfE's; query 07 says so)."""
    event = fact.props.get("about", [None])[0]
    if event is None:
        return
    named = NAMES_DFE.search(row.value) or NAMES_DFE.search(row.evidence_snippet)
    claim = derivation.entity(f"claim/{row.id}-issued-by-dfe", ["SourcedFact"], row)
    if claim.props:
        return
    claim.add("label", f"{row.council}: {row.fact_type.replace('_', ' ')} issued by the Department for Education")
    claim.add("factType", "fact-type/issued-by")
    claim.add("about", event)
    claim.add("rdf:subject", event)
    claim.add("rdf:predicate", "skg:issuedBy")
    claim.add("rdf:object", dfe(row, derivation))
    claim.add("statedValue", "issued by the Department for Education")
    claim.add("evidenceText", row.evidence_snippet)
    claim.add("basis", "stated" if named else "inferred")
    claim.add("confidence", row.confidence if named else "high")
    if not named:
        claim.add("note", "The row does not name the DfE; the DfE is the body that decides safety valve funding and "
                          "issues SEND interventions, so the event is read as the DfE's.")


def follows_inspection(row: Row, fact: Record, derivation: Derivation) -> None:
    """'after the 2024 inspection' -> ``followsInspection inspection/<council>-2024``."""
    match = AFTER_INSPECTION.search(row.value)
    if match:
        fact.add("followsInspection", INSPECTION_EVENT.format(council=slugify(row.council), year=match.group(1)))


def inspection(row: Row, fact: Record, derivation: Derivation) -> None:
    """The row's claim about an inspection: its outcome, when inspectors visited, and when the report was published
    (where the evidence says so); the inspection event takes them from its claims (graph/queries/derive/)."""
    if NO_OUTCOME.search(row.value):
        term, note = None, "The source seen does not state the outcome: none recorded."
    else:
        term, note = outcome(row.value, row.where)
        fact.add("outcome", term)
    if note:
        fact.add("note", note)
    if not row.date:
        fact.add("note", "The table gives no date for this inspection, so its id ends '-undated'.")
    for key, value in visited(row.value).items():
        fact.add(key, value)
    if row.date and PUBLICATION.search(row.evidence_snippet):
        fact.add("published", date_value(row.date, row.where)[1])
