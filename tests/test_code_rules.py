"""House rules that a reader cannot see at a glance, checked over the code: no SPARQL text in Python, store
internals kept inside the store package, one public name per function in web/, both stores on one protocol."""

from __future__ import annotations

import ast
import re
import typing
from urllib.parse import unquote_plus
from pathlib import Path

import pytest

from graph.paths import ROOT
from graph.store import EmbeddedStore, RemoteStore, Store

SPARQL = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE|INSERT|DELETE)\b[^{}]*\{|\bWHERE\s*\{")


def python_files(*parts: str) -> list[Path]:
    """Every .py file under the named top-level folders."""
    return [p for part in parts for p in sorted((ROOT / part).rglob("*.py"))]


def string_constants(tree: ast.AST):
    """Every string constant of a module that is not a docstring, with its line."""
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def sparql_in(text: str) -> list[int]:
    """The lines of Python ``text`` whose string constants read like SPARQL queries."""
    return sorted(line for line, value in string_constants(ast.parse(text)) if SPARQL.search(unquote_plus(value)))


def test_no_sparql_text_in_python():
    offenders = [f"{p.relative_to(ROOT)}:{line}" for p in python_files("graph", "web", "bench") for line in sparql_in(p.read_text())]
    assert offenders == []


def test_the_sparql_check_catches_a_planted_query():
    planted = ('Q = "SELECT ?s WHERE { ?s ?p ?o }"\nR = f"ASK {{ <{x}> ?p ?o }}"\n"""SELECT in a docstring { }"""\n'
               'S = "CONSTRUCT\\n{ ?s ?p ?o }"\nT = "?query=ASK%7B%7D"\n')
    assert sparql_in(planted) == [1, 2, 4, 5]


def inner_uses(text: str) -> list[int]:
    """Lines reaching into a store's pyoxigraph object (``.inner`` / ``._inner``)."""
    return [n.lineno for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Attribute) and n.attr in ("inner", "_inner")]


def test_store_internals_stay_inside_the_store_package():
    outside = [p for p in python_files("graph", "web", "bench", "tests") if "store" not in p.relative_to(ROOT).parts[1:2]]
    assert outside and [f"{p.relative_to(ROOT)}:{n}" for p in outside for n in inner_uses(p.read_text())] == []


def test_the_internals_check_catches_a_planted_reach():
    assert inner_uses("def f(store):\n    return store._inner.query('x')\n") == [2]


def public_functions(path: Path) -> list[str]:
    """The module-level public function names of ``path``."""
    tree = ast.parse(path.read_text())
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]


def test_no_two_public_functions_in_web_share_a_name():
    seen: dict[str, list[str]] = {}
    for path in python_files("web"):
        for name in public_functions(path):
            seen.setdefault(name, []).append(str(path.relative_to(ROOT)))
    assert {name: where for name, where in seen.items() if len(where) > 1} == {}


PROTOCOL = {"description", "build_info", "query", "select", "triples", "__len__"}


def test_the_store_protocol_is_what_readers_use():
    members = {n for n in vars(Store) if not n.startswith("_") or n == "__len__"} | set(typing.get_type_hints(Store))
    assert members - {"__annotations__"} == PROTOCOL


@pytest.mark.parametrize("store", [EmbeddedStore.from_rdf(""), RemoteStore("http://127.0.0.1:9/query")],
                         ids=["embedded", "remote"])
def test_both_stores_meet_the_protocol(store):
    assert isinstance(store, Store)
    assert all(callable(getattr(store, n)) or isinstance(getattr(store, n), (str, dict)) for n in PROTOCOL)
