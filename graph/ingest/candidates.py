"""A candidate claim: what ``sendkg ingest`` found, where (character offsets into the input) and how sure it is."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("quote", "finding", "reported_speech", "money", "duration", "council", "person", "organisation",
         "inspection_outcome", "date", "intervention")


@dataclass
class Candidate:
    """One draft claim: ``kind``, the exact span ``text == input[start:end]``, its sentence, confidence and fields."""

    kind: str
    start: int
    end: int
    text: str
    confidence: str = "medium"
    sentence: tuple[int, int] | None = None
    fields: dict = field(default_factory=dict)

    def as_json(self, source: str) -> dict:
        """The candidate as the JSON object ``sendkg ingest --format json`` prints."""
        out = {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
               "confidence": self.confidence, **self.fields}
        if self.sentence:
            out["sentence"] = source[self.sentence[0]:self.sentence[1]]
        return out


def span(source: str, kind: str, start: int, end: int, **fields) -> Candidate:
    """A candidate for ``source[start:end]`` (its text is always that slice)."""
    return Candidate(kind, start, end, source[start:end], fields={k: v for k, v in fields.items() if v is not None})
