"""A lexical look at SPARQL text before it runs: which operation it is, and whether it names SERVICE.

Tokens follow the SPARQL 1.1 grammar's terminals (https://www.w3.org/TR/sparql11-query/#terminals):
comments, string literals (all four quotings, with ``ECHAR`` escapes) and ``IRIREF`` are blanked (``text.blank``), so a
keyword is only seen where a parser would see one (``"SERVICE"``, ``<http://x/SERVICE>``,
``# SERVICE``, ``?service``, ``skg:service`` are not keywords). Oxigraph runs SERVICE by fetching the
remote endpoint, so the endpoint refuses any query whose text holds the keyword. Where the scan and the
parser could disagree the scan errs towards seeing the keyword: the text is scanned as written and again
with codepoint escapes (``\\u0053ERVICE``, §19.2) undone, and either sighting counts. It also measures how
deeply brackets nest: Oxigraph's parser recurses once per level and overflows its stack a few thousand
levels down, so the endpoint refuses deep nesting before any parser sees it. It counts operators too (``||``,
``+``, ``/`` in paths, ``UNION``, the ``.`` between triple patterns ...): a flat chain of some thousands of them
overflows the parser or the planner as surely as deep nesting does, so a very long chain is refused as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.queries.text import blank

CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
FORMS = re.compile(r"(?<![\w?$:\\])(" + "|".join(QUERY_FORMS + UPDATE_FORMS) + r")(?![\w:])", re.IGNORECASE)
SERVICE = re.compile(r"(?<![\w?$:\\])SERVICE(?![\w:])", re.IGNORECASE)
BRACKET = re.compile(r"[(){}\[\]]")
# Terms whose characters could pass for operators: variables, prefixed names, numbers (``1.5e-3``).
TERMS = re.compile(r"[?$][^\s(){}\[\],;.]+|[^\s(){}\[\],;]*:[^\s(){}\[\],;]*|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?")
OPERATOR = re.compile(r"\|\||&&|!=|<=|>=|[-+*/|^=<>!.;,]|(?<![\w?$:])(?:UNION|MINUS)(?![\w:])", re.IGNORECASE)


@dataclass(frozen=True)
class Scan:
    """What the scan found: ``form`` (SELECT, ASK, CONSTRUCT, DESCRIBE, UPDATE or None) and SERVICE use."""

    form: str | None
    service: bool
    depth: int = 0
    operators: int = 0

    @property
    def is_update(self) -> bool:
        """True if the text is a SPARQL Update request."""
        return self.form == "UPDATE"


def unescape(text: str) -> str:
    """``text`` with ``\\uXXXX`` / ``\\UXXXXXXXX`` codepoint escapes replaced by their characters."""
    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)
    return CODEPOINT.sub(char, text)


def form_of(code: str) -> str | None:
    """The operation the first keyword of blanked ``code`` starts: a query form, ``UPDATE`` or None."""
    match = FORMS.search(code)
    if match is None:
        return None
    word = match.group(1).upper()
    return word if word in QUERY_FORMS else "UPDATE"


def nesting(code: str) -> int:
    """The deepest nesting of ``(``, ``{`` and ``[`` in blanked ``code`` (unbalanced text counts as written)."""
    depth = deepest = 0
    for match in BRACKET.finditer(code):
        if match.group() in "({[":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - 1)
    return deepest


def operators(code: str) -> int:
    """How many operators and separators blanked ``code`` holds (terms that contain such characters aside)."""
    return len(OPERATOR.findall(TERMS.sub(" ", code)))


def scan(sparql: str) -> Scan:
    """Scan ``sparql``: its form (as written), whether SERVICE appears (as written or unescaped), its nesting and
    its operator count."""
    code = blank(sparql)
    unescaped = blank(unescape(sparql))
    return Scan(form=form_of(code) or form_of(unescaped),
                service=bool(SERVICE.search(code) or SERVICE.search(unescaped)),
                depth=max(nesting(code), nesting(unescaped)), operators=max(operators(code), operators(unescaped)))
