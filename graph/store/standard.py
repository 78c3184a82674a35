"""Only standard SPARQL 1.1 reaches a remote server: an untrusted query is first planned by Oxigraph on an empty store.

Planning parses the text with the SPARQL 1.1 grammar, so a server's own dialect (Virtuoso's ``define`` pragmas, its
SQL-flavoured extensions) is a syntax error here, with Oxigraph's line:column message whatever the engine behind, and
it refuses a call to any function SPARQL 1.1 does not define. That matters: ``<bif:http_get>("http://...")`` is
standard syntax, but Virtuoso 7.2 runs it as its SQL built-in for the anonymous ``/sparql`` user and fetches the URL,
which would break the endpoint's promise never to reach the network on a query's behalf. SELECT, CONSTRUCT and
DESCRIBE results are lazy, so they are planned and never evaluated; an ASK, which Oxigraph answers at once, is
planned as a SELECT of one constant over the same pattern (valid with or without GROUP BY).
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.queries.scan import FORMS, unescape
from graph.queries.text import IGNORED
from graph.store.errors import QuerySyntaxError, QueryUnsupported

EMPTY = ox.Store()
ONE_COLUMN = "SELECT (1 AS ?sendkg_planned_ask)"


def ask_as_select(text: str) -> str | None:
    """``text`` with its ASK keyword made a SELECT of one constant, or None if ``text`` is no ASK as written."""
    form = FORMS.search(IGNORED.sub(lambda ignored: " " * len(ignored.group()), text))  # blanked, offsets kept
    if form and form.group(1).upper() == "ASK":
        return text[:form.start()] + ONE_COLUMN + text[form.end():]
    return None


def as_select(sparql: str) -> str:
    """``sparql`` as a query whose results are lazy: an ASK (as written, or only with its codepoint escapes undone,
    SPARQL 1.1 §19.2) made a SELECT of one constant, any other query as it is."""
    return ask_as_select(sparql) or ask_as_select(unescape(sparql)) or sparql


def check_standard(sparql: str, base_iri: str | None = None) -> None:
    """Raise ``QuerySyntaxError`` if ``sparql`` is not SPARQL 1.1, ``QueryUnsupported`` if it calls a function
    SPARQL 1.1 does not define (or otherwise cannot be planned); return None if a standard engine would run it."""
    try:
        EMPTY.query(as_select(sparql), base_iri=base_iri)
    except SyntaxError as error:
        raise QuerySyntaxError(str(error)) from None
    except (RuntimeError, ValueError) as error:
        raise QueryUnsupported(f"not run on the remote SPARQL server, which only gets standard SPARQL 1.1: {error}") \
            from None
