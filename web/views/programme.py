"""The programme overview: councils by wave, DfE funding, inspection outcomes over time, notices and withheld
payments; each chart beside its table, its canned query and a CSV of its rows."""

from __future__ import annotations

from flask import Blueprint, render_template

from web.models.programme import get_programme
from web.models.programme_charts import overview_charts
from web.shared.context import get_store
from web.shared.responses import json_twin

bp = Blueprint("programme", __name__)


@bp.route("/programme")
def overview():
    """The programme at a glance: four charts, each with its data table, query and CSV."""
    model = get_programme(get_store())
    return render_template("programme/overview.html", model=model, charts=overview_charts(model))


@bp.route("/programme.json")
def overview_json():
    """The overview's data: the rows of its four queries."""
    return json_twin(get_programme(get_store()))
