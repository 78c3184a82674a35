"""Read the curated fact table ``data/facts/safety_valve_facts.csv`` into ``Record``s.

(First cut: every row becomes a SourcedFact with its source, value, date, evidence and confidence.)
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

from .records import DataError, Record

COLUMNS = ["id", "council", "fact_type", "value", "date", "source_url", "source_kind", "confidence", "evidence_snippet"]


def slugify(text: str) -> str:
    """Lower-case, hyphen-separated ASCII slug."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def read_facts(path: Path, root: Path) -> list[Record]:
    """One SourcedFact record per row, plus one SourceDocument per distinct source URL."""
    if not path.exists():
        return []
    rel = str(path.relative_to(root))
    records: list[Record] = []
    sources: dict[str, Record] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise DataError(f"{rel}:1", f"columns are {reader.fieldnames}; expected {COLUMNS}")
        for line, row in enumerate(reader, start=2):
            where = f"{rel}:{line}"
            url = row["source_url"]
            source_id = "source/" + hashlib.sha1(url.encode()).hexdigest()[:10]
            if url not in sources:
                doc = Record(id=source_id, types=["SourceDocument"], where=where, source=source_id)
                doc.add("label", url)
                doc.add("dcterms:title", url)
                doc.add("schema:url", url)
                doc.add("sourceKind", row["source_kind"])
                sources[url] = doc
            fact = Record(id=f"fact/{row['id']}", types=["SourcedFact"], source=source_id, where=where)
            fact.add("label", f"{row['council']}: {row['fact_type']}: {row['value']}")
            fact.add("statedValue", row["value"])
            fact.add("evidenceText", row["evidence_snippet"])
            fact.add("confidence", row["confidence"])
            records.append(fact)
    return list(sources.values()) + records
