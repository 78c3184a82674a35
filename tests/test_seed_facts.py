"""The seed article (Schools Week on Bury) is in the graph fact by fact, each claim tied to the article."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.terms import DCTERMS, ID, ORG, PROV, RDF, RDFS, SDO, SKG, XSD
from graph.paths import DATA_DIR

SEED_FILE = DATA_DIR / "sources" / "schoolsweek-bury-failing-send.yaml"
SOURCE = ID["source/schoolsweek-bury-failing-send"]
BURY_INSPECTION = ID["inspection/bury-2024"]
AREAS = {
    ID["improvement-area/bury-early-identification"]: "Early years identification and intervention strategy",
    ID["improvement-area/bury-transitions"]: "Transitions between primary and secondary",
    ID["improvement-area/bury-eotas"]: "Policy and guidance for education otherwise than at school (EOTAS)",
}
CLAIM_CLASSES = (SKG.InspectionFinding, SKG.Measurement, SKG.Speech, SKG.OutcomeCount, SKG.SourcedFact, SKG.ImprovementArea)


def values(store, subject, prop) -> set[str]:
    """The lexical values (or IRIs) of ``subject prop ?o``."""
    rows = store.select(f"SELECT ?o WHERE {{ <{subject}> <{prop}> ?o }}")
    return {row["o"].value for row in rows}


def typed(store, subject, prop) -> set[tuple[str, str]]:
    """The (lexical value, datatype IRI) pairs of ``subject prop ?o``."""
    rows = store.select(f"SELECT ?o WHERE {{ <{subject}> <{prop}> ?o }}")
    return {(row["o"].value, row["o"].datatype.value) for row in rows}


def seed_ids() -> list[str]:
    """Every entity id the seed YAML file declares."""
    document = yaml.safe_load(Path(SEED_FILE).read_text(encoding="utf-8"))
    return [entity["id"] for entity in document["entities"]]


def test_source_document_metadata(real_store):
    assert values(real_store, SOURCE, DCTERMS.title) == {
        "One of first safety valve councils slammed over ‘failing’ SEND services"}
    assert values(real_store, SOURCE, SDO.url) == {
        "https://schoolsweek.co.uk/one-of-first-safety-valve-councils-slammed-over-failing-send-services/"}
    assert typed(real_store, SOURCE, SKG.published) == {("2024-05", str(XSD.gYearMonth))}
    assert values(real_store, SOURCE, SKG.confidence) == {str(SKG.LowConfidence)}
    assert "inferred" in " ".join(values(real_store, SOURCE, SKG.note))
    publisher = values(real_store, SOURCE, DCTERMS.publisher)
    assert publisher == {str(ID["organisation/schools-week"])}
    assert values(real_store, ID["organisation/schools-week"], RDFS.label) == {"Schools Week"}


@pytest.mark.parametrize("entity_id", seed_ids())
def test_every_seed_entity_is_derived_from_the_article(real_store, entity_id):
    assert str(SOURCE) in values(real_store, ID[entity_id], PROV.wasDerivedFrom)


def test_every_seed_claim_has_evidence_and_confidence(real_store):
    classes = " ".join(f"<{c}>" for c in CLAIM_CLASSES)
    rows = real_store.select(f"""
        SELECT DISTINCT ?claim WHERE {{
          VALUES ?class {{ {classes} }}
          ?claim a/<{RDFS.subClassOf}>* ?class ; <{PROV.wasDerivedFrom}> <{SOURCE}> .
          FILTER NOT EXISTS {{ ?claim <{SKG.evidenceText}>|<{SKG.quoteText}>|<{SKG.reportedText}> ?text ; <{SKG.confidence}> ?c }}
        }}""")
    assert rows == []


def test_bury_agreement_wave_and_bailout(real_store):
    agreement = ID["agreement/bury"]
    assert values(real_store, agreement, SKG.council) == {str(ID["council/bury"])}
    assert values(real_store, agreement, SKG.wave) == {str(ID["wave/2020-21"])}
    claim = ID["claim/schoolsweek-bury-funding-20m"]
    assert values(real_store, claim, RDF.type) == {str(SKG.SourcedFact)}
    assert typed(real_store, claim, SKG.amount) == {("20000000", str(XSD.decimal))}
    assert values(real_store, claim, SKG.currency) == {"GBP"}
    assert values(real_store, claim, SKG.factType) == {str(ID["fact-type/sv-funding"])}
    assert values(real_store, claim, SKG.about) == {str(ID["funding/bury"])}
    assert values(real_store, ID["funding/bury"], RDF.type) == {str(SKG.Bailout)}
    assert values(real_store, ID["funding/bury"], SKG.agreement) == {str(agreement)}


def test_bury_deficit_target_2028_29(real_store):
    rows = real_store.select(f"""
        SELECT ?claim WHERE {{
          ?claim <{SKG.deficitTargetYear}> "2028-29" ; <{SKG.factType}> <{ID['fact-type/sv-target']}> ;
                 <{SKG.agreement}> <{ID['agreement/bury']}> ; <{SKG.about}> <{ID['agreement/bury']}> ;
                 <{SKG.basis}> <{SKG.Inferred}> ; <{SKG.confidence}> <{SKG.MediumConfidence}> ;
                 <{PROV.wasDerivedFrom}> <{SOURCE}> .
        }}""")
    assert len(rows) == 1


def test_three_mandated_areas(real_store):
    assert values(real_store, ID["agreement/bury"], SKG.mandates) == {str(a) for a in AREAS}
    for area, label in AREAS.items():
        assert values(real_store, area, RDFS.label) == {label}


def test_bury_inspection(real_store):
    assert values(real_store, BURY_INSPECTION, SKG.conductedBy) == {
        str(ID["organisation/ofsted"]), str(ID["organisation/cqc"])}
    assert values(real_store, BURY_INSPECTION, SKG.inspectionOf) == {str(ID["council/bury"])}
    assert values(real_store, BURY_INSPECTION, SKG.outcome) == {str(SKG.SystemicFailings)}
    assert ("2024-02", str(XSD.gYearMonth)) in typed(real_store, BURY_INSPECTION, SKG.visited)
    assert {v for v, _ in typed(real_store, BURY_INSPECTION, SKG.published)} <= {"2024-05", "2024-05-09"}
    dates = ID["claim/schoolsweek-bury-inspection-dates"]
    assert values(real_store, dates, SKG.basis) == {str(SKG.Inferred)}
    assert values(real_store, dates, SKG.confidence) == {str(SKG.LowConfidence)}
    assert "inferred" in " ".join(values(real_store, dates, SKG.note))


def test_every_finding_is_kept(real_store):
    rows = real_store.select(f"""
        SELECT ?finding WHERE {{
          ?finding a <{SKG.InspectionFinding}> ; <{SKG.fromInspection}> <{BURY_INSPECTION}> ;
                   <{PROV.wasDerivedFrom}> <{SOURCE}> .
        }}""")
    assert len(rows) == 11
    texts = " ".join(t for r in rows for t in values(real_store, r["finding"].value, SKG.evidenceText))
    for words in ("been poor for too long", "limited positive change over time", "typically", "unacceptable quality",
                  "primary school", "more of a strapline than a reality", "earliest opportunity",
                  "work in isolation", "underdeveloped", "inappropriate historic packages", "working to create a policy"):
        assert words in texts


@pytest.mark.parametrize("finding, areas", [
    ("finding/bury-2024-early-identification", {"improvement-area/bury-early-identification"}),
    ("finding/bury-2024-professionals-in-isolation",
     {"improvement-area/bury-transitions", "improvement-area/bury-early-identification"}),
    ("finding/bury-2024-eotas-underdeveloped", {"improvement-area/bury-eotas"}),
    ("finding/bury-2024-eotas-historic-packages", {"improvement-area/bury-eotas"}),
    ("finding/bury-2024-ehcp-typically-poor", set()),
    ("finding/bury-2024-waiting-well", set()),
])
def test_findings_bear_on_mandated_areas(real_store, finding, areas):
    assert values(real_store, ID[finding], SKG.bearsOn) == {str(ID[a]) for a in areas}


def test_every_link_to_a_mandate_is_a_claim_with_basis_confidence_and_note(real_store):
    rows = real_store.select(f"""
        SELECT ?finding ?area WHERE {{
          ?finding <{SKG.bearsOn}> ?area ; <{PROV.wasDerivedFrom}> <{SOURCE}> .
          FILTER NOT EXISTS {{
            ?claim <{RDF.subject}> ?finding ; <{RDF.predicate}> <{SKG.bearsOn}> ; <{RDF.object}> ?area ;
                   <{SKG.basis}> [] ; <{SKG.confidence}> [] ; <{SKG.note}> [] ; <{PROV.wasDerivedFrom}> <{SOURCE}> }}
        }}""")
    assert rows == []


@pytest.mark.parametrize("measurement, expected", [
    ("measurement/bury-2024-salt-average-wait",
     {"quantity": "75", "unit": "week", "statistic": "average", "service": "speech and language therapy"}),
    ("measurement/bury-2024-autism-adhd-max-wait",
     {"quantity": "15", "unit": "month", "statistic": "maximum", "service": "autism or ADHD assessment",
      "ageGroup": "over five years old"}),
])
def test_waiting_times(real_store, measurement, expected):
    node = ID[measurement]
    for prop, value in expected.items():
        assert values(real_store, node, SKG[prop]) == {value}
    assert values(real_store, node, SKG.fromInspection) == {str(BURY_INSPECTION)}
    link = real_store.select(f"SELECT ?c WHERE {{ ?c <{RDF.subject}> <{node}> ; <{RDF.predicate}> <{SKG.fromInspection}> ; "
                             f"<{SKG.basis}> <{SKG.Inferred}> }}")
    assert len(link) == 1, "the link to the inspection is the curator's reading, said as such"


@pytest.mark.parametrize("person, job, organisation", [
    ("person/margaret-mulholland", "SEND specialist", "organisation/ascl"),
    ("person/stephen-kingdom", "campaign manager", "organisation/disabled-childrens-partnership"),
])
def test_quoted_people(real_store, person, job, organisation):
    assert values(real_store, ID[person], SDO.jobTitle) == {job}
    assert values(real_store, ID[person], ORG.memberOf) == {str(ID[organisation])}
    said = real_store.select(f"SELECT ?q WHERE {{ ?q <{SKG.saidBy}> <{ID[person]}> ; <{SKG.onBehalfOf}> <{ID[organisation]}> }}")
    assert len(said) == 2, "verbatim quotes and reported speech together"


def test_quotes_by_speaker(real_store):
    rows = real_store.select(f"""
        SELECT ?speaker (COUNT(?q) AS ?n) WHERE {{
          ?q a <{SKG.Quote}> ; <{SKG.saidBy}> ?speaker ; <{SKG.quoteText}> ?text ; <{PROV.wasDerivedFrom}> <{SOURCE}> .
        }} GROUP BY ?speaker""")
    counts = {r["speaker"].value: int(r["n"].value) for r in rows}
    assert counts == {str(ID["council/bury"]): 4, str(ID["organisation/dfe"]): 2,
                      str(ID["person/margaret-mulholland"]): 2, str(ID["person/stephen-kingdom"]): 1}


def test_reported_speech_by_speaker(real_store):
    rows = real_store.select(f"""
        SELECT ?speaker (COUNT(?r) AS ?n) WHERE {{
          ?r a <{SKG.ReportedSpeech}> ; <{SKG.saidBy}> ?speaker ; <{SKG.reportedText}> ?text ; <{PROV.wasDerivedFrom}> <{SOURCE}> .
          FILTER NOT EXISTS {{ ?r <{SKG.quoteText}> [] }}
        }} GROUP BY ?speaker""")
    counts = {r["speaker"].value: int(r["n"].value) for r in rows}
    assert counts == {str(ID["council/bury"]): 2, str(ID["organisation/dfe"]): 1, str(ID["person/stephen-kingdom"]): 1,
                      str(ID["council/bournemouth-christchurch-and-poole"]): 1}


def test_withheld_18m_from_five_councils(real_store):
    node = ID["claim/schoolsweek-withholding-18m"]
    assert typed(real_store, node, SKG.amount) == {("18000000", str(XSD.decimal))}
    assert typed(real_store, node, SKG.councilCount) == {("5", str(XSD.integer))}
    assert values(real_store, node, SKG.about) == {str(ID["withholding/2023-24-five-councils"])}
    assert values(real_store, node, SKG.factType) == {str(ID["fact-type/withheld-total"])}
    when = ID["claim/schoolsweek-withholding-february"]
    assert typed(real_store, when, DCTERMS.date) == {("2024-02", str(XSD.gYearMonth))}
    assert values(real_store, when, SKG.basis) == {str(SKG.Inferred)}
    assert "inferred" in " ".join(values(real_store, when, SKG.note))


def test_bcp_proposal_rejected(real_store):
    node = ID["claim/schoolsweek-bcp-15-year-rejected"]
    event = ID["rejected-proposal/bournemouth-christchurch-and-poole"]
    assert values(real_store, node, SKG.about) == {str(event)}
    assert values(real_store, event, SKG.council) == {str(ID["council/bournemouth-christchurch-and-poole"])}
    assert values(real_store, node, SKG.factType) == {str(ID["fact-type/sv-proposal-rejected"])}
    assert values(real_store, node, SKG.termYears) == {"15"}
    assert values(real_store, event, SKG.termYears) == {"15"}
    assert "couldn’t afford it" in " ".join(values(real_store, node, SKG.evidenceText))


def test_bexley(real_store):
    assert values(real_store, ID["inspection/bexley-2024"], SKG.outcome) == {str(SKG.SystemicFailings)}
    notice = ID["improvement-notice/bexley"]
    assert values(real_store, notice, SKG.followsInspection) == {str(ID["inspection/bexley-2024"])}
    assert values(real_store, notice, SKG.issuedBy) == {str(ID["organisation/dfe"])}
    assert values(real_store, notice, SKG.council) == {str(ID["council/bexley"])}
    follows = ID["claim/schoolsweek-bexley-notice-follows-inspection"]
    assert values(real_store, follows, SKG.basis) == {str(SKG.Inferred)}
    claim = ID["claim/schoolsweek-bexley-agreement-2023"]
    assert typed(real_store, claim, DCTERMS.date) == {("2023", str(XSD.gYear))}
    assert values(real_store, claim, SKG.agreement) == {str(ID["agreement/bexley"])}


def test_outcome_counts_of_safety_valve_councils(real_store):
    rows = real_store.select(f"""
        SELECT ?outcome ?n WHERE {{
          ?count a <{SKG.OutcomeCount}> ; <{SKG.outcome}> ?outcome ; <{SKG.councilCount}> ?n ;
                 <{SKG.about}> <{ID['programme/safety-valve']}> ; <{PROV.wasDerivedFrom}> <{SOURCE}> .
        }}""")
    counts = {r["outcome"].value: int(r["n"].value) for r in rows}
    assert counts == {str(SKG.SystemicFailings): 2, str(SKG.Inconsistent): 3, str(SKG.TypicallyPositive): 2}
