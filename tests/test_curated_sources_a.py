"""Curated source files for documents 001-007 of the shared sources: every word they quote is in the document,
and the built graph holds their key facts (amounts, the event each claim is about, each quote's speaker).

The documents are read-only captures in the shared ``sources/`` folder beside the checkouts (found by walking up
from this repository), never copied into the project.
"""

from __future__ import annotations


import pytest

from graph.paths import DATA_DIR
from graph.terms import DCTERMS, ID, ORG, PROV, RDF, SDO, SKG
from shared_material import normalised, occurs_in_order, shared_sources, verbatim_texts

DOCUMENTS = {
    "schoolsweek-ministers-withhold-18m": "001_schoolsweek_ministers-withhold-18m-five-safety-valve-councils.txt",
    "schoolsweek-ministers-reject-bcp-plan": "002_schoolsweek_ministers-reject-bcp-15-year-safety-valve-plan.txt",
    "dfe-dsg-very-high-deficit-intervention": "003_govuk_dsg-very-high-deficit-intervention.txt",
    "room151-surrey-100m-send-support": "004_room151_surrey-to-receive-100m-send-support-from-dfe.txt",
    "hillingdon-safety-valve-funding-agreed": "005_hillingdon_safety-valve-funding-agreed-with-dfe.txt",
    "localgov-cambridgeshire-49m-send": "006_localgov_cambridgeshire-receives-49m-to-improve-send-provision.txt",
    "wiltshire-cabinet-send-sustainability-safety-valve": "007_wiltshirecc_cabinet-minute-send-sustainability-plan-safety-valve.txt",
}
WORDS = [(slug, *item) for slug in DOCUMENTS for item in verbatim_texts(DATA_DIR / "sources" / f"{slug}.yaml")]


@pytest.mark.parametrize("slug, entity, key, words", WORDS, ids=[f"{w[1]}:{w[2]}" for w in WORDS])
def test_every_quoted_word_is_in_the_document(slug, entity, key, words):
    text = normalised((shared_sources() / DOCUMENTS[slug]).read_text(encoding="utf-8"))
    assert occurs_in_order(words, text), f"{entity} {key}: {words!r} is not in {DOCUMENTS[slug]}, part by part in order"


def test_each_document_has_words_checked():
    assert {w[0] for w in WORDS} == set(DOCUMENTS)


def rows(store, sparql: str) -> list[dict[str, str]]:
    return [{k: v.value for k, v in row.items()} for row in store.select(sparql)]


def values(store, subject, prop) -> set[str]:
    return {row["o"] for row in rows(store, f"SELECT ?o WHERE {{ <{subject}> <{prop}> ?o }}")}


def claims_about(store, event: str, prop, source: str) -> dict[str, str]:
    """claim slug -> its value of ``prop``, for the file's own claims (``claim/...``) from ``source`` about ``event``."""
    found = rows(store, f"""SELECT ?c ?v WHERE {{ ?c a <{SKG.SourcedFact}> ; <{SKG.about}> <{ID[event]}> ; <{prop}> ?v ;
        <{PROV.wasDerivedFrom}> <{ID['source/' + source]}> }}""")
    prefix = str(ID["claim/"])
    return {r["c"][len(prefix):]: r["v"] for r in found if r["c"].startswith(prefix)}


def speaker(store, speech: str) -> tuple[set[str], set[str]]:
    """(saidBy, onBehalfOf) of a quote or reported speech."""
    return values(store, ID[speech], SKG.saidBy), values(store, ID[speech], SKG.onBehalfOf)


# ---------------------------------------------------------------- 001 Schools Week: the withholding

WITHHOLD = "schoolsweek-ministers-withhold-18m"


def test_001_joins_the_fact_tables_rows_for_its_url(real_store):
    source = ID[f"source/{WITHHOLD}"]
    for row in ("programme-withheld-total", "programme-withheld-in-limbo", "dorset-sv-under-review"):
        assert values(real_store, ID[f"fact/{row}"], PROV.wasDerivedFrom) == {str(source)}
    assert values(real_store, source, SKG.published) == {"2024-03-21"}
    assert values(real_store, source, SKG.confidence) == {str(SKG.LowConfidence)}


