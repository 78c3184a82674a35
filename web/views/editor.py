"""The query page: a SPARQL editor (CodeMirror 6, bundled in static/vendor/editor) over the ``/sparql`` endpoint.

``/query?name=N`` loads a canned query (its parameters from the rest of the query string), ``/query?query=``
a permalink; ``/query/terms.json`` serves what the editor completes, ``POST /query/draw`` turns an
N-Triples result into a drawing, and ``POST /query/labels`` names the IRIs of a result table.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, abort, jsonify, render_template, request, url_for
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

from graph.queries import ParameterError, canned_query, query_file
from graph.terms import PREFIXES
from web.models.canned import canned_list
from web.models.drawing import result_drawing
from web.models.editor import get_editor_terms, get_labels
from web.models.nodes import describe_nodes
from web.shared.context import get_store
from web.shared.links import LINK_RULES, canned_query_links

bp = Blueprint("editor", __name__)

SPARQL_PATH = "/sparql"
DRAW_LIMIT = 2_000_000
LABEL_LIMIT = 5000


def default_query() -> str:
    """The editor's starting text: the common prefixes and a first query (``pages/editor-example.rq``, header left out)."""
    return query_file("pages", "editor-example").body


def canned_text(name: str, args) -> str:
    """The canned query ``name`` with the values ``args`` give its parameters (other arguments are the page's own,
    or a link's: ignored); 404 for no such query, 400 for a bad value."""
    canned = canned_query(name)
    if canned is None:
        abort(404, f"No canned query called {name!r}")
    try:
        return canned.bind(**{p.name: args[p.name] for p in canned.params if p.name in args})
    except ParameterError as error:
        raise BadRequest(str(error)) from None


@bp.route("/query")
def editor():
    """The editor, loaded with ``?query=`` (a permalink), ``?name=`` (a canned query) or the default."""
    text, name = request.args.get("query"), request.args.get("name")
    if text is None and name:
        text = canned_text(name, request.args)
    queries = canned_list(canned_query_links)
    state = {"query": text if text is not None else default_query(), "endpoint": SPARQL_PATH,
             "terms": url_for("editor.terms_json"), "draw": url_for("editor.draw"), "labels": url_for("editor.labels"),
             "prefixes": PREFIXES, "queries": queries, "name": name,
             "autorun": request.args.get("run") == "1", "links": [[base, path] for base, path, _ in LINK_RULES]}
    return render_template("query/query.html", state=state, queries=queries)


@bp.route("/query/terms.json")
def terms_json():
    """What the editor completes: prefixes, classes, properties and labelled entities of this graph."""
    return jsonify(get_editor_terms(get_store()))


@bp.route("/query/draw", methods=["POST"])
def draw():
    """A drawing of an N-Triples CONSTRUCT/DESCRIBE result posted by the query page."""
    if request.content_length is not None and request.content_length > DRAW_LIMIT:
        raise RequestEntityTooLarge(f"results over {DRAW_LIMIT} bytes are not drawn; download them instead")
    if request.mimetype != "application/n-triples":
        raise BadRequest(f"send the result as application/n-triples, not {request.mimetype or 'no type'}")
    try:
        triples = list(ox.parse(request.get_data(), format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as error:
        raise BadRequest(f"not N-Triples: {error}")
    store = get_store()
    return jsonify(result_drawing(triples, lambda iris: describe_nodes(iris, store)))


@bp.route("/query/labels", methods=["POST"])
def labels():
    """The labels of the IRIs a result table shows (a JSON array of IRI strings in, ``{iri: label}`` out)."""
    iris = request.get_json(silent=True)
    if not isinstance(iris, list) or not all(isinstance(i, str) for i in iris):
        raise BadRequest("send a JSON array of IRI strings as application/json")
    if len(iris) > LABEL_LIMIT:
        raise BadRequest(f"at most {LABEL_LIMIT} IRIs are named at once; {len(iris)} sent")
    try:
        return jsonify(get_labels(sorted(set(iris)), get_store()))
    except ParameterError as error:
        raise BadRequest(str(error)) from None
