"""Quotations and reported speech, with who said them.

A quotation is words in quotation marks (curly or straight, double or single) that the text attributes to
someone: by a speech verb in its sentence, before ("X said: “…”", "X added their strategy is “…”") or after
("“…,” said X, role at Org"), or, for a paragraph that is all quotation, by the speaker of the speech just
before it. A quotation whose paragraph ends without a closing mark and whose next paragraph opens with one
continues there: it is one candidate. Fewer than ``MIN_WORDS`` words in marks are a phrase or scare quote,
not a quotation. Words the text gives to inspectors (Ofsted, the CQC, "inspectors", "the report") are a
``finding``, not a quote. A pronoun speaker ("They said") is the last speaker named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ingest.candidates import Candidate, span
from graph.ingest.speakers import who

MIN_WORDS = 6
PAIRS = {"“": "”", '"': '"', "‘": "’"}
VERBS = (r"said|says|say|added|adds|warned|warns|told|acknowledged|acknowledges|acknowledge|admitted|claimed|claims|"
         r"stated|states|explained|commented|insisted|argued|confirmed|noted|found|finds|described|reported|highlighted|"
         r"believes|recognised|concluded")
PRE = re.compile(rf"(?P<who>[^.;:!?“”\"‘]*?)\s*,?\s+(?:has |have |had |also |previously |later |then |further )*"
                 rf"(?P<verb>{VERBS})\b[^“”\"]*$")
POST = re.compile(rf"^\s*,?\s*(?:(?:{VERBS})\s+(?P<after>[^.;“”\"]+)|(?P<before>[A-Z][^.;,“”\"]{{0,60}}?)\s+(?:{VERBS})\b)")
REPORTED = re.compile(rf"^(?P<who>[^.;:!?“”\"]{{2,120}}?)\s*,?\s+(?:has |have |had |also |previously |later |then )*"
                      rf"(?P<verb>said|says|added|warned|claimed|stated|confirmed|acknowledged|admitted|reported)\b")
PRONOUNS = {"they", "it", "he", "she", "we", "the council", "the department", "the authority", "the government"}
INSPECTORS = re.compile(r"\b(inspectors?|ofsted|cqc|care quality commission|watchdogs?|the report|the inspection|"
                        r"inspection)\b", re.IGNORECASE)


@dataclass
class Marked:
    """Words in quotation marks: from the opening mark at ``start`` to ``end`` (after the closing mark), in parts."""

    start: int
    end: int
    parts: list[tuple[int, int]]
    closed: bool


def marked_spans(source: str, body: list) -> list[Marked]:
    """Every quotation-marked span of the body blocks, a quotation continued over paragraphs as one."""
    found, index = [], 0
    while index < len(body):
        block, pos, index = body[index], body[index].start, index + 1
        while (opening := _next_open(source, pos, block.end)) is not None:
            mark = source[opening]
            close = _close(source, opening + 1, block.end, mark)
            if close is not None:
                found.append(Marked(opening, close + 1, [(opening + 1, close)], True))
                pos = close + 1
                continue
            parts = [(opening + 1, block.end)]
            while index < len(body) and source[body[index].start] == mark:
                nxt = body[index]
                close = _close(source, nxt.start + 1, nxt.end, mark)
                parts.append((nxt.start + 1, close if close is not None else nxt.end))
                index += 1
                if close is not None:
                    break
            end = close + 1 if close is not None else parts[-1][1]
            found.append(Marked(opening, end, parts, close is not None))
            if close is not None and index > 0 and body[index - 1].end > end:
                block, pos = body[index - 1], end  # keep scanning the rest of the closing paragraph
                continue
            break
    return found


def _next_open(source: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        ch = source[i]
        if ch in "“\"" or (ch == "‘" and (i == 0 or not source[i - 1].isalnum())):
            return i
    return None


def _close(source: str, start: int, end: int, mark: str) -> int | None:
    closing = PAIRS[mark]
    for i in range(start, end):
        if source[i] == closing:
            if closing == "’" and i + 1 < len(source) and source[i + 1].isalpha():
                continue  # an apostrophe (Children’s), not a closing mark
            return i
    return None


class Speech:
    """Walks a document's body sentences in order, keeping the last speaker for pronouns and bare quotations."""

    def __init__(self, source: str, lookup):
        self.source, self.lookup = source, lookup
        self.last: dict | None = None

    def quotes(self, marked: list[Marked], sentences: list[tuple[int, int]]) -> list[Candidate]:
        """A quote (or finding) candidate for each quotation long enough and attributed; reported speech between."""
        out, quoted = [], set()
        by_sentence = {}
        for m in marked:
            by_sentence.setdefault(_containing(sentences, m.start), []).append(m)
        for index, (s, e) in enumerate(sentences):
            for m in by_sentence.get(index, []):
                candidate = self._quote(m, sentences, index)
                if candidate:
                    out.append(candidate)
                    quoted.add(index)
            if index not in quoted:
                reported = self._reported(s, e)
                if reported:
                    out.append(reported)
        return out

    def _quote(self, m: Marked, sentences, index: int) -> Candidate | None:
        inner = "\n\n".join(self.source[a:b] for a, b in m.parts)
        s, e = sentences[index]
        pre = self.source[s:m.start]
        if len(inner.split()) < MIN_WORDS:
            return None
        close_sentence = sentences[_containing(sentences, max(m.end - 1, m.start))]
        post = self.source[m.end:close_sentence[1]]
        speaker, confidence = self._attribution(pre, post)
        if speaker is None and pre.strip():
            return None  # marks mid-sentence with no speech verb: a document's or a phrase's words, not a quote
        if speaker is None:
            speaker, confidence = (dict(self.last), "medium") if self.last else ({}, "low")
        else:
            self.last = speaker
        inspectors = INSPECTORS.search(speaker.get("speaker", ""))
        kind = "finding" if inspectors else "quote"
        if inspectors and len(speaker["speaker"].split()) > 6:  # "... an inspection led by Ofsted and the CQC which"
            speaker = {"speaker": inspectors.group(0)}
        candidate = span(self.source, kind, m.start, m.end, quote=inner, **speaker)
        candidate.confidence = confidence if m.closed else "low"
        candidate.sentence = (s, max(e, close_sentence[1]))
        return candidate

    def _attribution(self, pre: str, post: str) -> tuple[dict | None, str]:
        after = POST.match(post)
        if after:
            return self._resolve(who(after.group("after") or after.group("before"))), "high"
        before = PRE.search(pre)
        if before and before.group("who").strip() and not re.search(r"\b(was|were|been|be|is|are)$", before.group("who").strip()):
            return self._resolve(who(before.group("who"))), "high"
        return None, "low"

    def _reported(self, s: int, e: int) -> Candidate | None:
        text = self.source[s:e]
        m = REPORTED.match(text)
        if not m or re.search(r"\bnot$", m.group("who")) or len(m.group("who").split()) > 20:
            return None
        speaker = self._resolve(who(m.group("who")))
        if not speaker.get("speaker"):
            return None
        self.last = speaker
        if not text[m.end():].strip(" :"):
            return None  # "X said:" introduces the quotation that follows; it reports nothing itself
        candidate = span(self.source, "reported_speech", s, e, reported=text, **speaker)
        candidate.sentence = (s, e)
        return candidate

    def _resolve(self, speaker: dict) -> dict:
        name = speaker.get("speaker", "")
        if name.lower() in PRONOUNS and self.last:
            return dict(self.last)
        known = self.lookup(name) if name else None
        if known:
            speaker = {**speaker, "iri": known.iri, "id": known.id}
        org = self.lookup(speaker.get("organisation", "")) if speaker.get("organisation") else None
        return {**speaker, "organisationIri": org.iri} if org else speaker


def _containing(sentences: list[tuple[int, int]], pos: int) -> int:
    return next((i for i, (s, e) in enumerate(sentences) if s <= pos < e), len(sentences) - 1)
