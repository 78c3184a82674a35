"""Putting user input into SPARQL safely: every value goes through one of these two helpers, never raw.

String literals follow SPARQL 1.1 ``STRING_LITERAL2`` with ``ECHAR`` escapes
(https://www.w3.org/TR/sparql11-query/#rSTRING_LITERAL2); IRIs follow ``IRIREF``
(https://www.w3.org/TR/sparql11-query/#rIRIREF), which forbids the characters below.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
IRI_FORBIDDEN = set('<>"{}|^`\\') | {chr(c) for c in range(0x21)}


def string_literal(value: str) -> str:
    """``value`` as a double-quoted SPARQL string literal, every special character escaped."""
    return '"' + "".join(ESCAPES.get(c, c) for c in value) + '"'


def iri_ref(iri: str) -> str:
    """``<iri>`` for SPARQL; ``ValueError`` if ``iri`` holds a character IRIREF forbids or is not absolute."""
    bad = sorted({c for c in iri if c in IRI_FORBIDDEN})
    if not iri or bad:
        raise ValueError(f"not an IRI: {iri!r} (forbidden characters: {bad!r})")
    try:
        NamedNode(iri)  # the pages' queries have no base IRI: a relative one would be a syntax error
    except ValueError as error:
        raise ValueError(f"not an absolute IRI: {iri!r} ({error})") from None
    return f"<{iri}>"


def values_block(var: str, iris) -> str:
    """A ``VALUES ?var { <a> <b> }`` block over ``iris`` (each checked by ``iri_ref``)."""
    return f"VALUES ?{var} {{ " + " ".join(iri_ref(i) for i in iris) + " }"


def prefix_lines(prefixes: dict[str, str]) -> str:
    """``PREFIX p: <ns>`` lines for ``prefixes``."""
    return "".join(f"PREFIX {p}: {iri_ref(ns)}\n" for p, ns in prefixes.items())
