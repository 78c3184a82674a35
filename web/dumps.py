"""The data as documents: read-only Graph Store Protocol, whole-graph dumps, and the VoID/DCAT description.

- ``GET /store?default`` and ``GET /store?graph=IRI``: the SPARQL 1.1 Graph Store HTTP Protocol's read
  operation (https://www.w3.org/TR/sparql11-http-rdf-update/#http-get), content-negotiated; an unknown
  graph is 404; no other method is allowed (405).
- ``GET /dump/sendkg.<ext>``: the whole graph as a download (Content-Disposition: attachment).
- ``GET /.well-known/void``: the VoID description (https://www.w3.org/TR/void/#well-known), negotiated.

These run server-written queries in-process (bounded by the data's size, not by a stranger's query).
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from graph.exports.formats import GRAPH_FORMATS, Format, by_name, rdf_options

from . import conneg, cors
from .describe import DUMP_EXTENSIONS, DUMP_NAME, rdf_bytes, statistics, void_description
from .protocol import ProtocolError
from .sparql import DEFAULT_GRAPH, offered, plain
from .stores import get_store

bp = Blueprint("data", __name__)
cors.enable(bp)

DEFAULT_GRAPH_QUERY = "CONSTRUCT WHERE { ?s ?p ?o }"
DUMP_KEY = "sendkg.dumps"


@bp.errorhandler(ProtocolError)
def protocol_error(error: ProtocolError) -> Response:
    """A malformed request: its status and message."""
    return plain(error.message, error.status)


def negotiated() -> Format:
    """The graph format the request asks for (406 if none)."""
    accept = request.headers.get("Accept")
    fmt = conneg.choose(request.args, accept, GRAPH_FORMATS, DEFAULT_GRAPH)
    if fmt is None:
        error = offered(GRAPH_FORMATS, "an RDF graph", accept)
        raise ProtocolError(406, str(error))
    return fmt


def graph_response(body: bytes, fmt: Format) -> Response:
    """A negotiated RDF response."""
    response = Response(body, mimetype=fmt.media_type)
    response.vary.add("Accept")
    return response


def named_graph_query(iri: str) -> tuple[str, str]:
    """(ASK whether the named graph ``iri`` holds triples, CONSTRUCT its triples); 400 for a bad IRI."""
    try:
        node = str(ox.NamedNode(iri))
    except ValueError as error:
        raise ProtocolError(400, f"graph is not an absolute IRI: {iri!r} ({error})") from None
    pattern = f"GRAPH {node} {{ ?s ?p ?o }}"
    return f"ASK {{ {pattern} }}", f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {pattern} }}"


def serialise(triples, fmt: Format) -> bytes:
    """Triples written natively in ``fmt``."""
    return ox.serialize(triples, format=fmt.ox, **rdf_options(fmt.ox))


@bp.route("/store", methods=["GET"])
def graph_store() -> Response:
    """Graph Store Protocol GET: ``?default`` for the default graph, ``?graph=IRI`` for a named graph."""
    graphs = request.args.getlist("graph")
    if ("default" in request.args) == bool(graphs) or len(graphs) > 1:
        raise ProtocolError(400, "name exactly one graph: ?default or ?graph=IRI")
    fmt, store = negotiated(), get_store()
    if graphs:
        ask, construct = named_graph_query(graphs[0])
        if not bool(store.query(ask)):
            raise ProtocolError(404, f"no graph named {graphs[0]} in this store")
        return graph_response(serialise(store.query(construct), fmt), fmt)
    return graph_response(serialise(store.query(DEFAULT_GRAPH_QUERY), fmt), fmt)


def dump_bytes(fmt: Format) -> bytes:
    """The whole default graph in ``fmt``, made once per app and format."""
    cache = current_app.extensions.setdefault(DUMP_KEY, {})
    if fmt.name not in cache:
        cache[fmt.name] = serialise(get_store().query(DEFAULT_GRAPH_QUERY), fmt)
    return cache[fmt.name]


@bp.route(f"/dump/{DUMP_NAME}.<extension>", methods=["GET"])
def dump(extension: str) -> Response:
    """The whole graph as a file to download, in the format its extension names."""
    if extension not in DUMP_EXTENSIONS:
        raise ProtocolError(404, f"no dump {DUMP_NAME}.{extension}; available: {', '.join(DUMP_EXTENSIONS)}")
    fmt = by_name(extension, GRAPH_FORMATS)
    response = Response(dump_bytes(fmt), mimetype=fmt.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{DUMP_NAME}.{extension}"'
    return response


@bp.route("/.well-known/void", methods=["GET"])
def void() -> Response:
    """The VoID/DCAT description of the dataset, content-negotiated (Turtle by default)."""
    fmt, store = negotiated(), get_store()
    return graph_response(rdf_bytes(void_description(store, statistics(store)), fmt), fmt)
