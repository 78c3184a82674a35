"""Every SPARQL file: a header, parameters declared and bound safely, ontology terms that exist, the project's prefixes.

A typo in a ``skg:`` name would silently return no rows, so every name in every ``.rq`` file (graph/queries
and bench/queries) must be a term of the ontology; the check is shown to catch a planted typo.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from graph.paths import ROOT
from graph.queries import ParameterError, QueryFileError, all_query_files, canned_queries, read_query
from graph.queries.text import IGNORED, blank, bind, string_literal
from graph.store import EmbeddedStore
from graph.terms import PREFIXES, SKG

BENCH_FILES = tuple(read_query(p, "bench") for p in sorted((ROOT / "bench" / "queries").rglob("*.rq")))
FILES = all_query_files() + BENCH_FILES
SAMPLE = {"iri": "https://w3id.org/sendkg/id/council/bury", "iris": ["https://w3id.org/sendkg/id/council/bury"],
          "string": "bury", "strings": ["bury", "send"], "integer": 3, "date": "2024-05-31"}
SKG_NAME = re.compile(r"(?<![\w:])skg:([A-Za-z_][\w.-]*[\w-]|[A-Za-z_])")
SKG_IRI = re.compile("<" + re.escape(str(SKG._NS)) + r"([^>]+)>")
PREFIX_LINE = re.compile(r"^\s*PREFIX\s+([\w-]*):\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)
TERMS = set(SKG.__annotations__)


def unknown_terms(text: str) -> list[str]:
    """Every ``skg:`` name, or full ontology IRI, in SPARQL ``text`` that the ontology does not define."""
    named = SKG_NAME.findall(blank(text))
    spelt = [m for token in IGNORED.findall(text) if token.startswith("<") for m in SKG_IRI.findall(token)]
    return [f"skg:{name}" for name in named + spelt if name not in TERMS]


def wrong_prefixes(text: str) -> list[str]:
    """Every PREFIX of ``text`` whose name is one of the project's but whose namespace is not."""
    return [f"{p}: <{ns}>" for p, ns in PREFIX_LINE.findall(text) if p in PREFIXES and PREFIXES[p] != ns]


@pytest.mark.parametrize("query", FILES, ids=lambda q: f"{q.role}/{q.name}")
def test_every_skg_name_is_an_ontology_term(query):
    assert unknown_terms(query.text) == []


def test_the_term_check_catches_a_planted_typo():
    planted = 'PREFIX skg: <https://w3id.org/sendkg/ontology#>\nSELECT * WHERE { ?c a skg:Councill ; skg:wave ?w .\n' \
              '  ?x <https://w3id.org/sendkg/ontology#gssCod> ?g FILTER(?w != "skg:Nothing") } # skg:Comment'
    assert unknown_terms(planted) == ["skg:Councill", "skg:gssCod"]


def test_the_term_check_catches_a_typo_planted_in_a_real_file():
    real = next(q for q in canned_queries() if q.name == "02-mandates-vs-findings").text
    assert unknown_terms(real) == [] and unknown_terms(real.replace("skg:bearsOn", "skg:bearOn")) != []


def test_the_term_check_finds_names_in_the_real_files():
    assert sum(len(SKG_NAME.findall(blank(q.text))) for q in FILES) > 140


@pytest.mark.parametrize("query", FILES, ids=lambda q: f"{q.role}/{q.name}")
def test_prefixes_are_the_projects(query):
    assert wrong_prefixes(query.text) == []


def test_the_prefix_check_catches_a_wrong_namespace():
    assert wrong_prefixes("PREFIX skg: <https://w3id.org/sendkg/ontology/>\nASK {}") == ["skg: <https://w3id.org/sendkg/ontology/>"]


@pytest.mark.parametrize("query", FILES, ids=lambda q: f"{q.role}/{q.name}")
def test_every_file_runs_with_its_parameters_bound(query):
    text = query.bind(**{p.name: SAMPLE[p.type] for p in query.params})
    assert not re.search(r"\$\w", blank(text)), "a parameter was left unbound"
    result = EmbeddedStore.from_rdf("").query(text)
    if not isinstance(result, ox.QueryBoolean):
        list(result)


@pytest.mark.parametrize("query", canned_queries(), ids=lambda q: q.name)
def test_canned_parameters_have_defaults(query):
    """A canned query is shown and served with no arguments, so every parameter has a default."""
    assert all(p.default is not None for p in query.params)


def test_bind_writes_values_as_terms_and_only_where_a_variable_would_be():
    text = bind('SELECT * WHERE { VALUES ?x { $x } FILTER(?y != "$x") } # $x\n', {"x": string_literal('a" } DROP ALL {')})
    assert text == 'SELECT * WHERE { VALUES ?x { "a\\" } DROP ALL {" } FILTER(?y != "$x") } # $x\n'


def test_bind_refuses_unknown_missing_and_badly_typed_values():
    query = next(q for q in all_query_files() if q.name == "construct-neighbourhood-2")
    with pytest.raises(ParameterError, match="no parameter depth"):
        query.bind(focus=SAMPLE["iri"], depth=2)
    with pytest.raises(ParameterError, match="needs a value for focus"):
        query.bind()
    with pytest.raises(ParameterError, match="focus: not an IRI"):
        query.bind(focus="x> } DROP ALL { <y")
    with pytest.raises(ParameterError, match="limit: not a whole number"):
        query.bind(focus=SAMPLE["iri"], limit="10; DROP")


def test_a_file_using_an_undeclared_parameter_is_refused(tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("# title: t\n# description: d\nSELECT * WHERE { ?s ?p $o }\n")
    with pytest.raises(QueryFileError, match="bad.rq.*uses parameters \\['o'\\]"):
        read_query(path, "test")


def test_a_file_without_a_title_is_refused(tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("# description: d\nASK {}\n")
    with pytest.raises(QueryFileError, match="missing header line"):
        read_query(path, "test")
