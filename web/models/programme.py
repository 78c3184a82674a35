"""The programme overview: four charts, each the rows of one canned query (so its table, its CSV and its query
page are the same data): councils by wave, DfE funding by council, inspection outcomes over time, and
improvement notices, directions and withheld payments.
"""

from __future__ import annotations

from graph.queries import query_file
from graph.terms import SKG
from web.models.nodes import lit, node
from web.models.when import from_literal

WAVES, FUNDING, OUTCOMES, INTERVENTIONS = ("21-councils-by-wave", "22-funding-by-council", "23-outcomes-over-time",
                                           "24-interventions")


def canned_rows(name: str, store) -> list[dict]:
    """The rows of the canned query ``name`` with its defaults."""
    return store.select(query_file("canned", name).bind())


def row_text(row: dict, key: str) -> str | None:
    """A row's plain value for ``key``, or None."""
    return row[key].value if key in row else None


def money_text(row: dict, key: str) -> str | None:
    """A row's amount for ``key`` in pounds as people read it, or None."""
    return lit(row[key], str(SKG.amount)).text if key in row else None


def row_date(row: dict) -> dict | None:
    """The row's ``date`` as given, with its span, or None."""
    when = from_literal(row["date"]) if "date" in row else None
    return when.as_json() if when else None


def wave_rows(store) -> list[dict]:
    """Each agreement by wave: its council, wave, whether a source states the wave, and the DfE's count."""
    return [{"council": node(r["council"], r.get("label")), "wave": row_text(r, "wave"),
             "wave_basis": row_text(r, "wave_basis"),
             "reported_agreements": int(r["reported_agreements"].value) if "reported_agreements" in r else None}
            for r in canned_rows(WAVES, store)]


def funding_rows(store) -> list[dict]:
    """Councils whose DfE funding total is known, largest first."""
    return [{"council": node(r["council"], r.get("label")), "wave": row_text(r, "wave"),
             "dfe_funding_gbp": r["dfe_funding_gbp"].value, "funding": money_text(r, "dfe_funding_gbp"),
             "capital": money_text(r, "capital_gbp"), "claims": int(r["claims"].value), "confidences": row_text(r, "confidences")}
            for r in canned_rows(FUNDING, store)]


def outcome_rows(store) -> list[dict]:
    """Inspections of safety valve councils in date order, each with its outcome and its date as given."""
    return [{"council": node(r["council"], r.get("label")), "inspection": node(r["inspection"]), "date": row_date(r),
             "date_kind": row_text(r, "date_kind"), "outcome": row_text(r, "outcome"),
             "outcome_rank": int(r["outcome_rank"].value), "sources": int(r["sources"].value)}
            for r in canned_rows(OUTCOMES, store)]


def intervention_rows(store) -> list[dict]:
    """Improvement notices, directions and withheld payments in date order."""
    return [{"event": node(r["event"], r.get("label")), "kind": row_text(r, "kind"), "councils": row_text(r, "councils"),
             "date": row_date(r), "amount": money_text(r, "amount"), "amount_in_doubt": money_text(r, "amount_in_doubt"),
             "sources": int(r["sources"].value)} for r in canned_rows(INTERVENTIONS, store)]


def get_programme(store) -> dict:
    """Everything the overview page shows; ``unfunded`` are the councils with an agreement but no known figure."""
    by_wave, funded = wave_rows(store), funding_rows(store)
    known = {f["council"].iri for f in funded}
    return {"waves": by_wave, "funding": funded,
            "unfunded": sorted((w["council"] for w in by_wave if w["council"].iri not in known), key=lambda n: n.label),
            "outcomes": outcome_rows(store), "interventions": intervention_rows(store),
            "queries": {"waves": WAVES, "funding": FUNDING, "outcomes": OUTCOMES, "interventions": INTERVENTIONS}}
