"""The rows about what agreements mandate and how they run: conditions, terms, money, progress, challenges."""

from __future__ import annotations

import pytest
import yaml

from graph.paths import DATA_DIR
from graph.terms import ID, RDF, RDFS, SKG
from test_fact_table import ROWS, fact, objects, typed

CONDITIONS = [row for row in ROWS if row["fact_type"] == "sv_condition"]
# Condition rows the events file joins to an area a curated source file mints (one area, a claim from each source).
JOINED = {row: entry["about"] for entry in yaml.safe_load((DATA_DIR / "facts" / "events.yaml").read_text(encoding="utf-8"))["claims"]
          for row in entry["rows"] if row in {r["id"] for r in CONDITIONS}}


def area_of(row: dict) -> str:
    """The improvement area a condition row is a claim about: the curated file's where joined, else its own."""
    return JOINED.get(row["id"], f"improvement-area/{row['id']}")


def test_77_conditions_over_22_councils_each_a_mandated_area(real_store):
    assert (len(CONDITIONS), len({row["council"] for row in CONDITIONS})) == (77, 22)
    areas = {r["area"].value for r in real_store.select(f"SELECT ?agreement ?area WHERE {{ ?agreement <{SKG.mandates}> ?area }}")}
    from_table = {str(ID[area_of(row)]) for row in CONDITIONS}
    assert len(from_table) == 77 and len(JOINED) == 7, "seven of the table's conditions restate a curated file's area"
    curated = {str(ID[e["id"]]) for path in (DATA_DIR / "sources").glob("*.yaml")
               for e in yaml.safe_load(path.read_text(encoding="utf-8"))["entities"] if e["type"] == "ImprovementArea"}
    assert areas == from_table | curated and len(areas) == 83  # Bury's three and the curated files' ten among them


@pytest.mark.parametrize("row", CONDITIONS, ids=lambda r: r["id"])
def test_a_condition_is_a_restated_claim_about_an_area_its_agreement_mandates(real_store, row):
    area = ID[area_of(row)]
    slug = row["id"].split("-sv-condition")[0]
    assert objects(real_store, fact(row["id"]), SKG.about) == {str(area)}
    assert objects(real_store, fact(row["id"]), SKG.basis) == {str(SKG.Restated)}
    assert "not the agreement's wording" in " ".join(objects(real_store, fact(row["id"]), SKG.note))
    assert objects(real_store, area, RDF.type) == {str(SKG.ImprovementArea)}
    if row["id"] not in JOINED:  # a curated file's area keeps its file's label
        assert objects(real_store, area, RDFS.label) == {f"{row['council']}: {row['value']}"}
    assert str(area) in objects(real_store, ID[f"agreement/{slug}"], SKG.mandates)


@pytest.mark.parametrize("row_id, years", [
    ("kent-sv-term", 5), ("kent-sv-term-2", 5), ("bristol-sv-term", 5), ("slough-sv-term", 4),
    ("hillingdon-sv-term", 5), ("bracknell-forest-sv-term", 6), ("wokingham-sv-term", None),
    ("devon-sv-funding-profile", 9), ("bristol-sv-funding-profile", 6), ("kent-sv-funding-profile", None),
])
def test_terms_in_years_only_where_stated(real_store, row_id, years):
    assert typed(real_store, fact(row_id), SKG.termYears) == ({(str(years), "http://www.w3.org/2001/XMLSchema#integer")}
                                                              if years else set())


def test_a_funding_profile_is_a_claim_about_the_funding_event_without_an_amount(real_store):
    assert objects(real_store, fact("kent-sv-funding-profile"), SKG.about) == {str(ID["funding/kent"])}
    assert objects(real_store, fact("kent-sv-funding-profile"), SKG.amount) == set()


@pytest.mark.parametrize("row_id, amount", [
    ("kirklees-sv-council-contribution", "10750000"), ("bristol-sv-council-contribution", "46500000"),
    ("merton-sv-council-contribution", None),
])
def test_council_contributions_are_the_councils_money_not_the_dfes(real_store, row_id, amount):
    assert objects(real_store, fact(row_id), SKG.councilContribution) == ({amount} if amount else set())
    assert objects(real_store, fact(row_id), SKG.amount) == set()
    if amount is None:
        assert "yearly figure" in " ".join(objects(real_store, fact(row_id), SKG.note))


@pytest.mark.parametrize("row_id, status", [
    ("rotherham-sv-progress", SKG.OnTrack), ("hounslow-sv-progress", SKG.OnTrack), ("croydon-sv-progress", None),
    ("stoke-on-trent-sv-off-track", SKG.OffTrack), ("cambridgeshire-sv-off-track", SKG.OffTrack),
    ("devon-sv-off-track", SKG.OffTrack),
])
def test_progress_status_only_where_the_words_say_it(real_store, row_id, status):
    assert objects(real_store, fact(row_id), SKG.progressStatus) == ({str(status)} if status else set())


def test_the_bristol_and_devon_judgment_is_one_event_of_both_councils(real_store):
    event = ID["legal-challenge/2025-04-10-bristol-devon"]
    assert objects(real_store, event, RDF.type) == {str(SKG.LegalChallenge)}
    assert objects(real_store, event, SKG.council) == {str(ID["council/bristol"]), str(ID["council/devon"])}
    for row_id in ("bristol-sv-legal-challenge", "devon-sv-legal-challenge"):
        assert objects(real_store, fact(row_id), SKG.about) == {str(event)}


def test_invitations_and_enhanced_monitoring_are_events_the_dfe_issued(real_store):
    for event, cls in (("invitation/torbay", SKG.ProgrammeInvitation), ("invitation/bracknell-forest", SKG.ProgrammeInvitation),
                       ("enhanced-monitoring/kirklees", SKG.EnhancedMonitoring)):
        assert str(cls) in objects(real_store, ID[event], RDF.type)
        assert objects(real_store, ID[event], SKG.issuedBy) == {str(ID["organisation/dfe"])}


def test_bcps_criteria_letter_is_a_claim_about_its_rejection_and_bcp_still_has_no_agreement(real_store):
    assert objects(real_store, fact("bournemouth-christchurch-and-poole-sv-criteria"), SKG.about) == {
        str(ID["rejected-proposal/bournemouth-christchurch-and-poole"])}
    assert objects(real_store, ID["agreement/bournemouth-christchurch-and-poole"], RDF.type) == set()
    assert objects(real_store, ID["agreement/cheshire-east"], RDF.type) == set(), "in negotiation, no agreement"


def test_programme_totals_and_common_conditions(real_store):
    assert objects(real_store, fact("programme-total-first-14"), SKG.amount) == {"377000000"}
    assert objects(real_store, fact("programme-total-first-14"), SKG.councilCount) == {"14"}
    common = fact("programme-sv-condition-common-2023-24")
    assert objects(real_store, common, SKG.basis) == {str(SKG.Restated)}
    assert objects(real_store, common, SKG.agreement) == {
        str(ID[f"agreement/{c}"]) for c in ("bristol", "devon", "wiltshire", "bracknell-forest")}
