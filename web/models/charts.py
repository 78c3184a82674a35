"""Chart geometry for server-drawn SVG: dated rows on a time axis (a span drawn as a bar, a day as a point),
sorted horizontal bars, and columns of labelled units. Pure numbers and text; the templates draw them, so the
pictures need no script, pass a strict CSP, and every mark carries its row's words in a ``<title>``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

WIDTH = 760
ROW = 24
LABEL_W = 300
AXIS_H = 28
LABEL_CHARS = 40
RIGHT = 24
# Okabe-Ito colours, each with a shape, so colour is never the only carrier of meaning.
PALETTE = (("#0072B2", "circle"), ("#D55E00", "diamond"), ("#009E73", "square"), ("#CC79A7", "triangle"),
           ("#E69F00", "circle"), ("#56B4E9", "diamond"), ("#000000", "square"), ("#882255", "triangle"))


def cut_text(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` cut to ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chart_styles(categories, palette=PALETTE) -> dict[str, dict]:
    """A colour and shape per category, in first-seen order."""
    seen = list(dict.fromkeys(categories))
    return {c: {"label": c, "colour": palette[i % len(palette)][0], "shape": palette[i % len(palette)][1]}
            for i, c in enumerate(seen)}


def year_ticks(start: dt.date, end: dt.date, x) -> list[dict]:
    """A tick at each 1 January from ``start``'s year to the year after ``end``."""
    return [{"x": round(x(dt.date(y, 1, 1)), 1), "label": str(y)} for y in range(start.year, end.year + 2)]


def lanes(items: list[dict], order=(), palette=PALETTE, width: int = WIDTH, label_w: int = LABEL_W) -> dict:
    """One row per item (``label``, ``category``, ``start``/``end`` ISO days, ``title``, ``href``), in the given
    order, on one time axis: a span is a bar from its first to its last day, a single day a point. Categories
    take their colours and shapes from ``palette`` in ``order``, then as they come; labels fill ``label_w`` of ``width``."""
    if not items:
        return {"width": width, "height": 0, "marks": [], "ticks": [], "legend": []}
    starts = [dt.date.fromisoformat(i["start"]) for i in items]
    ends = [dt.date.fromisoformat(i["end"]) for i in items]
    first, last = dt.date(min(starts).year, 1, 1), dt.date(max(ends).year + 1, 1, 1)
    span = (last - first).days or 1
    x = lambda day: label_w + (width - label_w - RIGHT) * (day - first).days / span  # noqa: E731
    style = chart_styles([*order, *(i["category"] for i in items)], palette)
    marks = []
    for n, (item, start, end) in enumerate(zip(items, starts, ends)):
        y = AXIS_H + n * ROW
        x0, x1 = x(start), x(end + dt.timedelta(days=1))
        marks.append({**item, **style[item["category"]], "y": y, "cy": y + ROW / 2, "x": round(x0, 1),
                      "w": round(max(x1 - x0, 3), 1), "cx": round((x0 + x1) / 2, 1), "point": start == end,
                      "text": cut_text(item["label"], label_w // 7)})
    for key in style.values():  # the key draws a kind as the marks draw it: a bar where every one is a span
        key["bar"] = all(not m["point"] for m in marks if m["category"] == key["label"])
    ticks = [t for t in year_ticks(first, last, x) if t["x"] <= width - RIGHT + 1]
    return {"width": width, "height": AXIS_H + len(items) * ROW + 8, "marks": marks, "ticks": ticks,
            "legend": list(style.values()), "plot_x": label_w, "bottom": AXIS_H + len(items) * ROW}


def nice_step(top: Decimal) -> int:
    """A round tick step (1, 2 or 5 times a power of ten) giving about five ticks up to ``top``."""
    raw = max(float(top) / 5, 1.0)
    power = 10 ** (len(str(int(raw))) - 1)
    return next(s * power for s in (1, 2, 5, 10) if s * power >= raw)


def bars(items: list[dict]) -> dict:
    """Horizontal bars, one per item (``label``, ``value`` a Decimal, ``text``, ``title``, ``href``), in the given order."""
    if not items:
        return {"width": WIDTH, "height": 0, "marks": [], "ticks": []}
    top = max(i["value"] for i in items) or Decimal(1)
    step = nice_step(top)
    top = Decimal(step * -(-int(top) // step))
    plot = WIDTH - LABEL_W - 90
    x = lambda v: LABEL_W + plot * float(v) / float(top)  # noqa: E731
    marks = [{**item, "y": AXIS_H + n * ROW + 3, "cy": AXIS_H + n * ROW + ROW / 2, "x": LABEL_W,
              "w": round(max(x(item["value"]) - LABEL_W, 1), 1), "end": round(x(item["value"]) + 4, 1),
              "text_label": cut_text(item["label"], 34)} for n, item in enumerate(items)]
    ticks = [{"x": round(x(v), 1), "label": f"£{v // 1_000_000}m"} for v in range(0, int(top) + 1, step)]
    return {"width": WIDTH, "height": AXIS_H + len(items) * ROW + 8, "marks": marks, "ticks": ticks,
            "plot_x": LABEL_W, "bottom": AXIS_H + len(items) * ROW}


def columns(groups: list[dict]) -> dict:
    """Columns of labelled units: one column per group (``label``, ``note``, ``units``: ``label``, ``filled``,
    ``title``, ``href``), each unit a box with its name."""
    width = max(len(groups), 1) * 185
    tallest = max((len(g["units"]) for g in groups), default=0)
    cols = [{**g, "x": n * 185 + 4, "cx": n * 185 + 92,
             "units": [{**u, "y": 52 + k * ROW, "ty": 52 + k * ROW + 16, "text": cut_text(u["label"], 24)}
                       for k, u in enumerate(g["units"])]} for n, g in enumerate(groups)]
    return {"width": width, "height": 52 + tallest * ROW + 8, "columns": cols, "unit_w": 177}
