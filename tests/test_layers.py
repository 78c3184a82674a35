"""The architecture as a test: which part may import which, no import cycles, and views that stand alone.

An AST walk reads every import in graph/, web/, bench/ and tests/ (lazy and TYPE_CHECKING ones too: a
dependency is a dependency) and checks each arrow against ``ALLOWED``, which must say what the README's
architecture table says. Each rule is shown to fail on a planted violation.
"""

from __future__ import annotations

import ast
import re

import networkx as nx
import pytest

from graph.paths import ROOT

# The part a module belongs to: its longest matching prefix here.
PARTS = {
    "graph": "package", "graph.terms": "terms", "graph.paths": "paths", "graph.sources": "sources", "graph.imports": "imports", "graph.build": "build",
    "graph.store": "store", "graph.queries": "queries", "graph.exports": "exports", "graph.ingest": "ingest",
    "web": "web", "web.cli": "cli", "bench": "bench", "tests": "tests",
}
EVERYTHING = set(PARTS.values()) - {"tests"}
# Folders on the tests' import path (pytest's ``pythonpath``): ``import rdfcompare`` is tests/rdfcompare.py.
TEST_PATH = ("tests",)
# The arrows the architecture allows; a part may always import itself.
ALLOWED = {
    "package": set(), "terms": set(), "paths": set(),
    "queries": {"terms", "paths"},
    "exports": {"terms", "queries"},
    "store": {"terms", "paths", "queries", "exports"},
    "sources": {"terms", "paths"},
    "imports": {"sources", "terms", "paths"},
    "ingest": {"sources", "terms", "paths"},
    "build": {"sources", "terms", "paths", "store", "queries", "exports"},
    "web": {"store", "queries", "exports", "terms", "paths"},
    "cli": EVERYTHING,
    "bench": EVERYTHING,
    "tests": EVERYTHING | {"tests"},
}
# Inside web: views stand alone (only the route table imports them), models and shared helpers never import views.
WEB_TIERS = {"web.views": {"web.models", "web.shared"}, "web.models": {"web.models", "web.shared"},
             "web.shared": {"web.shared"}}


