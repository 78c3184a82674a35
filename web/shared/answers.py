"""Answers of the query executor as HTTP: the status of each store error, and the headers of a served answer."""

from __future__ import annotations

from flask import Response, current_app

from graph.store import errors
from graph.store.worker import Answer
from web.shared import cors
from web.shared.responses import plain_error, varies

STATUS = {
    errors.QuerySyntaxError: 400, errors.QueryUnsupported: 400, errors.QueryTooDeep: 400, errors.QueryRefused: 403,
    errors.NotAcceptable: 406, errors.QueryTimeout: 503, errors.ServerBusy: 503, errors.TooManyRequests: 429, errors.QueryFailed: 500,
    errors.StoreUnavailable: 502, errors.RemoteStoreError: 502,
}


def status_of(error: errors.StoreError) -> int:
    """The HTTP status of a store error: its own class's, else the nearest base class's, else 500."""
    return next((STATUS[cls] for cls in type(error).__mro__ if cls in STATUS), 500)


def error_response(error: errors.StoreError) -> Response:
    """A store error as plain text with its status (503 busy and 429 over a client's share: with Retry-After)."""
    prefix = "Query syntax error: " if isinstance(error, errors.QuerySyntaxError) else ""
    if isinstance(error, errors.RemoteStoreError):
        prefix = "The data store behind this endpoint did not answer: "
    response = plain_error(prefix + str(error), status_of(error))
    if isinstance(error, errors.ServerBusy):
        response.headers["Retry-After"] = "1"
    elif isinstance(error, errors.TooManyRequests):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def answer_response(answer: Answer) -> Response:
    """The HTTP response carrying a serialised answer, its truncation and the endpoint's limits in headers."""
    response = varies(Response(answer.body, mimetype=answer.format.media_type))
    config = current_app.config
    response.headers[cors.TIME_LIMIT] = f"{config['QUERY_TIMEOUT']:g}"
    if config["ROW_LIMIT"]:
        response.headers[cors.ROW_LIMIT] = str(config["ROW_LIMIT"])
        response.headers[cors.TRUNCATED] = "true" if answer.truncated else "false"
    return response
