"""``sendkg import``'s statistics step: tidy files reproduced exactly from the shared DfE files, joined on codes,
missing figures kept as statuses, and bad input refused with the file and row."""

from __future__ import annotations

import csv
import shutil

import openpyxl
import pytest


from graph.imports.dfe_tables import figure
from graph.imports.facts import ImportFailed
from graph.imports.stats import DATASETS, import_stats
from graph.paths import DATA_DIR
from graph.sources.records import DataErrors
from graph.sources.stats import read_statistics
from web.cli import main
from shared_material import shared_root

STATS = DATA_DIR / "stats"


def rows(path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    first = import_stats(shared_root(), data)
    snapshot = {p.name: p.read_bytes() for p in (data / "stats").iterdir()}
    second = import_stats(shared_root(), data)
    return data / "stats", snapshot, first, second


def test_import_is_repeatable_and_matches_the_committed_files(imported):
    out, snapshot, first, second = imported
    assert first.files == second.files
    assert {p.name: p.read_bytes() for p in out.iterdir()} == snapshot, "a second run changed a file"
    assert {p.name: p.read_bytes() for p in STATS.iterdir()} == snapshot, "data/stats/ is not what the import writes"


def test_every_dataset_has_its_metadata(imported):
    out = imported[0]
    assert sorted(p.stem for p in out.glob("*.yaml")) == sorted([d["id"] for d in DATASETS] + ["councils"])
    assert all("blob/" in line for d in DATASETS for line in (out / f"{d['id']}.yaml").read_text().splitlines()
               if line.startswith("source_url"))


def test_152_councils_with_the_projects_ids_joined_on_codes():
    councils = {r["gss_code"]: r for r in rows(STATS / "councils.csv")}
    assert len(councils) == 152 and len({r["id"] for r in councils.values()}) == 152
    assert councils["E06000023"]["id"] == "council/bristol", "the fact table's name for the code, not 'Bristol, City of'"
    assert councils["E08000002"]["dfe_code"] == "351" and councils["E08000002"]["region_name"] == "North West"
    assert councils["E10000006"]["note"].startswith("Split in April 2023")
    assert all(r["region_code"].startswith("E12") for r in councils.values())


def test_missing_figures_are_statuses_never_zero():
    sen2 = rows(STATS / "sen2-mi.csv")
    assert {r["status"] for r in sen2} == {"", "not-applicable", "suppressed"}
    assert all(r["value"] == "" for r in sen2 if r["status"])
    bury = {(r["period"], r["measure"]): r for r in sen2 if r["area_code"] == "E08000002"}
    assert bury[("2014", "ehcPlansWithin20WeeksPct")] == {**bury[("2014", "ehcPlansWithin20WeeksPct")], "value": "",
                                                           "status": "not-applicable"}
    assert bury[("2022", "ehcPlansWithin20WeeksPct")]["value"] == "51.049"
    appeals = {r["status"] for r in rows(STATS / "send-appeals.csv")}
    assert appeals == {"", "not-available"}


def test_figures_follow_the_dfe_code_across_gss_changes():
    caseload = {(r["area_code"], r["period"]) for r in rows(STATS / "sen2-caseload.csv")}
    assert ("E06000057", "2010") in caseload, "Northumberland's 2010 figure (then E06000048) is the council's"
    assert not any(code == "E06000048" for code, _ in caseload)
    areas = {r["code"]: r["name"] for r in rows(STATS / "areas.csv")}
    assert areas["E06000063"] == "Cumberland" and areas["E10000021"] == "Northamptonshire"


@pytest.mark.parametrize("text, expected", [
    ("z", ("", "not-applicable")), ("x", ("", "suppressed")), ("..", ("", "not-available")),
    (" 51.049", ("51.049", "")), ("100.000000000000", ("100", "")), ("1,234", ("1234", "")), ("0.4%", ("0.4", "")),
])
def test_cells_read_as_figures_or_statuses(text, expected):
    assert figure(text, "here") == expected


def test_an_unknown_symbol_is_an_error_naming_where():
    with pytest.raises(ImportFailed, match="sen2_mi.csv:7 .*'\\?'"):
        figure("?", "sen2_mi.csv:7 new_all_ehc")
    assert figure("-", "t", zero_sign=True) == ("0", "")
    with pytest.raises(ImportFailed):
        figure("-", "t")


def test_an_unknown_area_name_fails_the_import(tmp_path):
    shared = tmp_path / "shared"
    shutil.copytree(shared_root() / "data", shared / "data")
    lookup = shared / "data" / "dfe" / "la_region_lookup_raw.xlsx"
    book = openpyxl.load_workbook(lookup, read_only=True)
    sheet = book.worksheets[0]
    sheet.reset_dimensions()
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    out = openpyxl.Workbook()
    for row in values:
        out.active.append(row)
    out.active.cell(row=5, column=2, value="Nowhere Borough")
    out.save(lookup)
    with pytest.raises(ImportFailed, match="la_region_lookup_raw.xlsx:5: 'Nowhere Borough'"):
        import_stats(shared, tmp_path / "data")


def test_the_build_refuses_a_bad_figure(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(STATS, data / "stats")
    path = data / "stats" / "dsg-deficit.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 2)[0] + ",0,suppressed"
    lines[2] = lines[2].rsplit(",", 2)[0] + ",,"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        read_statistics(data)
    assert [e.where for e in caught.value.errors] == ["data/stats/dsg-deficit.csv:2", "data/stats/dsg-deficit.csv:3"]


def test_sendkg_import_writes_the_statistics_and_says_so(tmp_path, capsys):
    data = tmp_path / "data"
    (data / "facts").mkdir(parents=True)
    shutil.copy(DATA_DIR / "facts" / "safety_valve_facts.csv", data / "facts")
    assert main(["import", "--shared", str(shared_root()), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "stats: 7 files in data/stats/" in out and "  councils.csv: 152 rows" in out
    assert (data / "stats" / "sen2-mi.csv").read_bytes() == (STATS / "sen2-mi.csv").read_bytes()


def test_sendkg_import_names_a_missing_dfe_file(tmp_path, capsys):
    shared = tmp_path / "shared"
    shutil.copytree(shared_root() / "data", shared / "data")
    (shared / "data" / "dfe" / "dsg_deficit_derived.xlsx").unlink()
    data = tmp_path / "data"
    (data / "facts").mkdir(parents=True)
    shutil.copy(DATA_DIR / "facts" / "safety_valve_facts.csv", data / "facts")
    assert main(["import", "--shared", str(shared), "--data", str(data)]) == 2
    assert "dsg_deficit_derived.xlsx" in capsys.readouterr().err
