"""What the query editor completes: prefixes, the classes and properties of this graph, and labelled entities."""

from __future__ import annotations

from graph.queries import query_file
from graph.terms import PREFIXES
from web.models.nodes import labels_and_types
from web.shared.links import curie, iri_to_path, known_label

ENTITY_LIMIT = 5000


def term_item(row: dict) -> dict:
    """A class or property as the editor lists it."""
    return {"iri": row["t"].value, "curie": curie(row["t"].value), "label": row["label"].value if "label" in row else None}


def get_editor_terms(store) -> dict:
    """Prefixes, classes, properties (by CURIE) and up to ENTITY_LIMIT labelled entities (by label)."""
    terms = store.select(query_file("pages", "editor-terms").text)
    entities = store.select(query_file("pages", "editor-entities").bind(limit=ENTITY_LIMIT))
    by_kind = lambda kind: sorted((term_item(r) for r in terms if r["kind"].value == kind), key=lambda t: t["curie"])  # noqa: E731
    return {"prefixes": PREFIXES, "classes": by_kind("class"), "properties": by_kind("property"),
            "entities": [{"iri": r["e"].value, "label": r["label"].value, "path": iri_to_path(r["e"].value),
                          "type": r["type"].value if "type" in r else None} for r in entities]}


def get_labels(iris: list[str], store) -> dict[str, str]:
    """What a result table shows for each IRI: its label in the graph, else a plain-English name of a reused
    term; IRIs with neither are left out (the page shows their CURIE)."""
    found, _ = labels_and_types(iris, store)
    names = {i: found.get(i) or known_label(i) for i in iris}
    return {i: name for i, name in names.items() if name != curie(i)}
