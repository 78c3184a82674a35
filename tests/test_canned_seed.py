"""The canned queries 02, 04, 05 and 07 give the seed article's answers on the real data."""

from __future__ import annotations

import pytest

from graph.terms import ID
from graph.queries import canned_query

ARTICLE = "One of first safety valve councils slammed over ‘failing’ SEND services"
ARTICLE_URL = "https://schoolsweek.co.uk/one-of-first-safety-valve-councils-slammed-over-failing-send-services/"
BURY = ID["council/bury"]


def run(store, name: str, text: str | None = None) -> list[dict[str, str]]:
    """Rows of canned query ``name`` (or of ``text``) as dicts of plain strings."""
    query = text if text is not None else canned_query(name).bind()
    return [{k: v.value for k, v in row.items()} for row in store.select(query)]


def test_headers():
    for name in ("02-mandates-vs-findings", "04-quotes", "05-waiting-times", "07-provenance"):
        query = canned_query(name)
        assert query is not None and query.title and query.description


def test_mandates_vs_findings_for_bury(real_store):
    rows = [r for r in run(real_store, "02-mandates-vs-findings") if r["council"] == str(BURY)]
    by_area: dict[str, set[str]] = {}
    for row in rows:
        by_area.setdefault(row["areaLabel"], set()).add(row.get("finding", ""))
        assert row["agreement"] == str(ID["agreement/bury"])
        assert row["outcomeLabel"] == "widespread and/or systemic failings"
        assert ARTICLE in row["mandateSources"] and ARTICLE in row["findingSources"]
        assert row["evidence"]
    assert set(by_area) == {"Early years identification and intervention strategy",
                            "Transitions between primary and secondary",
                            "Policy and guidance for education otherwise than at school (EOTAS)"}
    assert all(len(findings) >= 1 and "" not in findings for findings in by_area.values())
    assert len(by_area["Policy and guidance for education otherwise than at school (EOTAS)"]) == 3


def test_mandates_vs_findings_keeps_inspectors_words(real_store):
    rows = run(real_store, "02-mandates-vs-findings")
    early = [r["evidence"] for r in rows if r["area"] == str(ID["improvement-area/bury-early-identification"])]
    assert any("at the earliest opportunity" in text for text in early)


def test_quotes(real_store):
    rows = {r["quote"]: r for r in run(real_store, "04-quotes")}
    mulholland = rows[str(ID["quote/mulholland-deficit-recovery"])]
    assert mulholland["speakerLabel"] == "Margaret Mulholland"
    assert mulholland["role"] == "SEND specialist at ASCL school leaders’ union"
    assert mulholland["organisationLabel"] == "Association of School and College Leaders (ASCL)"
    assert mulholland["subjects"] == "Safety valve programme (DSG very high deficit intervention)"
    assert ARTICLE in mulholland["sources"] and mulholland["sourceUrl"] == ARTICLE_URL
    assert mulholland["kind"] == "verbatim quote" and mulholland["quoteText"].startswith("Safety valve agreements")
    kingdom = rows[str(ID["reported-speech/kingdom-report-evidence"])]
    assert kingdom["kind"] == "reported speech" and "quoteText" not in kingdom
    assert kingdom["reportedText"].startswith("Stephen Kingdom, campaign manager")
    assert set(kingdom["subjects"].split(" | ")) == {
        "Bury area SEND inspection", "Safety valve programme (DSG very high deficit intervention)"}
    assert kingdom["organisationLabel"] == "Disabled Children's Partnership"
    government = rows[str(ID["reported-speech/government-bcp-unaffordable"])]
    assert government["kind"] == "reported speech" and "quoteText" not in government


def test_quotes_from_the_article(real_store):
    rows = [r for r in run(real_store, "04-quotes") if ARTICLE in r["sources"]]
    assert len(rows) == 14
    assert {r["kind"] for r in rows} == {"verbatim quote", "reported speech"}
    assert sum(r["kind"] == "reported speech" for r in rows) == 5
    assert all(r["organisation"] for r in rows)
    dfe = [r for r in rows if r["speaker"] == str(ID["organisation/dfe"])]
    assert len(dfe) == 3 and all(r["organisationLabel"] == "Department for Education" for r in dfe)


def test_waiting_times(real_store):
    rows = {r["measurement"]: r for r in run(real_store, "05-waiting-times")}
    salt = rows[str(ID["measurement/bury-2024-salt-average-wait"])]
    assert (salt["quantity"], salt["unit"], salt["statistic"]) == ("75", "week", "average")
    assert salt["service"] == "speech and language therapy" and "ageGroup" not in salt
    assert salt["councilLabel"] == "Bury" and salt["inspection"] == str(ID["inspection/bury-2024"])
    assert salt["url"] == ARTICLE_URL
    assert (salt["linkBasis"], salt["linkConfidence"]) == ("inferred", "medium")
    autism = rows[str(ID["measurement/bury-2024-autism-adhd-max-wait"])]
    assert (autism["quantity"], autism["unit"], autism["statistic"]) == ("15", "month", "maximum")
    assert autism["ageGroup"] == "over five years old"


def provenance(store, entity) -> list[dict[str, str]]:
    """Rows of 07-provenance with its entity parameter bound to ``entity``."""
    return run(store, "07-provenance", canned_query("07-provenance").bind(entity=str(entity)))


def test_provenance_declares_its_parameter():
    (param,) = canned_query("07-provenance").params
    assert (param.name, param.type, param.default) == ("entity", "iri", str(BURY))


def test_provenance_of_bury(real_store):
    rows = run(real_store, "07-provenance")
    from_article = {r["claim"] for r in rows if r["url"] == ARTICLE_URL}
    expected = {"council/bury", "agreement/bury", "claim/schoolsweek-bury-funding-20m", "inspection/bury-2024",
                "claim/schoolsweek-bury-deficit-target", "improvement-area/bury-eotas",
                "finding/bury-2024-waiting-well", "measurement/bury-2024-salt-average-wait",
                "quote/bury-council-disappointing", "reported-speech/kingdom-report-evidence",
                "claim/schoolsweek-bury-inspection-dates"}
    assert {str(ID[e]) for e in expected} <= from_article
    assert not {str(ID["council/bexley"]), str(ID["inspection/bexley-2024"])} & {r["claim"] for r in rows}
    assert all(r["sourceTitle"] and r["url"] for r in rows)
    finding = next(r for r in rows if r["claim"] == str(ID["finding/bury-2024-early-identification"]))
    assert finding["confidence"] == "high" and "earliest opportunity" in finding["evidence"]
    assert finding["links"] == "fromInspection inspectionOf"


@pytest.mark.parametrize("entity, claim", [
    ("inspection/bexley-2024", "claim/schoolsweek-bexley-notice-follows-inspection"),
    ("council/bournemouth-christchurch-and-poole", "reported-speech/bcp-legal-duties-warning"),
    ("wave/2022-23", "claim/cambridgeshire-wave-by-elimination"),
    ("organisation/dfe", "claim/slough-send-statutory-direction-issued-by-dfe"),
    ("agreement/bury", "improvement-area/bury-transitions"),
])
def test_provenance_of_another_entity(real_store, entity, claim):
    rows = provenance(real_store, ID[entity])
    assert str(ID[claim]) in {r["claim"] for r in rows}
    assert str(ID["finding/bury-2024-poor-for-too-long"]) not in {r["claim"] for r in rows}


def test_provenance_of_unknown_entity_is_empty(real_store):
    assert provenance(real_store, ID["council/nowhere"]) == []
