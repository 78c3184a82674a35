"""``data/facts/events.yaml``: which real-world event a fact-table row is a claim about, where no rule says it,
and which claim about an event is preferred where sources give different values.

Most rows name their event by their fact type's rule (``fact_types.py``: one funding event per council, one
inspection per council and year, ...). This file names the rest (an event several councils share, a row that
restates another event) and the preferred claims, each with the curator's reason, so reconciliation is never
silent: a row is joined to an event only by a rule or by a line here. Its ``claims:`` section joins rows to an
existing entity that is not an event (an improvement area or the findings a curated source file mints), so a
row restating what that file states is one more claim about the same node, not a second node; a row that sums up
several findings in one value is a claim about each of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.sources.records import DataError

EVENT_ID = re.compile(r"^[a-z][a-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
KEYS = {"id", "type", "label", "rows", "preferred", "reason", "note", "revisitOf", "distinctFrom"}
CLAIM_KEYS = {"about", "rows", "reason"}
LINKS = ("revisitOf", "distinctFrom")  # links an event takes from this file: the inspection a revisit follows up,
# and the events a curator says are not the same one (duplicate-event-violation.rq asks for it)


@dataclass
class EventPlan:
    """The curated events: row id -> event id, the event's class and label where given, preferred rows and why."""

    event_of: dict[str, str] = field(default_factory=dict)
    cls: dict[str, str] = field(default_factory=dict)
    label: dict[str, str] = field(default_factory=dict)
    note: dict[str, str] = field(default_factory=dict)
    preferred: dict[str, str] = field(default_factory=dict)  # row id -> reason
    about: dict[str, list[str]] = field(default_factory=dict)  # row id -> the existing entities it is a claim about
    about_reason: dict[str, str] = field(default_factory=dict)  # row id -> why the curator joined it to them
    links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # event id -> [(link, event id)]
    where: str = "events.yaml"  # how errors name the file

    def check_rows(self, row_ids: set[str]) -> None:
        """Every row this file names must be a row of the table."""
        unknown = sorted((set(self.event_of) | set(self.preferred) | set(self.about)) - row_ids)
        if unknown:
            raise DataError(self.where, f"names rows the fact table does not have: {', '.join(unknown)}")


def read_events(path: Path, shown: str) -> EventPlan:
    """Read the curated events file at ``path`` (``shown`` is how errors name it); an empty plan if there is none."""
    plan = EventPlan(where=shown)
    if not path.exists():
        return plan
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise DataError(shown, f"YAML syntax error: {error}") from None
    for entry in document.get("events", []):
        add_event(plan, entry, shown)
    for entry in document.get("claims", []):
        add_claims(plan, entry, shown)
    return plan


def add_claims(plan: EventPlan, entry: dict, shown: str) -> None:
    """Take one ``claims:`` entry: rows that are claims about existing entities (not events), with why; ``about``
    names one entity or a list of them."""
    about = entry.get("about", "")
    targets = [str(t) for t in about] if isinstance(about, list) else [str(about)]
    where = f"{shown}: claims about {', '.join(targets) or '(no about)'}"
    if not targets or not all(EVENT_ID.match(t) for t in targets):
        raise DataError(where, "needs 'about:' naming an entity id of the form kind/slug, or a list of them")
    unknown = set(entry) - CLAIM_KEYS
    if unknown:
        raise DataError(where, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(CLAIM_KEYS)}")
    if "reason" not in entry or not entry.get("rows"):
        raise DataError(where, "needs 'rows:' and the curator's 'reason:' for joining them to it")
    for row in entry["rows"]:
        row = str(row)
        if row in plan.event_of or row in plan.about:
            raise DataError(where, f"row {row!r} is already a claim about {plan.event_of.get(row) or ', '.join(plan.about[row])}")
        plan.about[row] = targets
        plan.about_reason[row] = " ".join(str(entry["reason"]).split())


def add_event(plan: EventPlan, entry: dict, shown: str) -> None:
    """Take one entry of the file into ``plan``; ``DataError`` naming the event if it is malformed."""
    event_id = str(entry.get("id", ""))
    where = f"{shown}: event {event_id or '(no id)'}"
    if not EVENT_ID.match(event_id):
        raise DataError(where, "needs an id of the form kind/slug")
    unknown = set(entry) - KEYS
    if unknown:
        raise DataError(where, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(KEYS)}")
    for row in entry.get("rows", []):
        if row in plan.event_of or row in plan.about:
            raise DataError(where, f"row {row!r} is already a claim about {plan.event_of.get(row) or ', '.join(plan.about[row])}")
        plan.event_of[str(row)] = event_id
    for link in LINKS:
        targets = entry.get(link, [])
        for target in targets if isinstance(targets, list) else [targets]:
            if not EVENT_ID.match(str(target)):
                raise DataError(where, f"{link} {target!r} is not an event id of the form kind/slug")
            plan.links.setdefault(event_id, []).append((link, str(target)))
    for key, table in (("type", plan.cls), ("label", plan.label), ("note", plan.note)):
        if key in entry:
            table[event_id] = str(entry[key])
    if "preferred" in entry:
        if "reason" not in entry:
            raise DataError(where, "a preferred claim needs its reason ('reason:')")
        plan.preferred[str(entry["preferred"])] = str(entry["reason"])
