"""Queries 13 (mandated themes against findings) and 14 (what is known per council) on the real data and a fixture."""

from __future__ import annotations

import pytest

from fixture_data import fixture_bytes
from graph.queries import canned_query
from graph.store.embedded import EmbeddedStore
from graph.terms import ID, SKG
from test_canned_facts import run


@pytest.fixture
def themes_store() -> EmbeddedStore:
    return EmbeddedStore.from_rdf(fixture_bytes("themes"))


def by_theme(store) -> dict[str, dict[str, str]]:
    return {row["theme"].rpartition("#")[2]: row for row in run(store, "13-themes-vs-findings")}


def counts(row: dict[str, str]) -> tuple[int, int, int, int]:
    return tuple(int(row[k]) for k in ("councilsMandated", "councilsInspected", "councilsWithFindings", "findings"))


def test_13_every_theme_has_a_row_and_counts_councils_not_areas(real_store):
    rows = by_theme(real_store)
    assert len(rows) == 13, "every theme of the scheme, mandated or not"
    assert counts(rows["LocalSpecialistPlacesTheme"]) == (18, 7, 0, 0)
    assert counts(rows["MainstreamInclusionTheme"]) == (14, 6, 0, 0)
    assert counts(rows["EarlyInterventionTheme"]) == (13, 6, 1, 2)
    assert counts(rows["AlternativeProvisionTheme"]) == (9, 7, 1, 3)
    assert counts(rows["PhaseTransitionsTheme"]) == (2, 2, 1, 2)


def test_13_findings_today_are_burys_with_its_outcome(real_store):
    found = {name: row["outcomesWhereFound"] for name, row in by_theme(real_store).items() if row.get("outcomesWhereFound")}
    assert found == dict.fromkeys(("EarlyInterventionTheme", "AlternativeProvisionTheme", "DeficitReductionTheme",
                                   "PhaseTransitionsTheme"), "Bury: widespread and/or systemic failings")


def test_13_on_a_fixture_counts_only_later_findings_with_their_outcomes(themes_store):
    rows = by_theme(themes_store)
    assert counts(rows["EarlyInterventionTheme"]) == (2, 1, 1, 2), "Otherton's 2019 finding predates its 2021-22 agreement"
    assert rows["EarlyInterventionTheme"]["outcomesWhereFound"] == "Testshire: widespread and/or systemic failings"
    assert counts(rows["AlternativeProvisionTheme"]) == (1, 1, 0, 0)
    assert counts(rows["DeficitReductionTheme"]) == (0, 0, 0, 0)


def known(store) -> dict[str, dict[str, str]]:
    return {row["label"]: row for row in run(store, "14-what-is-known")}


def test_14_one_row_per_agreement_or_rejected_proposal(real_store):
    rows = known(real_store)
    assert len(rows) == 37, "36 agreements and BCP's rejected proposal"
    assert [row["council"] for row in run(real_store, "14-what-is-known")].count(str(ID["council/bury"])) == 1


@pytest.mark.parametrize("council, expected", [
    ("Bury", {"wave": "stated", "funding": "known", "conditions": "3", "conditionsRestated": "0", "themes": "4",
              "inspection": "outcome known", "findingsOnMandates": "6"}),
    ("Hillingdon", {"wave": "stated", "funding": "known", "conditions": "12", "conditionsRestated": "12",
                    # its 2016-framework inspection (Ofsted's file) has no 2023-framework outcome
                    "inspection": "inspected, outcome not known", "findingsOnMandates": "0"}),
    ("Kent", {"funding": "claims differ", "conditions": "7"}),
    ("Blackpool", {"inspection": "inspected, outcome not known", "conditions": "0", "funding": "unknown"}),
    ("Bournemouth Christchurch and Poole", {"wave": "unknown", "funding": "unknown", "conditions": "0"}),
    ("Wokingham", {"wave": "inferred"}),
    ("Cambridgeshire", {"progress": "off track (2024-11-26)"}),
    ("Hounslow", {"progress": "on track"}),
])
def test_14_what_is_known(real_store, council, expected):
    row = known(real_store)[council]
    assert {k: row.get(k) for k in expected} == expected


def test_14_councils_with_conditions_are_the_22_and_bury(real_store):
    with_conditions = {label for label, row in known(real_store).items() if row["conditions"] != "0"}
    assert len(with_conditions) == 23 and "Bury" in with_conditions
    assert canned_query("14-what-is-known").title.startswith("What is known")
    assert SKG.Restated  # the basis the restated count reads
