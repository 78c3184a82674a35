"""Mandates vs findings: for a council, each improvement area its agreement mandated beside the inspection
findings that bear on it, the inspection's outcome and every source."""

from __future__ import annotations

import pyoxigraph as ox

from graph.queries import query_file
from web.models.nodes import lit, node


def sources_of(iris, store) -> dict[str, list]:
    """The source documents of each IRI, in one query."""
    if not iris:
        return {}
    found: dict[str, list] = {}
    for r in store.select(query_file("pages", "sources-of").bind(iris=sorted(iris))):
        found.setdefault(r["x"].value, []).append(node(r["src"], r.get("title")))
    return found


def finding(row: dict) -> dict:
    """A finding as the page shows it."""
    return {"node": node(row["finding"], row.get("findingLabel")),
            "evidence": lit(row["evidence"]).text if "evidence" in row else None,
            "confidence": node(row["conf"], row.get("confLabel")) if "conf" in row else None,
            "inspection": row["inspection"].value if "inspection" in row else None}


def collect(rows: list[dict], key: str, make) -> dict[str, dict]:
    """Rows grouped by ``key`` (first-seen order), each group's distinct findings listed."""
    groups: dict[str, dict] = {}
    for r in rows:
        group = groups.setdefault(r[key].value, make(r))
        if "finding" in r and r["finding"].value not in {f["node"].iri for f in group["findings"]}:
            group["findings"].append(finding(r))
    return groups


def area(row: dict) -> dict:
    """A mandated area (with its agreement) as the page shows it, its findings still to collect."""
    return {"node": node(row["area"], row.get("areaLabel")), "agreement": node(row["agreement"], row.get("agreementLabel")),
            "evidence": row["areaEvidence"].value if "areaEvidence" in row else None, "findings": []}


def inspection(row: dict) -> dict:
    """An inspection with its outcome and date, its findings still to collect."""
    return {"node": node(row["inspection"], row.get("inspectionLabel")),
            "outcome": node(row["outcome"], row.get("outcomeLabel")) if "outcome" in row else None,
            "date": lit(row["date"]).text if "date" in row else None, "findings": []}


def get_mandates(council: str, store) -> dict | None:
    """The mandates-vs-findings model for ``council``, or None if it is not a council of the graph."""
    label = store.select(query_file("pages", "council").bind(council=council))
    if not label:
        return None
    areas = collect(store.select(query_file("pages", "mandated-areas").bind(council=council)), "area", area)
    inspections = collect(store.select(query_file("pages", "council-inspections").bind(council=council)),
                          "inspection", inspection)
    everything = set(areas) | set(inspections) | {a["agreement"].iri for a in areas.values()}
    everything |= {f["node"].iri for group in (*areas.values(), *inspections.values()) for f in group["findings"]}
    return {"council": node(ox.NamedNode(council), label[0].get("l")), "areas": list(areas.values()),
            "inspections": list(inspections.values()), "sources": sources_of(everything, store),
            "outcomes": {i: {"node": v["node"], "outcome": v["outcome"], "date": v["date"]} for i, v in inspections.items()}}
