"""Everything the project knows about each fact type of the fact table, in one table: ``FACT_TYPES``.

A ``FactType`` holds its label (the ``skg:FactType`` entity's name), the class of the event a row of it is
a claim about (``Bailout`` ...) with the rule naming that event (``funding/{council}``: one funding event
per council, however many rows describe it; ``data/facts/events.yaml`` names the events no rule can), the
broader fact type it is a narrower kind of, whether its rows concern the council's safety valve agreement,
and the rules (``rules.py``) that read typed values out of its rows. ``FactType.derive`` applies it to one row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from graph.sources import agreement_rules as ar, inspection_rules as ir, rules
from graph.sources.derivation import Derivation, add_once
from graph.sources.fact_values import Row, council_id, date_value, slugify
from graph.sources.records import Record

Rule = Callable[[Row, Record, Derivation], None]
INSPECTIONS = ("AreaSENDInspection", "AreaSENDRevisit")  # events of a council's local area, joined by inspectionOf


@dataclass(frozen=True)
class FactType:
    """One fact type: name, label, the event class a row of it is a claim about (and that event's id and label
    templates, ``{council}`` and ``{year}`` filled from the row), broader type, whether its rows concern the
    council's agreement, and its rules."""

    name: str
    label: str
    cls: str | None = None
    broader: str | None = None
    agreement: bool = False
    rules: tuple[Rule, ...] = ()
    event: str | None = None
    event_label: str | None = None
    basis: str | None = None  # the basis of every row of this type ('restated'), else stated unless it says inferred

    def event_id(self, row: Row) -> str | None:
        """The event (or minted entity) a row of this type is a claim about, by this type's rule (None: neither)."""
        year = row.date[:4] if row.date else "undated"
        return self.event.format(council=slugify(row.council), year=year, id=row.id) if self.event else None

    def label_of_event(self, row: Row) -> str | None:
        """The label of the event a row of this type is a claim about, by this type's rule."""
        return self.event_label.format(name=row.council, value=row.value) if self.event_label else None

    def derive(self, row: Row, fact: Record, derivation: Derivation, event: tuple[str, str, str] | None,
               about: list[str] | None = None) -> None:
        """Add every typed statement ``row`` supports to ``fact`` and to the entities it concerns; ``event`` is the
        (id, class, label) of the event (or minted entity) the row is a claim about, if any; ``about`` the existing
        entities events.yaml names for the row instead (nothing is declared for them)."""
        dated = date_value(row.date, row.where)
        if dated:
            fact.add(*dated)
        fact.add("basis", self.basis or ("inferred" if "inferred" in row.value else "stated"))
        agreement = derivation.agreement(row.council, row) if self.agreement and not row.is_programme else None
        if about:
            fact.props["about"] = list(about)
        elif event:
            fact.props["about"] = [event[0]]
            record = derivation.event(*event, row)
            if not row.is_programme and event[1] != "ImprovementArea":  # an area joins its council through the agreement
                add_once(record, "inspectionOf" if event[1] in INSPECTIONS else "council", council_id(row.council))
            if agreement:
                add_once(record, "agreement", agreement)
        elif agreement:
            fact.props["about"] = [agreement]
            add_once(fact, "agreement", agreement)
        for rule in self.rules:
            rule(row, fact, derivation)


