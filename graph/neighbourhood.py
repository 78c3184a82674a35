"""The neighbourhood of an entity as one SPARQL CONSTRUCT: every triple within ``depth`` hops.

Hops go through data entities only (IRIs under https://w3id.org/sendkg/id/), in either direction, so
ontology terms and shared concepts (classes, confidence levels) do not pull in the whole graph.
"""

from __future__ import annotations

from .namespace import DATA_BASE

ANY = "(!<urn:sendkg:none>|^!<urn:sendkg:none>)"


def neighbourhood_query(iri: str, depth: int = 1) -> str:
    """CONSTRUCT the triples touching every data entity within ``depth - 1`` hops of ``iri``."""
    if not 1 <= depth <= 3:
        raise ValueError("depth must be 1, 2 or 3")
    if any(c in iri for c in '<>"{}|^`\\ \n'):
        raise ValueError(f"not an IRI: {iri!r}")
    reach = "/".join([f"{ANY}?"] * (depth - 1)) if depth > 1 else ""
    hop = f"<{iri}> {reach} ?n . FILTER(isIRI(?n) && STRSTARTS(STR(?n), \"{DATA_BASE}\"))" if reach else f"BIND(<{iri}> AS ?n)"
    return f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ SELECT DISTINCT ?n WHERE {{ {hop} }} }}
  {{ BIND(?n AS ?s) ?s ?p ?o }} UNION {{ BIND(?n AS ?o) ?s ?p ?o . FILTER(STRSTARTS(STR(?s), "{DATA_BASE}")) }}
}}"""
