"""Source documents 008-014 of ../shared/sources/ curated as source files: every quoted word is the document's,
and the built graph holds their key facts on the events the rest of the graph already has."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from graph.paths import DATA_DIR
from graph.terms import DCTERMS, ID, ORG, PROV, RDF, RDFS, SDO, SKG, XSD
from shared_material import normalised, occurs_in_order, shared_sources, verbatim_texts


DOCUMENTS = {  # source file -> the capture it curates
    "localgovlawyer-bexley-improvement-notice.yaml": "008_localgovlawyer_bexley-improvement-notice-send.txt",
    "localgov-bury-poor-for-too-long.yaml": "009_localgov_bury-send-experience-poor-for-too-long.txt",
    "kentcc-safety-valve-agreement.yaml": "010_kentcc_safety-valve-agreement-page.txt",
    "kentcc-safety-valve-agreement-earlier.yaml": "011_kentcc_safety-valve-agreement-page-earlier-version.txt",
    "stokecc-area-send-inspection-2024.yaml": "012_stokecc_press-release-area-send-inspection-2024.txt",
    "bcpcouncil-safety-valve-participation.yaml": "013_bcpcouncil_participation-in-safety-valve-programme.txt",
    "kingstoncc-send-revisit-2022.yaml": "014_kingstoncc_cross-borough-improvement-send-revisit.txt",
}


@pytest.mark.parametrize("source_file, capture", sorted(DOCUMENTS.items()))
def test_every_quoted_word_is_in_the_capture(source_file, capture):
    text = normalised((shared_sources() / capture).read_text(encoding="utf-8"))
    texts = verbatim_texts(DATA_DIR / "sources" / source_file)
    assert texts, source_file
    missing = [(entity, key) for entity, key, words in texts if not occurs_in_order(words, text)]
    assert missing == []


def test_the_check_finds_words_that_are_not_in_the_capture():
    capture = normalised("Leaders were told to “urgently improve” arrangements.")
    assert occurs_in_order("Leaders were told to \"urgently improve\" ... arrangements.", capture)
    assert not occurs_in_order("Leaders were told to improve arrangements.", capture)
    assert not occurs_in_order("arrangements ... Leaders", capture)


def values(store, subject, prop) -> set[str]:
    """The lexical values (or IRIs) of ``subject prop ?o``."""
    return {row["o"].value for row in store.select(f"SELECT ?o WHERE {{ <{subject}> <{prop}> ?o }}")}


def typed(store, subject, prop) -> set[tuple[str, str]]:
    """The (lexical value, datatype IRI) pairs of ``subject prop ?o``."""
    return {(row["o"].value, row["o"].datatype.value)
            for row in store.select(f"SELECT ?o WHERE {{ <{subject}> <{prop}> ?o }}")}


def claims(store, about, source) -> set[str]:
    """The claims (SourcedFacts) about ``about`` derived from ``source``."""
    rows = store.select(f"SELECT ?c WHERE {{ ?c a <{SKG.SourcedFact}> ; <{SKG.about}> <{about}> ; "
                        f"<{PROV.wasDerivedFrom}> <{source}> }}")
    return {row["c"].value for row in rows}


def of_source(store, cls, source) -> set[str]:
    """The entities of class ``cls`` derived from ``source``."""
    rows = store.select(f"SELECT ?e WHERE {{ ?e a <{cls}> ; <{PROV.wasDerivedFrom}> <{source}> }}")
    return {row["e"].value for row in rows}


# ---------------------------------------------------------------- 008: Bexley's improvement notice
BEXLEY_SOURCE = ID["source/localgovlawyer-bexley-improvement-notice"]


def test_008_is_one_document_with_the_fact_table_rows_that_cite_it(real_store):
    assert typed(real_store, BEXLEY_SOURCE, SKG.published) == {("2024-05-02", str(XSD.date))}
    assert values(real_store, BEXLEY_SOURCE, SKG.confidence) == {str(SKG.LowConfidence)}
    assert "inferred" in " ".join(values(real_store, BEXLEY_SOURCE, SKG.note))
    for row in ("bexley-improvement-notice", "bexley-area-send-inspection"):
        assert values(real_store, ID[f"fact/{row}"], PROV.wasDerivedFrom) == {str(BEXLEY_SOURCE)}


def test_008_notice_is_the_existing_event_issued_by_the_dfe_after_the_inspection(real_store):
    notice = ID["improvement-notice/bexley"]
    assert values(real_store, notice, RDF.type) == {str(SKG.ImprovementNotice)}
    assert len(claims(real_store, notice, BEXLEY_SOURCE)) >= 4
    assert values(real_store, notice, SKG.followsInspection) == {str(ID["inspection/bexley-2024"])}
    assert values(real_store, notice, SKG.issuedBy) == {str(ID["organisation/dfe"])}
    assert typed(real_store, notice, DCTERMS.date) == {("2024-05-01", str(XSD.date))}
    dated = ID["claim/localgovlawyer-bexley-notice-date"]
    assert values(real_store, dated, SKG.basis) == {str(SKG.Inferred)}


def test_008_inspection_outcome_report_date_and_findings(real_store):
    inspection = ID["inspection/bexley-2024"]
    assert values(real_store, inspection, SKG.outcome) == {str(SKG.SystemicFailings)}
    assert typed(real_store, inspection, SKG.published) == {("2024-02-23", str(XSD.date))}
    findings = {f for f in of_source(real_store, SKG.InspectionFinding, BEXLEY_SOURCE)
                if values(real_store, f, SKG.fromInspection) == {str(inspection)} and not from_table_row(f)}
    assert len(findings) == 7
    speech = ID["reported-speech/dfe-bexley-urgently-improve"]
    assert values(real_store, speech, SKG.saidBy) == {str(ID["organisation/dfe"])}
    assert values(real_store, speech, RDF.type) == {str(SKG.ReportedSpeech)}


def from_table_row(finding: str) -> bool:
    """A finding the fact table's inspection_finding row minted (finding/<row id>), not one the source file states."""
    return re.search(r"/finding/[a-z-]+-inspection-finding(-\d+)?$", finding) is not None


