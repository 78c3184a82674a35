"""The checks a graph must pass before it is served: SHACL shapes, then the violation queries.

Shapes are in ``ontology/shapes.ttl`` (each shape IRI carries an id such as ``S03-...`` and an
``sh:message``); violation queries are ``graph/queries/checks/*-violation.rq``.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import SH

from graph.paths import SHAPES_FILE
from graph.queries import violation_checks


@dataclass(frozen=True)
class Problem:
    """One failed check: which check, about which node, and its message."""

    check: str
    focus: str
    message: str

    def __str__(self) -> str:
        return f"{self.check}: {self.focus}: {self.message}"


def shacl_problems(data: Graph, shapes: Graph | None = None) -> list[Problem]:
    """Validate ``data`` (which includes the ontology) against the shapes; one Problem per result."""
    shapes = shapes if shapes is not None else Graph().parse(SHAPES_FILE)
    # inplace: the shapes have no rules and no inference is asked for, so nothing writes to ``data``; without it
    # pyshacl first copies the whole graph, which was four fifths of the time on the statistics' 50k triples.
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=True, inplace=True)
    if conforms:
        return []
    problems = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        shape = report.value(result, SH.sourceShape)
        focus = report.value(result, SH.focusNode)
        message = report.value(result, SH.resultMessage)
        path = report.value(result, SH.resultPath)
        where = f"{focus}" + (f" ({path.n3(data.namespace_manager)})" if path is not None else "")
        owner = shapes.value(predicate=SH.property, object=shape) or shape
        problems.append(Problem(_shape_id(owner), where, str(message)))
    return sorted(problems, key=str)


def _shape_id(shape) -> str:
    text = str(shape)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if shape is not None else "shape"


def query_problems(store) -> list[Problem]:
    """Run every ``*-violation.rq`` on ``store`` (any store of the ``graph.store`` protocol); each row is a Problem."""
    problems = []
    for check in violation_checks():
        results = store.query(check.text)
        names = [v.value for v in results.variables]
        for row in results:
            focus = row["focus"].value if "focus" in names and row["focus"] is not None else "?"
            detail = row["message"].value if "message" in names and row["message"] is not None else check.description
            problems.append(Problem(check.name, focus, detail))
    return problems
