"""SPARQL text made safely: the one place a value enters a query, and the lexer every scan of query text shares.

Values are written as SPARQL terms: string literals follow ``STRING_LITERAL2`` with ``ECHAR`` escapes
(https://www.w3.org/TR/sparql11-query/#rSTRING_LITERAL2), IRIs ``IRIREF``
(https://www.w3.org/TR/sparql11-query/#rIRIREF, which forbids the characters below, and they must be
absolute), integers ``INTEGER``, dates typed ``xsd:date`` literals. A query file's parameter ``$name`` is replaced only where a parser would
see a variable: comments, string literals and IRI references are skipped (``IGNORED``).
"""

from __future__ import annotations

import datetime as dt
import re

from pyoxigraph import NamedNode

from graph.terms import XSD

ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
IRI_FORBIDDEN = set('<>"{}|^`\\') | {chr(c) for c in range(0x21)}
# Comments, the four string quotings (with ECHAR escapes) and IRIREFs: where keywords and variables are not.
IGNORED = re.compile(r'''
      """(?:[^"\\]|\\.|"(?!""))*"""
    | \'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
    | "(?:[^"\\\n\r]|\\.)*"
    | '(?:[^'\\\n\r]|\\.)*'
    | <[^<>"{}|^`\\\x00-\x20]*>
    | \#[^\n\r]*
''', re.VERBOSE | re.DOTALL)
PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
TYPES = ("iri", "string", "integer", "date", "iris", "strings")


def blank(text: str) -> str:
    """``text`` with comments, strings and IRI references replaced by a space each."""
    return IGNORED.sub(" ", text)


def string_literal(value: str) -> str:
    """``value`` as a double-quoted SPARQL string literal, every special character escaped."""
    return '"' + "".join(ESCAPES.get(c, c) for c in str(value)) + '"'


def iri_ref(iri: str | NamedNode) -> str:
    """``<iri>`` for SPARQL; ``ValueError`` if ``iri`` holds a character IRIREF forbids or is not absolute.

    A pyoxigraph ``NamedNode`` (a term a store answered with) is an IRI already, checked when it was made.
    """
    if isinstance(iri, NamedNode):
        return str(iri)
    bad = sorted({c for c in iri if c in IRI_FORBIDDEN})
    if not iri or bad:
        raise ValueError(f"not an IRI: {iri!r} (forbidden characters: {bad!r})")
    try:
        NamedNode(iri)  # the project's queries have no base IRI: a relative one would be a syntax error
    except ValueError as error:
        raise ValueError(f"not an absolute IRI: {iri!r} ({error})") from None
    return f"<{iri}>"


def integer(value) -> str:
    """A whole number of zero or more as a SPARQL ``INTEGER`` (what LIMIT takes); ``ValueError`` for anything else."""
    if isinstance(value, bool) or not str(value).strip().isdigit():
        raise ValueError(f"not a whole number of zero or more: {value!r}")
    return str(int(str(value).strip()))


def date_literal(value) -> str:
    """A calendar date (``2024-05-31``, or a ``datetime.date``) as a typed ``xsd:date`` literal; ``ValueError`` otherwise."""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {value!r}") from None
    return f'"{day.isoformat()}"^^<{XSD.date}>'


def term(kind: str, value) -> str:
    """``value`` written as SPARQL of parameter type ``kind``; list types give terms separated by spaces."""
    single = {"iri": iri_ref, "string": string_literal, "integer": integer, "date": date_literal}
    if kind in single:
        return single[kind](value)
    if kind in ("iris", "strings"):
        values = [value] if isinstance(value, str) else list(value)
        return " ".join(single[kind[:-1]](v) for v in values)
    raise ValueError(f"unknown parameter type {kind!r}; known: {', '.join(TYPES)}")


def parameters_in(text: str) -> set[str]:
    """The ``$name`` parameters that ``text`` uses where a parser would see a variable."""
    return set(PARAMETER.findall(blank(text)))


def bind(text: str, written: dict[str, str]) -> str:
    """``text`` with each ``$name`` outside comments, strings and IRIs replaced by ``written[name]`` (SPARQL already)."""
    out, at = [], 0
    for skipped in list(IGNORED.finditer(text)) + [None]:
        end = skipped.start() if skipped else len(text)
        out.append(PARAMETER.sub(lambda m: written.get(m.group(1), m.group(0)), text[at:end]))
        if skipped:
            out.append(skipped.group(0))
            at = skipped.end()
    return "".join(out)
