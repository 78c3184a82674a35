"""Mandates vs findings pages: the councils, and for one council each mandated area beside the findings on it."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from graph.queries import ParameterError
from graph.terms import entity_iri
from web.models.mandates import get_mandates
from web.models.overview import councils
from web.shared.context import get_store
from web.shared.responses import json_twin

bp = Blueprint("mandates", __name__)


@bp.route("/mandates")
def index():
    """The councils whose agreements mandate improvement areas, each linking to its comparison."""
    return render_template("mandates/index.html", councils=councils(get_store()))


def council_model(slug: str) -> dict:
    """The model for the council called ``slug``; 404 if there is none."""
    try:
        model = get_mandates(str(entity_iri("council", slug)), get_store())
    except ParameterError:
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
    return json_twin(council_model(slug))
