"""docs/reliability.md names every corpus request and only tests and files that exist."""

from __future__ import annotations

import ast
import re

from reliability.corpus import corpus
from graph.paths import ROOT

DOC = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")


def test_every_corpus_request_is_a_row():
    assert [h.id for h in corpus() if f"| `{h.id}` |" not in DOC] == []


def test_every_named_test_exists():
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)", DOC)
    assert len(named) >= 8
    for path, name in named:
        tree = ast.parse((ROOT / path).read_text())
        assert name in {f.name for f in tree.body if isinstance(f, ast.FunctionDef)}, f"{path}::{name}"


def test_every_named_file_exists():
    named = set(re.findall(r"`((?:tests|bench|graph|web|docs)/[\w./-]+\.(?:py|ttl|md))", DOC))
    assert named and [n for n in named if not (ROOT / n).exists()] == []
