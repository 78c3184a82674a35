"""The canned queries as the UI and the API list them: name, title, description, parameters, text and links."""

from __future__ import annotations

from typing import Callable

from graph.queries import NamedQuery, canned_queries


def param_model(query: NamedQuery) -> list[dict]:
    """A query's parameters: name, type, default (None: required) and what it is."""
    return [{"name": p.name, "type": p.type, "default": p.default, "description": p.doc} for p in query.params]


def canned_list(links: Callable[[str], dict]) -> list[dict]:
    """Every canned query, its text with its defaults bound, and the links ``links(name)`` gives (the view's URLs)."""
    return [{"name": q.name, "title": q.title, "description": q.description, "params": param_model(q),
             "query": q.bind(), **links(q.name)} for q in canned_queries()]