# ---------------------------------------------------------------- 009: Bury's inspection in LocalGov
BURY_SOURCE = ID["source/localgov-bury-poor-for-too-long"]
BURY_INSPECTION = ID["inspection/bury-2024"]


def test_009_reports_the_seed_articles_inspection_not_a_second_one(real_store):
    inspections = real_store.select(f"SELECT ?i WHERE {{ ?i a <{SKG.AreaSENDInspection}> ; <{SKG.inspectionOf}> <{ID['council/bury']}> ; "
                                    f"<{SKG.framework}> <{SKG.Framework2023}> }}")  # Ofsted's file adds 2016's
    assert [row["i"].value for row in inspections] == [str(BURY_INSPECTION)]
    sources = values(real_store, BURY_INSPECTION, PROV.wasDerivedFrom)
    assert {str(BURY_SOURCE), str(ID["source/schoolsweek-bury-failing-send"])} <= sources
    outcome = ID["claim/localgov-bury-inspection-outcome"]
    assert values(real_store, outcome, SKG.about) == {str(BURY_INSPECTION)}
    assert values(real_store, outcome, SKG.outcome) == {str(SKG.SystemicFailings)}
    assert values(real_store, BURY_INSPECTION, SKG.outcome) == {str(SKG.SystemicFailings)}
    assert values(real_store, ID["fact/bury-area-send-inspection"], PROV.wasDerivedFrom) == {str(BURY_SOURCE)}


def test_009_source_has_its_byline_and_date(real_store):
    assert typed(real_store, BURY_SOURCE, SKG.published) == {("2024-05-09", str(XSD.date))}
    assert values(real_store, BURY_SOURCE, DCTERMS.creator) == {"Ellie Ames"}
    assert values(real_store, values(real_store, BURY_SOURCE, DCTERMS.publisher).pop(), RDFS.label) == {"LocalGov"}


