"""Read the curated fact table ``data/facts/safety_valve_facts.csv`` into ``Record``s.

Every row becomes a ``skg:SourcedFact`` keeping its value, date, evidence and confidence, derived
from a ``skg:SourceDocument`` for its URL; its fact type (``fact_types.FACT_TYPES``) adds the typed
statements the row supports. The entities rows are about (councils, the programme, agreement waves, fact types) are
declared here with the same ids and labels the YAML sources use:
``council/<slug>``, ``programme/safety-valve``, ``wave/<YYYY-YY>``, ``fact-type/<fact-type>``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from graph.sources.derivation import PROGRAMME_ID, Derivation, add_once
from graph.sources.events import EventPlan
from graph.sources.fact_types import FACT_TYPES
from graph.sources.fact_values import Row, council_id, readable_title, slugify, source_id
from graph.sources.records import DataError, Record
from graph.sources.rules import WAVES

COLUMNS = ["id", "council", "fact_type", "value", "date", "source_url", "source_kind", "confidence", "evidence_snippet"]
PROGRAMME_LABEL = "Safety valve programme (DSG very high deficit intervention)"
CONFIDENCES = ("high", "medium", "low")


def fact_type_id(fact_type: str) -> str:
    """The entity id of a fact type (``sv_funding`` -> ``fact-type/sv-funding``)."""
    return f"fact-type/{slugify(fact_type)}"


def shared_records(where: str, source: str) -> list[Record]:
    """The programme, its waves and the fact types, as the table's first source states them."""
    records = [Record(id=PROGRAMME_ID, types=["Programme"], source=source, where=where)]
    records[0].add("label", PROGRAMME_LABEL)
    for wave in WAVES:
        record = Record(id=f"wave/{wave}", types=["AgreementWave"], source=source, where=where)
        record.add("label", f"{wave} wave")
        record.add("financialYear", wave)
        record.add("partOfProgramme", PROGRAMME_ID)
        records.append(record)
    for fact_type in FACT_TYPES.values():
        record = Record(id=fact_type_id(fact_type.name), types=["FactType"], where=where)
        record.add("label", fact_type.label)
        record.add("skos:altLabel", fact_type.name)
        if fact_type.broader:
            record.add("skos:broader", fact_type_id(fact_type.broader))
        records.append(record)
    return records


def read_rows(path: Path, root: Path, known_sources: dict[str, str] | None = None) -> list[Row]:
    """The table's rows, each checked and given its source's id (a YAML source with its URL, else a hash)."""
    if not path.exists():
        raise DataError(str(path), "the fact table is missing")
    rel = str(path.relative_to(root))
    rows: list[Row] = []
    seen: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise DataError(f"{rel}:1", f"columns are {reader.fieldnames}; expected {COLUMNS}")
        for line, fields in enumerate(reader, start=2):
            values = {key: (fields[key] or "").strip() for key in COLUMNS}
            source = (known_sources or {}).get(values["source_url"]) or source_id(values["source_url"])
            row = Row(**values, where=f"{rel}:{line}", source=source)
            _check_row(row, seen)
            seen[row.id] = row.where
            rows.append(row)
    if not rows:
        raise DataError(f"{rel}:2", "the fact table has no rows")
    return rows


def _check_row(row: Row, seen: dict[str, str]) -> None:
    if not row.id or row.id in seen:
        raise DataError(row.where, f"id {row.id!r} is empty or already used (at {seen.get(row.id)})")
    for column in ("council", "value", "source_url", "source_kind"):
        if not getattr(row, column):
            raise DataError(row.where, f"the {column} column is empty")
    if row.fact_type not in FACT_TYPES:
        raise DataError(row.where, f"unknown fact_type {row.fact_type!r}; known: {sorted(FACT_TYPES)}")
    if row.confidence not in CONFIDENCES:
        raise DataError(row.where, f"confidence {row.confidence!r} is not one of {CONFIDENCES}")


