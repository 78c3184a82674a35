"""Content negotiation as data: the format tables of ``graph.exports.formats`` and one pure choosing function.

``negotiate`` follows HTTP semantics (RFC 9110 §12.5.1): each offered media type takes the quality of the
most specific media range that matches it (``type/subtype`` over ``type/*`` over ``*/*``), so
``text/turtle;q=0, */*`` refuses Turtle; the highest quality wins, ties go to the most specifically named
format, then to the default, then to table order. No Accept header means the default. Parsing is werkzeug's. The ``format`` / ``output`` / ``results``
parameters that SPARQLWrapper and others append are honoured when they name a format of the table, and
ignored otherwise.
"""

from __future__ import annotations

from functools import lru_cache

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from graph.exports.formats import ALIASES, GRAPH_FORMATS, Format, by_media_type, by_name

FORMAT_PARAMETERS = ("format", "output", "results")
# Short names clients put in those parameters that are not a format's own name or extension.
PARAMETER_NAMES = {"rdf+xml": "rdfxml", "rdf": "rdfxml", "xml": "rdfxml", "json-ld": "jsonld",
                   "n3": "turtle", "ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "json": "jsonld"}


def media_ranges(accept: str) -> list[tuple[str, float]]:
    """The (media range, quality) pairs of an Accept value, parameters other than q dropped."""
    parsed = parse_accept_header(accept, MIMEAccept)
    return [(value.split(";")[0].strip().lower(), quality) for value, quality in parsed]


def match(media_type: str, ranges: list[tuple[str, float]]) -> tuple[float, int]:
    """(quality, specificity) of the most specific range matching ``media_type``; specificity 2, 1, 0; (0, -1) if none."""
    kind = media_type.split("/")[0]
    best = (0.0, -1)
    for value, q in ranges:
        rank = 2 if value == media_type else 1 if value == f"{kind}/*" else 0 if value == "*/*" else -1
        if rank > best[1]:
            best = (q, rank)
    return best


def format_match(fmt: Format, ranges: list[tuple[str, float]]) -> tuple[float, int]:
    """The best (quality, specificity) of ``fmt``: its media type's, or an exact alias (wildcards never match aliases)."""
    aliases = [(q, 2) for value, q in ranges if ALIASES.get(value) == fmt.media_type]
    return max([match(fmt.media_type, ranges)] + aliases)


@lru_cache(maxsize=512)  # clients send the same few Accept values again and again
def negotiate(accept: str | None, table: tuple[Format, ...], default: Format) -> Format | None:
    """The format of ``table`` the Accept value ``accept`` prefers; ``default`` if no header; None if nothing fits.

    Highest quality wins; among equals the one named most specifically, then ``default``, then table order.
    """
    if accept is None or not accept.strip():
        return default
    ranges = media_ranges(accept)
    if not ranges:
        return default
    offers = [default] + [f for f in table if f is not default]
    scored = [(*format_match(f, ranges), -i, f) for i, f in enumerate(offers)]
    best = max(scored, key=lambda item: item[:3])
    return best[3] if best[0] > 0 else None


def from_parameter(values: list[str], table: tuple[Format, ...]) -> Format | None:
    """The first of ``values`` (format/output/results parameters) naming a format of ``table``, else None."""
    for value in values:
        value = value.strip().lower()
        fmt = by_name(value, table) or by_media_type(value, table)
        fmt = fmt or by_name(PARAMETER_NAMES.get(value, ""), table)
        if fmt is not None:
            return fmt
    return None


def choose(args, accept: str | None, table: tuple[Format, ...], default: Format) -> Format | None:
    """A format parameter in ``args`` if it names one of ``table``, else what ``accept`` negotiates."""
    values = [v for name in FORMAT_PARAMETERS for v in args.getlist(name)]
    return from_parameter(values, table) or negotiate(accept, table, default)


HTML = Format("html", "text/html", "html", None, "HTML page")
PAGE_FORMATS: tuple[Format, ...] = (HTML,) + GRAPH_FORMATS
"""What a page URL offers: HTML for people first (the default), then every RDF graph format."""


def negotiate_page(accept: str | None) -> Format | None:
    """HTML or the RDF format ``accept`` prefers for a page that is also RDF (entities, the ontology); None: 406."""
    return negotiate(accept, PAGE_FORMATS, HTML)


def prefers_html(accept: str | None, table: tuple[Format, ...]) -> bool:
    """True if ``accept`` ranks text/html above every format of ``table`` (a browser asking for a page)."""
    if not accept:
        return False
    ranges = media_ranges(accept)
    html = match("text/html", ranges)
    return html[0] > 0 and all(html > format_match(f, ranges) for f in table)
