"""The intermediate form every data file is read into before it becomes RDF.

Readers (``sources.py`` for YAML, ``facts.py`` for the CSV fact table) produce ``Record``s;
``rdfize.py`` turns records into triples. Keeping this one shape means one place checks keys,
types and references against the ontology, whatever file a fact came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class DataError(Exception):
    """A problem in a data file, with where it is (``path:line``) and what is wrong."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


class DataErrors(Exception):
    """Several data problems found in one pass, reported together."""

    def __init__(self, errors: list[DataError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class Record:
    """One entity as one source states it: id ``kind/slug``, classes, properties, source, location."""

    id: str
    types: list[str]
    props: dict[str, list[Any]] = field(default_factory=dict)
    source: str | None = None
    where: str = "?"
    key_where: dict[str, str] = field(default_factory=dict)

    def add(self, key: str, value: Any, where: str | None = None) -> None:
        """Append ``value`` to property ``key``, remembering where it was stated."""
        self.props.setdefault(key, []).append(value)
        if where:
            self.key_where.setdefault(key, where)
