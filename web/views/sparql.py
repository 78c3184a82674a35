"""The SPARQL 1.1 Protocol endpoint at /sparql (https://www.w3.org/TR/sparql11-protocol/).

Each request is read once (``web.shared.protocol``), its text scanned once (``graph.store.executor.admit``:
update, SERVICE and deep nesting refused; the scan gives the query's form), a format negotiated once for
that form from its one table (``web.shared.conneg``), and the job run by the app's executor (killable worker
processes, time limit, row cap), which sends back the negotiated format with the bytes. Without a query,
browsers are sent to the query page and every other client gets the Service Description. Errors are plain
text with a status saying what went wrong.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, request

from graph.exports.describe import Limits, service_description
from graph.exports.formats import GRAPH_FORMATS, JSON, RESULT_FORMATS, TURTLE
from graph.store.errors import StoreError
from graph.store.executor import admit
from graph.store.worker import RESULT_FORMS, Job
from web.shared import conneg, cors, protocol
from web.shared.answers import answer_response, error_response
from web.shared.context import run_untrusted, void_statistics
from web.shared.links import base_url
from web.shared.responses import graph_response, not_acceptable, plain_error, varies

bp = Blueprint("sparql", __name__)
cors.enable(bp)
bp.register_error_handler(StoreError, error_response)
QUERY_PAGE = "/query"
KINDS = {True: (RESULT_FORMATS, JSON, "query results (SELECT/ASK)"),
         False: (GRAPH_FORMATS, TURTLE, "an RDF graph (CONSTRUCT/DESCRIBE)")}


@bp.errorhandler(protocol.ProtocolError)
def protocol_error(error: protocol.ProtocolError) -> Response:
    """A malformed or forbidden protocol request: its status and message."""
    return plain_error(error.message, error.status)


def run_query(query: protocol.QueryRequest) -> Response:
    """Admit, negotiate and run ``query``; the answer as a response."""
    admitted = admit(query.query)
    fmt = None
    if admitted.form is not None:  # else the text does not parse: the parser's message is the answer
        table, default, kind = KINDS[admitted.form in RESULT_FORMS]
        accept = request.headers.get("Accept")
        fmt = conneg.choose(request.values, accept, table, default)
        if fmt is None:
            return not_acceptable(table, kind, accept)
    job = Job(admitted, fmt, current_app.config["ROW_LIMIT"] or 0, query.default_graphs,
              query.named_graphs, base_iri=base_url() + "/sparql")
    return answer_response(run_untrusted(job))


def describe_service() -> Response:
    """The Service Description in the negotiated graph format; browsers go to the query page instead."""
    accept = request.headers.get("Accept")
    if conneg.prefers_html(accept, GRAPH_FORMATS):
        return varies(redirect(QUERY_PAGE, code=303))
    fmt = conneg.choose(request.values, accept, GRAPH_FORMATS, TURTLE)
    if fmt is None:
        return not_acceptable(GRAPH_FORMATS, "the service description", accept)
    config = current_app.config
    limits = Limits(config["QUERY_TIMEOUT"], config["ROW_LIMIT"])
    return graph_response(service_description(base_url(), void_statistics(), limits), fmt)


@bp.route("/sparql", methods=["GET", "POST"], strict_slashes=False)
def endpoint() -> Response:
    """SPARQL 1.1 Protocol query operation (GET or POST); without a query, the service description."""
    query = protocol.read(request)
    if query.query is None:
        if request.method == "POST":
            raise protocol.ProtocolError(400, "no query given: send a 'query' parameter or an application/sparql-query body")
        return describe_service()
    return run_query(query)
