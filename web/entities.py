"""Entity pages at ``/id/<kind>/<slug>``: HTML for browsers, RDF by Accept header or by suffix (.ttl, .jsonld, .nt).

Formats come from ``graph.formats.GRAPH_FORMATS``; an Accept header matching none of them gets 406.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from graph.exports.formats import GRAPH_FORMATS, Format, by_name, serialize_graph
from graph.terms import SKG

from .conneg import HTML, PAGE_FORMATS, negotiate_page
from .links import iri_to_path, path_to_iri, public_url
from .model import get_entity
from .sparql_text import iri_ref
from .stores import get_store

bp = Blueprint("entities", __name__)

DOWNLOADS = ("ttl", "jsonld", "nt")


def split_suffix(rest: str) -> tuple[str, Format | None]:
    """``council/bury.ttl`` -> (``council/bury``, Turtle); no known suffix -> (rest, None)."""
    stem, dot, ext = rest.rpartition(".")
    fmt = by_name(ext, GRAPH_FORMATS) if dot and "/" not in ext else None
    return (stem, fmt) if fmt and fmt.extension == ext else (rest, None)


def entity_triples(iri: str, store) -> list:
    """Every triple with ``iri`` as subject or object: the data behind the page, as RDF."""
    ref = iri_ref(iri)
    return store.triples(f"CONSTRUCT {{ {ref} ?p ?o . ?s ?q {ref} }} WHERE {{ {{ {ref} ?p ?o }} UNION {{ ?s ?q {ref} }} }}")


def rdf_response(iri: str, fmt: Format) -> Response:
    """The entity's triples serialised as ``fmt``; 404 if there are none."""
    triples = entity_triples(iri, get_store())
    if not triples:
        abort(404, f"The graph says nothing about {iri}")
    body = serialize_graph(triples, fmt)
    response = Response(body, mimetype=fmt.media_type)
    response.headers["Vary"] = "Accept"
    return response


def not_acceptable() -> Response:
    """406, listing what the page offers."""
    offered = ", ".join(f.media_type for f in PAGE_FORMATS)
    return Response(f"Not acceptable: this resource is available as {offered}\n", 406, mimetype="text/plain")


@bp.route("/id/<path:rest>")
def entity(rest: str):
    """One entity of the graph, negotiated."""
    stem, fmt = split_suffix(rest)
    iri = path_to_iri(stem)
    try:
        iri_ref(iri)
    except ValueError as error:  # a path no IRI can have (NUL, spaces, <, ...): nothing to describe
        abort(404, f"The graph says nothing about that path: {error}")
    if fmt is None:
        fmt = negotiate_page(request.headers.get("Accept"))
        if fmt is None:
            return not_acceptable()
    if fmt != HTML:
        return rdf_response(iri, fmt)
    model = get_entity(iri, get_store())
    if model is None:
        abort(404, f"The graph says nothing about {iri}")
    is_council = any(t.iri == str(SKG.Council) for t in model.types)
    response = Response(render_template("entities/entity.html", entity=model, stem=stem, page=iri_to_path(iri), canonical=public_url(iri),
                                        downloads=[by_name(e, GRAPH_FORMATS) for e in DOWNLOADS],
                                        is_council=is_council))
    response.headers["Vary"] = "Accept"
    return response
