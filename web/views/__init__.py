"""The route table: every blueprint the app serves, one module each, none importing another."""

from __future__ import annotations

from flask import Flask

from web.views import (compare, data, editor, entities, explore, mandates, pages, programme, queries, search, site, sparql,
                       timeline)

BLUEPRINTS = (sparql.bp, data.bp, queries.bp, site.bp, pages.bp, entities.bp, explore.bp, mandates.bp, search.bp,
              editor.bp, timeline.bp, programme.bp, compare.bp)


def register(app: Flask) -> None:
    """Register every blueprint on ``app``."""
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