def test_009_findings_the_seed_reports_are_claims_about_the_seeds_nodes(real_store):
    for finding in ("bury-2024-poor-for-too-long", "bury-2024-ehcp-out-of-date"):
        assert claims(real_store, ID[f"finding/{finding}"], BURY_SOURCE), finding
        assert str(BURY_SOURCE) not in values(real_store, ID[f"finding/{finding}"], PROV.wasDerivedFrom)
    own = {f for f in of_source(real_store, SKG.InspectionFinding, BURY_SOURCE)
           if values(real_store, f, SKG.fromInspection) == {str(BURY_INSPECTION)} and not from_table_row(f)}
    assert {f.rsplit("/", 1)[1] for f in own} == {"bury-2024-strategy-stop-start", "bury-2024-waiting-too-long",
                                                   "bury-2024-dedicated-practitioners", "bury-2024-improvements-begun"}


def test_009_council_and_nhs_quote_and_figures(real_store):
    quote = ID["quote/bury-nhs-gm-pace-required"]
    assert values(real_store, quote, SKG.saidBy) == {str(ID["council/bury"]), str(ID["organisation/nhs-greater-manchester-icb"])}
    assert values(real_store, quote, SKG.quoteText) == {"have not been at the pace required."}
    assert typed(real_store, ID["measurement/bury-2024-ehcp-assessments-on-time"], SKG.quantity) == {("75", str(XSD.decimal))}
    assert values(real_store, ID["measurement/bury-2022-ehcp-assessments-on-time"], SKG.quantity) == {"22"}
    assert values(real_store, ID["measurement/bury-2024-ehcp-count-rise"], SKG.quantity) == {"85"}


# ---------------------------------------------------------------- 010: Kent's page
KENT_SOURCE = ID["source/kentcc-safety-valve-agreement"]
KENT_AGREEMENT = ID["agreement/kent"]


def test_010_is_undated_and_published_by_the_council(real_store):
    assert values(real_store, KENT_SOURCE, SKG.published) == set()
    assert "Undated" in " ".join(values(real_store, KENT_SOURCE, SKG.note))
    assert values(real_store, KENT_SOURCE, DCTERMS.publisher) == {str(ID["council/kent"])}


def test_010_agreement_wave_and_term_are_claims_about_kents_one_agreement(real_store):
    agreements = real_store.select(f"SELECT ?a WHERE {{ ?a a <{SKG.SafetyValveAgreement}> ; <{SKG.council}> <{ID['council/kent']}> }}")
    assert [row["a"].value for row in agreements] == [str(KENT_AGREEMENT)]
    assert values(real_store, KENT_AGREEMENT, SKG.wave) == {str(ID["wave/2022-23"])}
    assert typed(real_store, ID["claim/kentcc-agreement-term"], SKG.termYears) == {("5", str(XSD.integer))}
    assert len(claims(real_store, KENT_AGREEMENT, KENT_SOURCE)) == 3


def test_010_deficit_figures(real_store):
    overspend = ID["claim/kentcc-overspend-2021-22"]
    assert typed(real_store, overspend, SKG.amount) == {("52000000", str(XSD.decimal))}
    assert values(real_store, overspend, SKG.financialYear) == {"2021-22"}
    cumulative = ID["claim/kentcc-cumulative-overspend"]
    assert values(real_store, cumulative, SKG.amount) == {"97000000"}
    assert values(real_store, cumulative, SKG.basis) == {str(SKG.Inferred)}


def test_010_revisit_is_its_own_event_with_a_finding(real_store):
    revisit = ID["revisit/kent-2022"]
    assert values(real_store, revisit, SKG.inspectionOf) == {str(ID["council/kent"])}
    assert typed(real_store, revisit, SKG.visited) == {("2022", str(XSD.gYear))}
    assert values(real_store, ID["finding/kent-2022-serious-concerns"], SKG.fromInspection) == {str(revisit)}


# ---------------------------------------------------------------- 011: the earlier version of Kent's page
KENT_EARLIER = ID["source/kentcc-safety-valve-agreement-earlier"]
KENT_AREAS = ("kent-mainstream-capacity", "kent-local-complex-needs", "kent-ehc-assessment-review", "kent-post-16",
              "kent-nhs-joint-working")


def test_011_is_a_second_document_about_the_same_agreement_and_funding(real_store):
    assert KENT_EARLIER != KENT_SOURCE
    assert values(real_store, KENT_EARLIER, SDO.url) != values(real_store, KENT_SOURCE, SDO.url)
    for thing in (KENT_AGREEMENT, ID["council/kent"]):
        assert {str(KENT_SOURCE), str(KENT_EARLIER)} <= values(real_store, thing, PROV.wasDerivedFrom)
    fundings = real_store.select(f"SELECT ?f WHERE {{ ?f a <{SKG.Bailout}> ; <{SKG.council}> <{ID['council/kent']}> }}")
    assert [row["f"].value for row in fundings] == [str(ID["funding/kent"])]


