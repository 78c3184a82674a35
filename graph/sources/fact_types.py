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

from graph.sources import inspection_rules as ir, rules
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

    def event_id(self, row: Row) -> str | None:
        """The event a row of this type is a claim about, by this type's rule (None: not an event)."""
        year = row.date[:4] if row.date else "undated"
        return self.event.format(council=slugify(row.council), year=year) if self.event else None

    def label_of_event(self, row: Row) -> str | None:
        """The label of the event a row of this type is a claim about, by this type's rule."""
        return self.event_label.format(name=row.council) if self.event_label else None

    def derive(self, row: Row, fact: Record, derivation: Derivation, event: tuple[str, str, str] | None) -> None:
        """Add every typed statement ``row`` supports to ``fact`` and to the entities it concerns; ``event`` is the
        (id, class, label) of the event the row is a claim about, if any."""
        dated = date_value(row.date, row.where)
        if dated:
            fact.add(*dated)
        fact.add("basis", "inferred" if "inferred" in row.value else "stated")
        agreement = derivation.agreement(row.council, row) if self.agreement and not row.is_programme else None
        if event:
            fact.props["about"] = [event[0]]
            record = derivation.event(*event, row)
            if not row.is_programme:
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
    FactType("sv_term", "agreement term", agreement=True),
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
    # Inspection rows: the 2016 framework's inspections and revisits (events.yaml names the revisits), key findings
    # (each an InspectionFinding of its inspection), remarks about an inspection (dated as remarks).
    FactType("previous_send_inspection", "area SEND inspection or revisit (2016 framework)", cls="AreaSENDInspection", rules=(ir.previous_inspection,), event=rules.INSPECTION_EVENT, event_label="{name} area SEND inspection"),
    FactType("inspection_finding", "inspection finding", cls="AreaSENDInspection", rules=(ir.finding,), event=rules.INSPECTION_EVENT, event_label="{name} area SEND inspection"),
    FactType("area_send_inspection_note", "remark about an area SEND inspection", cls="AreaSENDInspection", rules=(ir.inspection_note,), event=rules.INSPECTION_EVENT, event_label="{name} area SEND inspection"),
    # PLACEHOLDERS (inspections branch only): plain claims about the council until the facts branch types these; drop on merge.
    FactType("sv_condition", "sv condition"),
    FactType("sv_funding_profile", "sv funding profile"),
    FactType("sv_programme_detail", "sv programme detail"),
    FactType("sv_condition_common_2023_24", "sv condition common 2023 24"),
    FactType("agreements_by_nov_2022", "agreements by nov 2022"),
    FactType("total_first_14", "total first 14"),
    FactType("sv_savings", "sv savings"),
    FactType("sv_legal_challenge", "sv legal challenge"),
    FactType("sv_criteria", "sv criteria"),
    FactType("sv_condition_common", "sv condition common"),
    FactType("ipsea_letter", "ipsea letter"),
    FactType("sv_off_track", "sv off track"),
    FactType("sv_application", "sv application"),
    FactType("sv_financial_risk", "sv financial risk"),
    FactType("s114_risk", "s114 risk"),
    FactType("agreement_extension_requested", "agreement extension requested"),
    FactType("sv_invited", "sv invited"),
    FactType("sv_council_contribution", "sv council contribution"),
    FactType("sv_related_change", "sv related change"),
    FactType("sv_progress", "sv progress"),
    FactType("sv_negotiation", "sv negotiation"),
    FactType("sv_enhanced_monitoring", "sv enhanced monitoring"),
    FactType("ehcp_count", "ehcp count"),
    # Kinds of claim the sources' files and the rules make about one link or one group of values (no table row has them).
    FactType("issued_by", "issued by"),
    FactType("bears_on", "finding bears on a mandated area"),
    FactType("from_inspection", "measurement from an inspection"),
    FactType("inspection_dates", "inspection dates"),
)}
