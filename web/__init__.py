"""The sendkg web app: SPARQL endpoint, entity pages, graph explorer, search, query page.

``create_app(config=None, store=None)`` is the application factory (flaskr's pattern): tests hand in
a small store; ``sendkg serve`` lets it open the current build (or a remote SPARQL store when
``SENDKG_SPARQL_ENDPOINT`` is set).
"""

from __future__ import annotations

import os

from flask import Flask

from .config import DEFAULTS, from_environment


def create_app(config: dict | None = None, store=None) -> Flask:
    """Build the Flask app; ``config`` overrides settings, ``store`` replaces the store it would open."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(from_environment(os.environ))
    if config:
        app.config.update(config)
    from .stores import init_store
    init_store(app, store)
    from . import blueprints
    blueprints.register(app)
    return app
