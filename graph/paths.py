"""Where sendkg finds its inputs and keeps its builds. Override the build folder with SENDKG_VAR."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "sendkg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
DATA_DIR = ROOT / "data"
QUERIES_DIR = Path(__file__).resolve().parent / "queries"


def var_dir() -> Path:
    """The folder holding builds and the ``current`` link to the store being served."""
    return Path(os.environ.get("SENDKG_VAR", ROOT / "var"))
