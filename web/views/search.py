"""The search page and its JSON twin."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from werkzeug.exceptions import BadRequest

from web.models.search import SearchError, get_search
from web.shared.context import get_store
from web.shared.responses import json_twin

bp = Blueprint("search", __name__)


def search_model(q: str, type_iri: str | None) -> dict:
    """The search results; 400 saying why when the search cannot run."""
    try:
        return get_search(q, type_iri, get_store())
    except SearchError as error:
        raise BadRequest(str(error)) from None


@bp.route("/search")
def search():
    """The search page."""
    q, type_iri = request.args.get("q", "").strip(), request.args.get("type") or None
    model = search_model(q, type_iri) if (q or type_iri) else None
    return render_template("search/search.html", model=model, q=q, type_iri=type_iri)


@bp.route("/search.json")
def search_json():
    """The search results as JSON."""
    q, type_iri = request.args.get("q", "").strip(), request.args.get("type") or None
    model = search_model(q, type_iri)
    for item in model["results"]:
        item.pop("title_parts", None)
        for m in item["matches"]:
            m.pop("parts")
    return json_twin(model)
