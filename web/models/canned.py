"""The canned queries as the UI and the API list them: name, title, description, parameters, text and links."""

from __future__ import annotations

from flask import url_for

from graph.queries import NamedQuery, canned_queries


def param_model(query: NamedQuery) -> list[dict]:
    """A query's parameters: name, type, default (None: required) and what it is."""
    return [{"name": p.name, "type": p.type, "default": p.default, "description": p.doc} for p in query.params]


def canned_list() -> list[dict]:
    """Every canned query, with its editor page and its results (SPARQL JSON, with its defaults) as URLs."""
    return [{"name": q.name, "title": q.title, "description": q.description, "params": param_model(q),
             "query": q.bind(), "url": url_for("editor.editor", name=q.name),
             "results": url_for("queries.results", name=q.name, extension="json")} for q in canned_queries()]
