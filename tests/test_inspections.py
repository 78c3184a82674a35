"""Ofsted's inspection files and the fact table's inspection rows in the graph: one event per inspection or revisit
however many sources describe it, each row a typed, sourced claim, and the inspection comparison query's answers."""

from __future__ import annotations

import csv

import pytest

from graph.paths import DATA_DIR
from graph.queries import canned_query
from graph.sources.events import read_events
from graph.sources.fact_values import council_id
from graph.terms import DCTERMS, ID, RDF, RDFS, SDO, SKG, XSD

FACTS = list(csv.DictReader((DATA_DIR / "facts" / "safety_valve_facts.csv").open(encoding="utf-8", newline="")))
FILE_2016 = list(csv.DictReader((DATA_DIR / "inspections" / "area-send-2016.csv").open(encoding="utf-8", newline="")))
FILE_2023 = list(csv.DictReader((DATA_DIR / "inspections" / "area-send-2023.csv").open(encoding="utf-8", newline="")))
ODS_SOURCE = ID["source/ofsted-area-send-2016-framework"]
MI_SOURCE = ID["source/ofsted-area-send-2023-framework-mi"]
INSPECTION_TYPES = {"area_send_inspection", "previous_send_inspection", "inspection_finding", "area_send_inspection_note"}
JOINED = read_events(DATA_DIR / "facts" / "events.yaml", "events.yaml").about  # row -> the entities it is a claim about


def values(store, subject, prop) -> set[str]:
    return {row["o"].value for row in store.select(f"SELECT ?o WHERE {{ <{subject}> <{prop}> ?o }}")}


def typed(store, subject, prop) -> set[tuple[str, str]]:
    return {(r["o"].value, r["o"].datatype.value) for r in store.select(f"SELECT ?o WHERE {{ <{subject}> <{prop}> ?o }}")}


def claims_about(store, event) -> set[str]:
    return {r["c"].value for r in store.select(f"SELECT ?c WHERE {{ ?c <{SKG.about}> <{event}> }}")}


def event_id(kind: str, row: dict, date: str) -> str:
    return ID[f"{kind}/{row['council'].split('/')[1]}-{date[:4]}"]


@pytest.mark.not_virtuoso(reason="Virtuoso 7.2.5 gives an xsd:boolean false it was loaded with back as 0")
def test_every_2016_row_is_one_inspection_and_its_revisit_one_revisit(real_store):
    for row in FILE_2016:
        inspection = event_id("inspection", row, row["inspection_published"])
        assert values(real_store, inspection, RDF.type) == {str(SKG.AreaSENDInspection)}, inspection
        assert values(real_store, inspection, SKG.inspectionOf) == {str(ID[row["council"]])}
        assert values(real_store, inspection, SKG.framework) == {str(SKG.Framework2016)}
        assert typed(real_store, inspection, SKG.visitStart) == {(row["inspection_start"], str(XSD.date))}
        assert values(real_store, inspection, SKG.writtenStatementOfAction) == {str(row["wsoa_required"] == "yes").lower()}
        revisits = real_store.select(f"SELECT ?r WHERE {{ ?r <{SKG.revisitOf}> <{inspection}> }}")
        if row["revisit_status"] == "revisited":
            revisit = event_id("revisit", row, row["revisit_published"])
            assert [r["r"].value for r in revisits] == [str(revisit)]
            assert typed(real_store, revisit, SKG.published) == {(row["revisit_published"], str(XSD.date))}
            assert values(real_store, revisit, SKG.weaknessesProgressed) == {row["weaknesses_progressed"]}
        elif row["council"] not in ("council/kent", "council/kingston-upon-thames", "council/merton",
                                    "council/bristol", "council/norfolk", "council/york"):
            assert revisits == [], "no revisit is invented for a row the file does not say was revisited"


def test_the_files_events_are_counted_once(real_store):
    def count(source, cls):
        query = f"""SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a <{cls}> .
                    ?c <{SKG.about}> ?e ; <http://www.w3.org/ns/prov#wasDerivedFrom> <{source}> }}"""
        return int(real_store.select(query)[0]["n"].value)
    assert (count(ODS_SOURCE, SKG.AreaSENDInspection), count(ODS_SOURCE, SKG.AreaSENDRevisit)) == (149, 46)
    assert count(MI_SOURCE, SKG.AreaSENDInspection) == len(FILE_2023) == 16


@pytest.mark.not_virtuoso(reason="Virtuoso 7.2.5 gives an xsd:boolean false it was loaded with back as 0")
def test_blank_and_not_applicable_cells_give_no_value(real_store):
    barking = ID["inspection/barking-and-dagenham-2017"]
    assert values(real_store, barking, SKG.writtenStatementOfAction) == {"false"}
    assert values(real_store, barking, SKG.significantWeaknesses) == set()
    brighton = ID["inspection/brighton-and-hove-2023"]
    assert values(real_store, brighton, SKG.priorityActionPlan) == {"false"}
    assert values(real_store, brighton, SKG.priorityActions) == set()
    assert values(real_store, ID["inspection/oxfordshire-2023"], SKG.priorityActions) == {"5"}
    assert values(real_store, ID["inspection/oxfordshire-2023"], SKG.outcome) == {str(SKG.SystemicFailings)}


