"""A council's timeline: every event about it in date order, each with its date as given, its claims (source,
basis, confidence) and what it decided or found; what was said about it dated by its source; undated events apart.
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.queries import query_file
from graph.terms import SKG
from web.models.charts import lanes
from web.models.nodes import lit, node
from web.models.when import When, between, from_literal

FAR = "9999-12-31"


def when_of(row: dict) -> When | None:
    """The date an event is drawn at: an inspection from its visit to its report, else its day, else its year."""
    visited = from_literal(row["visitStart"]) if "visitStart" in row else None
    visited = visited or (from_literal(row["visited"]) if "visited" in row else None)
    published = from_literal(row["published"]) if "published" in row else None
    if visited and published:
        return between(visited, published)
    for key in ("day", "fy"):
        if key in row and (found := from_literal(row[key])):
            return visited or published or found
    return visited or published


def dates_of(row: dict) -> list[dict]:
    """Every date a row gives, by what it dates (``decided or reported``, ``visited``, ...), as given."""
    roles = (("day", "decided or reported"), ("fy", "financial year"), ("visited", "inspectors visited"),
             ("visitStart", "visit began"), ("visitEnd", "visit ended"), ("published", "report published"))
    found = ((role, from_literal(row[key])) for key, role in roles if key in row)
    return [{"role": role, **when.as_json()} for role, when in found if when]


def timeline_claim(row: dict) -> dict:
    """One source's claim about an event as the timeline shows it."""
    basis = row.get("basis")
    return {"node": node(row["claim"], row.get("label")),
            "basis": None if basis is None else "inferred" if basis.value == str(SKG.Inferred) else "stated",
            "confidence": row["confidenceLabel"].value if "confidenceLabel" in row else None,
            "preferred": "rank" in row and row["rank"].value == str(SKG.PreferredRank),
            "dates": dates_of(row), "source": claim_source(row)}


def claim_source(row: dict) -> dict | None:
    """A row's source document: its node (titled) and its web address."""
    if "source" not in row:
        return None
    return {"node": node(row["source"], row.get("title")), "url": row["url"].value if "url" in row else None}


def claims_of(events: list[str], store) -> dict[str, list[dict]]:
    """The claims about each event, in one query."""
    found: dict[str, list[dict]] = {}
    if events:
        for row in store.select(query_file("pages", "timeline-claims").bind(iris=events)):
            found.setdefault(row["x"].value, []).append(timeline_claim(row))
    return found


def timeline_event(row: dict, claims: list[dict]) -> dict:
    """An event as the timeline shows it."""
    when = when_of(row)
    money = {k: lit(row[k], str(SKG.amount)).text for k in ("amount", "capitalAmount", "amountInDoubt") if k in row}
    return {"node": node(row["event"], row.get("label")), "kind": row["typeLabel"].value if "typeLabel" in row else "event",
            "type": row["type"].value, "when": when.as_json() if when else None, "dates": dates_of(row),
            "outcome": row["outcomeLabel"].value if "outcomeLabel" in row else None, "money": money, "claims": claims}


def timeline_speech(row: dict) -> dict:
    """A quote or reported speech, dated by its source's publication: it was said by then."""
    when = from_literal(row["published"]) if "published" in row else None
    src = claim_source(row)
    return {"node": node(row["speech"], row.get("label")), "kind": row["typeLabel"].value if "typeLabel" in row else "speech",
            "type": row["type"].value, "when": when.as_json() if when else None,
            "dates": [{"role": "source published", **when.as_json()}] if when else [],
            "outcome": None, "money": {}, "text": row["text"].value if "text" in row else None,
            "speaker": row["speakerLabel"].value if "speakerLabel" in row else None,
            "claims": [{"node": node(row["speech"], row.get("label")), "basis": "stated", "preferred": False, "dates": [],
                        "confidence": row["confidenceLabel"].value if "confidenceLabel" in row else None, "source": src}]}


def order_key(item: dict) -> tuple:
    """Date order: by the day a span starts, then the day it ends, then by name."""
    when = item["when"] or {}
    return when.get("start", FAR), when.get("end", FAR), item["node"].label


def timeline_chart(model: dict) -> dict:
    """The timeline's picture: one row per dated event, in the model's order (see ``web.models.charts.lanes``)."""
    items = [{"label": e["node"].label, "category": e["kind"], "start": e["when"]["start"], "end": e["when"]["end"],
              "href": e["node"].path, "iri": e["node"].iri,
              "title": f"{e['kind']}: {e['node'].label}, {e['when']['text']}" + (f": {e['outcome']}" if e["outcome"] else "")}
             for e in model["events"]]
    return lanes(items, width=960, label_w=330)


def get_timeline(council: str, store) -> dict | None:
    """The timeline model of ``council``, or None if it is not a council of the graph."""
    found = store.select(query_file("pages", "council").bind(council=council))
    if not found:
        return None
    rows = store.select(query_file("pages", "timeline-events").bind(council=council))
    claims = claims_of(sorted({r["event"].value for r in rows}), store)
    items = [timeline_event(r, claims.get(r["event"].value, [])) for r in rows]
    speeches = {r["speech"].value: r for r in store.select(query_file("pages", "timeline-speech").bind(council=council))}
    items += [timeline_speech(r) for r in speeches.values()]
    items.sort(key=order_key)
    return {"council": node(ox.NamedNode(council), found[0].get("l")),
            "events": [i for i in items if i["when"]], "undated": [i for i in items if not i["when"]]}
