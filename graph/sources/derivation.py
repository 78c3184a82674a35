"""The entities fact-table rules declare: one record per (entity id, source), so each statement keeps its provenance.

Rules (``rules.py``) add to a row's own fact record, or declare through a ``Derivation`` the entities the
row is about (agreements, inspections, wave counts) as the row's source document states them.
"""

from __future__ import annotations

from graph.sources.fact_values import Row, council_id, slugify
from graph.sources.records import DataError, Record

PROGRAMME_ID = "programme/safety-valve"


def add_once(record: Record, key: str, value) -> None:
    """Add ``value`` to ``record[key]`` unless it is already there."""
    if value not in record.props.get(key, []):
        record.add(key, value)


class Derivation:
    """The entity records rules declare, one per (entity id, source), and the councils the table names."""

    def __init__(self, council_names: set[str]):
        self.council_names = council_names
        self._records: dict[tuple[str, str], Record] = {}

    def entity(self, entity_id: str, types: list[str], row: Row) -> Record:
        """The record for ``entity_id`` as ``row``'s source states it (created on first use)."""
        key = (entity_id, row.source)
        if key not in self._records:
            self._records[key] = Record(id=entity_id, types=types, source=key[1], where=row.where)
        return self._records[key]

    def agreement(self, council: str, row: Row) -> str:
        """Declare ``council``'s safety valve agreement from ``row``'s source; return its id."""
        if council not in self.council_names:
            raise DataError(row.where, f"{council!r} is not a council the fact table names")
        agreement_id = f"agreement/{slugify(council)}"
        record = self.entity(agreement_id, ["SafetyValveAgreement"], row)
        if not record.props:
            record.add("label", f"{council} safety valve agreement")
            record.add("council", council_id(council))
            record.add("partOfProgramme", PROGRAMME_ID)
        return agreement_id

    def event(self, event_id: str, cls: str, label: str, row: Row) -> Record:
        """The event ``event_id`` of class ``cls`` as ``row``'s source describes it (created on first use)."""
        record = self.entity(event_id, [cls], row)
        if cls not in record.types:
            record.types.append(cls)
        add_once(record, "label", label)
        return record

    def declares(self, entity_id: str) -> bool:
        """True once any source has declared ``entity_id``."""
        return any(key[0] == entity_id for key in self._records)

    def records(self) -> list[Record]:
        """Every declared entity record, in the order first declared."""
        return list(self._records.values())
