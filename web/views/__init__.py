"""The route table: every blueprint the app serves, one module each, none importing another."""

from __future__ import annotations

from flask import Flask

from web.views import data, editor, entities, explore, mandates, pages, queries, search, site, sparql

BLUEPRINTS = (sparql.bp, data.bp, queries.bp, site.bp, pages.bp, entities.bp, explore.bp, mandates.bp, search.bp,
              editor.bp)


def register(app: Flask) -> None:
    """Register every blueprint on ``app``."""
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