def test_001_amounts_are_claims_about_the_one_withholding_event(real_store):
    event = "withholding/2023-24-five-councils"
    assert claims_about(real_store, event, SKG.amount, WITHHOLD) == {
        "schoolsweek-withhold-18m-headline": "18000000", "schoolsweek-withhold-17-7m": "17700000"}
    assert claims_about(real_store, event, SKG.amountInDoubt, WITHHOLD) == {"schoolsweek-withhold-132m-in-limbo": "132000000"}
    assert values(real_store, ID[event], SKG.amount) == {"17700000"}, "the event keeps the preferred figure"
    assert values(real_store, ID[event], SKG.financialYear) == {"2023-24"}
    dated = claims_about(real_store, event, DCTERMS.date, WITHHOLD)
    assert dated == {"schoolsweek-withhold-reported-21-march": "2024-03-21"}
    assert values(real_store, ID["claim/schoolsweek-withhold-reported-21-march"], SKG.basis) == {str(SKG.Inferred)}


def test_001_under_review_names_the_five_agreements(real_store):
    agreements = values(real_store, ID["claim/schoolsweek-withhold-under-review"], SKG.agreement)
    assert agreements == {str(ID[f"agreement/{c}"]) for c in
                          ("bath-and-north-east-somerset", "cambridgeshire", "dorset", "hillingdon", "norfolk")}


def test_001_speakers(real_store):
    banes = str(ID["council/bath-and-north-east-somerset"])
    assert speaker(real_store, "quote/paul-may-revised-plan") == ({str(ID["person/paul-may"])}, {banes})
    assert values(real_store, ID["person/paul-may"], ORG.memberOf) == {banes}
    assert values(real_store, ID["person/paul-may"], SDO.jobTitle) == {"children’s lead"}
    assert speaker(real_store, "reported-speech/dfe-update-under-review") == ({str(ID["organisation/dfe"])},
                                                                              {str(ID["organisation/dfe"])})


# ---------------------------------------------------------------- 002 Schools Week: BCP's rejected proposal

REJECT = "schoolsweek-ministers-reject-bcp-plan"
BCP = "bournemouth-christchurch-and-poole"


def test_002_claims_are_about_the_one_rejected_proposal(real_store):
    event = f"rejected-proposal/{BCP}"
    assert claims_about(real_store, event, SKG.termYears, REJECT) == {"schoolsweek-bcp-plan-rejected": "15"}
    assert claims_about(real_store, event, DCTERMS.date, REJECT) == {"schoolsweek-bcp-letter-published": "2024-03"}
    assert values(real_store, ID[event], DCTERMS.date) == {"2024-03-19"}, "the month agrees with the fact table's day"
    found = rows(real_store, f"SELECT ?e WHERE {{ ?e a <{SKG.RejectedProposal}> }}")
    assert [r["e"] for r in found] == [str(ID[event])]


def test_002_deficit_and_programme_total(real_store):
    assert claims_about(real_store, f"council/{BCP}", SKG.amount, REJECT) == {"schoolsweek-bcp-deficit-64m": "64000000"}
    assert claims_about(real_store, "programme/safety-valve", SKG.amount, REJECT) == {"schoolsweek-bcp-34-deals-1bn": "1000000000"}
    assert values(real_store, ID["claim/schoolsweek-bcp-34-deals-1bn"], SKG.councilCount) == {"34"}
    assert values(real_store, ID["fact/bournemouth-christchurch-and-poole-deficit"], PROV.wasDerivedFrom) == {str(ID[f"source/{REJECT}"])}


def test_002_speakers(real_store):
    dfe = str(ID["organisation/dfe"])
    for speech in ("quote/dfe-bcp-ask-above-afford", "quote/dfe-bcp-cannot-enter-agreement", "reported-speech/dfe-bcp-substantial-risk"):
        assert speaker(real_store, speech) == ({dfe}, {dfe})
    bcp = str(ID[f"council/{BCP}"])
    assert speaker(real_store, "reported-speech/schoolsweek-bcp-legal-duties") == ({bcp}, {bcp})
    assert values(real_store, ID["reported-speech/bcp-chief-acted-with-integrity"], RDF.type) == {str(SKG.ReportedSpeech)}


# ---------------------------------------------------------------- 003 the DfE's programme page

DFE_PAGE = "dfe-dsg-very-high-deficit-intervention"


@pytest.mark.parametrize("wave, count", [("2020-21", "5"), ("2021-22", "9"), ("2022-23", "20"), ("2023-24", "4")])
def test_003_counts_by_year_are_claims_about_each_wave(real_store, wave, count):
    assert claims_about(real_store, f"wave/{wave}", SKG.councilCount, DFE_PAGE)[f"dfe-page-agreements-{wave}"] == count
    assert values(real_store, ID[f"wave/{wave}"], SKG.reportedAgreementCount) == {count}


