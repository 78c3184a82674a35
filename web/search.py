"""Search over labels and quote, finding and fact text, through SPARQL only (so it runs on a remote store too).

Each word must occur (case-insensitively, ``CONTAINS(LCASE(...))``) in one text of the entity; results are
faceted by type and the matches highlighted. User input reaches SPARQL only via ``string_literal``.
"""

from __future__ import annotations

import re

from flask import Blueprint, jsonify, render_template, request
from werkzeug.exceptions import BadRequest

from graph.terms import DATA_BASE, RDFS

from .links import iri_to_path, known_label
from .model import HEAD, fallback_label
from .sparql_text import iri_ref, string_literal, values_block
from .stores import get_store

bp = Blueprint("search", __name__)

LIMIT = 500
MAX_WORDS = 8
SNIPPET = 160
TEXTS = "rdfs:label skg:evidenceText skg:quoteText dcterms:title skos:altLabel skg:statedValue skg:note rdfs:comment"


def words(q: str) -> list[str]:
    """The distinct lower-cased words of a query; 400 if there are too many or they are too long."""
    found = list(dict.fromkeys(w.lower() for w in q.split()))
    if len(found) > MAX_WORDS or any(len(w) > 100 for w in found):
        raise BadRequest(f"search for at most {MAX_WORDS} words of at most 100 characters each")
    return found


def match_rows(found: list[str], store) -> list[dict]:
    """Every (entity, text property, text) where the text holds every word."""
    tests = " && ".join(f"CONTAINS(LCASE(STR(?text)), {string_literal(w)})" for w in found)
    return store.select(HEAD + f"""SELECT ?s ?prop ?text (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT STR(?t); separator=" ") AS ?types)
WHERE {{ VALUES ?prop {{ {TEXTS} }} ?s ?prop ?text .
  FILTER(STRSTARTS(STR(?s), {string_literal(DATA_BASE)}) && {tests})
  OPTIONAL {{ ?s rdfs:label ?l }} OPTIONAL {{ ?s a ?t }}
}} GROUP BY ?s ?prop ?text LIMIT {LIMIT + 1}""")


def type_rows(type_iri: str, store) -> list[dict]:
    """Every data entity of class ``type_iri``, by label."""
    return store.select(HEAD + f"""SELECT ?s (SAMPLE(?l) AS ?label) ({string_literal(type_iri)} AS ?types) WHERE {{
  ?s a {iri_ref(type_iri)} . FILTER(STRSTARTS(STR(?s), {string_literal(DATA_BASE)})) OPTIONAL {{ ?s rdfs:label ?l }}
}} GROUP BY ?s ORDER BY ?label LIMIT {LIMIT + 1}""")


def highlight(text: str, found: list[str]) -> list[tuple[str, bool]]:
    """``text`` (cut to a snippet around the first match) as (segment, is-a-match) pairs."""
    if not found:
        return [(text, False)]
    pattern = re.compile("|".join(re.escape(w) for w in sorted(found, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text)
    if len(text) > SNIPPET * 2 and first:
        start = max(0, first.start() - SNIPPET // 2)
        text = ("…" if start else "") + text[start:start + SNIPPET * 2] + "…"
    parts, at = [], 0
    for m in pattern.finditer(text):
        parts += [(text[at:m.start()], False), (m.group(0), True)]
        at = m.end()
    return [p for p in parts + [(text[at:], False)] if p[0]]


def rank(result: dict, found: list[str]) -> tuple:
    """Exact label matches first, then labels that start with the words, then labels, then other text."""
    label = result["label"].lower()
    query = " ".join(found)
    in_label = "title_parts" in result
    return (label != query, not label.startswith(query), not in_label, label)


def class_labels(iris, store) -> dict[str, str]:
    """Labels of classes, in one query."""
    if not iris:
        return {}
    rows = store.select(HEAD + f"SELECT ?c (SAMPLE(?l) AS ?label) WHERE {{ {values_block('c', sorted(iris))} ?c rdfs:label ?l }} GROUP BY ?c")
    return {r["c"].value: r["label"].value for r in rows}


def get_search(q: str, type_iri: str | None, store) -> dict:
    """Search results for ``q`` (optionally only of class ``type_iri``), with type facets."""
    found = words(q)
    if type_iri:
        try:
            iri_ref(type_iri)
        except ValueError as error:
            raise BadRequest(f"type: {error}")
    rows = match_rows(found, store) if found else (type_rows(type_iri, store) if type_iri else [])
    results: dict[str, dict] = {}
    for r in rows[:LIMIT]:
        iri = r["s"].value
        item = results.setdefault(iri, {"iri": iri, "path": iri_to_path(iri), "matches": [],
                                        "label": r["label"].value if "label" in r else fallback_label(iri),
                                        "types": r["types"].value.split() if "types" in r else []})
        if "text" in r and r["prop"].value == str(RDFS.label):
            item["title_parts"] = highlight(r["text"].value, found)
        elif "text" in r:
            item["matches"].append({"property": r["prop"].value, "name": known_label(r["prop"].value),
                                    "text": r["text"].value, "parts": highlight(r["text"].value, found)})
    labels = class_labels({t for item in results.values() for t in item["types"]}, store)
    facets: dict[str, int] = {}
    for item in results.values():
        for t in item["types"]:
            facets[t] = facets.get(t, 0) + 1
    shown = [i for i in results.values() if not type_iri or type_iri in i["types"]]
    shown.sort(key=lambda i: rank(i, found))
    return {"q": q, "type": type_iri, "truncated": len(rows) > LIMIT, "results": shown, "type_labels": labels,
            "facets": sorted(({"type": t, "label": labels.get(t, fallback_label(t)), "count": n}
                              for t, n in facets.items()), key=lambda f: (-f["count"], f["label"]))}


@bp.route("/search")
def search():
    """The search page."""
    q, type_iri = request.args.get("q", "").strip(), request.args.get("type") or None
    model = get_search(q, type_iri, get_store()) if (q or type_iri) else None
    return render_template("search/search.html", model=model, q=q, type_iri=type_iri)


@bp.route("/search.json")
def search_json():
    """The search results as JSON."""
    q, type_iri = request.args.get("q", "").strip(), request.args.get("type") or None
    model = get_search(q, type_iri, get_store())
    for item in model["results"]:
        item.pop("title_parts", None)
        for m in item["matches"]:
            m.pop("parts")
    return jsonify(model)
