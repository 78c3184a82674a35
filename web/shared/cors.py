"""CORS for the read-only data routes (https://fetch.spec.whatwg.org/#http-cors-protocol): any origin, no credentials."""

from __future__ import annotations

from flask import request

# Headers the SPARQL endpoint adds that scripts on other origins may read.
TRUNCATED = "X-SPARQL-Truncated"
ROW_LIMIT = "X-Sendkg-Row-Limit"
TIME_LIMIT = "X-Sendkg-Time-Limit"
EXPOSED = (TRUNCATED, ROW_LIMIT, TIME_LIMIT, "Content-Disposition")
ALLOWED_METHODS = "GET, POST, OPTIONS"
ALLOWED_HEADERS = "Accept, Content-Type"
MAX_AGE = "86400"


def add_cors(response):
    """Let any web page read ``response`` (never with credentials); answer preflights."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = ", ".join(EXPOSED)
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        asked = request.headers.get("Access-Control-Request-Headers")
        response.headers["Access-Control-Allow-Headers"] = asked or ALLOWED_HEADERS
        response.headers["Access-Control-Max-Age"] = MAX_AGE
    return response


def enable(blueprint) -> None:
    """Add CORS headers to every response of ``blueprint``."""
    blueprint.after_request(add_cors)
