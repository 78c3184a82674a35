"""Every ``*-violation.rq`` check finds its fixture's mistake, and finds nothing in the real data."""

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.queries import violation_checks
from graph.build.validate import query_problems

CHECK_FIXTURES = Path(__file__).parent / "checks"
CHECKS = violation_checks()


def _rows(check, store: ox.Store) -> list:
    return list(store.query(check.text))


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.name)
def test_check_finds_the_mistake_in_its_fixture(check):
    fixture = CHECK_FIXTURES / f"{check.name}.ttl"
    assert fixture.exists(), f"add {fixture.name}: a graph this check must flag"
    store = ox.Store()
    store.load(fixture.read_bytes(), format=ox.RdfFormat.TURTLE)
    rows = _rows(check, store)
    assert rows and all(row["focus"] is not None and row["message"] is not None for row in rows)


@pytest.mark.embedded_only
def test_real_data_passes_every_check(real_store):
    assert CHECKS
    assert query_problems(real_store) == []


ID = "https://w3id.org/sendkg/id/"
# For these checks the fixture also holds cases that must not be flagged: exactly these are.
EXACTLY = {
    "duplicate-event-violation": {ID + "improvement-notice/x-1"},
    "unmarked-quote-violation": {ID + "quote/a", ID + "quote/b"},
    "inferred-without-confidence-violation": {ID + "claim/a", ID + "claim/b"},
    "observation-violation": {ID + f"obs/{name}" for name in ("neither", "both", "text", "two-areas")},
}


@pytest.mark.parametrize("name", sorted(EXACTLY))
def test_check_flags_exactly_the_mistakes(name):
    check = next(c for c in CHECKS if c.name == name)
    store = ox.Store()
    store.load((CHECK_FIXTURES / f"{name}.ttl").read_bytes(), format=ox.RdfFormat.TURTLE)
    assert {row["focus"].value for row in _rows(check, store)} == EXACTLY[name]
