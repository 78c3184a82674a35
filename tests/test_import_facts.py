"""``sendkg import``'s fact-table step: old rows keep their ids, new rows get readable ones, and it is repeatable."""

from __future__ import annotations

import csv

import pytest

from graph.imports.facts import COLUMNS, ImportFailed, import_facts
from graph.paths import ROOT
from web.cli import main
from shared_material import shared_root

HEADER = ",".join(COLUMNS)


def write(path, lines):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def dirs(tmp_path):
    shared, data = tmp_path / "shared", tmp_path / "data"
    write(shared / "data" / "safety_valve_facts.csv", [
        HEADER,
        "Bury,sv_wave,2020-21,2021-03,https://a.example/1,government,high,Bury agreement",
        "Bury,sv_wave,2020-21,2021-03,https://b.example/2,news,medium,Bury again",
        "Bury,gss_code,E08000002,,https://new.example/code,government,high,new evidence",
        "(programme),no_new_agreements,none,2024,https://c.example,news,high,no more",
    ])
    write(data / "facts" / "safety_valve_facts.csv", [
        "id," + HEADER,
        "bury-wave-kept,Bury,sv_wave,2020-21,2021-02,https://a.example/1,government,high,Bury agreement",
        "bury-code-kept,Bury,gss_code,E08000002,,old file,secondary,medium,old evidence",
        "gone-row,Kent,sv_funding,£1m,,https://k.example,news,low,gone",
    ])
    return shared, data


def ids(data):
    with (data / "facts" / "safety_valve_facts.csv").open(encoding="utf-8", newline="") as handle:
        return [row["id"] for row in csv.DictReader(handle)]


def test_old_rows_keep_their_ids_and_new_rows_get_readable_ones(dirs):
    report = import_facts(*dirs)
    assert ids(dirs[1]) == ["bury-wave-kept", "bury-sv-wave", "bury-code-kept", "programme-no-new-agreements"]
    assert report.removed == ["gone-row"]
    assert report.changed["bury-wave-kept"] == {"date": ("2021-02", "2021-03")}
    assert set(report.changed["bury-code-kept"]) == {"source_url", "source_kind", "confidence", "evidence_snippet"}


def test_a_taken_id_gets_the_next_free_suffix(dirs):
    shared, data = dirs
    write(data / "facts" / "safety_valve_facts.csv", ["id," + HEADER])
    import_facts(shared, data)
    assert ids(data)[:2] == ["bury-sv-wave", "bury-sv-wave-2"]


def test_running_twice_gives_identical_files(dirs):
    import_facts(*dirs)
    first = (dirs[1] / "facts" / "safety_valve_facts.csv").read_bytes()
    report = import_facts(*dirs)
    assert (dirs[1] / "facts" / "safety_valve_facts.csv").read_bytes() == first
    assert (len(report.kept), report.new, report.changed, report.removed) == (4, [], {}, [])


def test_a_shared_table_with_other_columns_is_refused_naming_the_file(dirs):
    shared, data = dirs
    write(shared / "data" / "safety_valve_facts.csv", ["council,value", "Bury,x"])
    with pytest.raises(ImportFailed, match=r"safety_valve_facts.csv:1: columns are"):
        import_facts(shared, data)


def test_the_command_reports_and_the_project_table_is_the_import_of_the_shared_one(tmp_path, capsys):
    data = tmp_path / "data"
    (data / "facts").mkdir(parents=True)
    (data / "facts" / "safety_valve_facts.csv").write_bytes((ROOT / "data/facts/safety_valve_facts.csv").read_bytes())
    assert main(["import", "--shared", str(shared_root()), "--data", str(data)]) == 0
    assert "0 new, 0 changed, 0 removed" in capsys.readouterr().out
    assert (data / "facts" / "safety_valve_facts.csv").read_bytes() == (ROOT / "data/facts/safety_valve_facts.csv").read_bytes()


def test_the_command_names_a_missing_shared_table(tmp_path, capsys):
    assert main(["import", "--shared", str(tmp_path / "nowhere"), "--data", str(tmp_path)]) == 2
    assert "nowhere/data/safety_valve_facts.csv: not found" in capsys.readouterr().err


def test_a_row_whose_source_moved_keeps_its_id_by_its_evidence(tmp_path):
    shared, data = tmp_path / "shared", tmp_path / "data"
    write(shared / "data" / "safety_valve_facts.csv", [
        HEADER,
        "Kent,sv_condition,a,,https://new.example/b,government,high,evidence B",
        "Kent,sv_condition,b,,https://new.example/a,government,high,evidence A",
    ])
    write(data / "facts" / "safety_valve_facts.csv", [
        "id," + HEADER,
        "kent-a,Kent,sv_condition,b,,https://old.example/a,government,high,evidence A",
        "kent-b,Kent,sv_condition,a,,https://old.example/b,government,high,evidence B",
    ])
    report = import_facts(shared, data)
    assert ids(data) == ["kent-b", "kent-a"] and report.new == []
    assert report.changed["kent-a"] == {"source_url": ("https://old.example/a", "https://new.example/a")}
