"""Who a client is: the peer's address, or, for a peer named in ``TRUSTED_PROXIES``, the address it reports.

werkzeug's ``ProxyFix`` (one hop of ``X-Forwarded-For``) is applied only to requests whose peer is a trusted
proxy, so no other peer can choose its own identity by sending the header. The per-client bounds of the query
executor (``graph.store.fairness``) key on the result, ``request.remote_addr``.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


class TrustedProxies:
    """WSGI middleware: ``ProxyFix`` for requests from ``trusted`` peers, the plain app for everyone else."""

    def __init__(self, app, trusted: tuple[str, ...]):
        self.app, self.trusted = app, frozenset(trusted)
        self.fixed = ProxyFix(app, x_for=1, x_proto=1, x_host=1)

    def __call__(self, environ, start_response):
        handler = self.fixed if environ.get("REMOTE_ADDR") in self.trusted else self.app
        return handler(environ, start_response)


def trust_proxies(app: Flask) -> None:
    """Read client addresses through the proxies ``TRUSTED_PROXIES`` names (none: the peer is the client)."""
    trusted = app.config.get("TRUSTED_PROXIES") or ()
    if isinstance(trusted, str):
        trusted = tuple(a.strip() for a in trusted.split(",") if a.strip())
    if trusted:
        app.wsgi_app = TrustedProxies(app.wsgi_app, tuple(trusted))
