"""Typed derivations from fact-table rows: the generic steps every row gets, then its fact type's rules.

Every row keeps its ``skg:SourcedFact`` node; derivation adds only what the row's value or evidence
states: dates, the specific class (``CLASSES``), the agreement and council it concerns, and whatever
the rules in ``facts_rules.RULES`` (keyed by ``fact_type``) read from it. Entities declared on the way
(agreements, inspections, wave counts) are derived from the row's source document, so each
statement keeps its provenance.
"""

from __future__ import annotations

from graph.sources.fact_values import Row, council_id, date_value, slugify
from graph.sources.rules import NAMES_DFE, RULES, add_once, issued_by_dfe
from graph.sources.records import DataError, Record

PROGRAMME_ID = "programme/safety-valve"
AGREEMENT_TYPES = {"sv_wave", "sv_funding", "sv_target", "sv_term", "sv_received", "sv_concluded", "sv_under_review",
                   "agreement_extended", "sv_capital_top_up", "payment_delayed", "sv_cabinet_decision"}
CLASSES = {
    "sv_funding": "Bailout", "sv_cabinet_decision": "Bailout", "sv_capital_top_up": "CapitalTopUp",
    "sv_under_review": "WithheldPayment", "payment_delayed": "WithheldPayment", "withheld_total": "WithheldPayment",
    "withheld_in_limbo": "WithheldPayment", "agreement_extended": "AgreementExtension",
    "sv_proposal_rejected": "RejectedProposal", "improvement_notice": "ImprovementNotice",
    "send_statutory_direction": "StatutoryDirection",
}


class Derivation:
    """The entity records rules declare, one per (entity id, source), and the councils the table names."""

    def __init__(self, council_names: set[str]):
        self.council_names = council_names
        self._records: dict[tuple[str, str], Record] = {}

    def entity(self, entity_id: str, types: list[str], row: Row) -> Record:
        """The record for ``entity_id`` as ``row``'s source states it (created on first use)."""
        key = (entity_id, row.source)
        if key not in self._records:
            self._records[key] = Record(id=entity_id, types=types, source=key[1], where=row.where)
        return self._records[key]

    def agreement(self, council: str, row: Row) -> str:
        """Declare ``council``'s safety valve agreement from ``row``'s source; return its id."""
        if council not in self.council_names:
            raise DataError(row.where, f"{council!r} is not a council the fact table names")
        agreement_id = f"agreement/{slugify(council)}"
        record = self.entity(agreement_id, ["SafetyValveAgreement"], row)
        if not record.props:
            record.add("label", f"{council} safety valve agreement")
            record.add("council", council_id(council))
            record.add("partOfProgramme", PROGRAMME_ID)
        return agreement_id

    def declares(self, entity_id: str) -> bool:
        """True once any source has declared ``entity_id``."""
        return any(key[0] == entity_id for key in self._records)

    def records(self) -> list[Record]:
        """Every declared entity record, in the order first declared."""
        return list(self._records.values())


def derive(row: Row, fact: Record, derivation: Derivation) -> None:
    """Add every typed statement ``row`` supports to ``fact`` and to the entities it concerns."""
    dated = date_value(row.date, row.where)
    if dated:
        fact.add(*dated)
    if row.fact_type in CLASSES:
        fact.types.append(CLASSES[row.fact_type])
        if NAMES_DFE.search(row.value) or NAMES_DFE.search(row.evidence_snippet):
            issued_by_dfe(row, fact, derivation)
    if not row.is_programme and (row.fact_type in CLASSES or row.fact_type in AGREEMENT_TYPES):
        fact.add("council", council_id(row.council))
    if row.fact_type in AGREEMENT_TYPES:
        add_once(fact, "agreement", derivation.agreement(row.council, row))
    for rule in RULES.get(row.fact_type, ()):
        rule(row, fact, derivation)
