"""The shape of a captured page: which lines are the document, which are headings, which are page furniture.

A capture (``../shared/sources/*.txt``) is one block per line. Menus, image credits, newsletter boxes and
"You May Also Like" teasers are furniture: nothing in them becomes a claim. Headings (short lines without
closing punctuation: titles, standfirsts, bylines) may name councils and people but state no claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# From one of these lines on, the rest of the capture is furniture (comments, teasers, sign-up boxes).
CUT = re.compile(r"^\s*(You May Also Like|Click to comment|Leave a Reply|SIGN UP\b|FREE weekly newsletters|"
                 r"Sign up for emails|Related (articles|stories)|Share this|[—–-]{4,})", re.IGNORECASE)
# Single furniture lines.
FURNITURE = re.compile(r"^\s*(Connect with us|Hi, what are you looking for\?|Skip to main content|Image:|"
                       r"Photo:|Advertisement|Menu|Search)\b|\bimage\s*$", re.IGNORECASE)
CLOSING = tuple(".!?:;”\"’'…)")


@dataclass(frozen=True)
class Block:
    """One line of the capture: ``text[start:end]`` and what it is (``body``, ``heading`` or ``furniture``)."""

    start: int
    end: int
    role: str


def blocks(text: str) -> list[Block]:
    """Every non-blank line of ``text`` with its role; lines after a cut marker are furniture."""
    found, seen, cut = [], set(), False
    for match in re.finditer(r"[^\n]+", text):
        line = match.group().strip()
        if not line:
            continue
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        end = match.start() + len(match.group().rstrip())
        cut = cut or bool(CUT.match(line))
        role = "furniture" if cut or FURNITURE.search(line) or line in seen else _role(line)
        seen.add(line)
        found.append(Block(start, end, role))
    return found


def _role(line: str) -> str:
    words = len(line.split())
    if (line.endswith(CLOSING) and words >= 4) or line.startswith(("“", '"', "‘")):
        return "body"
    return "body" if words >= 30 else "heading"
