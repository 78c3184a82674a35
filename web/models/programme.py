"""The programme overview: four charts, each the rows of one canned query (so its table, its CSV and its query
page are the same data): councils by wave, DfE funding by council, inspection outcomes over time, and
improvement notices, directions and withheld payments.
"""

from __future__ import annotations

from decimal import Decimal

from graph.queries import query_file
from graph.terms import SKG
from web.models.charts import PALETTE, bars as chart_bars, columns as chart_columns, lanes
from web.models.nodes import lit, node
from web.models.when import from_literal

# Best to worst: bluish green circle, orange diamond, vermillion square (Okabe-Ito; the shapes tell them apart too).
OUTCOME_PALETTE = (("#009E73", "circle"), ("#E69F00", "diamond"), ("#D55E00", "square"))
NARROW = (600, 200)  # width and label width of a time chart with a table beside it
WAVES, FUNDING, OUTCOMES, INTERVENTIONS = ("21-councils-by-wave", "22-funding-by-council", "23-outcomes-over-time",
                                           "24-interventions")


def canned_rows(name: str, store) -> list[dict]:
    """The rows of the canned query ``name`` with its defaults."""
    return store.select(query_file("canned", name).bind())


def text(row: dict, key: str) -> str | None:
    """A row's plain value for ``key``, or None."""
    return row[key].value if key in row else None


def money_text(row: dict, key: str) -> str | None:
    """A row's amount for ``key`` in pounds as people read it, or None."""
    return lit(row[key], str(SKG.amount)).text if key in row else None


def dated(row: dict) -> dict | None:
    """The row's ``date`` as given, with its span, or None."""
    when = from_literal(row["date"]) if "date" in row else None
    return when.as_json() if when else None


def waves(store) -> list[dict]:
    """Each agreement by wave: its council, wave, whether a source states the wave, and the DfE's count."""
    return [{"council": node(r["council"], r.get("label")), "wave": text(r, "wave"), "wave_basis": text(r, "wave_basis"),
             "reported_agreements": int(r["reported_agreements"].value) if "reported_agreements" in r else None}
            for r in canned_rows(WAVES, store)]


def funding(store) -> list[dict]:
    """Councils whose DfE funding total is known, largest first."""
    return [{"council": node(r["council"], r.get("label")), "wave": text(r, "wave"),
             "dfe_funding_gbp": r["dfe_funding_gbp"].value, "funding": money_text(r, "dfe_funding_gbp"),
             "capital": money_text(r, "capital_gbp"), "claims": int(r["claims"].value), "confidences": text(r, "confidences")}
            for r in canned_rows(FUNDING, store)]


def outcomes(store) -> list[dict]:
    """Inspections of safety valve councils in date order, each with its outcome and its date as given."""
    return [{"council": node(r["council"], r.get("label")), "inspection": node(r["inspection"]), "date": dated(r),
             "date_kind": text(r, "date_kind"), "outcome": text(r, "outcome"), "outcome_rank": int(r["outcome_rank"].value),
             "sources": int(r["sources"].value)} for r in canned_rows(OUTCOMES, store)]


def interventions(store) -> list[dict]:
    """Improvement notices, directions and withheld payments in date order."""
    return [{"event": node(r["event"], r.get("label")), "kind": text(r, "kind"), "councils": text(r, "councils"), "date": dated(r),
             "amount": money_text(r, "amount"), "amount_in_doubt": money_text(r, "amount_in_doubt"), "sources": int(r["sources"].value)}
            for r in canned_rows(INTERVENTIONS, store)]


def get_programme(store) -> dict:
    """Everything the overview page shows; ``unfunded`` are the councils with an agreement but no known figure."""
    by_wave, funded = waves(store), funding(store)
    known = {f["council"].iri for f in funded}
    return {"waves": by_wave, "funding": funded,
            "unfunded": sorted((w["council"] for w in by_wave if w["council"].iri not in known), key=lambda n: n.label),
            "outcomes": outcomes(store), "interventions": interventions(store),
            "queries": {"waves": WAVES, "funding": FUNDING, "outcomes": OUTCOMES, "interventions": INTERVENTIONS}}


def charts(model: dict) -> dict:
    """The geometry of the overview's four pictures (see ``web.models.charts``), from the page model."""
    groups: dict[str, list] = {}
    for w in model["waves"]:
        groups.setdefault(w["wave"] or "wave not known", []).append(w)
    wave_cols = [{"label": wave, "note": f"{len(rows)} identified, {rows[0]['reported_agreements']} reported"
                  if rows[0]["reported_agreements"] is not None else f"{len(rows)} identified",
                  "units": [{"label": r["council"].label, "href": r["council"].path, "filled": r["wave_basis"] == "stated",
                             "title": f"{r['council'].label}: wave {wave} ({r['wave_basis'] or 'no source'})"} for r in rows]}
                 for wave, rows in groups.items()]
    bars = [{"label": f["council"].label, "value": Decimal(f["dfe_funding_gbp"]), "text": f["funding"].split(" (")[0],
             "href": f["council"].path, "title": f"{f['council'].label}: {f['funding']}"} for f in model["funding"]]
    dated = [o for o in model["outcomes"] if o["date"]]
    outcome_items = [{"label": o["council"].label, "category": o["outcome"], "start": o["date"]["start"],
                      "end": o["date"]["end"], "href": o["inspection"].path,
                      "title": f"{o['council'].label}: {o['outcome']} ({o['date_kind']} {o['date']['text']})"} for o in dated]
    acts = [i for i in model["interventions"] if i["date"]]
    act_items = [{"label": f"{i['councils']}{': ' + i['amount'].split(' (')[0] if i['amount'] else ''}",
                  "category": i["kind"], "start": i["date"]["start"], "end": i["date"]["end"], "href": i["event"].path,
                  "title": f"{i['kind']}, {i['councils']}, {i['date']['text']}"} for i in acts]
    return {"waves": chart_columns(wave_cols), "funding": chart_bars(bars), "outcomes": lanes(outcome_items, [o["outcome"] for o in sorted(dated, key=lambda o: o["outcome_rank"])], OUTCOME_PALETTE, *NARROW),
            "interventions": lanes(act_items, (), PALETTE, *NARROW)}
