"""The query page: a SPARQL editor (CodeMirror 6, bundled in static/vendor/editor) over the ``/sparql`` endpoint.

``/queries.json`` serves the canned queries, ``/query/terms.json`` the prefixes, classes, properties and
entity labels the editor completes, and ``POST /query/draw`` turns an N-Triples result into a drawing.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, abort, jsonify, render_template, request, url_for
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

from graph.terms import DATA_BASE, PREFIXES
from graph.queries import canned_queries, canned_query

from .drawing import result_drawing
from .links import LINK_RULES, curie, iri_to_path
from .model import HEAD, labels_and_types
from .sparql_text import string_literal
from .stores import get_store

bp = Blueprint("query_page", __name__)

SPARQL_PATH = "/sparql"
DRAW_LIMIT = 2_000_000
ENTITY_LIMIT = 5000
SHOWN_PREFIXES = ("skg", "id", "rdf", "rdfs", "xsd", "prov", "dcterms", "schema", "skos")
EXAMPLE = """SELECT ?council ?label WHERE {
  ?council a skg:Council ;
           rdfs:label ?label .
}
ORDER BY ?label
LIMIT 50"""


def default_query() -> str:
    """The editor's starting text: the ontology's prefixes and a first query."""
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in SHOWN_PREFIXES) + "\n" + EXAMPLE


def query_list() -> list[dict]:
    """The canned queries as JSON-ready data, each with the page URL that loads it."""
    return [{"name": q.name, "title": q.title, "description": q.description, "query": q.text,
             "url": url_for("query_page.query", name=q.name)} for q in canned_queries()]


@bp.route("/query")
def query():
    """The editor, loaded with ``?query=`` (a permalink), ``?name=`` (a canned query) or the default."""
    text, name = request.args.get("query"), request.args.get("name")
    if text is None and name:
        canned = canned_query(name)
        if canned is None:
            abort(404, f"No canned query called {name!r}")
        text = canned.text
    state = {"query": text if text is not None else default_query(), "endpoint": SPARQL_PATH,
             "terms": url_for("query_page.terms_json"), "draw": url_for("query_page.draw"),
             "prefixes": PREFIXES, "queries": query_list(), "name": name,
             "autorun": request.args.get("run") == "1", "links": [[base, path] for base, path, _ in LINK_RULES]}
    return render_template("query/query.html", state=state, queries=state["queries"])


@bp.route("/queries.json")
def queries_json():
    """The canned queries: name, title, description, query text and page URL."""
    return jsonify(query_list())


@bp.route("/query/terms.json")
def terms_json():
    """What the editor completes: prefixes, classes, properties and labelled entities of this graph."""
    store = get_store()
    terms = store.select(HEAD + """SELECT ?t ?kind (SAMPLE(?l) AS ?label) WHERE {
  { ?x a ?t BIND("class" AS ?kind) } UNION { ?t a owl:Class BIND("class" AS ?kind) }
  UNION { ?x ?t ?y BIND("property" AS ?kind) } UNION { VALUES ?pk { owl:ObjectProperty owl:DatatypeProperty } ?t a ?pk BIND("property" AS ?kind) }
  OPTIONAL { ?t rdfs:label ?l } } GROUP BY ?t ?kind""")
    entities = store.select(HEAD + f"""SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?tl) AS ?type) WHERE {{
  ?e rdfs:label ?l . FILTER(STRSTARTS(STR(?e), {string_literal(DATA_BASE)}))
  OPTIONAL {{ ?e a/rdfs:label ?tl }} }} GROUP BY ?e ORDER BY ?label LIMIT {ENTITY_LIMIT}""")
    pack = lambda r: {"iri": r["t"].value, "curie": curie(r["t"].value), "label": r["label"].value if "label" in r else None}
    return jsonify({"prefixes": PREFIXES,
                    "classes": sorted((pack(r) for r in terms if r["kind"].value == "class"), key=lambda t: t["curie"]),
                    "properties": sorted((pack(r) for r in terms if r["kind"].value == "property"), key=lambda t: t["curie"]),
                    "entities": [{"iri": r["e"].value, "label": r["label"].value, "path": iri_to_path(r["e"].value),
                                  "type": r["type"].value if "type" in r else None} for r in entities]})


@bp.route("/query/draw", methods=["POST"])
def draw():
    """A drawing of an N-Triples CONSTRUCT/DESCRIBE result posted by the query page."""
    if request.content_length is not None and request.content_length > DRAW_LIMIT:
        raise RequestEntityTooLarge(f"results over {DRAW_LIMIT} bytes are not drawn; download them instead")
    if request.mimetype != "application/n-triples":
        raise BadRequest(f"send the result as application/n-triples, not {request.mimetype or 'no type'}")
    try:
        triples = list(ox.parse(request.get_data(), format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as error:
        raise BadRequest(f"not N-Triples: {error}")
    store = get_store()
    return jsonify(result_drawing(triples, lambda iris: labels_and_types(iris, store)))
