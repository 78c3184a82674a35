"""The fact table's value parsers read only what the words state; malformed rows fail with file:line."""

from __future__ import annotations

import datetime as dt

import csv
from decimal import Decimal

import pytest

from graph.sources.agreement_rules import TERM, number, progress
from graph.sources.fact_table import COLUMNS, read_facts
from graph.sources.fact_values import date_value, financial_year, money, visited
from graph.sources.records import DataError, Record

GOOD = {"id": "x-sv-funding", "council": "Bury", "fact_type": "sv_funding", "value": "£20 million",
        "date": "2020-21", "source_url": "https://example.org/a", "source_kind": "news", "confidence": "high",
        "evidence_snippet": "got £20 million"}


@pytest.mark.parametrize("value, amounts", [
    ("£20 million", {"amount": Decimal(20000000)}),
    ("£20.5m revenue + £4m capital awarded; over 4 years to 2024/25",
     {"amount": Decimal(20500000), "capitalAmount": Decimal(4000000)}),
    ("£3780514", {"amount": Decimal(3780514)}),
    ("£18.786m received since agreement approved in March 2023", {"amount": Decimal(18786000)}),
    ("£49m; £21.5m received, £27.5m pending", {"amount": Decimal(49000000)}),
    ("£17.7m of £22.2m withheld for 2023-24 from five councils", {"amount": Decimal(17700000)}),
    ("grant paid over 3 years (amount not stated)", {}),
    ("about £585m across 20 councils", {}),
    ("almost £100 million (5 councils)", {}),
    ("£1.1m a year for five years added to the business plan", {}),
    ("extended agreement: £2.3m per year paid over a longer period", {}),
    ("council to invest up to £46.5 million as part of the programme", {"amount": Decimal(46500000)}),
])
def test_money(value, amounts):
    assert money(value)[0] == amounts


@pytest.mark.parametrize("text, expected", [
    ("2020-21", ("financialYear", "2020-21")), ("2022-03", ("dcterms:date", "2022-03")),
    ("2023", ("dcterms:date", "2023")), ("", None),
])
def test_date_column(text, expected):
    assert date_value(text, "t:1") == expected


def test_dates_and_years_in_words():
    assert financial_year("balanced position by end of 2024/25") == "2024-25"
    assert financial_year("no year here 2024") is None
    assert visited("widespread and/or systemic failings; inspected February 2024") == {"visited": "2024-02"}
    assert visited("inconsistent experiences and outcomes; inspected 11-29 September 2023") == {
        "visited": "2023-09", "visitStart": dt.date(2023, 9, 11), "visitEnd": dt.date(2023, 9, 29)}
    assert visited("inconsistent experiences and outcomes; inspected end of January 2024") == {"visited": "2024-01"}
    assert visited("positive outcome (highest); publication date not stated") == {}


def write_table(tmp_path, *changes: dict) -> tuple:
    path = tmp_path / "facts.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerow(GOOD)
        for number, change in enumerate(changes):
            writer.writerow({**GOOD, "id": f"row-{number}", **change})
    return path, tmp_path


@pytest.mark.parametrize("change, message", [
    ({"date": "March 2024"}, "is not YYYY-MM-DD"),
    ({"fact_type": "sv_bogus"}, "unknown fact_type"),
    ({"fact_type": "gss_code", "value": "X123"}, "is not a GSS code"),
    ({"fact_type": "area_send_inspection", "value": "good"}, "cannot tell the inspection outcome"),
    ({"fact_type": "sv_wave", "value": "the first wave"}, "names no financial year"),
    ({"confidence": "certain"}, "confidence"),
    ({"id": "x-sv-funding"}, "already used"),
    ({"council": "(programme)", "fact_type": "under_review", "value": "Atlantis under review"}, "not a council"),
])
def test_malformed_rows_name_file_and_line(tmp_path, change, message):
    path, root = write_table(tmp_path, change)
    with pytest.raises(DataError) as error:
        read_facts(path, root)
    assert error.value.where == "facts.csv:3"
    assert message in error.value.message


def test_a_good_table_reads(tmp_path):
    path, root = write_table(tmp_path)
    ids = {record.id for record in read_facts(path, root)}
    assert {"fact/x-sv-funding", "agreement/bury", "council/bury"} <= ids


@pytest.mark.parametrize("value, note", [
    ("£1.1m a year for five years", "A yearly figure"),
    ("council to invest up to £46.5 million", "upper limit"),
])
def test_money_says_why_a_figure_is_qualified(value, note):
    assert note in money(value)[1]


@pytest.mark.parametrize("value, years", [
    ("5-year agreement: in-year spend in line", 5), ("runs for 5 years until 2027-28", 5),
    ("described the agreement as 'a five year programme'", 5), ("programme expected to last four years", 4),
    ("12 requirements over a 5-year period", 5), ("£16m over the next 6 years", 6), ("agreement runs until 2028", None),
])
def test_term_years(value, years):
    match = TERM.search(value)
    assert (number(match.group(1) or match.group(2)) if match else None) == years


@pytest.mark.parametrize("value, status", [
    ("on track in 2024/25 and delivered against all the conditions", "on track"),
    ("council said it was 'not on track' to balance", "off track"),
    ("terms 'have not been met as intended'", "off track"),
    ("in-year overspend reduced from £5.4m to £2.05m", None),
])
def test_progress_status_reads_only_what_the_words_say(value, status):
    row = type("R", (), {"value": value})()
    fact = Record(id="fact/x", types=["SourcedFact"])
    progress(row, fact, None)
    assert fact.props.get("progressStatus", [None]) == [status]
