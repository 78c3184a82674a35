"""The home and ontology page models: a few aggregate page queries each."""

from __future__ import annotations

from graph.queries import query_file
from graph.terms import OWL, SKG
from web.models.nodes import node


def rows(name: str, store) -> list[dict]:
    """The rows of the page query ``name`` (one without parameters)."""
    return store.select(query_file("pages", name).text)


def class_counts(store) -> list[dict]:
    """How many data entities each class has, largest first."""
    return [{"node": node(r["c"], r.get("label")), "count": int(r["n"].value)} for r in rows("class-counts", store)]


def councils(store) -> list[dict]:
    """Every council, by name, with how many safety valve agreements and inspections it has."""
    return [{"node": node(r["c"], r.get("label")), "slug": r["c"].value.rsplit("/", 1)[-1],
             "agreements": int(r["agreements"].value), "inspections": int(r["inspections"].value)}
            for r in rows("councils", store)]


def programme_facts(store) -> list[dict]:
    """Sourced facts about the programme itself, each with its stated value, evidence and source."""
    return [{"node": node(r["f"], r.get("label")), "value": r["value"].value if "value" in r else None,
             "evidence": r["evidence"].value if "evidence" in r else None,
             "source": node(r["source"], r.get("title")) if "source" in r else None}
            for r in rows("programme-facts", store)]


def get_home(store) -> dict:
    """Everything the home page shows."""
    return {"classes": class_counts(store), "councils": councils(store), "facts": programme_facts(store)}


def get_ontology(store) -> dict:
    """Every sendkg class and property with label, comment, domain, range and how often the data uses it."""
    ns = str(SKG._NS)
    usage = {r["t"].value: int(r["n"].value) for r in rows("usage-counts", store)}
    terms = {"classes": [], "properties": []}
    for r in rows("ontology-terms", store):
        item = {"node": node(r["t"], r.get("label")), "local": r["t"].value[len(ns):], "kind": r["kind"].value,
                "comment": r["comment"].value if "comment" in r else "", "usage": usage.get(r["t"].value, 0)}
        for key in ("domain", "range", "parent"):
            item[key] = node(r[key], r.get(key + "Label")) if key in r else None
        terms["classes" if r["kind"].value == str(OWL.Class) else "properties"].append(item)
    return terms
