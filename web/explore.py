"""The graph explorer: ``/explore?focus=IRI&depth=1..3`` draws a neighbourhood; ``/explore.json`` is its data.

The page's script asks ``/explore.json?focus=X&depth=1`` to unfold a clicked node in place, and
``&offset=N`` for the neighbours behind a "+N more" node.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, render_template, request
from werkzeug.exceptions import BadRequest

from graph.queries.neighbourhood import neighbourhood_query

from .drawing import drawing
from .model import labels_and_types
from .overview import councils
from .sparql_text import iri_ref
from .stores import get_store

bp = Blueprint("explore", __name__)

TRIPLE_LIMIT = 20000


def parameters(args) -> tuple[str, int, int]:
    """``focus``, ``depth`` and ``offset`` from the query string; 400 saying which one is wrong."""
    focus = args.get("focus", "").strip()
    try:
        iri_ref(focus)
    except ValueError as error:
        raise BadRequest(f"focus: {error}")
    depth, offset = args.get("depth", "1"), args.get("offset", "0")
    if depth not in ("1", "2", "3"):
        raise BadRequest(f"depth must be 1, 2 or 3, not {depth!r}")
    if not offset.isdigit():
        raise BadRequest(f"offset must be a whole number, not {offset!r}")
    return focus, int(depth), int(offset)


def neighbourhood_data(focus: str, depth: int, offset: int = 0) -> dict:
    """The drawing of ``focus``'s neighbourhood; 404 if the graph says nothing about it."""
    store = get_store()
    triples = store.triples(neighbourhood_query(focus, depth, limit=TRIPLE_LIMIT))
    if not triples:
        abort(404, f"The graph says nothing about {focus}")
    cap = current_app.config.get("EXPLORE_CAP", 20)
    return drawing(triples, focus, depth, lambda iris: labels_and_types(iris, store), cap=cap, offset=offset)


@bp.route("/explore")
def explore():
    """The explorer page: a drawing when a focus is given, else a list of starting points."""
    if not request.args.get("focus"):
        return render_template("explore/start.html", councils=councils(get_store()))
    focus, depth, offset = parameters(request.args)
    data = neighbourhood_data(focus, depth, offset)
    focus_node = next(n for n in data["nodes"] if n["id"] == focus)
    return render_template("explore/explore.html", data=data, focus=focus_node, depth=depth)


@bp.route("/explore.json")
def explore_json():
    """The explorer's data: vis-network nodes, edges and legend."""
    focus, depth, offset = parameters(request.args)
    return jsonify(neighbourhood_data(focus, depth, offset))
