"""``sendkg import``'s inspection step: every row of Ofsted's two files becomes exactly one tidy row, joined on codes,
blank where the file is blank, with the file's data checked; and the committed ``data/inspections/`` is up to date."""

from __future__ import annotations

import csv
import shutil

import pytest

from graph.imports.facts import ImportFailed
from graph.imports.inspection_rows import HEADER_2023, ODS, SHEET, Authority, row_2016, row_2023
from graph.imports.inspections import DFE, import_inspections
from graph.imports.ods import Cell, read_sheet
from graph.paths import DATA_DIR
from shared_material import shared_root

TIDY = ("area-send-2016.csv", "area-send-2023.csv", "sources.yaml")


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    (data / "facts").mkdir()
    shutil.copy(DATA_DIR / "facts" / "safety_valve_facts.csv", data / "facts")
    report = import_inspections(shared_root(), data)
    return data, report


def rows(data, name):
    with (data / "inspections" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_ods_row_becomes_exactly_one_tidy_row(imported):
    data, report = imported
    sheet = read_sheet(shared_root() / DFE / ODS, SHEET)
    codes = [cells[1].text for _, cells in sheet if len(cells) > 6 and cells[1].text.startswith("E")]
    tidy = rows(data, "area-send-2016.csv")
    assert len(codes) == len(tidy) == report.rows_2016 == 149
    assert [r["gss_code_in_file"] for r in tidy] == codes
    assert sum(r["wsoa_required"] == "yes" for r in tidy) == 82
    assert {s: sum(r["revisit_status"] == s for r in tidy) for s in ("not required", "not revisited yet", "revisited")} \
        == {"not required": 67, "not revisited yet": 36, "revisited": 46}
    assert {p: sum(r["revisit_progress"] == p for r in tidy) for p in ("all", "some", "none")} == \
        {"all": 20, "some": 24, "none": 2}


def test_blank_cells_stay_blank_never_zero(imported):
    tidy = rows(imported[0], "area-send-2016.csv")
    for row in tidy:
        if row["revisit_status"] != "revisited":
            assert row["revisit_start"] == row["revisit_progress"] == row["weaknesses_progressed"] == ""
        if row["wsoa_required"] == "no":
            assert row["wsoa_weaknesses"] == ""
    mi = rows(imported[0], "area-send-2023.csv")
    assert len(mi) == 16
    assert {(r["priority_action_plan"], r["priority_actions"]) for r in mi} == {("no", ""), ("yes", "2"), ("yes", "5")}


def test_councils_join_on_codes_with_the_project_ids(imported):
    data, report = imported
    tidy = {r["gss_code"]: r for r in rows(data, "area-send-2016.csv")}
    assert tidy["E06000060"]["gss_code_in_file"] == "E10000002", "Buckinghamshire under its unitary code"
    assert tidy["E06000023"]["council"] == "council/bristol" and tidy["E06000023"]["council_name"] == "Bristol"
    assert tidy["E06000047"]["council"] == "council/county-durham", "a council the fact table does not name"
    assert tidy["E08000002"]["council"] == "council/bury"
    assert {"E06000059", "E06000061", "E06000062"}.isdisjoint(tidy), "Dorset and the Northamptonshires are not in it"
    assert any("Buckinghamshire" in r and "E06000060" in r for r in report.remarks)
    assert sum("joined on the code" in r for r in report.remarks) == 5


def test_the_committed_files_are_what_the_import_writes(imported):
    for name in TIDY:
        assert (imported[0] / "inspections" / name).read_text(encoding="utf-8") == \
            (DATA_DIR / "inspections" / name).read_text(encoding="utf-8"), name


def test_running_it_twice_writes_the_same_files(imported):
    data = imported[0]
    before = {name: (data / "inspections" / name).read_text(encoding="utf-8") for name in TIDY}
    import_inspections(shared_root(), data)
    assert {name: (data / "inspections" / name).read_text(encoding="utf-8") for name in TIDY} == before


def test_sources_give_pinned_urls_commits_and_the_licence(imported):
    text = (imported[0] / "inspections" / "sources.yaml").read_text(encoding="utf-8")
    assert "blob/3a80b0d8c227574d6b0bc6c4a556e174c3f78609/data/ofsted/" in text
    assert "commit: 1b3c1267506bc8aefe403ea61cdfb9d17ec0feb6" in text
    assert text.count("open-government-licence/version/3/") == 2
    assert "published: '2022-11-17'" in text


LAS = {"E09000002": Authority("E09000002", "301", "Barking and Dagenham", "council/barking-and-dagenham",
                              "Barking and Dagenham")}


def ods_row(*texts_and_cells):
    return [c if isinstance(c, Cell) else Cell(c) for c in texts_and_cells]


def test_a_code_no_authority_has_is_an_error_naming_the_row():
    cells = ods_row("Ofsted LA Webpage", "E99999999", "Nowhere", "London")
    with pytest.raises(ImportFailed, match=r"row 7: code 'E99999999'"):
        row_2016(7, cells, LAS, [])


def test_revisit_counts_that_do_not_add_up_are_an_error():
    date = lambda iso: Cell(iso, "date", iso)  # noqa: E731
    cells = ods_row("link", "E09000002", "Barking and Dagenham", "London", date("2017-03-27"), date("2017-06-29"), "Yes",
                    Cell("4", "float", "4"), date("2019-01-07"), date("2019-02-20"), "Some", Cell("3", "float", "3"),
                    Cell("2", "float", "2"))
    with pytest.raises(ImportFailed, match="progressed \\+ not progressed"):
        row_2016(9, cells, LAS, [])


def test_a_partnership_no_authority_is_named_is_an_error():
    cells = ["1", "Report webpage", "Barking & Dagenham", "London", "27/03/2023", "31/05/2023",
             "Inconsistent experiences and outcomes", "No", "NA"]
    assert len(cells) == len(HEADER_2023)
    with pytest.raises(ImportFailed, match="mi_ofsted_winter_2223.csv:2: partnership 'Barking & Dagenham'"):
        row_2023(2, cells, {la.name: [la] for la in LAS.values()}, "mi_ofsted_winter_2223.csv:2")


def test_priority_actions_without_a_plan_are_an_error():
    cells = ["1", "Report webpage", "Barking and Dagenham", "London", "27/03/2023", "31/05/2023",
             "Inconsistent experiences and outcomes", "No", "3"]
    with pytest.raises(ImportFailed, match="if and only if a plan is required"):
        row_2023(2, cells, {la.name: [la] for la in LAS.values()}, "x.csv:2")


def test_a_file_that_is_no_spreadsheet_is_an_error_naming_it(tmp_path):
    shutil.copytree(shared_root() / "data" / "dfe", tmp_path / "data" / "dfe", ignore=shutil.ignore_patterns("*.xlsx", "sen2*"))
    shutil.copy(shared_root() / "data" / "local_authorities.csv", tmp_path / "data")
    (tmp_path / "data" / "dfe" / ODS).write_text("not a spreadsheet", encoding="utf-8")
    with pytest.raises(ImportFailed, match="not an OpenDocument spreadsheet"):
        import_inspections(tmp_path, tmp_path / "out")


def test_a_missing_file_is_an_error_naming_it(tmp_path):
    with pytest.raises(ImportFailed, match="local_authorities.csv: not found"):
        import_inspections(tmp_path, tmp_path)
