"""The graph explorer: ``/explore?focus=IRI&depth=1..3`` draws a neighbourhood; ``/explore.json`` is its data.

The default is the focus and one step out. Values and facts are listed in the side panel of the node they belong
to, not drawn, unless ``values=1``; like links are bundled behind group nodes (``web/models/explorer.py``). The
page's script asks ``/explore.json?focus=X&depth=1`` to unfold a clicked node in place, and ``&offset=N`` for the
neighbours behind a "+N more" node, and keeps what was unfolded in the page's URL (``&open=X``, replayed on
load). ``focus`` is checked once, where it is bound into the neighbourhood query; at most EXPLORE_CAP neighbours
of a node are drawn.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from werkzeug.exceptions import BadRequest

from graph.exports import dumps
from graph.queries import ParameterError
from web.models.drawing import drawing
from web.models.nodes import describe_nodes
from web.models.overview import councils
from web.shared.context import get_store
from web.shared.responses import json_twin

bp = Blueprint("explore", __name__)


def explore_args(args) -> tuple[str, int, int, bool]:
    """``focus``, ``depth``, ``offset`` and ``values`` from the query string; 400 saying which one is wrong."""
    depth, offset, values = args.get("depth", "1"), args.get("offset", "0"), args.get("values", "0")
    if depth not in ("1", "2", "3"):
        raise BadRequest(f"depth must be 1, 2 or 3, not {depth!r}")
    if not offset.isdigit():
        raise BadRequest(f"offset must be a whole number, not {offset!r}")
    if values not in ("0", "1"):
        raise BadRequest(f"values must be 0 (in the side panel) or 1 (drawn as nodes), not {values!r}")
    return args.get("focus", "").strip(), int(depth), int(offset), values == "1"


def neighbourhood_drawing(focus: str, depth: int, offset: int = 0, values: bool = False) -> tuple[dict, dict]:
    """The drawing of ``focus``'s neighbourhood and its focus node; 400 for a bad focus, 404 if the graph has none."""
    store = get_store()
    try:
        triples = dumps.neighbourhood(store, focus, depth)
    except ParameterError as error:
        raise BadRequest(str(error)) from None
    if not triples:
        abort(404, f"The graph says nothing about {focus}")
    return drawing(triples, focus, depth, lambda iris: describe_nodes(iris, store),
                   cap=current_app.config["EXPLORE_CAP"], offset=offset, values=values)


@bp.route("/explore")
def explore():
    """The explorer page: a drawing when a focus is given, else a list of starting points."""
    if not request.args.get("focus"):
        return render_template("explore/start.html", councils=councils(get_store()))
    focus, depth, offset, values = explore_args(request.args)
    data, focus_node = neighbourhood_drawing(focus, depth, offset, values)
    return render_template("explore/explore.html", data=data, focus=focus_node, depth=depth, values=values)


@bp.route("/explore.json")
def explore_json():
    """The explorer's data: vis-network nodes and edges, those behind group nodes (``folded``), panels, legend."""
    return json_twin(neighbourhood_drawing(*explore_args(request.args))[0])
