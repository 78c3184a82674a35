"""The README documents every CLI command, route, canned query and setting, and names no missing file."""

from __future__ import annotations

import re

import pytest

from web.cli import make_parser
from graph.paths import ROOT
from graph.queries import canned_queries
from web import create_app
from web.config import ENVIRONMENT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subcommands() -> list[str]:
    sub = next(a for a in make_parser()._actions if a.dest == "command")
    return sorted(sub.choices)


def _routes() -> list[str]:
    app = create_app({"TESTING": True}, store=object())
    return sorted({re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", r.rule) for r in app.url_map.iter_rules() if r.endpoint != "static"})


@pytest.mark.parametrize("command", _subcommands())
def test_cli_command_is_documented(command):
    assert f"sendkg {command}" in README


@pytest.mark.parametrize("route", _routes())
def test_route_is_documented(route):
    assert f"`{route}`" in README or f"`{route.rstrip('/')}" in README


@pytest.mark.parametrize("query", [q.name for q in canned_queries()])
def test_canned_query_is_documented(query):
    assert f"`{query}`" in README


@pytest.mark.parametrize("variable", sorted(ENVIRONMENT))
def test_setting_is_documented(variable):
    assert f"`{variable}`" in README


def test_files_the_readme_names_exist():
    named = set(re.findall(r"`((?:data|graph|ontology|web|tests|bench|\.ci)/[\w./*-]+)`", README))
    missing = [path for path in named if "*" not in path and not (ROOT / path).exists()]
    assert missing == []


def _architecture_folders() -> list[str]:
    section = README.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE)


def test_the_architecture_table_names_real_folders():
    named = _architecture_folders()
    assert named and [n for n in named if not (ROOT / n).exists()] == []


@pytest.mark.parametrize("part", sorted(
    f"{p.parent.relative_to(ROOT).as_posix()}/" for p in [*(ROOT / "graph").glob("*/__init__.py"), *(ROOT / "web").glob("*/__init__.py")]))
def test_every_part_folder_is_in_the_architecture_table(part):
    assert part in _architecture_folders()
