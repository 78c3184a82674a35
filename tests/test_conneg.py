"""Content negotiation: one table of Accept values and the format each must choose (None: 406)."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from graph.exports.formats import GRAPH_FORMATS, RESULT_FORMATS, by_name
from web.shared.conneg import choose, from_parameter, negotiate, prefers_html

JSON = by_name("json", RESULT_FORMATS)
TURTLE = by_name("turtle", GRAPH_FORMATS)

RESULT_CASES = [
    (None, "json"),
    ("", "json"),
    ("*/*", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/sparql-results+json", "json"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("application/json", "json"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
    ("text/*", "csv"),
    ("application/*", "json"),
    ("text/csv;q=0.5, application/sparql-results+xml", "xml"),
    ("text/csv, application/sparql-results+xml;q=0.9", "csv"),
    ("application/sparql-results+json,*/*;q=0.9", "json"),
    ("application/sparql-results+xml, application/rdf+xml, */*", "xml"),
    ("text/tab-separated-values;q=1.0, text/csv;q=1.0", "csv"),
    ("application/sparql-results+json;q=0, */*", "xml"),
    ("*/*;q=0.1, text/tab-separated-values", "tsv"),
    ("TEXT/CSV", "csv"),
    ("text/csv; charset=utf-8", "csv"),
    ("text/html", None),
    ("image/png, text/html;q=0.9", None),
    ("application/sparql-results+json;q=0", None),
    ("text/turtle", None),
]

GRAPH_CASES = [
    (None, "turtle"),
    ("*/*", "turtle"),
    ("application/rdf+xml", "rdfxml"),
    ("application/ld+json", "jsonld"),
    ("application/x-json+ld", "jsonld"),
    ("application/n-triples", "ntriples"),
    ("text/plain", "ntriples"),
    ("application/turtle,text/turtle", "turtle"),
    ("text/*", "turtle"),
    ("application/*", "ntriples"),
    ("application/trig", "trig"),
    ("application/n-quads", "nquads"),
    ("application/ld+json;q=0.8, application/rdf+xml;q=0.9", "rdfxml"),
    ("application/sparql-results+xml, application/rdf+xml, */*", "rdfxml"),
    ("text/turtle;q=0, */*;q=0.5", "ntriples"),
    ("application/sparql-results+json", None),
    ("text/csv", None),
]


@pytest.mark.parametrize(("accept", "expected"), RESULT_CASES)
def test_result_format_negotiation(accept, expected):
    chosen = negotiate(accept, RESULT_FORMATS, JSON)
    assert (chosen.name if chosen else None) == expected


@pytest.mark.parametrize(("accept", "expected"), GRAPH_CASES)
def test_graph_format_negotiation(accept, expected):
    chosen = negotiate(accept, GRAPH_FORMATS, TURTLE)
    assert (chosen.name if chosen else None) == expected


@pytest.mark.parametrize(("values", "table", "expected"), [
    (["json"], RESULT_FORMATS, "json"),
    (["xml"], RESULT_FORMATS, "xml"),
    (["xml"], GRAPH_FORMATS, "rdfxml"),
    (["tsv", "text/tab-separated-values"], RESULT_FORMATS, "tsv"),
    (["rdf+xml", "application/rdf+xml"], GRAPH_FORMATS, "rdfxml"),
    (["json-ld", "application/ld+json,application/x-json+ld"], GRAPH_FORMATS, "jsonld"),
    (["turtle"], GRAPH_FORMATS, "turtle"),
    (["n3"], GRAPH_FORMATS, "turtle"),
    (["csv"], GRAPH_FORMATS, None),
    (["nonsense"], RESULT_FORMATS, None),
    ([], RESULT_FORMATS, None),
])
def test_format_parameter(values, table, expected):
    chosen = from_parameter(values, table)
    assert (chosen.name if chosen else None) == expected


def test_format_parameter_wins_over_accept():
    chosen = choose(MultiDict([("format", "csv")]), "application/sparql-results+xml", RESULT_FORMATS, JSON)
    assert chosen.name == "csv"


def test_unknown_format_parameter_falls_back_to_accept():
    chosen = choose(MultiDict([("output", "banana")]), "text/tab-separated-values", RESULT_FORMATS, JSON)
    assert chosen.name == "tsv"


@pytest.mark.parametrize(("accept", "expected"), [
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True),
    ("text/html", True),
    ("*/*", False),
    (None, False),
    ("text/turtle", False),
    ("text/turtle, text/html", False),
    ("text/html;q=0.5, text/turtle", False),
])
def test_browser_detection(accept, expected):
    assert prefers_html(accept, GRAPH_FORMATS) is expected
