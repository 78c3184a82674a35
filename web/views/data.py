"""The data as documents: read-only Graph Store Protocol, whole-graph dumps, and the VoID/DCAT description.

- ``GET /store?default`` and ``GET /store?graph=IRI``: the SPARQL 1.1 Graph Store HTTP Protocol's read
  operation (https://www.w3.org/TR/sparql11-http-rdf-update/#http-get), content-negotiated; an unknown
  graph is 404; no other method is allowed (405).
- ``GET /dump/sendkg.<ext>``: the whole graph as a download (Content-Disposition: attachment).
- ``GET /.well-known/void``: the VoID description (https://www.w3.org/TR/void/#well-known), negotiated.

These run server-written queries in-process (bounded by the data's size, not by a stranger's query).
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from graph.exports import dumps
from graph.exports.describe import DUMP_EXTENSIONS, DUMP_NAME, void_description
from graph.exports.formats import GRAPH_FORMATS, TURTLE, Format, by_name, in_order, write_graph
from web.shared import conneg, cors
from web.shared.context import get_store, void_statistics
from web.shared.links import base_url
from web.shared.responses import graph_response, not_acceptable, plain_error

bp = Blueprint("data", __name__)
cors.enable(bp)
DUMP_KEY = "sendkg.dumps"


def negotiated_graph_format() -> tuple[Format | None, Response | None]:
    """The graph format the request asks for, or the 406 to answer."""
    accept = request.headers.get("Accept")
    fmt = conneg.choose(request.args, accept, GRAPH_FORMATS, TURTLE)
    return (fmt, None) if fmt else (None, not_acceptable(GRAPH_FORMATS, "an RDF graph", accept))


@bp.route("/store", methods=["GET"])
def graph_store() -> Response:
    """Graph Store Protocol GET: ``?default`` for the default graph, ``?graph=IRI`` for a named graph."""
    graphs = request.args.getlist("graph")
    if ("default" in request.args) == bool(graphs) or len(graphs) > 1:
        return plain_error("name exactly one graph: ?default or ?graph=IRI", 400)
    fmt, refusal = negotiated_graph_format()
    if refusal:
        return refusal
    store = get_store()
    if not graphs:
        return graph_response(dumps.default_graph(store), fmt)
    try:
        found = dumps.has_named_graph(store, graphs[0])
    except ValueError as error:
        return plain_error(f"graph is not an absolute IRI: {graphs[0]!r} ({error})", 400)
    if not found:
        return plain_error(f"no graph named {graphs[0]} in this store", 404)
    return graph_response(dumps.named_graph(store, graphs[0]), fmt)


def dump_bytes(fmt: Format) -> bytes:
    """The whole default graph in ``fmt``, made once per app and format."""
    cache = current_app.extensions.setdefault(DUMP_KEY, {})
    if fmt.name not in cache:
        cache[fmt.name] = write_graph(in_order(dumps.default_graph(get_store())), fmt)
    return cache[fmt.name]


@bp.route(f"/dump/{DUMP_NAME}.<extension>", methods=["GET"])
def dump(extension: str) -> Response:
    """The whole graph as a file to download, in the format its extension names."""
    if extension not in DUMP_EXTENSIONS:
        return plain_error(f"no dump {DUMP_NAME}.{extension}; available: {', '.join(DUMP_EXTENSIONS)}", 404)
    fmt = by_name(extension, GRAPH_FORMATS)
    response = Response(dump_bytes(fmt), mimetype=fmt.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{DUMP_NAME}.{extension}"'
    return response


@bp.route("/.well-known/void", methods=["GET"])
def void() -> Response:
    """The VoID/DCAT description of the dataset, content-negotiated (Turtle by default)."""
    fmt, refusal = negotiated_graph_format()
    if refusal:
        return refusal
    return graph_response(void_description(get_store(), base_url(), void_statistics()), fmt)
