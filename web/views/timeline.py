"""A council's timeline: its events in date order, drawn on a time axis and listed, with a JSON twin."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from graph.queries import ParameterError
from graph.terms import entity_iri
from web.models.timeline import get_timeline, timeline_chart
from web.shared.context import get_store
from web.shared.responses import json_twin

bp = Blueprint("timeline", __name__)


def timeline_model(slug: str) -> dict:
    """The timeline of the council called ``slug``; 404 if there is none."""
    try:
        model = get_timeline(str(entity_iri("council", slug)), get_store())
    except ParameterError:
        model = None
    if model is None:
        abort(404, f"No council called {slug!r} in the graph")
    return model


@bp.route("/timeline/<slug>")
def timeline_page(slug: str):
    """What happened to a council, in order, and who says so."""
    model = timeline_model(slug)
    return render_template("timeline/council.html", model=model, chart=timeline_chart(model), slug=slug)


@bp.route("/timeline/<slug>.json")
def timeline_json(slug: str):
    """The timeline's data: dated events in order, then the undated."""
    return json_twin(timeline_model(slug))
