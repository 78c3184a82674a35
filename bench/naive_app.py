"""The naive build the benchmark compares against: a plain Flask app answering SPARQL on rdflib's memory store.

    python bench/naive_app.py GRAPH.nt PORT

Not part of sendkg (rdflib's engine is slow at scale and answers some sub-selects wrongly); benchmark only.
"""

from __future__ import annotations

import sys

from flask import Flask, Response, request
from rdflib import Graph
from waitress import serve


def make_app(graph: Graph) -> Flask:
    """``/sparql`` (GET ?query= or POST application/sparql-query) answering SPARQL JSON or N-Triples."""
    app = Flask(__name__)

    @app.route("/sparql", methods=["GET", "POST"])
    def sparql():
        text = request.args.get("query") or request.get_data(as_text=True)
        result = graph.query(text)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return Response(result.serialize(format="nt"), mimetype="application/n-triples")
        return Response(result.serialize(format="json"), mimetype="application/sparql-results+json")

    return app


def main() -> None:
    graph = Graph()
    graph.parse(sys.argv[1], format="nt")
    serve(make_app(graph), host="127.0.0.1", port=int(sys.argv[2]), threads=4, _quiet=True)


if __name__ == "__main__":
    main()
