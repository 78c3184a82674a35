"""The neighbourhood of an entity as one SPARQL CONSTRUCT: every triple within ``depth`` hops.

Hops go through data entities only (IRIs under https://w3id.org/sendkg/id/), in either direction, so
ontology terms and shared concepts (classes, confidence levels) do not pull in the whole graph: every
intermediate node of a path, not just its end, must be a data entity. ``limit`` caps the triples returned.
"""

from __future__ import annotations

from graph.terms import DATA_BASE

ANY = "(!<urn:sendkg:none>|^!<urn:sendkg:none>)"


def is_data(var: str) -> str:
    """A FILTER keeping ``?var`` only when it is a data entity."""
    return f'FILTER(isIRI(?{var}) && STRSTARTS(STR(?{var}), "{DATA_BASE}"))'


def reach(iri: str, depth: int) -> str:
    """A pattern binding ``?n`` to ``iri`` and every data entity within ``depth - 1`` hops through data entities."""
    branches = [f"{{ BIND(<{iri}> AS ?n) }}"]
    for hops in range(1, depth):
        steps, previous = [], f"<{iri}>"
        for k in range(1, hops + 1):
            var = "n" if k == hops else f"h{k}"
            steps.append(f"{previous} {ANY} ?{var} . {is_data(var)}")
            previous = f"?{var}"
        branches.append("{ " + " ".join(steps) + " }")
    return " UNION ".join(branches)


def neighbourhood_query(iri: str, depth: int = 1, limit: int | None = None) -> str:
    """CONSTRUCT the triples touching every data entity within ``depth - 1`` hops of ``iri`` (at most ``limit``)."""
    if not 1 <= depth <= 3:
        raise ValueError("depth must be 1, 2 or 3")
    if any(c in iri for c in '<>"{}|^`\\ \n'):
        raise ValueError(f"not an IRI: {iri!r}")
    if limit is not None and (not isinstance(limit, int) or limit < 1):
        raise ValueError(f"limit must be a positive integer, not {limit!r}")
    return f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ SELECT DISTINCT ?n WHERE {{ {reach(iri, depth)} }} }}
  {{ ?n ?p ?o . BIND(?n AS ?s) }} UNION {{ ?s ?p ?n . {is_data('s')} BIND(?n AS ?o) }}
}}""" + (f" LIMIT {limit}" if limit else "")