def test_003_updates_are_about_the_events_they_report(real_store):
    assert claims_about(real_store, "withholding/2023-24-five-councils", SKG.councilCount, DFE_PAGE) == {"dfe-page-five-under-review": "5"}
    for council in ("bury", "kirklees"):
        assert claims_about(real_store, f"extension/{council}-2024", DCTERMS.date, DFE_PAGE) == {f"dfe-page-{council}-extended": "2024-03-21"}
        assert values(real_store, ID[f"claim/dfe-page-{council}-extended"], SKG.basis) == {str(SKG.Inferred)}
    found = rows(real_store, f"SELECT ?e WHERE {{ ?e a <{SKG.AgreementExtension}> }}")
    assert {r["e"] for r in found} == {str(ID["extension/bury-2024"]), str(ID["extension/kirklees-2024"])}


def test_003_the_nine_2021_22_agreements_and_ten_reprofiled(real_store):
    nine = values(real_store, ID["claim/dfe-page-2021-22-agreements-added"], SKG.about)
    assert len(nine) == 9 and all(values(real_store, a, SKG.wave) == {str(ID["wave/2021-22"])} for a in nine)
    assert len(values(real_store, ID["claim/dfe-page-funding-profiles-changed"], SKG.about)) == 10


# ---------------------------------------------------------------- 004 Room151: Surrey and the nine-council round

ROOM151 = "room151-surrey-100m-send-support"


@pytest.mark.parametrize("council, claimed, event_amount", [
    ("surrey", "100000000", "100000000"), ("dorset", "42000000", "42000000"), ("kirklees", "33000000", "33500000"),
    ("merton", "28000000", "28900000"), ("south-gloucestershire", "25000000", "25000000"),
    ("rotherham", "18900000", "20528000"), ("york", "17100000", "17100000"), ("salford", "15100000", "15100000"),
])
def test_004_each_councils_sum_is_a_claim_about_its_one_funding_event(real_store, council, claimed, event_amount):
    assert set(claims_about(real_store, f"funding/{council}", SKG.amount, ROOM151).values()) == {claimed}
    assert values(real_store, ID[f"funding/{council}"], SKG.amount) == {event_amount}, "a council's record is preferred"
    found = rows(real_store, f"SELECT ?e WHERE {{ ?e a <{SKG.Bailout}> ; <{SKG.council}> <{ID['council/' + council]}> }}")
    assert [r["e"] for r in found] == [str(ID[f"funding/{council}"])]
    assert values(real_store, ID[f"funding/{council}"], SKG.issuedBy) == {str(ID["organisation/dfe"])}


def test_004_the_initial_payment_is_not_a_second_funding_amount(real_store):
    claim = ID["claim/room151-surrey-initial-payment"]
    assert values(real_store, claim, SKG.amount) == {"40500000"} and values(real_store, claim, SKG.about) == {str(ID["agreement/surrey"])}
    assert values(real_store, claim, SKG.basis) == {str(SKG.Inferred)}


def test_004_surreys_mandate_and_speaker(real_store):
    assert values(real_store, ID["agreement/surrey"], SKG.mandates) >= {str(ID["improvement-area/surrey-mainstream-staff-skills"])}
    assert speaker(real_store, "quote/tim-oliver-excellent-news") == ({str(ID["person/tim-oliver"])}, {str(ID["council/surrey"])})
    assert values(real_store, ID[f"source/{ROOM151}"], SKG.sourceKind) == {"secondary"}


# ---------------------------------------------------------------- 005 Hillingdon Council's release

HILLINGDON = "hillingdon-safety-valve-funding-agreed"


def test_005_the_money_and_the_ratification_are_claims_about_hillingdons_one_funding_event(real_store):
    event = "funding/hillingdon"
    assert claims_about(real_store, event, SKG.amount, HILLINGDON) == {"hillingdon-funding-25m": "25000000"}
    assert claims_about(real_store, event, DCTERMS.date, HILLINGDON) == {"hillingdon-cabinet-ratified": "2022-03-24"}
    assert (values(real_store, ID[event], SKG.amount), values(real_store, ID[event], SKG.termYears)) == ({"25000000"}, {"5"})
    assert values(real_store, ID["fact/hillingdon-sv-funding"], PROV.wasDerivedFrom) == {str(ID[f"source/{HILLINGDON}"])}
    assert values(real_store, ID[f"source/{HILLINGDON}"], DCTERMS.publisher) == {str(ID["council/hillingdon"])}