def source_record(row: Row) -> Record:
    """The SourceDocument for the row's URL, titled by its host and path."""
    doc = Record(id=row.source, types=["SourceDocument"], where=row.where)
    doc.source = doc.id
    title = readable_title(row.source_url)
    doc.add("label", title)
    doc.add("dcterms:title", title)
    doc.add("sourceKind", row.source_kind)
    if "://" in row.source_url:
        doc.add("schema:url", row.source_url)
    else:
        doc.add("dcterms:description", row.source_url)
        doc.add("note", "The fact table gives a description, not a URL, for this source.")
    return doc


def fact_record(row: Row, subject: str) -> Record:
    """The row itself as a SourcedFact: type, subject, value, evidence and confidence."""
    fact = Record(id=f"fact/{row.id}", types=["SourcedFact"], source=row.source, where=row.where)
    fact.add("label", f"{row.council}: {FACT_TYPES[row.fact_type].label}: {row.value}")
    fact.add("factType", fact_type_id(row.fact_type))
    fact.add("about", subject)
    fact.add("statedValue", row.value)
    fact.add("evidenceText", row.evidence_snippet)
    fact.add("confidence", row.confidence)
    return fact


def source_urls(records: list[Record]) -> dict[str, str]:
    """URL -> id of the source documents already read (the YAML sources), so table rows can join them."""
    return {str(r.props["schema:url"][0]): r.id for r in records
            if "SourceDocument" in r.types and r.props.get("schema:url")}


def event_of(row: Row, plan: EventPlan) -> tuple[str, str, str] | None:
    """The (id, class, label) of the event ``row`` is a claim about: named in events.yaml, else by its fact type's
    rule; None for a row about no event. A row of an event type that neither names is an error."""
    fact_type = FACT_TYPES[row.fact_type]
    event_id = plan.event_of.get(row.id) or fact_type.event_id(row)
    if event_id is None:
        if fact_type.cls:
            raise DataError(row.where, f"row {row.id!r} is a {fact_type.cls} but no rule names its event: "
                                       "add it to data/facts/events.yaml")
        return None
    cls = plan.cls.get(event_id) or fact_type.cls
    if cls is None:
        raise DataError(row.where, f"event {event_id!r} has no class: give it a 'type' in data/facts/events.yaml")
    label = plan.label.get(event_id) or fact_type.label_of_event(row) or event_id
    return event_id, cls, label


def read_facts(path: Path, root: Path, known_sources: dict[str, str] | None = None, plan: EventPlan | None = None) -> list[Record]:
    """One SourcedFact per row, one SourceDocument per URL not in ``known_sources`` (URL -> id), and entities;
    ``plan`` (data/facts/events.yaml) names the events no rule names and the preferred claims."""
    plan = plan or EventPlan()
    rows = read_rows(path, root, known_sources)
    plan.check_rows({row.id for row in rows})
    derivation = Derivation({row.council for row in rows if not row.is_programme})
    sources: dict[str, Record] = {}
    councils: dict[str, Record] = {}
    facts: list[Record] = []
    for row in rows:
        if row.source_url not in sources and row.source == source_id(row.source_url):
            sources[row.source_url] = source_record(row)
        subject = PROGRAMME_ID if row.is_programme else council_id(row.council)
        if not row.is_programme and subject not in councils:
            councils[subject] = Record(id=subject, types=["Council"], source=row.source, where=row.where)
            councils[subject].add("label", row.council)
        fact = fact_record(row, subject)
        about = plan.about.get(row.id)
        event = None if about else event_of(row, plan)
        if about:  # the join is the curator's, so the claim carries the reason
            fact.add("note", f"Joined by data/facts/events.yaml to what it is about: {plan.about_reason[row.id]}")
        FACT_TYPES[row.fact_type].derive(row, fact, derivation, event, about)
        if event and event[0] in plan.note:
            add_once(derivation.entity(event[0], [event[1]], row), "note", plan.note[event[0]])
        for link, target in plan.links.get(event[0], []) if event else []:
            add_once(derivation.entity(event[0], [event[1]], row), link, target)
        if row.id in plan.preferred:
            fact.add("rank", "preferred")
            fact.add("rankReason", plan.preferred[row.id])
        facts.append(fact)
    shared = shared_records(rows[0].where, rows[0].source)
    return shared + list(sources.values()) + list(councils.values()) + derivation.records() + facts
