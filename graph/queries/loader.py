"""SPARQL files as first-class objects: every ``.rq`` under ``graph/queries/`` opens with a header.

Header lines are ``# title: ...`` and ``# description: ...`` (required), optionally ``# param: name``.
Roles come from the folder and name: ``canned/*.rq`` are shown in the UI and the API,
``checks/*-violation.rq`` must return no rows (the build fails otherwise), ``construct-*.rq`` build graphs,
and the other files directly in ``graph/queries/`` are reports the code runs (``report_query``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph.paths import QUERIES_DIR

HEADER = re.compile(r"^#\s*(title|description|param):\s*(.+?)\s*$")


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query file: its name (file stem), title, description, text and role."""

    name: str
    title: str
    description: str
    text: str
    role: str
    path: Path


def read_query(path: Path, role: str) -> NamedQuery:
    """Parse one ``.rq`` file and its header; ``ValueError`` names the file if the header is missing."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = HEADER.match(line)
        if match:
            key, value = match.groups()
            header[key] = (header[key] + " " + value) if key in header else value
    missing = [k for k in ("title", "description") if k not in header]
    if missing:
        raise ValueError(f"{path}: missing header line(s) {', '.join('# ' + m + ':' for m in missing)}")
    return NamedQuery(path.stem, header["title"], header["description"], text, role, path)


@lru_cache(maxsize=None)
def _load(folder: Path, role: str, pattern: str) -> tuple[NamedQuery, ...]:
    return tuple(read_query(p, role) for p in sorted(folder.glob(pattern)))


def canned_queries(folder: Path = QUERIES_DIR) -> tuple[NamedQuery, ...]:
    """The canned queries shown to users, in file-name order."""
    return _load(folder / "canned", "canned", "*.rq")


def violation_checks(folder: Path = QUERIES_DIR) -> tuple[NamedQuery, ...]:
    """The ``*-violation.rq`` checks: each must return no rows on valid data."""
    return _load(folder / "checks", "violation", "*-violation.rq")


def report_query(name: str, folder: Path = QUERIES_DIR) -> NamedQuery:
    """A report query the code itself runs (``graph/queries/reports/<name>.rq``)."""
    return read_query(folder / "reports" / f"{name}.rq", "report")


def canned_query(name: str, folder: Path = QUERIES_DIR) -> NamedQuery | None:
    """The canned query called ``name``, or None."""
    return next((q for q in canned_queries(folder) if q.name == name), None)
