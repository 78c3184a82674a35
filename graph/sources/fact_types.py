"""Everything the project knows about each fact type of the fact table, in one table: ``FACT_TYPES``.

A ``FactType`` holds its label (the ``skg:FactType`` entity's name), the ontology class a row of it also
is (``Bailout`` ...), the broader fact type it is a narrower kind of (so claims of both can be compared,
query 08), whether its rows concern the council's safety valve agreement, and the rules (``rules.py``)
that read typed statements out of its rows. ``FactType.derive`` applies it to one row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from graph.sources import rules
from graph.sources.derivation import Derivation, add_once
from graph.sources.fact_values import Row, council_id, date_value
from graph.sources.records import Record

Rule = Callable[[Row, Record, Derivation], None]


@dataclass(frozen=True)
class FactType:
    """One fact type: name, label, class, broader type, whether it is about the agreement, its rules."""

    name: str
    label: str
    cls: str | None = None
    broader: str | None = None
    agreement: bool = False
    rules: tuple[Rule, ...] = ()

    def derive(self, row: Row, fact: Record, derivation: Derivation) -> None:
        """Add every typed statement ``row`` supports to ``fact`` and to the entities it concerns."""
        dated = date_value(row.date, row.where)
        if dated:
            fact.add(*dated)
        if self.cls:
            fact.types.append(self.cls)
            if rules.NAMES_DFE.search(row.value) or rules.NAMES_DFE.search(row.evidence_snippet):
                rules.issued_by_dfe(row, fact, derivation)
        if not row.is_programme and (self.cls or self.agreement):
            fact.add("council", council_id(row.council))
        if self.agreement:
            add_once(fact, "agreement", derivation.agreement(row.council, row))
        for rule in self.rules:
            rule(row, fact, derivation)


FACT_TYPES: dict[str, FactType] = {t.name: t for t in (
    FactType("gss_code", "GSS code", rules=(rules.gss,)),
    FactType("sv_wave", "agreement wave", agreement=True, rules=(rules.wave_stated,)),
    FactType("sv_funding", "safety valve funding", cls="Bailout", agreement=True, rules=(rules.wave_in_funding, rules.amounts)),
    FactType("sv_cabinet_decision", "council cabinet decision on safety valve funding", cls="Bailout", broader="sv_funding", agreement=True, rules=(rules.amounts,)),
    FactType("sv_target", "deficit target", agreement=True, rules=(rules.target_year,)),
    FactType("sv_term", "agreement term", agreement=True),
    FactType("deficit", "high-needs deficit", rules=(rules.amounts,)),
    FactType("deficit_projection", "projected high-needs deficit", rules=(rules.amounts,)),
    FactType("payment_delayed", "payment delayed", cls="WithheldPayment", agreement=True),
    FactType("agreement_extended", "agreement extended", cls="AgreementExtension", agreement=True, rules=(rules.extension_term,)),
    FactType("sv_capital_top_up", "capital top-up", cls="CapitalTopUp", agreement=True, rules=(rules.amounts,)),
    FactType("area_send_inspection", "area SEND inspection outcome", rules=(rules.inspection,)),
    FactType("ehcp_timeliness", "EHC plan timeliness"),
    FactType("improvement_notice", "improvement notice", cls="ImprovementNotice", rules=(rules.follows_inspection,)),
    FactType("send_statutory_direction", "SEND statutory direction", cls="StatutoryDirection"),
    FactType("sv_proposal_rejected", "safety valve proposal rejected", cls="RejectedProposal"),
    FactType("sv_under_review", "agreement under review", cls="WithheldPayment", agreement=True),
    FactType("sv_received", "safety valve money received", agreement=True, rules=(rules.amounts,)),
    FactType("sv_concluded", "agreement concluded", agreement=True),
    FactType("dfe_page_published", "DfE programme page published"),
    FactType("agreements_by_year", "agreements by year", rules=(rules.reported_counts,)),
    FactType("first_wave_members", "first-wave members", rules=(rules.listed_agreements,)),
    FactType("first_wave_total", "first-wave total funding", rules=(rules.amounts, rules.councils_counted)),
    FactType("total_after_2022_23_wave", "programme total after the 2022-23 wave", rules=(rules.amounts, rules.councils_counted)),
    FactType("wave_total_2022_23", "2022-23 wave total funding", rules=(rules.amounts, rules.councils_counted)),
    FactType("no_new_agreements", "no new agreements"),
    FactType("withheld_total", "money withheld", cls="WithheldPayment", rules=(rules.amounts, rules.councils_counted)),
    FactType("withheld_in_limbo", "money in limbo", cls="WithheldPayment", rules=(rules.amounts,)),
    FactType("under_review", "councils under review", rules=(rules.listed_agreements,)),
    FactType("inspection_framework_outcomes", "inspection framework outcomes"),
    FactType("inspections_2023_stats", "inspection outcomes in 2023"),
    FactType("bailout_amount", "bailout amount", broader="sv_funding"),
)}
