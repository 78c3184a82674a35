"""Entity pages at ``/id/<kind>/<slug>``: HTML for browsers, RDF by Accept header or by suffix (.ttl, .jsonld, .nt).

One model, several renderings: the page and its RDF come from the same store; an Accept header matching
none of the page's formats gets 406.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from graph.exports import dumps
from graph.exports.formats import GRAPH_FORMATS, Format, by_name
from graph.queries import ParameterError
from web.models.entity import get_entity
from web.shared.conneg import HTML, PAGE_FORMATS, negotiate_page
from web.shared.context import get_store
from web.shared.links import canonical_url, iri_to_path, path_to_iri
from web.shared.responses import graph_response, html_page, not_acceptable

bp = Blueprint("entities", __name__)

DOWNLOADS = tuple(by_name(e, GRAPH_FORMATS) for e in ("ttl", "jsonld", "nt"))


def split_suffix(rest: str) -> tuple[str, Format | None]:
    """``council/bury.ttl`` -> (``council/bury``, Turtle); no known suffix -> (rest, None)."""
    stem, dot, ext = rest.rpartition(".")
    fmt = by_name(ext, GRAPH_FORMATS) if dot and "/" not in ext else None
    return (stem, fmt) if fmt and fmt.extension == ext else (rest, None)


@bp.route("/id/<path:rest>")
def entity(rest: str):
    """One entity of the graph, negotiated."""
    stem, fmt = split_suffix(rest)
    iri = path_to_iri(stem)
    accept = request.headers.get("Accept")
    fmt = fmt or negotiate_page(accept)
    if fmt is None:
        return not_acceptable(PAGE_FORMATS, "this resource", accept)
    try:
        found = get_entity(iri, get_store()) if fmt is HTML else dumps.entity_triples(get_store(), iri)
    except ParameterError as error:  # a path no IRI can have (NUL, spaces, <, ...): nothing to describe
        abort(404, f"The graph says nothing about that path: {error}")
    if not found:
        abort(404, f"The graph says nothing about {iri}")
    if fmt is not HTML:
        return graph_response(found, fmt)
    model = found
    return html_page(render_template("entities/entity.html", entity=model, stem=stem, page=iri_to_path(iri),
                                     canonical=canonical_url(iri), downloads=DOWNLOADS, is_council=model.is_council))
