"""The SPARQL 1.1 Protocol endpoint at /sparql (https://www.w3.org/TR/sparql11-protocol/).

A query request (``web.protocol``) is scanned (``graph.sparqlscan``: update and SERVICE refused), its
result format negotiated (``web.conneg``), and run by the app's executor (``graph.executor``: killable
worker processes, time limit, row cap). Without a query, browsers are sent to the query page and every
other client gets the Service Description. Errors are plain text with a status saying what went wrong.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, request

from graph.store import executor as ex
from graph.exports.formats import GRAPH_FORMATS, RESULT_FORMATS, by_name
from graph.queries.scan import scan
from graph.store.worker import Job

from . import conneg, cors, protocol
from .describe import public_url, rdf_bytes, service_description, statistics
from .executors import get_executor, init_executor
from .stores import get_store

bp = Blueprint("sparql", __name__)
cors.enable(bp)
bp.record_once(lambda state: init_executor(state.app))

DEFAULT_RESULTS = by_name("json", RESULT_FORMATS)
DEFAULT_GRAPH = by_name("turtle", GRAPH_FORMATS)
QUERY_PAGE = "/query"
STATUS = {ex.QuerySyntaxError: 400, ex.QueryUnsupported: 400, ex.QueryTooDeep: 400, ex.QueryRefused: 403, ex.NotAcceptable: 406,
          ex.QueryTimeout: 503, ex.ServerBusy: 503, ex.QueryFailed: 500, ex.UpstreamFailed: 502}


def plain(message: str, status: int) -> Response:
    """A plain-text error response."""
    response = Response(message + "\n", status=status, mimetype="text/plain")
    response.vary.add("Accept")
    return response


@bp.errorhandler(protocol.ProtocolError)
def protocol_error(error: protocol.ProtocolError) -> Response:
    """A malformed or forbidden protocol request: its status and message."""
    return plain(error.message, error.status)


@bp.errorhandler(ex.QueryError)
def query_error(error: ex.QueryError) -> Response:
    """A query that could not be answered: syntax 400, refused 403, 406, time limit / busy 503, failure 500/502."""
    status = STATUS[type(error)]
    prefix = "Query syntax error: " if isinstance(error, ex.QuerySyntaxError) else ""
    response = plain(prefix + str(error), status)
    if isinstance(error, ex.ServerBusy):
        response.headers["Retry-After"] = "1"
    return response


def offered(table, kind: str, accept: str | None) -> ex.NotAcceptable:
    """The 406 error for an Accept value that names no format of ``table``."""
    types = ", ".join(f.media_type for f in table)
    return ex.NotAcceptable(f"Accept {accept!r} names no format for {kind}; this endpoint offers {types}")


def formats_for(form: str | None) -> tuple:
    """The negotiated (result format, graph format) names; the one the query's form needs must exist (406)."""
    accept = request.headers.get("Accept")
    results = conneg.choose(request.values, accept, RESULT_FORMATS, DEFAULT_RESULTS)
    graph = conneg.choose(request.values, accept, GRAPH_FORMATS, DEFAULT_GRAPH)
    if form in ("SELECT", "ASK") and results is None:
        raise offered(RESULT_FORMATS, "query results (SELECT/ASK)", accept)
    if form in ("CONSTRUCT", "DESCRIBE") and graph is None:
        raise offered(GRAPH_FORMATS, "an RDF graph (CONSTRUCT/DESCRIBE)", accept)
    return (results.name if results else None), (graph.name if graph else None)


def answer_response(answer) -> Response:
    """The HTTP response carrying a serialised answer, its truncation and limits in headers."""
    table = RESULT_FORMATS if answer.kind == "results" else GRAPH_FORMATS
    response = Response(answer.body, mimetype=by_name(answer.format, table).media_type)
    response.vary.add("Accept")
    config = current_app.config
    response.headers[cors.TIME_LIMIT] = f"{config['QUERY_TIMEOUT']:g}"
    if config["ROW_LIMIT"]:
        response.headers[cors.ROW_LIMIT] = str(config["ROW_LIMIT"])
        response.headers[cors.TRUNCATED] = "true" if answer.truncated else "false"
    return response


def run_query(query: protocol.QueryRequest) -> Response:
    """Scan, negotiate and run ``query``; the answer as a response."""
    found = scan(query.query)
    result_format, graph_format = formats_for(found.form)
    job = Job(query.query, result_format, graph_format, current_app.config["ROW_LIMIT"] or 0,
              query.default_graphs, query.named_graphs, base_iri=public_url("/sparql"))
    return answer_response(get_executor().run(job))


def describe_service() -> Response:
    """The Service Description in the negotiated graph format; browsers go to the query page instead."""
    accept = request.headers.get("Accept")
    if conneg.prefers_html(accept, GRAPH_FORMATS):
        response = redirect(QUERY_PAGE, code=303)
        response.vary.add("Accept")
        return response
    fmt = conneg.choose(request.values, accept, GRAPH_FORMATS, DEFAULT_GRAPH)
    if fmt is None:
        raise offered(GRAPH_FORMATS, "the service description", accept)
    response = Response(rdf_bytes(service_description(statistics(get_store())), fmt), mimetype=fmt.media_type)
    response.vary.add("Accept")
    return response


@bp.route("/sparql", methods=["GET", "POST"], strict_slashes=False)
def endpoint() -> Response:
    """SPARQL 1.1 Protocol query operation (GET or POST); without a query, the service description."""
    query = protocol.read(request)
    if query.query is None:
        if request.method == "POST":
            raise protocol.ProtocolError(400, "no query given: send a 'query' parameter or an application/sparql-query body")
        return describe_service()
    return run_query(query)
