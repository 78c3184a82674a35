"""Mandates vs findings: for a council, each improvement area its safety valve agreement mandated, side by side
with the inspection findings that bear on it, the inspection's outcome and every source."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, abort, jsonify, render_template

from graph.terms import ID

from .model import HEAD, lit, node
from .overview import councils
from .pages import plain
from .sparql_text import iri_ref, values_block
from .stores import get_store

bp = Blueprint("mandates", __name__)

FINDING = """OPTIONAL {{ ?finding rdfs:label ?findingLabel }} OPTIONAL {{ ?finding skg:evidenceText ?evidence }}
  OPTIONAL {{ ?finding skg:confidence ?conf OPTIONAL {{ ?conf rdfs:label ?confLabel }} }}
  OPTIONAL {{ ?finding skg:fromInspection ?inspection }}"""


def area_rows(council: str, store) -> list[dict]:
    """Each mandated area of ``council``'s agreements with each finding bearing on it."""
    return store.select(HEAD + f"""SELECT * WHERE {{
  ?agreement skg:council {iri_ref(council)} ; skg:mandates ?area .
  OPTIONAL {{ ?agreement rdfs:label ?agreementLabel }} OPTIONAL {{ ?area rdfs:label ?areaLabel }}
  OPTIONAL {{ ?area skg:evidenceText ?areaEvidence }}
  OPTIONAL {{ ?finding skg:bearsOn ?area . {FINDING.format()} }}
}} ORDER BY ?agreementLabel ?areaLabel ?findingLabel""")


def inspection_rows(council: str, store) -> list[dict]:
    """``council``'s inspections with outcome and date, and their findings that bear on no mandated area."""
    ref = iri_ref(council)
    return store.select(HEAD + f"""SELECT * WHERE {{
  ?inspection skg:inspectionOf {ref} . OPTIONAL {{ ?inspection rdfs:label ?inspectionLabel }}
  OPTIONAL {{ ?inspection skg:outcome ?outcome OPTIONAL {{ ?outcome rdfs:label ?outcomeLabel }} }}
  OPTIONAL {{ ?inspection skg:published ?date }}
  OPTIONAL {{ ?finding skg:fromInspection ?inspection .
    FILTER NOT EXISTS {{ ?finding skg:bearsOn ?a . ?ag skg:mandates ?a ; skg:council {ref} }} {FINDING.format()} }}
}} ORDER BY ?date ?findingLabel""")


def sources_of(iris, store) -> dict[str, list]:
    """The source documents of each IRI, in one query."""
    if not iris:
        return {}
    rows = store.select(HEAD + f"""SELECT ?x ?src (SAMPLE(?t) AS ?title) WHERE {{ {values_block('x', sorted(iris))}
  ?x prov:wasDerivedFrom ?src OPTIONAL {{ ?src dcterms:title|rdfs:label ?t }} }} GROUP BY ?x ?src ORDER BY ?title""")
    found: dict[str, list] = {}
    for r in rows:
        found.setdefault(r["x"].value, []).append(node(r["src"], r.get("title")))
    return found


def finding(row: dict) -> dict:
    """A finding as the page shows it."""
    return {"node": node(row["finding"], row.get("findingLabel")),
            "evidence": lit(row["evidence"]).text if "evidence" in row else None,
            "confidence": node(row["conf"], row.get("confLabel")) if "conf" in row else None,
            "inspection": row["inspection"].value if "inspection" in row else None}


def collect(rows: list[dict], key: str, label_key: str, make) -> dict[str, dict]:
    """Rows grouped by ``key`` (first-seen order), each group's distinct findings listed."""
    groups: dict[str, dict] = {}
    for r in rows:
        group = groups.setdefault(r[key].value, make(r))
        if "finding" in r and r["finding"].value not in {f["node"].iri for f in group["findings"]}:
            group["findings"].append(finding(r))
    return groups


def get_mandates(council: str, store) -> dict | None:
    """The mandates-vs-findings model for ``council``, or None if it is not a council of the graph."""
    label = store.select(HEAD + f"SELECT ?l WHERE {{ {iri_ref(council)} a skg:Council OPTIONAL {{ {iri_ref(council)} rdfs:label ?l }} }}")
    if not label:
        return None
    areas = collect(area_rows(council, store), "area", "areaLabel", lambda r: {
        "node": node(r["area"], r.get("areaLabel")), "agreement": node(r["agreement"], r.get("agreementLabel")),
        "evidence": r["areaEvidence"].value if "areaEvidence" in r else None, "findings": []})
    inspections = collect(inspection_rows(council, store), "inspection", "inspectionLabel", lambda r: {
        "node": node(r["inspection"], r.get("inspectionLabel")),
        "outcome": node(r["outcome"], r.get("outcomeLabel")) if "outcome" in r else None,
        "date": lit(r["date"]).text if "date" in r else None, "findings": []})
    everything = set(areas) | set(inspections) | {f["node"].iri for a in areas.values() for f in a["findings"]}
    everything |= {f["node"].iri for i in inspections.values() for f in i["findings"]}
    sources = sources_of(everything | {a["agreement"].iri for a in areas.values()}, store)
    return {"council": node(ox.NamedNode(council), label[0].get("l")), "areas": list(areas.values()),
            "inspections": list(inspections.values()), "sources": sources,
            "outcomes": {i: {"node": v["node"], "outcome": v["outcome"], "date": v["date"]} for i, v in inspections.items()}}


@bp.route("/mandates")
def index():
    """The councils whose agreements mandate improvement areas, each linking to its comparison."""
    return render_template("mandates/index.html", councils=councils(get_store()))


def council_model(slug: str) -> dict:
    """The model for the council called ``slug``; 404 if there is none."""
    try:
        iri = str(ID[f"council/{slug}"])
        model = get_mandates(iri, get_store())
    except ValueError:
        model = None
    if model is None:
        abort(404, f"No council called {slug!r} in the graph")
    return model


@bp.route("/mandates/<slug>")
def council(slug: str):
    """Mandates vs findings for one council."""
    return render_template("mandates/council.html", model=council_model(slug), slug=slug)


@bp.route("/mandates/<slug>.json")
def council_json(slug: str):
    """The mandates-vs-findings data for one council."""
    model = council_model(slug)
    return jsonify(plain({**model, "sources": {k: v for k, v in model["sources"].items()}}))
