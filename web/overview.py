"""Pure ``get_*(store) -> model`` functions for the home and ontology pages: a few aggregate queries each."""

from __future__ import annotations

from graph.terms import DATA_BASE, OWL, SKG

from .model import HEAD, node
from .sparql_text import iri_ref, string_literal


def class_counts(store) -> list[dict]:
    """How many data entities each class has, largest first."""
    rows = store.select(HEAD + f"""SELECT ?c (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  ?s a ?c . FILTER(STRSTARTS(STR(?s), {string_literal(DATA_BASE)})) OPTIONAL {{ ?c rdfs:label ?l }}
}} GROUP BY ?c ORDER BY DESC(?n) ?label""")
    return [{"node": node(r["c"], r.get("label")), "count": int(r["n"].value)} for r in rows]


def councils(store) -> list[dict]:
    """Every council, by name, with whether it has a safety valve agreement and an inspection."""
    rows = store.select(HEAD + """SELECT ?c (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?a) AS ?agreements)
  (COUNT(DISTINCT ?i) AS ?inspections) WHERE {
  ?c a skg:Council . OPTIONAL { ?c rdfs:label ?l }
  OPTIONAL { ?a skg:council ?c ; a skg:SafetyValveAgreement } OPTIONAL { ?i skg:inspectionOf ?c }
} GROUP BY ?c ORDER BY ?label""")
    return [{"node": node(r["c"], r.get("label")), "slug": r["c"].value.rsplit("/", 1)[-1],
             "agreements": int(r["agreements"].value), "inspections": int(r["inspections"].value)} for r in rows]


def programme_facts(store) -> list[dict]:
    """Sourced facts about the programme itself, each with its stated value, evidence and source."""
    rows = store.select(HEAD + """SELECT ?f (SAMPLE(?l) AS ?label) (SAMPLE(?v) AS ?value) (SAMPLE(?e) AS ?evidence)
  (SAMPLE(?src) AS ?source) (SAMPLE(?t) AS ?title) WHERE {
  ?f skg:about ?p . ?p a skg:Programme . OPTIONAL { ?f rdfs:label ?l } OPTIONAL { ?f skg:statedValue ?v }
  OPTIONAL { ?f skg:evidenceText ?e } OPTIONAL { ?f prov:wasDerivedFrom ?src OPTIONAL { ?src dcterms:title|rdfs:label ?t } }
} GROUP BY ?f ORDER BY ?label LIMIT 20""")
    return [{"node": node(r["f"], r.get("label")), "value": r["value"].value if "value" in r else None,
             "evidence": r["evidence"].value if "evidence" in r else None,
             "source": node(r["source"], r.get("title")) if "source" in r else None} for r in rows]


def get_home(store) -> dict:
    """Everything the home page shows."""
    return {"classes": class_counts(store), "councils": councils(store), "facts": programme_facts(store)}


def get_ontology(store) -> dict:
    """Every sendkg class and property with label, comment, domain, range and how often the data uses it."""
    ns = iri_ref(str(SKG._NS))[1:-1]
    rows = store.select(HEAD + f"""SELECT ?t ?kind (SAMPLE(?l) AS ?label) (SAMPLE(?c) AS ?comment) (SAMPLE(?d) AS ?domain)
  (SAMPLE(?dl) AS ?domainLabel) (SAMPLE(?r) AS ?range) (SAMPLE(?rl) AS ?rangeLabel) (SAMPLE(?sup) AS ?parent)
  (SAMPLE(?supl) AS ?parentLabel) WHERE {{
  VALUES ?kind {{ owl:Class owl:ObjectProperty owl:DatatypeProperty }}
  ?t a ?kind . FILTER(STRSTARTS(STR(?t), {string_literal(ns)}))
  OPTIONAL {{ ?t rdfs:label ?l }} OPTIONAL {{ ?t rdfs:comment ?c }}
  OPTIONAL {{ ?t rdfs:domain ?d OPTIONAL {{ ?d rdfs:label ?dl }} }} OPTIONAL {{ ?t rdfs:range ?r OPTIONAL {{ ?r rdfs:label ?rl }} }}
  OPTIONAL {{ ?t rdfs:subClassOf|rdfs:subPropertyOf ?sup OPTIONAL {{ ?sup rdfs:label ?supl }} }}
}} GROUP BY ?t ?kind ORDER BY ?kind ?label""")
    usage = usage_counts(store)
    terms = {"classes": [], "properties": []}
    for r in rows:
        item = {"node": node(r["t"], r.get("label")), "local": r["t"].value[len(ns):], "kind": r["kind"].value,
                "comment": r["comment"].value if "comment" in r else "", "usage": usage.get(r["t"].value, 0)}
        for key in ("domain", "range", "parent"):
            item[key] = node(r[key], r.get(key + "Label")) if key in r else None
        terms["classes" if r["kind"].value == str(OWL.Class) else "properties"].append(item)
    return terms


def usage_counts(store) -> dict[str, int]:
    """How many data triples use each property, and how many data entities have each class."""
    rows = store.select(HEAD + f"""SELECT ?t (COUNT(*) AS ?n) WHERE {{
  {{ ?s ?t ?o }} UNION {{ ?s a ?t }} FILTER(STRSTARTS(STR(?s), {string_literal(DATA_BASE)}))
}} GROUP BY ?t""")
    return {r["t"].value: int(r["n"].value) for r in rows}