def test_one_real_inspection_is_one_node_for_the_file_and_the_fact_table(real_store):
    haringey = ID["inspection/haringey-2021"]
    assert {str(ID["fact/haringey-previous-send-inspection"]),
            str(ID["claim/ofsted-area-send-2016-framework-inspection-haringey-2021"])} <= claims_about(real_store, haringey)
    assert values(real_store, haringey, SKG.significantWeaknesses) == {"3"}, "both sources say three"
    bury = ID["revisit/bury-2019"]
    assert values(real_store, bury, SKG.revisitOf) == {str(ID["inspection/bury-2017"])}
    assert values(real_store, bury, SKG.revisitOutcome) == {str(SKG.ProgressInSome)}
    assert len(claims_about(real_store, bury)) == 2


# Fact-table rows whose date is not the year the file gives the inspection or revisit it describes.
YEAR_DIFFERS = {"hammersmith-and-fulham-previous-send-inspection": "inspection/hammersmith-and-fulham-2019",
                "bracknell-forest-previous-send-inspection": "inspection/bracknell-forest-2022",
                "north-tyneside-previous-send-inspection": "inspection/north-tyneside-2022",
                "isle-of-wight-previous-send-inspection": "inspection/isle-of-wight-2020",
                "hillingdon-previous-send-inspection": "inspection/hillingdon-2017",
                "medway-previous-send-inspection": "revisit/medway-2020",
                "south-gloucestershire-previous-send-inspection": "revisit/south-gloucestershire-2020"}


def test_rows_dated_another_year_join_the_files_event_and_say_so(real_store):
    found = {}
    for row in (r for r in FACTS if r["fact_type"] == "previous_send_inspection"):
        fact = ID[f"fact/{row['id']}"]
        if values(real_store, fact, SKG.asOf):
            found[row["id"]] = values(real_store, fact, SKG.about).pop().removeprefix(str(ID))
            assert values(real_store, fact, DCTERMS.date) == set()
            assert "not of the year" in " ".join(values(real_store, fact, SKG.note))
    assert found == YEAR_DIFFERS


def test_every_inspection_row_became_a_typed_claim_about_its_event_or_finding(real_store):
    counts = {t: 0 for t in INSPECTION_TYPES}
    for row in (r for r in FACTS if r["fact_type"] in INSPECTION_TYPES):
        counts[row["fact_type"]] += 1
        about = values(real_store, ID[f"fact/{row['id']}"], SKG.about)
        if row["id"] in JOINED:  # a row restating findings a curated source file mints: a claim about each of them
            assert row["fact_type"] == "inspection_finding" and about == {str(ID[f]) for f in JOINED[row["id"]]}
            assert all(values(real_store, f, RDF.type) == {str(SKG.InspectionFinding)} for f in about), row["id"]
            assert values(real_store, ID[f"finding/{row['id']}"], RDF.type) == set(), "no second node"
            inspections = set().union(*(values(real_store, f, SKG.fromInspection) for f in about))
            assert len(inspections) == 1, row["id"]
            about = inspections
        assert len(about) == 1, row["id"]
        target = about.pop()
        if row["fact_type"] == "inspection_finding" and row["id"] not in JOINED:
            assert target == str(ID[f"finding/{row['id']}"])
            assert values(real_store, target, SKG.evidenceText) == {row["evidence_snippet"]}
            (target,) = values(real_store, target, SKG.fromInspection)
        kinds = values(real_store, target, RDF.type)
        assert kinds & {str(SKG.AreaSENDInspection), str(SKG.AreaSENDRevisit)}, row["id"]
        assert values(real_store, target, SKG.inspectionOf) == {str(ID[council_id(row["council"])])}, row["id"]
        framework = values(real_store, target, SKG.framework)
        if row["fact_type"] == "previous_send_inspection":
            assert framework == {str(SKG.Framework2016)}, row["id"]
        if row["fact_type"] == "area_send_inspection":
            assert framework == {str(SKG.Framework2023)}, row["id"]
    assert counts == {"area_send_inspection": 22, "previous_send_inspection": 27, "inspection_finding": 31,
                      "area_send_inspection_note": 2}


@pytest.mark.parametrize("row_id, event", [
    ("kent-inspection-finding", "revisit/kent-2022"), ("merton-inspection-finding", "revisit/merton-2022"),
    ("york-inspection-finding", "revisit/york-undated"), ("barnsley-inspection-finding", "inspection/barnsley-2021"),
    ("bury-inspection-finding", "inspection/bury-2024"), ("bolton-inspection-finding", "inspection/bolton-undated"),
])
def test_findings_belong_to_the_right_inspection(real_store, row_id, event):
    findings = values(real_store, ID[f"fact/{row_id}"], SKG.about)  # the row's own finding, or those it is joined to
    assert findings and all(values(real_store, f, SKG.fromInspection) == {str(ID[event])} for f in findings)