FACT_TYPES: dict[str, FactType] = {t.name: t for t in (
    FactType("gss_code", "GSS code", rules=(rules.gss,)),
    FactType("sv_wave", "agreement wave", agreement=True, rules=(rules.wave_stated,)),
    FactType("sv_funding", "safety valve funding", cls="Bailout", agreement=True, rules=(rules.wave_in_funding, rules.amounts, rules.issued_by_dfe), event="funding/{council}", event_label="{name} safety valve funding"),
    FactType("sv_cabinet_decision", "council cabinet decision on safety valve funding", cls="Bailout", broader="sv_funding", agreement=True, rules=(rules.amounts, rules.issued_by_dfe), event="funding/{council}", event_label="{name} safety valve funding"),
    FactType("sv_target", "deficit target", agreement=True, rules=(rules.target_year,)),
    FactType("sv_term", "agreement term", agreement=True, rules=(ar.term_years,)),
    FactType("deficit", "high-needs deficit", rules=(rules.amounts,)),
    FactType("deficit_projection", "projected high-needs deficit", rules=(rules.amounts,)),
    FactType("payment_delayed", "payment delayed", cls="WithheldPayment", agreement=True, rules=(rules.issued_by_dfe,), event="delayed-payment/{council}", event_label="{name} safety valve payment delayed"),
    FactType("agreement_extended", "agreement extended", cls="AgreementExtension", agreement=True, rules=(rules.extension_term, rules.issued_by_dfe), event="extension/{council}-{year}", event_label="{name} safety valve agreement extended"),
    FactType("sv_capital_top_up", "capital top-up", cls="CapitalTopUp", agreement=True, rules=(rules.amounts, rules.issued_by_dfe), event="capital-top-up/{council}-{year}", event_label="{name} safety valve capital top-up"),
    FactType("area_send_inspection", "area SEND inspection outcome", cls="AreaSENDInspection", rules=(rules.inspection, ir.framework_2023), event=rules.INSPECTION_EVENT, event_label="{name} area SEND inspection"),
    FactType("ehcp_timeliness", "EHC plan timeliness"),
    FactType("improvement_notice", "improvement notice", cls="ImprovementNotice", rules=(rules.follows_inspection, rules.issued_by_dfe), event="improvement-notice/{council}", event_label="{name} improvement notice"),
    FactType("send_statutory_direction", "SEND statutory direction", cls="StatutoryDirection", rules=(rules.issued_by_dfe,), event="statutory-direction/{council}", event_label="{name} SEND statutory direction"),
    FactType("sv_proposal_rejected", "safety valve proposal rejected", cls="RejectedProposal", rules=(rules.issued_by_dfe,), event="rejected-proposal/{council}", event_label="{name} safety valve proposal rejected"),
    FactType("sv_under_review", "agreement under review", cls="WithheldPayment", agreement=True, rules=(rules.issued_by_dfe,)),
    FactType("sv_received", "safety valve money received", agreement=True, rules=(rules.amounts,)),
    FactType("sv_concluded", "agreement concluded", agreement=True),
    FactType("dfe_page_published", "DfE programme page published"),
    FactType("agreements_by_year", "agreements by year", rules=(rules.reported_counts,)),
    FactType("first_wave_members", "first-wave members", rules=(rules.listed_agreements,)),
    FactType("first_wave_total", "first-wave total funding", rules=(rules.amounts, rules.councils_counted)),
    FactType("total_after_2022_23_wave", "programme total after the 2022-23 wave", rules=(rules.amounts, rules.councils_counted)),
    FactType("wave_total_2022_23", "2022-23 wave total funding", rules=(rules.amounts, rules.councils_counted)),
    FactType("no_new_agreements", "no new agreements"),
    FactType("withheld_total", "money withheld", cls="WithheldPayment", rules=(rules.amounts, rules.councils_counted, rules.issued_by_dfe)),
    FactType("withheld_in_limbo", "money in limbo", rules=(rules.amount_in_doubt,)),
    FactType("under_review", "councils under review", rules=(rules.listed_agreements,)),
    FactType("inspection_framework_outcomes", "inspection framework outcomes"),
    FactType("inspections_2023_stats", "inspection outcomes in 2023"),
    FactType("bailout_amount", "bailout amount", broader="sv_funding"),
    # What agreements mandate, and how they are paid, monitored, changed and challenged.
    FactType("sv_condition", "agreement condition (restated)", cls="ImprovementArea", basis="restated", rules=(ar.mandated,), event="improvement-area/{id}", event_label="{name}: {value}"),
    FactType("sv_condition_common", "conditions common to agreements (restated)", basis="restated", rules=(ar.restated_note,)),
    FactType("sv_condition_common_2023_24", "conditions common to the 2023-24 agreements (restated)", broader="sv_condition_common", basis="restated", rules=(ar.restated_note, ar.agreements_in_parentheses)),
    FactType("sv_programme_detail", "council programme delivering the agreement", agreement=True),
    FactType("sv_funding_profile", "safety valve funding profile", cls="Bailout", broader="sv_funding", agreement=True, rules=(ar.profile_years, rules.issued_by_dfe), event="funding/{council}", event_label="{name} safety valve funding"),
    FactType("sv_council_contribution", "council contribution to the agreement", agreement=True, rules=(ar.contribution,)),
    FactType("sv_progress", "agreement progress", agreement=True, rules=(ar.progress,)),
    FactType("sv_off_track", "agreement off track", broader="sv_progress", agreement=True, rules=(ar.off_track,)),
    FactType("sv_savings", "savings against the agreement's plan", broader="sv_progress", agreement=True, rules=(rules.amounts,)),
    FactType("sv_enhanced_monitoring", "enhanced monitoring", cls="EnhancedMonitoring", agreement=True, rules=(rules.issued_by_dfe,), event="enhanced-monitoring/{council}", event_label="{name} safety valve agreement under enhanced monitoring"),
    FactType("sv_legal_challenge", "legal challenge to an agreement", cls="LegalChallenge", agreement=True, event="legal-challenge/{council}-{year}", event_label="Legal challenge to {name}'s safety valve agreement"),
    FactType("sv_invited", "invited to the programme", cls="ProgrammeInvitation", agreement=True, rules=(rules.issued_by_dfe,), event="invitation/{council}", event_label="{name} invited to the safety valve programme"),
    FactType("sv_application", "application to the programme", agreement=True),
    FactType("sv_negotiation", "agreement in negotiation"),
    FactType("sv_criteria", "criteria for a safety valve proposal"),
    FactType("sv_related_change", "change related to the agreement"),
    FactType("agreement_extension_requested", "agreement extension requested", agreement=True),
    FactType("sv_financial_risk", "financial risk"),
    FactType("s114_risk", "section 114 risk", broader="sv_financial_risk"),
    FactType("ehcp_count", "EHC plan count"),
    FactType("ipsea_letter", "IPSEA letter to safety valve councils"),
    FactType("agreements_by_nov_2022", "agreements by November 2022"),
    FactType("total_first_14", "total funding of the first 14 agreements", rules=(rules.amounts, rules.councils_counted)),
    # Inspection rows: the 2016 framework's inspections and revisits (events.yaml names the revisits), key findings
    # (each an InspectionFinding of its inspection), remarks about an inspection (dated as remarks).
    FactType("previous_send_inspection", "area SEND inspection or revisit (2016 framework)", cls="AreaSENDInspection", rules=(ir.previous_inspection,), event=rules.INSPECTION_EVENT, event_label="{name} area SEND inspection"),
    FactType("inspection_finding", "inspection finding", cls="AreaSENDInspection", rules=(ir.finding,), event=rules.INSPECTION_EVENT, event_label="{name} area SEND inspection"),
    FactType("area_send_inspection_note", "remark about an area SEND inspection", cls="AreaSENDInspection", rules=(ir.inspection_note,), event=rules.INSPECTION_EVENT, event_label="{name} area SEND inspection"),
    # Kinds of claim the sources' files and the rules make about one link or one group of values (no table row has them).
    FactType("issued_by", "issued by"),
    FactType("bears_on", "finding bears on a mandated area"),
    FactType("from_inspection", "measurement from an inspection"),
    FactType("inspection_dates", "inspection dates"),
    FactType("improvement_theme", "improvement theme of a mandated area"),
)}
