"""Improvement themes: every mandated area is mapped, each link a sourced, inferred claim; the mapping file and the
events file's ``claims:`` section fail clearly on bad input."""

from __future__ import annotations

import shutil

import pytest
import yaml

from graph.paths import DATA_DIR
from graph.sources import read_records
from graph.sources.records import DataError
from graph.terms import ID, PROV, RDF, SKG
from test_fact_table import objects

MAPPING = yaml.safe_load((DATA_DIR / "themes" / "mapping.yaml").read_text(encoding="utf-8"))["areas"]


def test_every_mandated_area_has_a_theme(real_store):
    rows = real_store.select(f"SELECT DISTINCT ?area WHERE {{ [] <{SKG.mandates}> ?area . "
                             f"FILTER NOT EXISTS {{ ?area <{SKG.theme}> ?theme }} }}")
    assert [row["area"].value for row in rows] == []
    mandated = {row["area"].value for row in real_store.select(f"SELECT DISTINCT ?area WHERE {{ [] <{SKG.mandates}> ?area }}")}
    assert {str(ID[e["area"]]) for e in MAPPING} == mandated and len(MAPPING) == len(mandated) == 83


@pytest.mark.parametrize("entry", MAPPING, ids=lambda e: e["area"])
def test_every_link_is_an_inferred_claim_from_the_areas_source(real_store, entry):
    area = ID[entry["area"]]
    for link in entry["themes"]:
        rows = real_store.select(f"SELECT ?claim WHERE {{ ?claim <{RDF.subject}> <{area}> ; <{RDF.predicate}> <{SKG.theme}> ; "
                                 f"<{RDF.object}> <{SKG[link['theme']]}> }}")
        assert len(rows) == 1
        claim = rows[0]["claim"].value
        assert objects(real_store, claim, SKG.basis) == {str(SKG.Inferred)}
        assert objects(real_store, claim, SKG.confidence) == {str(SKG[link["confidence"].title() + "Confidence"])}
        assert link["reason"] in objects(real_store, claim, SKG.note).pop()
        assert objects(real_store, claim, PROV.wasDerivedFrom), "derived from the source stating the area"
        assert str(SKG[link["theme"]]) in objects(real_store, area, SKG.theme)


@pytest.fixture
def data(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def rewrite(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old, new, message", [
    ("area: improvement-area/bury-transitions", "area: improvement-area/bury-nowhere", "is no mandated improvement area"),
    ("area: improvement-area/bury-transitions", "area: improvement-area/bury-early-identification", "is listed twice"),
    ("{theme: PhaseTransitionsTheme, confidence: high,", "{theme: PhaseTransitionsTheme, confidence: certain,", "a theme link needs"),
    ("{theme: PhaseTransitionsTheme, confidence: high,", "{theme: transitions, confidence: high,", "a theme link needs"),
])
def test_a_bad_mapping_names_the_file_and_area(data, old, new, message):
    rewrite(data / "themes" / "mapping.yaml", old, new)
    with pytest.raises(DataError, match=f"data/themes/mapping.yaml: area .*{message}"):
        read_records(data)


def test_a_row_can_be_declared_a_claim_about_an_existing_area(data):
    rewrite(data / "facts" / "events.yaml", "claims:\n", """claims:
  - about: improvement-area/bury-early-identification
    rows: [haringey-sv-condition-2]
    reason: a test of the claims section
""")
    rewrite(data / "themes" / "mapping.yaml", "  - area: improvement-area/haringey-sv-condition-2\n", "  - area: improvement-area/unused\n")
    mapping = data / "themes" / "mapping.yaml"
    entries = yaml.safe_load(mapping.read_text(encoding="utf-8"))["areas"]
    mapping.write_text(yaml.safe_dump({"areas": [e for e in entries if e["area"] != "improvement-area/unused"]}), encoding="utf-8")
    records = read_records(data)
    fact = next(r for r in records if r.id == "fact/haringey-sv-condition-2")
    assert fact.props["about"] == ["improvement-area/bury-early-identification"]
    assert not [r for r in records if r.id == "improvement-area/haringey-sv-condition-2"], "no second node minted"


@pytest.mark.parametrize("entry, message", [
    ("  - about: nonsense\n    rows: [bury-sv-wave]\n    reason: x", "needs 'about:'"),
    ("  - about: council/bury\n    rows: [bury-sv-wave]", "needs 'rows:' and the curator's 'reason:'"),
    ("  - about: council/bury\n    rows: [no-such-row]\n    reason: x", "names rows the fact table does not have"),
    ("  - about: council/bury\n    rows: [programme-withheld-total]\n    reason: x", "already a claim about"),
    ("  - about: []\n    rows: [bury-sv-wave]\n    reason: x", "needs 'about:'"),
    ("  - about: [finding/bury-2024-limited-change, nonsense]\n    rows: [bury-sv-wave]\n    reason: x", "needs 'about:'"),
    ("  - about: [finding/bury-2024-limited-change, council/bury]\n    rows: [haringey-inspection-finding]\n    reason: x",
     "joins the inspection_finding row 'haringey-inspection-finding' to council/bury, which is not a finding"),
])
def test_a_bad_claims_entry_is_named(data, entry, message):
    rewrite(data / "facts" / "events.yaml", "claims:\n", "claims:\n" + entry + "\n")
    with pytest.raises(DataError, match=message):
        read_records(data)
