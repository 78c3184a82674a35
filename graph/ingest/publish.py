"""Accepted candidates to a normal source file: ontology-shaped entities, each with its evidence and confidence.

People, organisations and councils the graph knows keep their ids (and their labels, so a file never gives an
entity a second label); new ones get ids from their names. A claim is ``about`` the council its sentence names,
else the programme. Inspectors' words become a quote of Ofsted's; making them an ``InspectionFinding`` of an
inspection is a curator's edit.
"""

from __future__ import annotations

import re
from datetime import date

from graph.ingest.draft import slug_of
from graph.ingest.quotes import INSPECTORS

PROGRAMME = "programme/safety-valve"
INSPECTORATE = "organisation/ofsted"
FACT_TYPES = {"withheld": "fact-type/withheld-total", "funding": "fact-type/sv-funding", "deficit": "fact-type/deficit",
              "overspend": "fact-type/deficit", "capital": "fact-type/sv-capital-top-up",
              "inspection_outcome": "fact-type/area-send-inspection", "intervention": "fact-type/improvement-notice",
              "statutory direction": "fact-type/send-statutory-direction"}
STATED = {"fact-type/stated-amount": "amount of money stated", "fact-type/stated-date": "date stated"}
CLASSES = {"council": "Council", "person": "Person", "organisation": "Organisation"}
PERSON = re.compile(r"^[A-Z][a-z’'-]+(?: [A-Z][\w’'-]+){1,3}$")


class Publisher:
    """Builds the entities of one source file from accepted candidates."""

    def __init__(self, labels: dict[str, str]):
        self.labels = labels  # entity id -> its label in the graph
        self.entities: dict[str, dict] = {}

    def document(self, source: dict, accepted: list[dict]) -> dict:
        """The source file's data: ``source`` and the entities of every accepted candidate."""
        self.entities = {}
        if source.get("published"):
            source = {**source, "published": _yaml_date(str(source["published"]))}
        if source.get("publisher"):
            source = {**source, "publisher": self._publisher(str(source["publisher"]))}
        for number, c in enumerate(accepted, 1):
            getattr(self, f"_{c['kind']}")(c, f"{source['id']}-{number:03d}")
        return {"source": source, "entities": list(self.entities.values())}

    def _publisher(self, given: str) -> str:
        """The publisher's entity id: as given if it is one, the graph's entity of that name, or a new one."""
        if re.fullmatch(r"[a-z][a-z0-9-]*/[A-Za-z0-9][\w.-]*", given):
            return given
        known = next((i for i, label in self.labels.items() if label.lower() == given.lower()), None)
        return known or self._entity(f"organisation/{slug_of(given)}", "Publisher", given)

    def _entity(self, entity_id: str, cls: str, label: str, **props) -> str:
        if entity_id in self.labels and not props:
            return entity_id  # the graph has it (with its label and evidence): refer to it, never restate it
        entry = self.entities.setdefault(entity_id, {"id": entity_id, "type": cls, "label": label})
        entry.update({k: v for k, v in props.items() if v not in (None, "")})
        return entity_id

    def _named(self, c: dict, kind: str, cls: str) -> str:
        known = c.get("id") if c.get("iri") else None
        name = c.get("name") or c["text"]
        return self._entity(known or f"{kind}/{slug_of(name)}", cls, name)

    def _council(self, c: dict, _):
        self._named(c, "council", "Council")

    def _person(self, c: dict, _):
        self._named(c, "person", "Person")

    def _organisation(self, c: dict, _):
        self._named(c, "organisation", "Organisation")

    def _speaker(self, c: dict) -> str:
        if c["kind"] == "finding" or INSPECTORS.search(c.get("speaker", "")):
            return self._entity(INSPECTORATE, "Inspectorate", "Ofsted")
        if c.get("id"):
            return self._entity(c["id"], CLASSES[c["id"].split("/")[0]], c["speaker"])
        if not c.get("speaker"):
            raise ValueError(f"candidate at {c['start']}-{c['end']} has no speaker: edit it to name one")
        kind, cls = ("person", "Person") if PERSON.match(c["speaker"]) else ("organisation", "Organisation")
        return self._entity(f"{kind}/{slug_of(c['speaker'])}", cls, c["speaker"])

    def _quote(self, c: dict, number: str):
        inner = c["text"][1:-1] if c["text"][-1:] in "”\"’" else c["text"][1:]
        self._entity(f"quote/{number}", "Quote", f"{c.get('speaker', 'Inspectors')}: {_words(inner)}",
                     saidBy=self._speaker(c), speakerRole=_role(c), quoteText=inner, evidenceText=c["text"],
                     confidence=c["confidence"], note="Inspectors' words as the source quotes them." if c["kind"] == "finding" else None)

    _finding = _quote

    def _reported_speech(self, c: dict, number: str):
        self._entity(f"reported-speech/{number}", "ReportedSpeech", f"{c['speaker']}: {_words(c['text'])} (reported speech)",
                     saidBy=self._speaker(c), speakerRole=_role(c), reportedText=c["text"], confidence=c["confidence"])

    def _claim(self, c: dict, number: str, fact_type: str, **values):
        if fact_type in STATED:
            self._entity(fact_type, "FactType", STATED[fact_type])
        self._entity(f"claim/{number}", "SourcedFact", f"{_words(c.get('sentence', c['text']))}", factType=fact_type,
                     about=self._about(c), statedValue=c["text"], evidenceText=c.get("sentence", c["text"]),
                     basis="stated", confidence=c["confidence"], **values)

    def _money(self, c: dict, number: str):
        self._claim(c, number, FACT_TYPES.get(c.get("what"), "fact-type/stated-amount"), amount=c["amount"])

    def _inspection_outcome(self, c: dict, number: str):
        self._claim(c, number, FACT_TYPES["inspection_outcome"], outcome=f"skg:{c['outcome']}")

    def _intervention(self, c: dict, number: str):
        self._claim(c, number, FACT_TYPES.get(c["intervention"], FACT_TYPES["intervention"]))

    def _date(self, c: dict, number: str):
        key = "financialYear" if c.get("precision") == "financial" else "dcterms:date"
        self._claim(c, number, "fact-type/stated-date", **{key: _yaml_date(c["value"])})

    def _duration(self, c: dict, number: str):
        self._entity(f"measurement/{number}", "Measurement", f"{c['quantity']} {c['unit']}s", quantity=c["quantity"],
                     unit=c["unit"], service=c.get("waitingFor"), statedValue=c["text"],
                     evidenceText=c.get("sentence", c["text"]), confidence=c["confidence"])

    def _about(self, c: dict) -> str:
        council = c.get("councilId")
        return self._entity(council, "Council", c.get("council", "")) if council else PROGRAMME


def _yaml_date(value: str):
    """A day as a ``date`` (YAML writes it as one, unquoted); a year-month, year or financial year stays text."""
    return date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else value


def _words(text: str, n: int = 10) -> str:
    words = text.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


def _role(c: dict) -> str | None:
    parts = [c.get("role"), c.get("organisation")]
    return " at ".join(p for p in parts if p) or None
