"""The fact table import: ``<shared>/data/safety_valve_facts.csv`` -> ``<data>/facts/safety_valve_facts.csv``.

The project's copy is the shared table row for row, in the shared order, plus a stable ``id`` column. A row
already in the project keeps its id: old and new rows are matched on (council, fact_type, source_url,
evidence_snippet), then, for rows left over, on the same key without the source URL, without the evidence,
and finally on (council, fact_type) where exactly one row on each side is left. A new row gets
``<council-slug>-<fact-type-slug>``, with ``-2``, ``-3`` ... where that id is taken, in table order, so the
import is deterministic and running it twice gives identical files.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from graph.sources import FACT_TABLE
from graph.sources.fact_values import slugify as slug

SHARED_TABLE = Path("data") / "safety_valve_facts.csv"
COLUMNS = ["council", "fact_type", "value", "date", "source_url", "source_kind", "confidence", "evidence_snippet"]
COMPARED = ("value", "date", "source_url", "source_kind", "confidence", "evidence_snippet")
KEYS = (  # matching passes, strictest first
    ("council", "fact_type", "source_url", "evidence_snippet"),
    ("council", "fact_type", "evidence_snippet"),
    ("council", "fact_type", "source_url"),
)


class ImportFailed(Exception):
    """A shared or project file the import cannot read, with which file and why."""


@dataclass
class FactsReport:
    """What an import did: rows kept (by id), rows new, rows whose columns changed, old ids no longer present."""

    kept: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    changed: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)  # id -> column -> (old, new)
    removed: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as readable lines, changes and removals named one by one."""
        out = [f"facts: {len(self.kept) + len(self.new)} rows ({len(self.kept)} kept, {len(self.new)} new, "
               f"{len(self.changed)} changed, {len(self.removed)} removed)"]
        for row_id, columns in self.changed.items():
            out += [f"  changed {row_id}: {col} {old!r} -> {new!r}" for col, (old, new) in columns.items()]
        out += [f"  removed {row_id}" for row_id in self.removed]
        return out


def read_table(path: Path, columns: list[str]) -> list[dict[str, str]]:
    """The rows of the CSV at ``path``, which must have exactly ``columns``."""
    if not path.exists():
        raise ImportFailed(f"{path}: not found")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != columns:
            raise ImportFailed(f"{path}:1: columns are {reader.fieldnames}; expected {columns}")
        return [dict(row) for row in reader]


def match_ids(old: list[dict[str, str]], new: list[dict[str, str]]) -> list[str | None]:
    """For each new row, the id of the old row it is (None: a new row), each old row matched at most once."""
    ids: list[str | None] = [None] * len(new)
    left = list(old)
    for key in KEYS + (("council", "fact_type"),):
        pool: dict[tuple, list[dict]] = defaultdict(list)
        for row in left:
            pool[tuple(row[k] for k in key)].append(row)
        waiting = defaultdict(list)
        for i, row in enumerate(new):
            if ids[i] is None:
                waiting[tuple(row[k] for k in key)].append(i)
        for value, indices in waiting.items():
            candidates = pool.get(value, [])
            if key == ("council", "fact_type") and (len(candidates) != 1 or len(indices) != 1):
                continue
            for i, row in zip(indices, candidates):
                ids[i] = row["id"]
                left.remove(row)
    return ids


def new_id(row: dict[str, str], taken: set[str]) -> str:
    """``<council-slug>-<fact-type-slug>``, or with the first free ``-n`` suffix."""
    base = f"{slug(row['council'])}-{slug(row['fact_type'])}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def import_facts(shared_dir: Path, data_dir: Path) -> FactsReport:
    """Rewrite ``data_dir``'s fact table from ``shared_dir``'s, keeping every matched row's id; what it did."""
    shared = read_table(shared_dir / SHARED_TABLE, COLUMNS)
    target = data_dir / FACT_TABLE
    old = read_table(target, ["id"] + COLUMNS) if target.exists() else []
    by_id = {row["id"]: row for row in old}
    ids = match_ids(old, shared)
    taken = {i for i in ids if i}
    report = FactsReport()
    out = []
    for row, row_id in zip(shared, ids):
        if row_id is None:
            row_id = new_id(row, taken)
            taken.add(row_id)
            report.new.append(row_id)
        else:
            report.kept.append(row_id)
            diff = {c: (by_id[row_id][c], row[c]) for c in COMPARED if by_id[row_id][c] != row[c]}
            if diff:
                report.changed[row_id] = diff
        out.append({"id": row_id, **row})
    report.removed = [row["id"] for row in old if row["id"] not in taken]
    write_table(target, out)
    return report


def write_table(path: Path, rows: list[dict[str, str]]) -> None:
    """Write ``rows`` as CSV (``\\n`` line ends, minimal quoting), only if the text differs."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["id"] + COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != buffer.getvalue():
        path.write_text(buffer.getvalue(), encoding="utf-8")
