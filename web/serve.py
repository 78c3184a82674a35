"""``sendkg serve``: the app under waitress (a production WSGI server with a thread pool).

Settings come from ``web.config`` defaults, then the ``--config`` Python file (``UPPER_CASE = value``
lines, read with Flask's ``from_pyfile``), then ``SENDKG_*`` environment variables, which win. The store
is opened and the query workers started before the URL is printed, so a missing build fails at once.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

from flask import Config, Flask
from waitress.server import create_server

from graph.store import StoreMissing, hold_served_build, release_build
from web import create_app
from web.config import from_environment
from web.shared.context import close_executor, get_executor, get_store


def load_settings(path: str | None) -> dict:
    """The settings of a config file (None: none), overridden by the environment."""
    settings = {}
    if path:
        config = Config(str(Path.cwd()))
        config.from_pyfile(str(Path(path).resolve()))
        settings.update(config)
    settings.update(from_environment(os.environ))
    return settings


def prepare(app: Flask) -> None:
    """Open the store now and start the query workers in the background (first queries need not wait)."""
    with app.app_context():
        get_store()
        executor = get_executor()
    threading.Thread(target=executor.warm, daemon=True, name="warm-workers").start()


def hold_store(app: Flask) -> Path | None:
    """Mark the build this server reads as in use, so a later ``sendkg build`` does not prune it from under the workers."""
    with app.app_context():
        return hold_served_build(get_store())


def make_server(app: Flask, host: str, port: int, **options):
    """A waitress server for ``app`` bound to ``host``:``port`` (0: any free port), not yet running.

    waitress 3 strips ``X-Forwarded-*`` headers by default, so with ``TRUSTED_PROXIES`` set it keeps them and
    the app's own middleware (``web.shared.proxies``) decides, per peer, whether to believe them."""
    options.setdefault("clear_untrusted_proxy_headers", not app.config.get("TRUSTED_PROXIES"))
    return create_server(app, host=host, port=port, threads=app.config["SERVER_THREADS"], ident="sendkg", **options)


def urls(server) -> list[str]:
    """The base URLs ``server`` listens on (one per socket)."""
    if hasattr(server, "effective_listen"):
        return [f"http://{host}:{port}/" for host, port in server.effective_listen]
    return [f"http://{server.effective_host}:{server.effective_port}/"]


def run(args) -> int:
    """Serve until interrupted; 1 if the store cannot be opened."""
    given = {"VAR": str(args.var)} if getattr(args, "var", None) else {}
    app = create_app({**load_settings(args.config), **given})
    try:
        prepare(app)
    except StoreMissing as error:
        print(f"sendkg: {error}", file=sys.stderr)
        return 1
    mark = hold_store(app)
    server = make_server(app, args.host, args.port)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))  # stop cleanly: workers are killed below
    for url in urls(server):
        print(f"sendkg serving {url} (SPARQL endpoint {url}sparql)", flush=True)
    if app.config.get("PUBLIC_BASE_URL"):
        print(f"public base URL: {app.config['PUBLIC_BASE_URL']}", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        close_executor(app)
        if mark:
            release_build(mark)
        print("sendkg: stopped", file=sys.stderr)
    return 0