def test_005_target_measurement_and_speaker(real_store):
    assert values(real_store, ID["claim/hillingdon-deficit-target"], SKG.deficitTargetYear) == {"2025-26"}
    measurement = ID["measurement/hillingdon-ehcp-families-increase"]
    assert (values(real_store, measurement, SKG.quantity), values(real_store, measurement, SKG.unit)) == ({"90"}, {"percent"})
    assert speaker(real_store, "quote/martin-goddard-sound-financial-management") == (
        {str(ID["person/martin-goddard"])}, {str(ID["council/hillingdon"])})


# ---------------------------------------------------------------- 006 LocalGov: Cambridgeshire's £49m

CAMBS = "localgov-cambridgeshire-49m-send"


def test_006_revenue_and_capital_are_claims_about_two_events(real_store):
    assert claims_about(real_store, "funding/cambridgeshire", SKG.amount, CAMBS) == {"localgov-cambridgeshire-funding-49m": "49000000"}
    assert values(real_store, ID["funding/cambridgeshire"], SKG.amount) == {"49000000"}
    top_up = ID["capital-top-up/cambridgeshire-2023"]
    assert values(real_store, top_up, RDF.type) == {str(SKG.CapitalTopUp)}
    assert (values(real_store, top_up, SKG.amount), values(real_store, top_up, DCTERMS.date)) == ({"11300000"}, {"2023-03-17"})
    assert values(real_store, top_up, SKG.issuedBy) == {str(ID["organisation/dfe"])}
    assert values(real_store, ID["claim/localgov-cambridgeshire-capital-reported"], SKG.basis) == {str(SKG.Inferred)}


def test_006_mandates_wave_and_speaker(real_store):
    assert values(real_store, ID["agreement/cambridgeshire"], SKG.mandates) >= {
        str(ID["improvement-area/cambridgeshire-send-places"]), str(ID["improvement-area/cambridgeshire-sustainable-system"])}
    assert values(real_store, ID["agreement/cambridgeshire"], SKG.wave) == {str(ID["wave/2022-23"])}
    assert values(real_store, ID["claim/localgov-cambridgeshire-balance-by-2026-27"], SKG.deficitTargetYear) == {"2026-27"}
    assert values(real_store, ID[f"source/{CAMBS}"], DCTERMS.creator) == {"Mark Whitehead"}
    for quote in ("quote/bryony-goodliffe-funding-not-kept-pace", "quote/bryony-goodliffe-funding-we-requested"):
        assert speaker(real_store, quote) == ({str(ID["person/bryony-goodliffe"])}, {str(ID["council/cambridgeshire"])})


# ---------------------------------------------------------------- 007 Wiltshire Council's Cabinet minute

WILTSHIRE = "wiltshire-cabinet-send-sustainability-safety-valve"


def test_007_the_67m_is_a_claim_about_wiltshires_one_funding_event_dated_by_the_signing(real_store):
    assert claims_about(real_store, "funding/wiltshire", SKG.amount, WILTSHIRE) == {"wiltshire-funding-67m": "67000000"}
    event = ID["funding/wiltshire"]
    assert (values(real_store, event, SKG.amount), values(real_store, event, DCTERMS.date)) == ({"67000000"}, {"2024-03-12"})
    found = rows(real_store, f"SELECT ?e WHERE {{ ?e a <{SKG.Bailout}> ; <{SKG.council}> <{ID['council/wiltshire']}> }}")
    assert [r["e"] for r in found] == [str(event)]


def test_007_deficit_figures_are_claims_about_the_council(real_store):
    assert claims_about(real_store, "council/wiltshire", SKG.amount, WILTSHIRE) == {
        "wiltshire-deficit-2023-24": "56247000", "wiltshire-deficit-forecast-137-2m": "137200000",
        "wiltshire-council-contribution-70-2m": "70200000"}
    assert values(real_store, ID["claim/wiltshire-deficit-2023-24"], SKG.financialYear) == {"2023-24"}


def test_007_mandates_and_speakers_are_reported_not_quoted(real_store):
    assert values(real_store, ID["agreement/wiltshire"], SKG.mandates) >= {
        str(ID["improvement-area/wiltshire-sustainability-plan"]), str(ID["improvement-area/wiltshire-residual-deficit"])}
    assert rows(real_store, f"""SELECT ?q WHERE {{ ?q a <{SKG.Quote}> ; <{PROV.wasDerivedFrom}> <{ID['source/' + WILTSHIRE]}> }}""") == []
    said, behalf = speaker(real_store, "reported-speech/wiltshire-leader-davies-confidence")
    assert said == {str(ID["person/richard-clewer"]), str(ID["person/jane-davies"])} and behalf == {str(ID["council/wiltshire"])}
    assert speaker(real_store, "reported-speech/ian-thorn-welcomed-consultation") == ({str(ID["person/ian-thorn"])}, set())
