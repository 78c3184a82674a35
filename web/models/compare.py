"""Councils side by side: for two to five councils, their wave, DfE funding, deficit, latest inspection outcome,
improvement notices and mandated areas with the findings on them, each from the queries the other pages use.
"""

from __future__ import annotations

from graph.queries import ParameterError, query_file
from graph.terms import SKG, entity_iri
from web.models.mandates import get_mandates
from web.models.nodes import lit, node

MOST = 5
FEWEST = 2
SUMMARY = "10-council-summary"


class CompareError(ValueError):
    """The councils asked for cannot be compared (too few, too many, or not councils); the message says which."""


def council_summaries(store) -> dict[str, dict]:
    """The one-row summary of every council (canned query 10), keyed by council IRI."""
    return {r["council"].value: r for r in store.select(query_file("canned", SUMMARY).bind())}


def council_deficits(iris: list[str], store) -> dict[str, list[dict]]:
    """Each council's deficit claims: kind, amount, words, date, confidence and source."""
    found: dict[str, list[dict]] = {}
    for r in store.select(query_file("pages", "council-deficits").bind(iris=iris)):
        found.setdefault(r["x"].value, []).append({
            "node": node(r["claim"]), "kind": r["kind"].value if "kind" in r else "deficit",
            "amount": lit(r["amount"], str(SKG.amount)).text if "amount" in r else None,
            "stated": r["stated"].value if "stated" in r else None,
            "date": lit(r["day"]).text if "day" in r else None,
            "confidence": r["confidenceLabel"].value if "confidenceLabel" in r else None,
            "source": node(r["source"], r.get("title")) if "source" in r else None})
    return found


def compare_column(slug: str, row: dict, deficit: list[dict], store) -> dict:
    """One council's column."""
    value = lambda key: row[key].value if key in row else None  # noqa: E731
    mandates = get_mandates(row["council"].value, store) or {"areas": []}
    return {"slug": slug, "council": node(row["council"], row.get("label")), "wave": value("wave"),
            "funding": lit(row["dfe_funding_gbp"], str(SKG.amount)).text if "dfe_funding_gbp" in row else None,
            "withheld": lit(row["withheld_gbp"], str(SKG.amount)).text if "withheld_gbp" in row else None,
            "deficits": deficit, "outcome": value("latest_outcome"),
            "outcome_date": lit(row["latest_outcome_date"]).text if "latest_outcome_date" in row else None,
            "notices": int(value("improvement_notices") or 0), "sources": int(value("sources") or 0),
            "areas": [{"node": a["node"], "findings": [f["node"] for f in a["findings"]]} for a in mandates["areas"]]}


def slug_iri(slug: str) -> str:
    """The council IRI of ``slug``; CompareError for a slug no IRI can have."""
    try:
        return str(entity_iri("council", slug))
    except (ParameterError, ValueError) as error:
        raise CompareError(f"council {slug!r}: {error}") from None


def get_compare(slugs: list[str], store) -> dict:
    """The comparison of the councils ``slugs`` (2 to 5, in the order given, repeats dropped); CompareError if not."""
    slugs = list(dict.fromkeys(s.strip() for s in slugs if s.strip()))
    if not FEWEST <= len(slugs) <= MOST:
        raise CompareError(f"pick {FEWEST} to {MOST} councils to compare; {len(slugs)} given")
    rows = council_summaries(store)
    iris = [slug_iri(s) for s in slugs]
    unknown = [s for s, i in zip(slugs, iris) if i not in rows]
    if unknown:
        raise CompareError(f"no council called {', '.join(map(repr, unknown))} in the graph")
    found = council_deficits(iris, store)
    return {"councils": [compare_column(s, rows[i], found.get(i, []), store) for s, i in zip(slugs, iris)]}
