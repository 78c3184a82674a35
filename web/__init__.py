"""The sendkg web app: SPARQL endpoint, entity pages, graph explorer, search, query page, canned query API.

``create_app(config=None, store=None)`` is the application factory (flaskr's pattern): tests hand in a
small store; ``sendkg serve`` lets it open the store its settings name (``graph.store.open_store``: the
current build, or a remote SPARQL server when ``SENDKG_SPARQL_ENDPOINT`` is set).

Inside: ``views/`` (one blueprint each, none importing another) -> ``models/`` (page models over the store)
-> ``shared/`` (responses, negotiation, links, the app's store and executor); ``cli/`` is the ``sendkg``
command; ``serve.py`` runs the app under waitress.
"""

from __future__ import annotations

import os

from flask import Flask

from web.config import DEFAULTS, from_environment
from web.shared.context import init_context
from web.shared.proxies import trust_proxies
from web.views import register


def create_app(config: dict | None = None, store=None) -> Flask:
    """Build the Flask app; ``config`` overrides settings, ``store`` replaces the store it would open."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(from_environment(os.environ))
    if config:
        app.config.update(config)
    init_context(app, store)
    trust_proxies(app)
    register(app)
    return app
