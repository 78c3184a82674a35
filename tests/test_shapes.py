"""Every SHACL shape has paired fixtures: ``<id>-valid.ttl`` conforms, each ``<id>-invalid-NN.ttl`` fails
on that shape and no other. Fixtures are collected from tests/shapes/ automatically."""

from pathlib import Path

import pytest
from rdflib import Graph

from graph.paths import SHAPES_FILE
from graph.build.validate import shacl_problems

SHAPE_FIXTURES = Path(__file__).parent / "shapes"
FIXTURES = sorted(SHAPE_FIXTURES.glob("S*.ttl"))


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE)


def _shape_ids(shapes: Graph) -> set[str]:
    return {str(s).rsplit("#", 1)[-1].split("-", 1)[0] for s in shapes.subjects() if "/shapes#S" in str(s)}


def _failing(fixture: Path, shapes: Graph) -> set[str]:
    problems = shacl_problems(Graph().parse(fixture), shapes)
    return {p.check.split("-", 1)[0] for p in problems}


@pytest.mark.parametrize("fixture", [f for f in FIXTURES if "-valid" in f.name], ids=lambda p: p.stem)
def test_valid_fixture_conforms(fixture, shapes):
    assert _failing(fixture, shapes) == set()


@pytest.mark.parametrize("fixture", [f for f in FIXTURES if "-invalid-" in f.name], ids=lambda p: p.stem)
def test_invalid_fixture_fails_its_own_shape_only(fixture, shapes):
    assert _failing(fixture, shapes) == {fixture.stem.split("-", 1)[0]}


def test_every_shape_has_a_valid_and_an_invalid_fixture(shapes):
    ids = _shape_ids(shapes)
    assert ids, "no shapes found"
    for shape_id in ids:
        assert (SHAPE_FIXTURES / f"{shape_id}-valid.ttl").exists(), shape_id
        assert list(SHAPE_FIXTURES.glob(f"{shape_id}-invalid-*.ttl")), shape_id


def test_every_fixture_says_why_on_its_first_line():
    for fixture in FIXTURES:
        assert fixture.read_text().startswith("# "), fixture.name


def test_every_constraint_has_a_message_naming_its_shape(shapes):
    from rdflib.namespace import SH
    for shape in shapes.subjects(predicate=SH.property):
        shape_id = str(shape).rsplit("#", 1)[-1].split("-", 1)[0]
        for prop in shapes.objects(shape, SH.property):
            message = shapes.value(prop, SH.message)
            assert message is not None and str(message).startswith(shape_id + ":"), (shape, message)
