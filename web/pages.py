"""The home page and the ontology page, each with a JSON twin."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from graph.namespace import SKG
from graph.queries import canned_queries

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
    """Every class and property of the ontology, with how often the data uses it."""
    return render_template("pages/ontology.html", terms=get_ontology(get_store()), namespace=str(SKG._NS))


@bp.route("/ontology.json")
def ontology_json():
    """The ontology page's data."""
    return jsonify(plain(get_ontology(get_store())))
