"""The overview's four pictures, from its page model: councils by wave as columns of names, funding as sorted
bars, inspection outcomes and interventions on time axes (geometry from ``web.models.charts``)."""

from __future__ import annotations

from decimal import Decimal

from web.models.charts import PALETTE, bars, columns, lanes

# Best to worst: bluish green circle, orange diamond, vermillion square (Okabe-Ito; the shapes tell them apart too).
OUTCOME_PALETTE = (("#009E73", "circle"), ("#E69F00", "diamond"), ("#D55E00", "square"))
NARROW = (600, 200)  # width and label width of a time chart with a table beside it


def short_money(money: str) -> str:
    """``£20.5m (£20,500,000)`` as ``£20.5m``."""
    return money.split(" (")[0]


def wave_chart(waves: list[dict]) -> dict:
    """One column per wave, one box per council (solid where a source states its wave)."""
    groups: dict[str, list] = {}
    for w in waves:
        groups.setdefault(w["wave"] or "wave not known", []).append(w)
    cols = []
    for wave, rows in groups.items():
        reported = rows[0]["reported_agreements"]
        note = f"{len(rows)} identified" + (f", {reported} reported" if reported is not None else "")
        units = [{"label": r["council"].label, "href": r["council"].path, "filled": r["wave_basis"] == "stated",
                  "title": f"{r['council'].label}: wave {wave} ({r['wave_basis'] or 'no source'})"} for r in rows]
        cols.append({"label": wave, "note": note, "units": units})
    return columns(cols)


def funding_chart(funding: list[dict]) -> dict:
    """One bar per council with a known figure, in the rows' order (largest first)."""
    return bars([{"label": f["council"].label, "value": Decimal(f["dfe_funding_gbp"]), "text": short_money(f["funding"]),
                  "href": f["council"].path, "title": f"{f['council'].label}: {f['funding']}"} for f in funding])


def outcome_chart(outcomes: list[dict]) -> dict:
    """One row per dated inspection, coloured and shaped by outcome, best first in the key."""
    dated = [o for o in outcomes if o["date"]]
    items = [{"label": o["council"].label, "category": o["outcome"], "start": o["date"]["start"], "end": o["date"]["end"],
              "href": o["inspection"].path, "title": f"{o['council'].label}: {o['outcome']} ({o['date_kind']} {o['date']['text']})"}
             for o in dated]
    best_first = [o["outcome"] for o in sorted(dated, key=lambda o: o["outcome_rank"])]
    return lanes(items, best_first, OUTCOME_PALETTE, *NARROW)


def intervention_chart(interventions: list[dict]) -> dict:
    """One row per dated notice, direction or withheld payment."""
    items = [{"label": i["councils"] + (": " + short_money(i["amount"]) if i["amount"] else ""), "category": i["kind"],
              "start": i["date"]["start"], "end": i["date"]["end"], "href": i["event"].path,
              "title": f"{i['kind']}, {i['councils']}, {i['date']['text']}"} for i in interventions if i["date"]]
    return lanes(items, (), PALETTE, *NARROW)


def overview_charts(model: dict) -> dict:
    """The geometry of the overview's four pictures."""
    return {"waves": wave_chart(model["waves"]), "funding": funding_chart(model["funding"]),
            "outcomes": outcome_chart(model["outcomes"]), "interventions": intervention_chart(model["interventions"])}
