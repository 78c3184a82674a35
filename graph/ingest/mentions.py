"""Councils, people and organisations named in a text, by spaCy's ``PhraseMatcher`` over the gazetteer.

A council's name inside another name is no mention of it: "Bury Times", "NHS Kent and Medway", "Greater
Manchester", "Staffordshire and Stoke-on-Trent Integrated Care Board". A match is dropped when a capitalised
word that is not a council suffix follows it, or one that is not a place prefix precedes it (the first word
of a sentence excepted), and so is a match joined by "and" to a dropped one. A council the graph does not
know is found by the pattern "<Name> [County|City|Borough] Council", and a councillor the graph does not know by
"Cllr|Councillor <Name>"; both are given no IRI.
"""

from __future__ import annotations

import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.ingest.candidates import Candidate, span
from graph.ingest.gazetteer import Name

SUFFIXES = {"council", "county", "city", "borough", "metropolitan", "district", "'s", "’s"}
PREFIXES = {"of", "the", "royal", "london", "borough", "city", "county", "in", "at", "and", "for", "from", "by", "to"}
PERSON_TITLES = {"cllr", "councillor", "dr", "mr", "mrs", "ms", "sir", "dame", "lord", "baroness"}


def make_nlp():
    """A blank English pipeline with a rule-based sentencizer: no statistical model, nothing downloaded."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


class Recogniser:
    """Finds gazetteer names (and unknown councils) in spaCy docs."""

    def __init__(self, nlp, names: list[Name]):
        self.names, self.nlp_vocab = {}, nlp.vocab
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for name in names:
            self.names.setdefault(name.text.lower(), name)
        for text in self.names:
            self.phrases.add(text, [nlp.make_doc(text)])
        self.unknown = Matcher(nlp.vocab)
        self.unknown.add("council", [[{"IS_TITLE": True, "OP": "+"},
                                      {"LOWER": {"IN": ["county", "city", "borough"]}, "OP": "?"}, {"ORTH": "Council"}]])
        self.unknown.add("person", [[{"LOWER": {"IN": ["cllr", "councillor"]}}, {"IS_TITLE": True}, {"IS_TITLE": True, "OP": "?"}]])

    def lookup(self, text: str) -> Name | None:
        """The gazetteer name spelt ``text`` (case-insensitive), if any."""
        return self.names.get(text.lower().strip())

    def mentions(self, source: str, doc: Doc, offset: int) -> list[Candidate]:
        """Every council, person and organisation mention in ``doc`` (a block of ``source`` starting at ``offset``)."""
        matches = [Span(doc, s, e, label=m) for m, s, e in self.phrases(doc) if doc[s].text[:1].isupper()]
        spans = sorted(filter_spans(matches), key=lambda m: m.start)
        inside = [self._inside_other_name(doc, m) for m in spans]
        for _ in range(2):  # "A and B Name": a match joined by "and" to a dropped one is part of that name too
            for i in range(len(spans) - 1):
                if spans[i].end + 1 == spans[i + 1].start and doc[spans[i].end].lower_ == "and" and any(inside[i:i + 2]):
                    inside[i] = inside[i + 1] = True
        kept = [m for m, drop in zip(spans, inside) if not drop]
        found = [self._candidate(source, offset, m, self.lookup(m.text)) for m in kept]
        known = {(m.start, m.end) for m in kept}
        for rule, s, e in self.unknown(doc):
            kind = self.nlp_vocab.strings[rule]
            words = doc[s + 1:e] if kind == "person" else doc[s:e]
            name = " ".join(t.text for t in words if kind == "person" or t.lower_ not in {"county", "city", "borough", "council"})
            if name and not self.lookup(name) and not any(a < e and s < b for a, b in known):
                found.append(span(source, kind, offset + words.start_char, offset + words.end_char, name=name))
        return _longest_unknown(found)

    def _inside_other_name(self, doc: Doc, match: Span) -> bool:
        after = doc[match.end] if match.end < len(doc) else None
        before = doc[match.start - 1] if match.start > 0 else None
        if after is not None and after.is_title and after.lower_ not in SUFFIXES and not after.is_sent_start:
            return True
        return (before is not None and before.text[:1].isupper() and not before.is_sent_start
                and before.lower_ not in PREFIXES | PERSON_TITLES)

    def _candidate(self, source: str, offset: int, match: Span, name: Name) -> Candidate:
        return span(source, name.kind, offset + match.start_char, offset + match.end_char,
                    name=name.label, iri=name.iri, id=name.id)


def _longest_unknown(found: list[Candidate]) -> list[Candidate]:
    """Among overlapping unknown-council matches (the pattern's "+" gives every suffix), keep the longest."""
    out = []
    for c in sorted(found, key=lambda c: (c.start, -(c.end - c.start))):
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out
