"""The read-only shared material (``../shared``: source captures, the fact table, the DfE files) some tests read.

The project never copies it (its figures are in ``data/``), so a checkout may have none beside it: then the tests
that compare ``data/`` with it are skipped, saying where it was looked for. Everything else runs on ``data/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