def test_011_funding_140m_disagrees_with_the_fact_tables_142m_so_the_event_takes_neither(real_store):
    mine = ID["claim/kentcc-earlier-funding-140m"]
    assert values(real_store, mine, SKG.about) == {str(ID["funding/kent"])}
    assert typed(real_store, mine, SKG.amount) == {("140000000", str(XSD.decimal))}
    assert values(real_store, ID["fact/kent-sv-funding"], SKG.amount) == {"142000000"}
    assert values(real_store, ID["funding/kent"], SKG.amount) == set()


def test_011_council_contribution_is_the_councils_not_the_dfes(real_store):
    contribution = ID["claim/kentcc-earlier-council-contribution"]
    assert Decimal(values(real_store, contribution, SKG.amount).pop()) == Decimal(82000000)
    assert values(real_store, contribution, SKG.about) == {str(ID["council/kent"])}
    assert values(real_store, contribution, SKG.agreement) == {str(KENT_AGREEMENT)}


def test_011_the_five_measures_are_areas_kents_agreement_mandates_restating_it(real_store):
    areas = {str(ID[f"improvement-area/{slug}"]) for slug in KENT_AREAS}
    # Kent's agreement also mandates the two conditions Schools Week restates (fact-table rows, not this page's)
    assert areas < values(real_store, KENT_AGREEMENT, SKG.mandates)
    for area in areas:
        restating = real_store.select(f"SELECT ?c WHERE {{ ?c <{SKG.about}> <{area}> ; <{SKG.basis}> <{SKG.Restated}> }}")
        assert len(restating) == 1, "the fact-table row citing this page is a restated claim about the same area"
        assert values(real_store, area, RDF.type) == {str(SKG.ImprovementArea)}
        assert values(real_store, area, PROV.wasDerivedFrom) == {str(KENT_EARLIER)}
        assert "Restates the agreement" in values(real_store, area, SKG.note).pop()


# ---------------------------------------------------------------- 012: Stoke-on-Trent's press release
STOKE_SOURCE = ID["source/stokecc-area-send-inspection-2024"]
STOKE_INSPECTION = ID["inspection/stoke-on-trent-2024"]


def test_012_reports_the_fact_tables_stoke_inspection(real_store):
    assert typed(real_store, STOKE_SOURCE, SKG.published) == {("2024-03-26", str(XSD.date))}
    inspections = real_store.select(f"SELECT ?i WHERE {{ ?i a <{SKG.AreaSENDInspection}> ; "
                                    f"<{SKG.inspectionOf}> <{ID['council/stoke-on-trent']}> ; "
                                    f"<{SKG.framework}> <{SKG.Framework2023}> }}")  # Ofsted's file adds 2016's
    assert [row["i"].value for row in inspections] == [str(STOKE_INSPECTION)]
    assert claims(real_store, STOKE_INSPECTION, STOKE_SOURCE) == {str(ID["claim/stokecc-inspection-framework"])}
    assert values(real_store, STOKE_INSPECTION, SKG.outcome) == {str(SKG.Inconsistent)}, "the outcome is the press reports'"
    finding = ID["finding/stoke-on-trent-2024-valued-determination"]
    assert values(real_store, finding, SKG.fromInspection) == {str(STOKE_INSPECTION)}


def test_012_the_councils_words_are_reported_speech_not_quotes(real_store):
    assert of_source(real_store, SKG.Quote, STOKE_SOURCE) == set()
    speech = of_source(real_store, SKG.ReportedSpeech, STOKE_SOURCE)
    assert len(speech) == 3
    for node in speech:
        assert str(ID["council/stoke-on-trent"]) in values(real_store, node, SKG.saidBy)


# ---------------------------------------------------------------- 013: BCP Council's page
BCP_SOURCE = ID["source/bcpcouncil-safety-valve-participation"]
BCP = ID["council/bournemouth-christchurch-and-poole"]


