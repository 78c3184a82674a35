"""What every page shares: the Content-Security-Policy, the vendored drawing library, error pages, filters."""

from __future__ import annotations

from pathlib import Path

import pyvis
from flask import Blueprint, render_template, request, send_from_directory
from werkzeug.exceptions import NotFound

from graph.store.errors import RemoteStoreError
from web.shared.links import curie, iri_to_path
from web.shared.responses import plain_error

bp = Blueprint("site", __name__)

# vis-network ships inside pyvis (Apache-2.0 OR MIT); served from the package, never from a CDN.
VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
VIS_FILES = ("vis-network.min.js", "vis-network.css")

CSP = "; ".join((
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
))


@bp.after_app_request
def security_headers(response):
    """Send the CSP (no inline script or style anywhere) and related headers on every response."""
    if response.mimetype == "text/html":
        response.headers["Content-Security-Policy"] = CSP
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


@bp.route("/vendor/vis-network/<name>")
def vis_network(name: str):
    """vis-network's JS and CSS, read from the pyvis package."""
    if name not in VIS_FILES:
        raise NotFound(f"no vendored file {name!r}")
    return send_from_directory(VIS_DIR, name, max_age=86400)


@bp.app_errorhandler(404)
def not_found(error):
    """A real 404 page for browsers, plain text for everything else."""
    message = getattr(error, "description", "Not found")
    if request.accept_mimetypes.accept_html or not request.accept_mimetypes:
        return render_template("errors/404.html", message=message), 404
    return plain_error(message, 404)


@bp.app_errorhandler(RemoteStoreError)
def store_failed(error: RemoteStoreError):
    """The remote SPARQL store (SPARQL_ENDPOINT) failed or did not answer in time: 502 saying so, as /sparql does."""
    return plain_error(f"The data store behind this site did not answer: {error}", 502)


@bp.app_template_filter("curie")
def curie_filter(iri: str) -> str:
    """Jinja filter: an IRI as a CURIE."""
    return curie(iri)


@bp.app_template_global("iri_path")
def iri_path(iri: str):
    """Jinja global: the app path for an IRI, or None."""
    return iri_to_path(iri)
