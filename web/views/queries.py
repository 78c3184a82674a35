"""Canned queries as an API: ``/queries.json`` lists them; ``/queries/<name>.<ext>?param=value`` runs one.

A canned query runs like any query of ``/sparql`` (admitted once, in the killable workers, with the time limit
and row cap), its parameters bound from the query string; the extension names the result format (``json``,
``srj``, ``srx``/``xml``, ``csv``, ``tsv`` for SELECT/ASK; a graph format's for CONSTRUCT/DESCRIBE).
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, request

from graph.exports.formats import GRAPH_FORMATS, RESULT_FORMATS, by_name
from graph.queries import ParameterError, canned_query
from graph.store.errors import StoreError
from graph.store.executor import admit
from graph.store.worker import RESULT_FORMS, Job
from web.models.canned import canned_list
from web.shared.links import canned_query_links
from web.shared import cors
from web.shared.answers import answer_response, error_response
from web.shared.context import run_untrusted
from web.shared.responses import plain_error

bp = Blueprint("queries", __name__)
cors.enable(bp)
bp.register_error_handler(StoreError, error_response)


@bp.route("/queries.json")
def queries_json():
    """The canned queries: name, title, description, parameters, query text and URLs."""
    return jsonify(canned_list(canned_query_links))


@bp.route("/queries/<name>.<extension>")
def results(name: str, extension: str):
    """The results of the canned query ``name`` with the query string's parameters, in the extension's format."""
    canned = canned_query(name)
    if canned is None:
        abort(404, f"No canned query called {name!r}")
    try:
        text = canned.bind(**request.args.to_dict())
    except ParameterError as error:
        return plain_error(str(error), 400)
    admitted = admit(text)
    table = RESULT_FORMATS if admitted.form in RESULT_FORMS else GRAPH_FORMATS
    fmt = by_name(extension, table)
    if fmt is None:
        abort(404, f"{name} gives {'results' if table is RESULT_FORMATS else 'a graph'}; no format has the "
                   f"extension .{extension} (try {', '.join(f.extension for f in table)})")
    job = Job(admitted, fmt, current_app.config["ROW_LIMIT"] or 0)
    return answer_response(run_untrusted(job))
