"""Where the test fixtures are, and a fixture graph as bytes with the ontology before it."""

from __future__ import annotations

from pathlib import Path

from graph.paths import ONTOLOGY_FILE

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    """The ontology followed by ``tests/fixtures/<name>.ttl``."""
    return ONTOLOGY_FILE.read_bytes() + b"\n" + (FIXTURES / f"{name}.ttl").read_bytes()

