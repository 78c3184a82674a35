"""What every view answers with: plain-text errors, negotiated bodies with ``Vary: Accept``, 406, JSON twins.

Views build their responses here, so no view imports another to borrow a helper.
"""

from __future__ import annotations

from flask import Response, jsonify

from graph.exports.formats import Format, in_order, write_graph

PLAIN = "text/plain"


def plain_error(message: str, status: int) -> Response:
    """A plain-text response saying what went wrong (negotiated pages vary by Accept, so errors do too)."""
    return varies(Response(message.rstrip("\n") + "\n", status=status, mimetype=PLAIN))


def varies(response: Response) -> Response:
    """``response`` marked as depending on the request's Accept header."""
    response.vary.add("Accept")
    return response


def html_page(html: str) -> Response:
    """A rendered page of a URL that also negotiates RDF (so it varies by Accept)."""
    return varies(Response(html, mimetype="text/html"))


def not_acceptable(offered, what: str, accept: str | None) -> Response:
    """406 for an Accept value that names none of the formats ``offered`` for ``what``."""
    types = ", ".join(f.media_type for f in offered)
    return plain_error(f"Not acceptable: Accept {accept!r} names no format for {what}; available: {types}", 406)


def negotiated(body: bytes | str, fmt: Format) -> Response:
    """``body`` in the negotiated ``fmt``."""
    return varies(Response(body, mimetype=fmt.media_type))


def graph_response(triples, fmt: Format) -> Response:
    """``triples`` written in the negotiated graph format ``fmt``, in a fixed order (same data, same bytes)."""
    return negotiated(write_graph(in_order(triples), fmt), fmt)


def json_ready(value):
    """A page model as JSON-ready data: nodes (anything with ``iri`` and ``label``) become ``{"iri", "label"}``."""
    if hasattr(value, "iri") and hasattr(value, "label"):
        return {"iri": value.iri, "label": value.label}
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    return value


def json_twin(model) -> Response:
    """The machine-readable twin of a page: its model as JSON."""
    return jsonify(json_ready(model))
