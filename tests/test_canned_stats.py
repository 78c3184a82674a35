"""The statistics canned queries (17, 18) answer on the real data, and 13's medians are Python's medians."""

from __future__ import annotations

import csv
import statistics
from collections import defaultdict
from decimal import Decimal

import pytest

from graph.paths import DATA_DIR
from graph.queries import canned_query
from graph.terms import ID

STATS = DATA_DIR / "stats"
WITHIN_20_WEEKS = "EHC plans issued within 20 weeks (%)"
GROWTH = "Growth in EHC plans in January on the year before (%)"
DEFICIT = "DSG cumulative balance (% of DSG income; negative is a deficit)"
MEASURES = {WITHIN_20_WEEKS: ("sen2-mi", "ehcPlansWithin20WeeksPct"), DEFICIT: ("dsg-deficit", "dsgCumulativeBalancePct")}


def run(store, name: str, **params) -> list[dict[str, str]]:
    """Rows of canned query ``name`` as dicts of plain strings."""
    return [{k: v.value for k, v in row.items()} for row in store.select(canned_query(name).bind(**params))]


def figures(dataset: str, measure: str) -> dict[tuple[str, str], Decimal]:
    """(GSS code, period) -> value of one measure of a tidy dataset, figures only (statuses left out)."""
    with (STATS / f"{dataset}.csv").open(newline="", encoding="utf-8") as handle:
        return {(r["area_code"], r["period"]): Decimal(r["value"]) for r in csv.DictReader(handle)
                if r["measure"] == measure and not r["status"]}


@pytest.fixture(scope="module")
def comparison(real_store) -> dict[tuple[str, str, str], dict[str, str]]:
    return {(r["measure"], r["period"], r["group"]): r for r in run(real_store, "17-stats-safety-valve-vs-others")}


@pytest.fixture(scope="module")
def expected(real_store) -> dict[tuple[str, str, str], list[Decimal]]:
    """The values of each (measure, period, group), computed in Python from data/stats/ and the agreements."""
    safety_valve = {r["council"] for r in run(real_store, "21-councils-by-wave")}  # one row per agreement
    with (STATS / "councils.csv").open(newline="", encoding="utf-8") as handle:
        councils = {r["gss_code"]: str(ID[r["id"]]) for r in csv.DictReader(handle)}
    values: dict[tuple[str, str, str], list[Decimal]] = defaultdict(list)

    def add(measure, code, period, value):
        if code in councils:
            values[(measure, period, "safety valve" if councils[code] in safety_valve else "other")].append(value)

    for measure, (dataset, name) in MEASURES.items():
        for (code, period), value in figures(dataset, name).items():
            add(measure, code, period, value)
    plans = figures("sen2-caseload", "ehcPlansInJanuary")
    for (code, period), now in plans.items():
        then = plans.get((code, str(int(period) - 1)))
        if then:
            add(GROWTH, code, period, 100 * (now - then) / then)
    return values


def test_17_has_both_groups_for_every_measure_and_year(comparison, expected):
    assert set(comparison) == set(expected)
    assert {period for measure, period, _ in comparison if measure == WITHIN_20_WEEKS} == {str(y) for y in range(2014, 2023)}
    assert {period for measure, period, _ in comparison if measure == DEFICIT} == {"2019-20", "2020-21", "2021-22"}
    assert {period for measure, period, _ in comparison if measure == GROWTH} == {str(y) for y in range(2011, 2023)}


def test_17_n_and_medians_are_pythons(comparison, expected):
    for key, values in expected.items():
        row = comparison[key]
        assert int(row["n"]) == len(values), key
        assert abs(Decimal(row["median"]) - statistics.median(values)) < Decimal("1e-9"), key


def test_17_pins_the_answers(comparison):
    sv, other = (comparison[(WITHIN_20_WEEKS, "2022", g)] for g in ("safety valve", "other"))
    assert (sv["n"], sv["median"], sv["without_figure"]) == ("35", "51.449", "1")
    assert (other["n"], other["median"], other["without_figure"]) == ("113", "49.115", "3")
    growth = {g: comparison[(GROWTH, "2021", g)] for g in ("safety valve", "other")}
    assert (growth["safety valve"]["n"], growth["other"]["n"]) == ("36", "114")
    assert round(Decimal(growth["safety valve"]["median"]), 3) == Decimal("11.167")
    assert round(Decimal(growth["other"]["median"]), 3) == Decimal("9.685")
    deficit = {g: comparison[(DEFICIT, "2021-22", g)] for g in ("safety valve", "other")}
    assert (deficit["safety valve"]["median"], deficit["other"]["median"]) == ("-7", "-0.785")
    assert (deficit["safety valve"]["n"], deficit["other"]["n"]) == ("36", "114")


def test_17_counts_figures_the_dfe_withholds_apart(comparison):
    without = {key: int(row.get("without_figure", 0)) for key, row in comparison.items() if key[0] == WITHIN_20_WEEKS}
    assert without[(WITHIN_20_WEEKS, "2014", "safety valve")] == 18, "2014's 'not applicable' figures are no zeros"
    assert sum(v for (_, period, _), v in without.items() if period != "2014") == 5
    assert all(int(row["n"]) > 0 for row in comparison.values())


def test_18_bury_beside_england(real_store):
    rows = run(real_store, "18-stats-council-over-time")
    by = {(r["measure"], r["period"]): r for r in rows}
    row = by[("EHC plans issued within 20 weeks (%)", "2022")]
    assert (row["value"], row["england"], row["dataset"]) == ("51.049", "47.665", str(ID["dataset/sen2-mi"]))
    assert by[("EHC plans issued within 20 weeks (%)", "2014")]["status"] == "not applicable"
    assert "value" not in by[("EHC plans issued within 20 weeks (%)", "2014")]
    assert by[("DSG cumulative balance (% of DSG income)", "2021-22")]["unit"] == "http://qudt.org/vocab/unit/PERCENT"
    assert {r["measure"] for r in rows} >= {"EHC plans in January", "DSG allocation (£)", "SEND Tribunal appeal rate (%)"}


def test_18_takes_any_council(real_store):
    rows = run(real_store, "18-stats-council-over-time", council=str(ID["council/kent"]))
    assert rows and all("england" in r or "england_status" in r for r in rows)
    assert not run(real_store, "18-stats-council-over-time", council=str(ID["council/no-such-council"]))
