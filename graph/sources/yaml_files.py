"""Read the per-source YAML files in ``data/sources/`` into ``Record``s, keeping line numbers.

The format is described in ``data/README.md``. Every error names the file and line it is about.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from graph.sources.records import DataError, DataErrors, Record

ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
SOURCE_KEYS = {"id", "title", "publisher", "url", "kind", "published", "note", "confidence", "author"}


def _construct(node: yaml.Node):
    """Turn a composed YAML node into Python values (lists, dicts, scalars, dates)."""
    loader = yaml.SafeLoader("")
    return loader.construct_object(node, deep=True)


def _where(path: Path, node: yaml.Node, root: Path) -> str:
    return f"{_rel(path, root)}:{node.start_mark.line + 1}"


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _mapping(node: yaml.Node, where: str, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise DataError(where, f"{what} must be a mapping of keys to values")
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if key in out:
            raise DataError(where, f"key {key!r} appears twice in {what}")
        out[key] = (key_node, value_node)
    return out


def read_source_file(path: Path, root: Path) -> list[Record]:
    """Parse one ``sources/*.yaml`` file into records: the source document first, then its entities."""
    rel = _rel(path, root)
    try:
        document = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else "?"
        raise DataError(f"{rel}:{line}", f"YAML syntax error: {exc.problem}") from exc
    except UnicodeDecodeError as exc:
        raise DataError(rel, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if document is None:
        raise DataError(rel, "file is empty: expected 'source:' and 'entities:'")
    top = _mapping(document, f"{rel}:1", "the file")
    unknown = set(top) - {"source", "entities"}
    if unknown:
        raise DataError(_where(path, top[sorted(unknown)[0]][0], root),
                        f"unknown top-level key(s) {sorted(unknown)}; expected 'source' and 'entities'")
    if "source" not in top:
        raise DataError(f"{rel}:1", "missing 'source:' block describing the document")
    source = _source_record(path, root, top["source"][1])
    records = [source]
    errors: list[DataError] = []
    seen: dict[str, str] = {source.id: source.where}
    entities = top.get("entities", (None, yaml.SequenceNode("tag:yaml.org,2002:seq", [])))[1]
    if not isinstance(entities, yaml.SequenceNode):
        raise DataError(_where(path, entities, root), "'entities:' must be a list")
    _refuse_drafts(path, root, entities)
    for item in entities.value:
        try:
            record = _entity_record(path, root, item, source.id)
        except DataError as exc:
            errors.append(exc)
            continue
        if record.id in seen:
            errors.append(DataError(record.where, f"duplicate id {record.id!r} (first at {seen[record.id]})"))
            continue
        seen[record.id] = record.where
        records.append(record)
    if errors:
        raise DataErrors(errors)
    return records


def _refuse_drafts(path: Path, root: Path, entities: yaml.SequenceNode) -> None:
    """A file still holding draft candidates (entities with a ``draft:`` block, from ``sendkg ingest``) is refused whole."""
    drafts = [item for item in entities.value if isinstance(item, yaml.MappingNode)
              and any(key.value == "draft" for key, _ in item.value)]
    if drafts:
        raise DataError(_where(path, drafts[0], root),
                        f"{_rel(path, root)} still holds {len(drafts)} draft claim(s) from `sendkg ingest`: review it with "
                        "`sendkg review` (which writes the accepted claims as a source file) instead of building it")


def _source_record(path: Path, root: Path, node: yaml.Node) -> Record:
    where = _where(path, node, root)
    fields = _mapping(node, where, "'source:'")
    for key, (key_node, _) in fields.items():
        if key not in SOURCE_KEYS:
            raise DataError(_where(path, key_node, root), f"unknown source key {key!r}; allowed: {sorted(SOURCE_KEYS)}")
    for required in ("id", "title", "url", "kind"):
        if required not in fields:
            raise DataError(where, f"source is missing {required!r}")
    slug = str(_construct(fields["id"][1]))
    record = Record(id=f"source/{slug}", types=["SourceDocument"], where=where)
    record.source = record.id
    mapping = {"title": "dcterms:title", "url": "schema:url", "kind": "sourceKind", "published": "published",
               "note": "note", "confidence": "confidence", "publisher": "dcterms:publisher", "author": "dcterms:creator"}
    for key, prop in mapping.items():
        if key in fields:
            key_node, value_node = fields[key]
            record.add(prop, _construct(value_node), _where(path, key_node, root))
    record.add("label", str(_construct(fields["title"][1])), where)
    return record


def _entity_record(path: Path, root: Path, node: yaml.Node, source_id: str) -> Record:
    where = _where(path, node, root)
    fields = _mapping(node, where, "an entity")
    if "id" not in fields or "type" not in fields:
        raise DataError(where, "every entity needs 'id' (kind/slug) and 'type' (an ontology class)")
    entity_id = str(_construct(fields.pop("id")[1]))
    if not ID_PATTERN.match(entity_id):
        raise DataError(where, f"id {entity_id!r} is not of the form kind/slug (lower-case kind, then a slug)")
    types = _construct(fields.pop("type")[1])
    types = types if isinstance(types, list) else [types]
    record = Record(id=entity_id, types=[str(t) for t in types], source=source_id, where=where)
    for key, (key_node, value_node) in fields.items():
        value = _construct(value_node)
        key_where = _where(path, key_node, root)
        for item in value if isinstance(value, list) else [value]:
            record.add(key, item, key_where)
    if "SourcedFact" in record.types and "basis" not in record.props:
        record.add("basis", "stated", where)  # a claim is the source's statement unless marked 'basis: inferred'
    return record


def read_sources(directory: Path, root: Path) -> list[Record]:
    """Read every ``*.yaml`` file under ``directory``; all problems in all files are reported together."""
    records: list[Record] = []
    errors: list[DataError] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            records.extend(read_source_file(path, root))
        except DataError as exc:
            errors.append(exc)
        except DataErrors as exc:
            errors.extend(exc.errors)
    if errors:
        raise DataErrors(errors)
    return records