def read_modules() -> dict[str, tuple[str, bool]]:
    """Every module of graph/, web/ and bench/: name -> (source text, is a package)."""
    found = {}
    for part in ("graph", "web", "bench", "tests"):
        for path in sorted((ROOT / part).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            package = parts[-1] == "__init__"
            found[".".join(parts[:-1] if package else parts)] = (path.read_text(encoding="utf-8"), package)
    return found


def resolve(name: str, modules) -> str | None:
    """The known module ``name`` is (also as a module on the tests' import path), or the nearest known package above it."""
    for candidate in [name] + [f"{folder}.{name}" for folder in TEST_PATH]:
        while candidate and candidate not in modules:
            candidate = candidate.rpartition(".")[0]
        if candidate and candidate not in TEST_PATH:
            return candidate
    return None


def imports_of(module: str, modules: dict) -> set[str]:
    """The project modules ``module`` imports (``from pkg import mod`` counts as ``pkg.mod`` when that is a module)."""
    text, package = modules[module]
    here = module if package else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = ".".join(here.split(".")[:len(here.split(".")) - (node.level - 1)])
                base = f"{anchor}.{base}" if base else anchor
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        found |= {resolved for t in targets if (resolved := resolve(t, modules)) and resolved != module}
    return found


def part_of(module: str) -> str:
    """The part of the architecture ``module`` belongs to."""
    return PARTS[max((p for p in PARTS if module == p or module.startswith(p + ".")), key=len)]


def tier_of(module: str) -> str | None:
    """The web tier (views, models, shared) of a web module, if it is in one."""
    return next((t for t in WEB_TIERS if module == t or module.startswith(t + ".")), None)


def violations(modules: dict) -> list[str]:
    """Every import that breaks an arrow of ``ALLOWED`` or ``WEB_TIERS``, as 'a -> b (why)'."""
    found = []
    for module in sorted(modules):
        for target in sorted(imports_of(module, modules)):
            source_part, target_part = part_of(module), part_of(target)
            if source_part != target_part and target_part not in ALLOWED[source_part]:
                found.append(f"{module} -> {target} ({source_part} may not import {target_part})")
            tier, target_tier = tier_of(module), tier_of(target)
            if tier and target_tier and target_tier not in WEB_TIERS[tier] and module != "web.views":
                found.append(f"{module} -> {target} ({tier} may not import {target_tier})")
            if tier == "web.views" and target_tier == "web.views" and module != "web.views":
                found.append(f"{module} -> {target} (a view may not import another view)")
    return found


def cycles(modules: dict) -> list[list[str]]:
    """Every import cycle among the project's modules."""
    graph = nx.DiGraph((m, t) for m in modules for t in imports_of(m, modules))
    return [sorted(c) for c in nx.simple_cycles(graph)]


@pytest.fixture(scope="module")
def modules():
    return read_modules()


def test_every_import_follows_the_allowed_arrows(modules):
    assert violations(modules) == []


def test_no_import_cycle(modules):
    assert cycles(modules) == []


def test_every_module_is_in_a_part(modules):
    assert {part_of(m) for m in modules} == set(ALLOWED)


def readme_rules() -> dict[str, set[str]]:
    """The architecture table's last column, by folder, as sets of part names."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Architecture", 1)[1].split("\n## ", 1)[0]
    rules = {}
    for folder, allowed in re.findall(r"^\| `([^`]+)` \|[^|]*\|([^|]*)\|$", section, flags=re.MULTILINE):
        words = allowed.strip()
        rules[folder] = (EVERYTHING if words.startswith("anything") else set() if words.startswith("nothing")
                         else {w.strip() for w in words.split(",") if w.strip()})
    return rules


def test_the_readme_table_says_what_the_rules_say():
    rules = readme_rules()
    parts = {folder: folder.rstrip("/").removesuffix(".py").replace("/", ".") for folder in rules}
    for folder, module in parts.items():
        if module in PARTS:
            expected = ALLOWED[PARTS[module]] - ({"tests"} if PARTS[module] == "tests" else set())
            assert rules[folder] == expected, folder
        elif module in WEB_TIERS:
            assert rules[folder] == {t.rpartition(".")[2] for t in WEB_TIERS[module] - {module}}, folder
    assert {m for m in parts.values() if m in PARTS} == set(PARTS) - {"graph"}
    assert {m for m in parts.values() if m in WEB_TIERS} == set(WEB_TIERS)


@pytest.mark.parametrize("planted, expected", [
    ({"graph.store.planted": ("import web.views.pages\n", False)}, "store may not import web"),
    ({"graph.queries.planted": ("from graph.store import errors\n", False)}, "queries may not import store"),
    ({"graph.queries.planted": ("from .. import build\n", False)}, "queries may not import build"),
    ({"web.views.planted": ("from web.views import search\n", False)}, "a view may not import another view"),
    ({"web.models.planted": ("from web.views.explore import explore_args\n", False)}, "web.models may not import web.views"),
    ({"web.shared.planted": ("from graph.build import build\n", False)}, "web may not import build"),
    ({"bench.planted": ("import tests.conftest\n", False)}, "bench may not import tests"),
    ({"bench.planted": ("from rdfcompare import assert_isomorphic\n", False)}, "bench may not import tests"),
])
def test_a_planted_violation_is_found(modules, planted, expected):
    assert any(expected in v for v in violations({**modules, **planted}))


def test_a_planted_cycle_is_found(modules):
    planted = {"graph.queries.ping": ("from graph.queries import pong\n", False),
               "graph.queries.pong": ("def f():\n    import graph.queries.ping\n", False)}
    assert ["graph.queries.ping", "graph.queries.pong"] in cycles({**modules, **planted})
