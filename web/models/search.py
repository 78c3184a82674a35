"""Search over labels and quote, finding and fact text, through SPARQL only (so it runs on a remote store too).

Each word must occur (case-insensitively) in one text of the entity (``pages/search-text.rq``); results are
faceted by type and the matches highlighted. The words reach SPARQL only as parameters of that query file.
"""

from __future__ import annotations

import re

from graph.queries import ParameterError, query_file
from graph.queries.text import iri_ref
from graph.terms import RDFS
from web.models.nodes import fallback_label
from web.shared.links import iri_to_path, known_label

LIMIT = 500
MAX_WORDS = 8
SNIPPET = 160


class SearchError(ValueError):
    """A search the page cannot run (too many or too long words, a bad type IRI): a 400 saying why."""


def search_words(q: str) -> list[str]:
    """The distinct lower-cased words of a query; ``SearchError`` if there are too many or they are too long."""
    found = list(dict.fromkeys(w.lower() for w in q.split()))
    if len(found) > MAX_WORDS or any(len(w) > 100 for w in found):
        raise SearchError(f"search for at most {MAX_WORDS} words of at most 100 characters each")
    return found


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
    return (label != query, not label.startswith(query), "title_parts" not in result, label)


def class_labels(iris, store) -> dict[str, str]:
    """Labels of classes, in one query."""
    if not iris:
        return {}
    return {r["c"].value: r["label"].value for r in store.select(query_file("pages", "class-labels").bind(iris=sorted(iris)))}


def matching_rows(found: list[str], type_iri: str | None, store) -> list[dict]:
    """Rows of entities whose texts hold every word, or (no words) of every entity of ``type_iri``.

    ``type_iri`` is checked once: as the type query's parameter, or, with words (where it only filters the
    results), on its own."""
    try:
        if found:
            if type_iri:
                iri_ref(type_iri)
            return store.select(query_file("pages", "search-text").bind(words=found, limit=LIMIT + 1))
        if type_iri:
            return store.select(query_file("pages", "search-type").bind(type=type_iri, limit=LIMIT + 1))
    except ParameterError as error:  # the type query's own check: "type: not an IRI ..."
        raise SearchError(str(error)) from None
    except ValueError as error:
        raise SearchError(f"type: {error}") from None
    return []


def get_search(q: str, type_iri: str | None, store) -> dict:
    """Search results for ``q`` (optionally only of class ``type_iri``), with type facets."""
    found = search_words(q)
    rows = matching_rows(found, type_iri, store)
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
    shown = sorted((i for i in results.values() if not type_iri or type_iri in i["types"]), key=lambda i: rank(i, found))
    return {"q": q, "type": type_iri, "truncated": len(rows) > LIMIT, "results": shown, "type_labels": labels,
            "facets": sorted(({"type": t, "label": labels.get(t, fallback_label(t)), "count": n}
                              for t, n in facets.items()), key=lambda f: (-f["count"], f["label"]))}
