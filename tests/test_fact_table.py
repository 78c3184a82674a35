"""Every row of the curated fact table is in the graph, sourced, with the typed values its words state."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from graph.terms import DCTERMS, ID, ONS_GEOGRAPHY, PROV, RDF, RDFS, SDO, SKG, XSD
from graph.paths import DATA_DIR

TABLE = DATA_DIR / "facts" / "safety_valve_facts.csv"
ROWS = list(csv.DictReader(TABLE.open(encoding="utf-8", newline="")))
CONFIDENCE = {"high": SKG.HighConfidence, "medium": SKG.MediumConfidence, "low": SKG.LowConfidence}
# The class of the event a row of each fact type is a claim about.
CLASSES = {"sv_funding": SKG.Bailout, "sv_cabinet_decision": SKG.Bailout, "sv_capital_top_up": SKG.CapitalTopUp,
           "sv_funding_profile": SKG.Bailout,
           "sv_under_review": SKG.WithheldPayment, "payment_delayed": SKG.WithheldPayment,
           "withheld_total": SKG.WithheldPayment, "withheld_in_limbo": SKG.WithheldPayment,
           "agreement_extended": SKG.AgreementExtension, "sv_proposal_rejected": SKG.RejectedProposal,
           "improvement_notice": SKG.ImprovementNotice, "send_statutory_direction": SKG.StatutoryDirection,
           "area_send_inspection": SKG.AreaSENDInspection, "sv_enhanced_monitoring": SKG.EnhancedMonitoring,
           "sv_legal_challenge": SKG.LegalChallenge, "sv_invited": SKG.ProgrammeInvitation,
           "sv_criteria": SKG.RejectedProposal, "under_review": SKG.WithheldPayment}
# What every other row became: a claim about a thing of this class (the council, its agreement, a mandated area,
# the programme). With CLASSES it must name every fact type of the table but the inspection ones below.
BECAME = {
    **dict.fromkeys(("gss_code", "deficit", "deficit_projection", "ehcp_timeliness", "ehcp_count", "sv_negotiation",
                     "sv_related_change", "sv_financial_risk"), SKG.Council),
    **dict.fromkeys(("sv_wave", "sv_target", "sv_term", "sv_received", "sv_concluded", "sv_programme_detail",
                     "sv_council_contribution", "sv_progress", "sv_off_track", "sv_savings", "sv_application",
                     "agreement_extension_requested"), SKG.SafetyValveAgreement),
    **dict.fromkeys(("dfe_page_published", "agreements_by_year", "first_wave_members", "first_wave_total",
                     "total_after_2022_23_wave", "wave_total_2022_23", "no_new_agreements",
                     "inspection_framework_outcomes", "inspections_2023_stats", "sv_condition_common",
                     "sv_condition_common_2023_24", "s114_risk", "ipsea_letter", "agreements_by_nov_2022",
                     "total_first_14"), SKG.Programme),
    "sv_condition": SKG.ImprovementArea,
    # A key finding is a claim about the InspectionFinding it states (of its inspection: tests/test_inspections.py);
    # a 2016-framework row about the inspection or the revisit it describes; a remark about the inspection.
    "inspection_finding": SKG.InspectionFinding,
    "previous_send_inspection": (SKG.AreaSENDInspection, SKG.AreaSENDRevisit),
    "area_send_inspection_note": SKG.AreaSENDInspection,
    **CLASSES,
}


def objects(store, subject, prop) -> set[str]:
    """The lexical values (or IRIs) of ``subject prop ?o``."""
    return {row["o"].value for row in store.select(f"SELECT ?o WHERE {{ <{subject}> <{prop}> ?o }}")}


def typed(store, subject, prop) -> set[tuple[str, str]]:
    """The (lexical value, datatype IRI) pairs of ``subject prop ?o``."""
    rows = store.select(f"SELECT ?o WHERE {{ <{subject}> <{prop}> ?o }}")
    return {(row["o"].value, row["o"].datatype.value) for row in rows}


def fact(row_id: str):
    """The graph node of the table row ``row_id``."""
    return ID[f"fact/{row_id}"]


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_every_row_is_a_sourced_fact(real_store, row):
    node = fact(row["id"])
    assert str(SKG.SourcedFact) in objects(real_store, node, RDF.type)
    assert objects(real_store, node, SKG.statedValue) == {row["value"]}
    assert objects(real_store, node, SKG.evidenceText) == {row["evidence_snippet"]}
    assert objects(real_store, node, SKG.confidence) == {str(CONFIDENCE[row["confidence"]])}
    assert objects(real_store, node, SKG.factType) == {str(ID["fact-type/" + row["fact_type"].replace("_", "-")])}
    sources = objects(real_store, node, PROV.wasDerivedFrom)
    assert len(sources) == 1
    where = SDO.url if "://" in row["source_url"] else DCTERMS.description
    assert objects(real_store, sources.pop(), where) == {row["source_url"]}
    assert objects(real_store, node, RDF.type) == {str(SKG.SourcedFact)}, "a row is a claim, never the event itself"
    if row["fact_type"] in CLASSES:
        about = objects(real_store, node, SKG.about)
        events = [e for e in about if str(CLASSES[row["fact_type"]]) in objects(real_store, e, RDF.type)]
        assert len(events) == 1, "a row is a claim about exactly one event"
        assert about - set(events) <= {str(a) for a in objects(real_store, events[0], SKG.agreement)}, \
            "besides its event, a row is only about that event's agreement (the wave it states)"


def test_every_fact_type_of_the_table_says_what_its_rows_became():
    assert {row["fact_type"] for row in ROWS} == set(BECAME)


@pytest.mark.parametrize("row", [r for r in ROWS if r["fact_type"] in BECAME], ids=lambda r: r["id"])
def test_every_row_is_a_claim_about_what_it_became(real_store, row):
    classes = {c for thing in objects(real_store, fact(row["id"]), SKG.about) for c in objects(real_store, thing, RDF.type)}
    became = BECAME[row["fact_type"]]
    assert classes & {str(c) for c in (became if isinstance(became, tuple) else (became,))}


def test_the_table_has_381_rows_and_38_councils(real_store):
    assert len(ROWS) == 381
    names = {row["council"] for row in ROWS} - {"(programme)"}
    assert len(names) == 38
    rows = real_store.select(f"""SELECT DISTINCT ?c ?label WHERE {{
        ?f a <{SKG.SourcedFact}> ; <{SKG.about}>/(<{SKG.council}>|<{SKG.inspectionOf}>)? ?c .
        FILTER(STRSTARTS(STR(?f), "{ID['fact/']}"))
        ?c a <{SKG.Council}> ; <{RDFS.label}> ?label }}""")
    assert {row["label"].value for row in rows} == names


def test_gss_codes_link_councils_to_ons_geographies(real_store):
    gss_rows = [row for row in ROWS if row["fact_type"] == "gss_code"]
    assert len(gss_rows) == 38
    for row in gss_rows:
        council = ID["council/" + row["id"].removesuffix("-gss-code")]
        assert objects(real_store, council, SKG.gssCode) == {row["value"]}
        assert objects(real_store, council, SKG.statisticalGeography) == {str(ONS_GEOGRAPHY[row["value"]])}


@pytest.mark.parametrize("row_id, prop, value, datatype", [
    ("bury-sv-cabinet-decision", DCTERMS.date, "2021-03-25", XSD.date),
    ("richmond-upon-thames-sv-concluded", DCTERMS.date, "2025-03", XSD.gYearMonth),
    ("programme-total-after-2022-23-wave", DCTERMS.date, "2023", XSD.gYear),
    ("merton-sv-wave", DCTERMS.date, "2022-03", XSD.gYearMonth),
    ("bury-sv-wave", SKG.financialYear, "2020-21", XSD.string),
])
def test_dates_are_typed(real_store, row_id, prop, value, datatype):
    assert typed(real_store, fact(row_id), prop) == {(value, str(datatype))}


def test_a_row_without_a_date_gets_none(real_store):
    for prop in (DCTERMS.date, SKG.financialYear):
        assert objects(real_store, fact("wokingham-sv-funding"), prop) == set()


@pytest.mark.parametrize("row_id, amount, capital", [
    ("bury-sv-funding", "20000000", None),
    ("bury-sv-cabinet-decision", "20500000", "4000000"),
    ("kirklees-sv-funding", "33500000", "8200000"),
    ("bury-sv-capital-top-up", "3780514", None),
    ("bexley-sv-received", "18786000", None),
    ("rotherham-sv-funding", "20528000", None),
    ("hammersmith-and-fulham-sv-funding", "20000000", None),
    ("programme-withheld-total", "17700000", None),
    ("croydon-sv-funding", None, None),
    ("programme-wave-total-2022-23", None, None),
    ("programme-first-wave-total", None, None),
])
def test_amounts_only_where_a_figure_is_stated(real_store, row_id, amount, capital):
    amounts = typed(real_store, fact(row_id), SKG.amount)
    capitals = typed(real_store, fact(row_id), SKG.capitalAmount)
    assert {Decimal(v) for v, _ in amounts} == ({Decimal(amount)} if amount else set())
    assert {Decimal(v) for v, _ in capitals} == ({Decimal(capital)} if capital else set())
    assert all(dtype == str(XSD.decimal) for _, dtype in amounts | capitals)
    assert objects(real_store, fact(row_id), SKG.currency) == ({"GBP"} if amount else set())


def test_counts_terms_and_issuers(real_store):
    assert typed(real_store, fact("programme-withheld-total"), SKG.councilCount) == {("5", str(XSD.integer))}
    assert typed(real_store, fact("bury-agreement-extended"), SKG.termYears) == {("9", str(XSD.integer))}
    assert objects(real_store, fact("bury-agreement-extended-2"), SKG.termYears) == set()
    dfe = str(ID["organisation/dfe"])
    for event, claim, basis in (("statutory-direction/slough", "slough-send-statutory-direction-issued-by-dfe", SKG.Stated),
                                ("improvement-notice/kent", "kent-improvement-notice-issued-by-dfe", SKG.Inferred)):
        assert objects(real_store, ID[event], SKG.issuedBy) == {dfe}
        assert objects(real_store, ID[f"claim/{claim}"], RDF.object) == {dfe}
        assert objects(real_store, ID[f"claim/{claim}"], SKG.basis) == {str(basis)}
    assert objects(real_store, fact("slough-send-statutory-direction"), SKG.issuedBy) == set(), "a link on the claim, never on the row"
    assert objects(real_store, ID["organisation/dfe"], RDFS.label) == {"Department for Education"}
    assert objects(real_store, fact("bury-improvement-notice"), SKG.followsInspection) == {str(ID["inspection/bury-2024"])}
    assert objects(real_store, ID["improvement-notice/bury"], SKG.followsInspection) == {str(ID["inspection/bury-2024"])}


def test_every_council_shown_with_an_agreement_has_one_except_the_rejected(real_store):
    rows = real_store.select(f"SELECT ?a WHERE {{ ?a a <{SKG.SafetyValveAgreement}> }}")
    agreements = {row["a"].value for row in rows}
    assert len(agreements) == 36
    assert str(ID["agreement/bournemouth-christchurch-and-poole"]) not in agreements
    assert objects(real_store, ID["agreement/bury"], RDFS.label) == {"Bury safety valve agreement"}
    assert objects(real_store, ID["agreement/bury"], SKG.partOfProgramme) == {str(ID["programme/safety-valve"])}


def test_agreement_rows_name_their_agreement_and_council(real_store):
    kinds = {"sv_wave", "sv_funding", "sv_target", "sv_term", "sv_received", "sv_concluded", "sv_under_review",
             "agreement_extended", "sv_capital_top_up", "payment_delayed", "sv_cabinet_decision",
             "sv_funding_profile", "sv_programme_detail", "sv_council_contribution", "sv_progress", "sv_off_track",
             "sv_savings", "sv_application", "agreement_extension_requested", "sv_enhanced_monitoring", "sv_invited",
             "sv_legal_challenge", "sv_condition"}
    for row in (r for r in ROWS if r["fact_type"] in kinds):
        slug = row["id"].split("-sv-")[0].split("-agreement-")[0].split("-payment-")[0]
        claim = fact(row["id"])
        agreements = objects(real_store, claim, SKG.agreement) | {
            a for event in objects(real_store, claim, SKG.about) for a in objects(real_store, event, SKG.agreement)}
        assert str(ID[f"agreement/{slug}"]) in agreements, row["id"]
        assert objects(real_store, ID[f"agreement/{slug}"], SKG.council) == {str(ID[f"council/{slug}"])}


@pytest.mark.parametrize("council, wave", [
    ("bury", "2020-21"), ("york", "2021-22"), ("rotherham", "2021-22"), ("bath-and-north-east-somerset", "2022-23"),
    ("wokingham", "2022-23"), ("devon", "2023-24"),
])
def test_waves_only_where_a_row_states_them(real_store, council, wave):
    expected = {str(ID[f"wave/{wave}"])} if wave else set()
    assert objects(real_store, ID[f"agreement/{council}"], SKG.wave) == expected


def test_cambridgeshire_wave_is_an_inference_by_elimination_with_its_own_claim(real_store):
    """No row states Cambridgeshire's wave; the DfE page's counts leave only 2022-23, said as a low-confidence claim."""
    assert objects(real_store, ID["agreement/cambridgeshire"], SKG.wave) == {str(ID["wave/2022-23"])}
    claim = ID["claim/cambridgeshire-wave-by-elimination"]
    assert objects(real_store, claim, SKG.confidence) == {str(SKG.LowConfidence)}
    assert objects(real_store, claim, SKG.agreement) == {str(ID["agreement/cambridgeshire"])}


def test_inferred_waves_keep_low_confidence_and_a_note(real_store):
    assert objects(real_store, fact("north-tyneside-sv-wave"), SKG.confidence) == {str(SKG.LowConfidence)}
    assert objects(real_store, fact("north-tyneside-sv-wave"), SKG.basis) == {str(SKG.Inferred)}
    assert "inferred" in " ".join(objects(real_store, fact("north-tyneside-sv-wave"), SKG.note))
    claims = real_store.select(f"SELECT ?c ?b WHERE {{ ?c <{SKG.about}> <{ID['agreement/wokingham']}> ; <{SKG.wave}> [] ; <{SKG.basis}> ?b }}")
    assert claims and {row["b"].value for row in claims} == {str(SKG.Inferred)}, "Wokingham's wave rests on inferences only"


def test_the_gov_uk_listing_supports_all_nine_2021_22_agreements(real_store):
    linked = objects(real_store, fact("merton-sv-wave"), SKG.agreement)
    nine = ["dorset", "hillingdon", "kirklees", "merton", "rotherham", "salford", "south-gloucestershire",
            "surrey", "york"]
    assert linked == {str(ID[f"agreement/{slug}"]) for slug in nine}


def test_reported_agreement_counts_per_wave(real_store):
    for wave, count in {"2020-21": 5, "2021-22": 9, "2022-23": 20, "2023-24": 4}.items():
        assert typed(real_store, ID[f"wave/{wave}"], SKG.reportedAgreementCount) == {(str(count), str(XSD.integer))}


def test_inspections_one_entity_per_council_and_year(real_store):
    bury = ID["inspection/bury-2024"]
    assert objects(real_store, bury, RDFS.label) == {"Bury area SEND inspection"}
    assert objects(real_store, bury, SKG.outcome) == {str(SKG.SystemicFailings)}
    assert typed(real_store, bury, SKG.visited) == {("2024-02", str(XSD.gYearMonth))}
    assert str(bury) in objects(real_store, fact("bury-area-send-inspection"), SKG.about)
    for slug, year in (("stoke-on-trent", 2024), ("surrey", 2023), ("dorset", 2024)):
        claims = real_store.select(f"SELECT ?f WHERE {{ ?f <{SKG.about}> <{ID[f'inspection/{slug}-{year}']}> ; "
                                   f"<{RDF.type}> <{SKG.SourcedFact}> ; <{SKG.outcome}> [] }}")
        rows = [row for row in claims if row["f"].value.startswith(str(ID["fact/"]))]  # source files add their own
        assert len(rows) == 2, slug
    surrey = ID["inspection/surrey-2023"]
    assert typed(real_store, surrey, SKG.visited) == {("2023-09", str(XSD.gYearMonth))}
    assert typed(real_store, surrey, SKG.visitStart) == {("2023-09-11", str(XSD.date))}
    assert typed(real_store, surrey, SKG.visitEnd) == {("2023-09-29", str(XSD.date))}
    assert typed(real_store, surrey, SKG.published) == {("2023-11-24", str(XSD.date))}
    assert objects(real_store, surrey, SKG.outcome) == {str(SKG.Inconsistent)}


def test_an_undated_inspection_says_so(real_store):
    richmond = ID["inspection/richmond-upon-thames-undated"]
    assert objects(real_store, richmond, SKG.outcome) == {str(SKG.TypicallyPositive)}
    assert objects(real_store, richmond, SKG.inspectionOf) == {str(ID["council/richmond-upon-thames"])}
    notes = " ".join(objects(real_store, fact("richmond-upon-thames-area-send-inspection"), SKG.note))
    assert "undated" in notes and "positive outcome (highest)" in notes


def test_rows_from_a_yaml_source_url_join_that_source(real_store):
    article = "https://schoolsweek.co.uk/one-of-first-safety-valve-councils-slammed-over-failing-send-services/"
    documents = real_store.select(f"SELECT ?s WHERE {{ ?s <{SDO.url}> ?u FILTER(STR(?u) = '{article}') }}")
    assert [row["s"].value for row in documents] == [str(ID["source/schoolsweek-bury-failing-send"])]
    assert objects(real_store, fact("bury-sv-funding"), PROV.wasDerivedFrom) == {
        str(ID["source/schoolsweek-bury-failing-send"])}


def test_source_documents_have_readable_titles(real_store):
    rows = real_store.select(f"SELECT ?t ?u WHERE {{ ?s a <{SKG.SourceDocument}> ; <{DCTERMS.title}> ?t ; "
                             f"<{SDO.url}> ?u ; <{SKG.sourceKind}> ?k }}")
    titles = {row["u"].value: row["t"].value for row in rows}
    assert titles["https://schoolsweek.co.uk/nine-more-councils-told-to-reform-send-services-in-return-for-300m"] == \
        "schoolsweek.co.uk/nine-more-councils-told-to-reform-send-services-in-return-for-300m"
    assert titles["https://schoolsweek.co.uk/ministers-withold-17m-from-five-safety-valve-councils/"] == \
        "Ministers withhold £18m from five ‘safety valve’ councils", "a YAML source's own title, not one made from its URL"
    assert all(row["source_url"] in titles for row in ROWS if "://" in row["source_url"])
