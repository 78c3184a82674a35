"""Candidates to a draft source file under ``data/drafts/``, and back.

A draft has the format of ``data/sources/*.yaml`` (``source:`` then ``entities:``), and every candidate is an
entity with a ``draft:`` block: its kind, the exact text and its offsets into the input, its sentence and
its fields. The build refuses any file holding a ``draft:`` block (``graph/sources/yaml_files.py``), so a
draft reaches the graph only through ``sendkg review``, which writes the accepted claims without it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from graph.ingest.candidates import Candidate

TYPES = {"quote": "Quote", "finding": "Quote", "reported_speech": "ReportedSpeech", "money": "SourcedFact",
         "duration": "Measurement", "council": "Council", "person": "Person", "organisation": "Organisation",
         "inspection_outcome": "SourcedFact", "date": "SourcedFact", "intervention": "SourcedFact"}
HEADER = ("# DRAFT written by `sendkg ingest` from {input} (sha256 {sha}).\n"
          "# Every entity with a `draft:` block is a candidate, not a claim: the build refuses this file.\n"
          "# Review it with `sendkg review {path}`: accepted candidates become data/sources/{slug}.yaml.\n")


def slug_of(text: str) -> str:
    """A source id from a title or file name: lower case, words joined by hyphens, no leading number."""
    words = re.sub(r"^\d+[_-]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", words).strip("-")[:80] or "source"


def draft_document(candidates: list[Candidate], text: str, meta: dict) -> dict:
    """The draft as YAML-ready data: the source block from ``meta`` and one entity per candidate."""
    source = {k: v for k, v in meta.items() if v not in (None, "")}
    source.setdefault("kind", "news")
    entities = []
    for number, c in enumerate(candidates, 1):
        block = {"kind": c.kind, "start": c.start, "end": c.end, "text": c.text, **c.fields}
        if c.sentence:
            block["sentence"] = text[c.sentence[0]:c.sentence[1]]
        entities.append({"id": f"draft/{c.kind.replace('_', '-')}-{number:03d}", "type": TYPES[c.kind],
                         "label": _label(c), "evidenceText": block.get("sentence", c.text),
                         "confidence": c.confidence, "draft": block})
    return {"source": source, "entities": entities}


def _label(c: Candidate) -> str:
    words = " ".join(c.text.split()[:10])
    who = c.fields.get("speaker") or c.fields.get("name")
    return f"{who}: {words}" if who and c.kind in {"quote", "finding", "reported_speech"} else words


def write_draft(document: dict, text: str, input_name: str, path: Path) -> Path:
    """Write ``document`` to ``path`` with the header that says it is a draft."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    header = HEADER.format(input=input_name, sha=sha, path=path, slug=document["source"].get("id", "?"))
    path.write_text(header + dump(document), encoding="utf-8")
    return path


def dump(document: dict) -> str:
    """YAML text for a source or draft document, keys in order, text unescaped."""
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)


def read_draft(path: Path) -> tuple[dict, list[dict]]:
    """The source block and the candidates (each entity's ``draft:`` block with its confidence) of a draft file."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not a draft source file (not YAML: {exc.__class__.__name__})") from exc
    if not isinstance(document, dict) or "source" not in document:
        raise ValueError(f"{path}: not a draft source file (no 'source:' block)")
    candidates = []
    for entity in document.get("entities") or []:
        if isinstance(entity, dict) and isinstance(entity.get("draft"), dict):
            candidates.append({**entity["draft"], "confidence": entity.get("confidence", "medium")})
    if not candidates:
        raise ValueError(f"{path}: holds no draft candidates (entities with a 'draft:' block)")
    return document["source"], candidates