def test_013_dates_and_the_councils_figures(real_store):
    assert typed(real_store, BCP_SOURCE, SKG.published) == {("2024-01-22", str(XSD.date))}
    assert "2 April 2024" in " ".join(values(real_store, BCP_SOURCE, SKG.note))
    projection = ID["claim/bcpcouncil-deficit-march-2024"]
    assert typed(real_store, projection, SKG.amount) == {("63000000", str(XSD.decimal))}
    assert typed(real_store, projection, DCTERMS.date) == {("2024-03", str(XSD.gYearMonth))}
    assert values(real_store, projection, SKG.about) == {str(BCP)}
    assert values(real_store, ID["claim/bcpcouncil-in-year-overspend"], SKG.amount) == {"20000000"}


def test_013_bcp_has_no_agreement_and_the_page_adds_no_second_rejected_proposal(real_store):
    agreements = real_store.select(f"SELECT ?a WHERE {{ ?a a <{SKG.SafetyValveAgreement}> ; <{SKG.council}> <{BCP}> }}")
    assert agreements == []
    assert of_source(real_store, SKG.ImprovementArea, BCP_SOURCE) == set()
    proposals = real_store.select(f"SELECT ?p WHERE {{ ?p a <{SKG.RejectedProposal}> ; <{SKG.council}> <{BCP}> }}")
    assert [row["p"].value for row in proposals] == [str(ID["rejected-proposal/bournemouth-christchurch-and-poole"])]
    assert claims(real_store, ID["rejected-proposal/bournemouth-christchurch-and-poole"], BCP_SOURCE) == set()


def test_013_the_councils_statements_are_its_reported_speech(real_store):
    speech = of_source(real_store, SKG.ReportedSpeech, BCP_SOURCE)
    assert len(speech) == 3
    assert all(values(real_store, node, SKG.saidBy) == {str(BCP)} for node in speech)


# ---------------------------------------------------------------- 014: Kingston's revisit
KINGSTON_SOURCE = ID["source/kingstoncc-send-revisit-2022"]
KINGSTON = ID["council/kingston-upon-thames"]
KINGSTON_REVISIT = ID["revisit/kingston-upon-thames-2022"]


def test_014_revisit_days_and_the_inspection_it_followed(real_store):
    assert values(real_store, KINGSTON_SOURCE, SKG.published) == set()
    assert typed(real_store, KINGSTON_REVISIT, SKG.visitStart) == {("2022-10-04", str(XSD.date))}
    assert typed(real_store, KINGSTON_REVISIT, SKG.visitEnd) == {("2022-10-06", str(XSD.date))}
    assert typed(real_store, KINGSTON_REVISIT, SKG.visited) == {("2022-10", str(XSD.gYearMonth))}
    assert values(real_store, KINGSTON_REVISIT, SKG.outcome) == set(), "a 2016-framework result is no 2023 outcome"
    earlier = ID["inspection/kingston-upon-thames-2018"]
    assert typed(real_store, earlier, SKG.visited) == {("2018-11", str(XSD.gYearMonth))}
    findings = of_source(real_store, SKG.InspectionFinding, KINGSTON_SOURCE)
    assert len(findings) == 4
    assert all(values(real_store, f, SKG.fromInspection) == {str(KINGSTON_REVISIT)} for f in findings)


@pytest.mark.parametrize("quote, person, job", [
    ("ian-thomas-fantastic-achievement", "ian-thomas", "Chair of the SEND Partnership Board and Chief Executive of Kingston Council"),
    ("steph-archer-progress-set-out", "steph-archer", "Councillor; Portfolio Holder for Children’s Services including Education"),
])
def test_014_quotes_by_speaker(real_store, quote, person, job):
    node = ID[f"quote/{quote}"]
    assert values(real_store, node, SKG.saidBy) == {str(ID[f"person/{person}"])}
    assert values(real_store, node, SKG.onBehalfOf) == {str(KINGSTON)}
    assert values(real_store, node, SKG.about) == {str(KINGSTON_REVISIT)}
    assert values(real_store, ID[f"person/{person}"], SDO.jobTitle) == {job}
    assert values(real_store, ID[f"person/{person}"], ORG.memberOf) == {str(KINGSTON)}
