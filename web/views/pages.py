"""The home page and the ontology page, each with a JSON twin; the ontology document by Accept or suffix."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, abort, render_template, request

from graph.exports.formats import GRAPH_FORMATS, Format, by_name
from graph.paths import ONTOLOGY_FILE
from graph.queries import canned_queries
from graph.terms import SKG
from web.models.overview import get_home, get_ontology
from web.shared.conneg import HTML, PAGE_FORMATS, negotiate_page
from web.shared.context import get_store
from web.shared.responses import graph_response, html_page, json_twin, not_acceptable

bp = Blueprint("pages", __name__)


@bp.route("/")
def home():
    """What the graph holds, the programme in brief, the councils and the canned queries."""
    return render_template("pages/home.html", model=get_home(get_store()), queries=canned_queries())


@bp.route("/index.json")
def home_json():
    """The home page's data."""
    return json_twin(get_home(get_store()))


@bp.route("/ontology")
def ontology():
    """Every class and property of the ontology with how often the data uses it; or the ontology as RDF by Accept."""
    accept = request.headers.get("Accept")
    fmt = negotiate_page(accept)
    if fmt is None:
        return not_acceptable(PAGE_FORMATS, "the ontology", accept)
    if fmt is not HTML:
        return ontology_document(fmt)
    return html_page(render_template("pages/ontology.html", terms=get_ontology(get_store()), namespace=str(SKG._NS)))


@bp.route("/ontology.<extension>")
def ontology_file(extension: str):
    """The ontology document in the format named by its extension (``/ontology.ttl``, ``.jsonld``, ``.nt``, ...)."""
    fmt = by_name(extension, GRAPH_FORMATS)
    if fmt is None or fmt.extension != extension:
        abort(404, f"No ontology format with extension .{extension}")
    return ontology_document(fmt)


def ontology_document(fmt: Format):
    """``ontology/sendkg.ttl`` re-serialised as ``fmt`` (the document https://w3id.org/sendkg/ontology names)."""
    return graph_response(ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE), fmt)


@bp.route("/ontology.json")
def ontology_json():
    """The ontology page's data."""
    return json_twin(get_ontology(get_store()))
