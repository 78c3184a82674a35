"""Compare councils: a plain GET form to pick two to five, and the councils side by side (JSON twin too)."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from web.models.compare import FEWEST, MOST, CompareError, get_compare
from web.models.overview import councils
from web.shared.context import get_store
from web.shared.responses import json_twin, plain_error

bp = Blueprint("compare", __name__)


@bp.route("/compare")
def compare():
    """The form, and with ``?council=a&council=b`` (2 to 5) the councils side by side; 400 with the form if not."""
    picked = request.args.getlist("council")
    store = get_store()
    model, error = None, None
    if picked:
        try:
            model = get_compare(picked, store)
        except CompareError as failure:
            error = str(failure)
    html = render_template("compare/compare.html", model=model, error=error, picked=picked, councils=councils(store),
                           fewest=FEWEST, most=MOST)
    return html, 400 if error else 200


@bp.route("/compare.json")
def compare_json():
    """The comparison's data for ``?council=a&council=b`` (2 to 5 council slugs); 400 saying what is wrong if not."""
    try:
        return json_twin(get_compare(request.args.getlist("council"), get_store()))
    except CompareError as failure:
        return plain_error(str(failure), 400)
