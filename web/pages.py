"""The home page and the ontology page, each with a JSON twin."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, jsonify, render_template, request

from graph.exports.formats import GRAPH_FORMATS, Format, by_name, serialize_graph
from graph.terms import SKG
from graph.paths import ONTOLOGY_FILE
from graph.queries import canned_queries

from .conneg import HTML, negotiate_page
from .entities import not_acceptable
from .overview import get_home, get_ontology
from .stores import get_store

bp = Blueprint("pages", __name__)


def plain(value):
    """A page model as JSON-ready data: nodes become ``{"iri", "label"}``."""
    if hasattr(value, "iri") and hasattr(value, "label"):
        return {"iri": value.iri, "label": value.label}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


@bp.route("/")
def home():
    """What the graph holds, the programme in brief, the councils and the canned queries."""
    return render_template("pages/home.html", model=get_home(get_store()), queries=canned_queries())


@bp.route("/index.json")
def home_json():
    """The home page's data."""
    return jsonify(plain(get_home(get_store())))


@bp.route("/ontology")
def ontology():
    """Every class and property of the ontology with how often the data uses it; or the ontology as RDF by Accept."""
    fmt = negotiate_page(request.headers.get("Accept"))
    if fmt is None:
        return not_acceptable()
    if fmt is not HTML:
        return ontology_rdf(fmt)
    response = Response(render_template("pages/ontology.html", terms=get_ontology(get_store()), namespace=str(SKG._NS)))
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/ontology.<extension>")
def ontology_file(extension: str):
    """The ontology document in the format named by its extension (``/ontology.ttl``, ``.jsonld``, ``.nt``, ...)."""
    fmt = by_name(extension, GRAPH_FORMATS)
    if fmt is None or fmt.extension != extension:
        abort(404, f"No ontology format with extension .{extension}")
    return ontology_rdf(fmt)


def ontology_rdf(fmt: Format) -> Response:
    """``ontology/sendkg.ttl`` re-serialised as ``fmt`` (the document https://w3id.org/sendkg/ontology names)."""
    triples = ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)
    body = serialize_graph(triples, fmt)
    response = Response(body, mimetype=fmt.media_type)
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/ontology.json")
def ontology_json():
    """The ontology page's data."""
    return jsonify(plain(get_ontology(get_store())))
