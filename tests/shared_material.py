"""The read-only shared material (``../shared``: source captures, the fact table, the DfE files) some tests read.

The project never copies it (its figures are in ``data/``), so a checkout may have none beside it: then the tests
that compare ``data/`` with it are skipped, saying where it was looked for. Everything else runs on ``data/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from graph.paths import ROOT, default_shared_dir


def shared_root() -> Path:
    """The shared folder: ``SENDKG_SHARED``, else ``shared/`` beside the project or beside its worktrees folder."""
    for candidate in (default_shared_dir(), ROOT.parent.parent / "shared"):
        if (candidate / "sources").is_dir() and (candidate / "data").is_dir():
            return candidate
    pytest.skip(f"no shared material at {default_shared_dir()} (set SENDKG_SHARED): the tests comparing data/ with it cannot run")


def shared_sources() -> Path:
    """The captured source documents."""
    return shared_root() / "sources"


QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
VERBATIM_KEYS = ("evidenceText", "quoteText", "reportedText")


def normalised(text: str) -> str:
    """``text`` with runs of whitespace as one space and curly quotation marks as straight ones."""
    return re.sub(r"\s+", " ", text.translate(QUOTE_MARKS)).strip()


def verbatim_texts(source_file: Path) -> list[tuple[str, str, str]]:
    """(entity id, key, text) for every evidence, quote and reported text of one source file."""
    document = yaml.safe_load(source_file.read_text(encoding="utf-8"))
    return [(e["id"], key, str(e[key])) for e in document["entities"] for key in VERBATIM_KEYS if key in e]


def occurs_in_order(text: str, capture: str) -> bool:
    """Whether each "..."-separated part of ``text`` occurs in normalised ``capture``, in order."""
    position = 0
    for part in (normalised(p) for p in normalised(text).split("...")):
        found = capture.find(part, position) if part else position
        if found < 0:
            return False
        position = found + len(part)
    return True
