"""Reading a SPARQL 1.1 Protocol query request (https://www.w3.org/TR/sparql11-protocol/#query-operation).

Three ways in: GET ``?query=``, POST ``application/x-www-form-urlencoded`` and POST
``application/sparql-query`` (UTF-8 body). ``default-graph-uri`` / ``named-graph-uri`` become the query's
dataset. Anything that is not a well-formed query request raises ``ProtocolError`` with the HTTP status
and a message saying what was wrong; every form of SPARQL Update is refused with 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

import pyoxigraph as ox

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
READ_ONLY = "SPARQL Update is not allowed: this endpoint is read-only"


class ProtocolError(Exception):
    """A request the protocol does not allow: ``status`` and a message for the client."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class QueryRequest:
    """The query text (None: no query given) and the protocol dataset (None: the query's own)."""

    query: str | None
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None


def graph_iris(name: str, values: list[str]) -> tuple[str, ...] | None:
    """The IRIs given as parameter ``name``, each checked to be an absolute IRI; None if none given."""
    if not values:
        return None
    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError as error:
            raise ProtocolError(400, f"{name} is not an absolute IRI: {value!r} ({error})") from None
    return tuple(values)


def single_query(values: list[str]) -> str | None:
    """The one query given, None if none; two or more is an error."""
    if len(values) > 1:
        raise ProtocolError(400, f"{len(values)} query parameters given; send exactly one")
    return values[0] if values else None


def check_utf8(raw: bytes, where: str) -> None:
    """400 unless ``raw`` (a query string or form body) is UTF-8 once percent-decoded (else bytes would be replaced)."""
    try:
        unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"the {where} is not valid UTF-8 once percent-decoded: byte {error.start}: {error.reason}") from None


def direct_body(request) -> str:
    """The UTF-8 text of an ``application/sparql-query`` body (another charset or bad bytes: 400)."""
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ProtocolError(400, f"the query body must be UTF-8, not {charset}")
    try:
        return request.get_data(cache=False).decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"the query body is not valid UTF-8: byte {error.start}: {error.reason}") from None


def query_text(request) -> str | None:
    """The query of a GET or POST request, by the rules of its media type."""
    if request.method == "GET":
        return single_query(request.args.getlist("query"))
    media_type = request.mimetype
    if media_type == UPDATE:
        raise ProtocolError(403, READ_ONLY)
    if media_type == FORM:
        check_utf8(request.get_data(), "form body")
        if "update" in request.form:
            raise ProtocolError(403, READ_ONLY)
        return single_query(request.args.getlist("query") + request.form.getlist("query"))
    if media_type == QUERY:
        if "query" in request.args:
            raise ProtocolError(400, "a query in both the URL and the body; send exactly one")
        return direct_body(request)
    raise ProtocolError(415, f"POST a query as {FORM} or {QUERY}, not {media_type or 'a body without Content-Type'}")


def parameters(request, name: str) -> list[str]:
    """Every value of ``name`` in the URL and, for a form POST, in the body."""
    values = request.args.getlist(name)
    if request.method == "POST" and request.mimetype == FORM:
        values += request.form.getlist(name)
    return values


def read(request) -> QueryRequest:
    """The query request ``request`` carries (``ProtocolError`` if it is not one)."""
    if "update" in request.args:
        raise ProtocolError(403, READ_ONLY)
    check_utf8(request.query_string, "URL query string")
    query = query_text(request)
    return QueryRequest(query, graph_iris("default-graph-uri", parameters(request, "default-graph-uri")),
                        graph_iris("named-graph-uri", parameters(request, "named-graph-uri")))
