"""Ingest: a plain-text document becomes draft, sourced candidate claims, for a curator to review.

- ``layout``: the document's lines as body, headings and page furniture (furniture gives no claims).
- ``gazetteer``: the councils, people and organisations the graph labels (from the records of ``data/``).
- ``mentions``: those names in the text (spaCy ``PhraseMatcher``), and councils the graph does not know.
- ``quotes``: quotations with speaker, role and organisation; reported speech; inspectors' words.
- ``speakers``: who an attribution names (speaker, role, organisation).
- ``amounts`` and ``dates``: money, durations, inspection outcomes, interventions and dates, by small rules.
- ``draft``: candidates to a draft source file under ``data/drafts/`` and back;
  ``publish``: the accepted candidates as a normal source file.

Every candidate's ``text`` is ``input[start:end]`` (Python string offsets into the UTF-8-decoded text).
"""

from __future__ import annotations

from graph.ingest import amounts, dates, layout
from graph.ingest.candidates import Candidate, span
from graph.ingest.gazetteer import Name, names_from_data
from graph.ingest.mentions import Recogniser, make_nlp
from graph.ingest.quotes import Speech, marked_spans
from graph.ingest.speakers import NAME


class Ingester:
    """Loaded once (spaCy pipeline and gazetteer), then ``candidates(text)`` for each document."""

    def __init__(self, names: list[Name]):
        self.nlp = make_nlp()
        self.recogniser = Recogniser(self.nlp, names)

    @classmethod
    def for_data(cls, data_dir) -> "Ingester":
        """An ingester whose gazetteer is the data folder's councils, people and organisations."""
        return cls(names_from_data(data_dir))

    def candidates(self, text: str) -> list[Candidate]:
        """Every candidate claim in ``text``, in order of position."""
        shown = [b for b in layout.blocks(text) if b.role != "furniture"]
        body = [b for b in shown if b.role == "body"]
        sentences, found = [], []
        for block, doc in zip(shown, self.nlp.pipe(text[b.start:b.end] for b in shown)):
            found += self.recogniser.mentions(text, doc, block.start)
            if block.role == "body":
                sentences += [(block.start + s.start_char, block.start + s.end_char) for s in doc.sents]
        speech = Speech(text, self.recogniser.lookup).quotes(marked_spans(text, body), sentences)
        found += speech + _speakers(text, speech, self.recogniser)
        councils = [c for c in found if c.kind == "council"]
        for s, e in sentences:
            found += amounts.money(text, s, e) + amounts.durations(text, s, e) + amounts.outcomes(text, s, e)
            found += amounts.interventions(text, s, e, councils) + dates.dates(text, s, e)
        for candidate in found:
            candidate.sentence = candidate.sentence or next(((s, e) for s, e in sentences if s <= candidate.start < e), None)
        _link_councils(found, councils)
        unique = {(c.kind, c.start, c.end): c for c in reversed(found)}  # a name found by two rules is one candidate
        return sorted(unique.values(), key=lambda c: (c.start, c.kind))


CLAIMS = {"money", "duration", "inspection_outcome", "date", "intervention"}


def _link_councils(found: list[Candidate], councils: list[Candidate]) -> None:
    """Give each claim the known council its sentence names first (what the claim will be about)."""
    for c in found:
        if c.kind in CLAIMS and c.sentence:
            council = next((m for m in councils if m.fields.get("id") and c.sentence[0] <= m.start < c.sentence[1]), None)
            if council:
                c.fields.update(council=council.fields["name"], councilId=council.fields["id"])


def _speakers(text: str, speech: list[Candidate], recogniser: Recogniser) -> list[Candidate]:
    """A person candidate (no IRI) for each speaker who looks like a person's name and whom the graph does not know."""
    out = []
    for candidate in speech:
        name = candidate.fields.get("speaker", "")
        if not name or recogniser.lookup(name) or not NAME.match(name) or " " not in name:
            continue
        at = text.rfind(name, 0, candidate.end)  # in its sentence, or the attribution before a bare quotation
        if at >= 0:
            out.append(span(text, "person", at, at + len(name), name=name))
    return out
