"""The route table: every blueprint the app serves, in one place."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Register every blueprint on ``app``."""
    from . import dumps, sparql
    app.register_blueprint(sparql.bp)
    app.register_blueprint(dumps.bp)
    from . import entities, explore, mandates, pages, query_page, search, site
    for module in (site, pages, entities, explore, mandates, search, query_page):
        app.register_blueprint(module.bp)