def test_findings_say_whether_the_value_is_the_inspectors_words(real_store):
    quoted = " ".join(values(real_store, ID["fact/slough-inspection-finding"], SKG.note))
    summary = " ".join(values(real_store, ID["fact/medway-inspection-finding-3"], SKG.note))
    assert "inspectors' as the source quotes them" in quoted
    assert "curator's words, not the inspectors'" in summary


def test_revisits_after_the_file_follow_up_the_inspection_their_row_names(real_store):
    for revisit, inspection, outcome in (("kent-2022", "kent-2019", SKG.ProgressInNone),
                                         ("kingston-upon-thames-2022", "kingston-upon-thames-2018", SKG.ProgressInAll),
                                         ("bristol-2022", "bristol-2019", SKG.ProgressInSome)):
        assert values(real_store, ID[f"revisit/{revisit}"], SKG.revisitOf) == {str(ID[f"inspection/{inspection}"])}
        assert values(real_store, ID[f"revisit/{revisit}"], SKG.revisitOutcome) == {str(outcome)}
    assert values(real_store, ID["revisit/norfolk-2023"], SKG.revisitOutcome) == set(), "'found addressed' is not typed"


def test_a_remark_is_dated_as_a_remark_not_as_the_inspection(real_store):
    fact = ID["fact/dorset-area-send-inspection-note"]
    assert typed(real_store, fact, SKG.asOf) == {("2024-06-11", str(XSD.date))}
    assert values(real_store, fact, DCTERMS.date) == set()
    assert typed(real_store, ID["inspection/dorset-2024"], DCTERMS.date) == {("2024-05-16", str(XSD.date))}


def test_the_files_are_sources_with_url_commit_and_licence(real_store):
    assert values(real_store, ODS_SOURCE, SKG.sourceKind) == {"government"}
    assert values(real_store, ODS_SOURCE, SDO.version) == {"3a80b0d8c227574d6b0bc6c4a556e174c3f78609"}
    assert values(real_store, MI_SOURCE, DCTERMS.license) == {
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}
    assert values(real_store, MI_SOURCE, DCTERMS.publisher) == {str(ID["organisation/ofsted"])}
    assert values(real_store, ID["council/county-durham"], RDFS.label) == {"County Durham"}


def run(store, name):
    return [{k: v.value for k, v in row.items()} for row in store.select(canned_query(name).bind())]


@pytest.mark.not_virtuoso(reason="Virtuoso 7.2.5 divides integers to an integer (65 for 65.7), not the xsd:decimal SPARQL 1.1 defines")
def test_19_inspections_by_programme(real_store):
    rows = {(r["framework"], r["value"], r["group"]): (int(r["councils"]), int(r["n"]), r.get("share"))
            for r in run(real_store, "19-inspections-by-programme")}
    assert len(rows) == 16
    assert rows[("2016", "yes", "safety valve")] == (23, 35, "65.7")
    assert rows[("2016", "yes", "other")] == (59, 114, "51.8")
    assert rows[("2016", "no", "safety valve")][:2] == (12, 35)
    assert rows[("2016", "sufficient progress in some significant weaknesses", "safety valve")] == (5, 6, "83.3")
    assert rows[("2016", "sufficient progress in all significant weaknesses", "other")] == (20, 40, "50")
    assert rows[("2016", "sufficient progress in none of the significant weaknesses", "safety valve")][:2] == (1, 6)
    assert sum(rows[("2016", v, g)][0] for v in ("yes", "no") for g in ("safety valve", "other")) == 149
    for outcome, other in (("typically positive experiences and outcomes", 5), ("inconsistent experiences and outcomes", 6),
                           ("widespread and/or systemic failings", 5)):
        assert rows[("2023", outcome, "other")][:2] == (other, 16)
        assert rows[("2023", outcome, "safety valve")] == (0, 0, None), "no safety valve council in the 2023 file"


def test_events_file_links_must_name_events():
    from graph.sources.events import EventPlan, add_event
    from graph.sources.records import DataError
    plan = EventPlan()
    add_event(plan, {"id": "revisit/x-2022", "revisitOf": "inspection/x-2019", "distinctFrom": ["revisit/x-2020"]}, "e.yaml")
    assert plan.links["revisit/x-2022"] == [("revisitOf", "inspection/x-2019"), ("distinctFrom", "revisit/x-2020")]
    with pytest.raises(DataError, match="e.yaml: event revisit/x-2023: revisitOf 'the 2019 one' is not an event id"):
        add_event(plan, {"id": "revisit/x-2023", "revisitOf": "the 2019 one"}, "e.yaml")


def test_a_damaged_tidy_file_is_an_error_naming_its_row(tmp_path):
    import shutil
    from graph.sources.inspection_files import read_inspection_files
    from graph.sources.records import DataError
    folder = tmp_path / "data" / "inspections"
    shutil.copytree(DATA_DIR / "inspections", folder)
    lines = (folder / "area-send-2023.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("2023-08-02", "2 August")
    (folder / "area-send-2023.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"data/inspections/area-send-2023.csv:4: not a row as `sendkg import` writes it"):
        read_inspection_files(folder, tmp_path)
