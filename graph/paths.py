"""Where sendkg finds its inputs, and where builds live unless a caller names another folder."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "sendkg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
DATA_DIR = ROOT / "data"
QUERIES_DIR = Path(__file__).resolve().parent / "queries"


def default_var_dir() -> Path:
    """The builds folder a command uses when none is given: ``SENDKG_VAR``, else ``var/`` in the project."""
    return Path(os.environ.get("SENDKG_VAR") or ROOT / "var")


def default_shared_dir() -> Path:
    """The read-only shared material ``sendkg import`` reads: ``SENDKG_SHARED``, else ``shared/`` beside the project."""
    return Path(os.environ.get("SENDKG_SHARED") or ROOT.parent / "shared")
