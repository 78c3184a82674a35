"""The names ingest recognises: councils, people and organisations, from the graph's own labels.

The gazetteer is built from the records of ``data/`` (``graph.sources.read_records``), the same records the
build turns into the graph, so it needs no built store and knows a council the moment its file is added.
Each entity gives its ``label`` and every ``skos:altLabel``, plus a few spellings derived from them: without
commas ("Bournemouth Christchurch and Poole"), the initials of a name of three or more words ("BCP"), the
short form of an "X upon Y" name ("Kingston"), a parenthesised acronym ("ASCL") and the name without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graph.sources import read_records
from graph.sources.records import Record
from graph.terms import entity_iri

KINDS = {"Council": "council", "Person": "person", "Organisation": "organisation", "Union": "organisation",
         "Charity": "organisation", "Inspectorate": "organisation", "GovernmentDepartment": "organisation",
         "Publisher": "organisation"}


@dataclass(frozen=True)
class Name:
    """A spelling ``text`` of entity ``id`` (``kind/slug``) of ``kind`` council, person or organisation; ``label`` is its label."""

    text: str
    kind: str
    id: str
    label: str

    @property
    def iri(self) -> str:
        """The entity's IRI in the graph."""
        kind, _, slug = self.id.partition("/")
        return str(entity_iri(kind, slug))


def names_from_records(records: list[Record]) -> list[Name]:
    """Every spelling of every council, person and organisation the records label."""
    found: dict[tuple[str, str], Name] = {}
    for record in records:
        kind = next((KINDS[t] for t in record.types if t in KINDS), None)
        labels = [str(v) for v in record.props.get("label", [])]
        if not kind or not labels:
            continue
        for text in {v for label in labels + [str(a) for a in record.props.get("skos:altLabel", [])]
                     for v in variants(label, kind)}:
            found.setdefault((text.lower(), record.id), Name(text, kind, record.id, labels[0]))
    return sorted(found.values(), key=lambda n: (n.id, n.text))


def names_from_data(data_dir: Path) -> list[Name]:
    """The gazetteer of the data folder ``data_dir``."""
    return names_from_records(read_records(data_dir))


def variants(label: str, kind: str) -> set[str]:
    """The spellings of ``label`` a document may use."""
    out = {label, label.replace(",", "")}
    acronym = re.search(r"\(([A-Z][A-Za-z]{1,9})\)\s*$", label)
    if acronym:
        out |= {acronym.group(1), label[:acronym.start()].strip()}
    words = label.split()
    if kind == "organisation" and len(words) >= 3 and not acronym:
        out.add("".join(w[0] for w in words if w not in {"and", "the", "of"}))  # Department for Education: DfE
    if kind == "council":
        capitals = [w for w in label.replace(",", "").split() if w[:1].isupper()]
        if len(capitals) >= 3:
            out.add("".join(w[0] for w in capitals))
        if " upon " in label:
            out.add(label.split(" upon ")[0])
        out |= {v.replace(" and ", " & ") for v in list(out) if " and " in v}
    return {v.strip() for v in out if v.strip()}
