"""Read Ofsted's inspection data as the project keeps it (``data/inspections/``, written by ``sendkg import``).

``sources.yaml`` describes the two files; each row of ``area-send-2016.csv`` is one 2016-framework inspection
(and its revisit, if there was one) and each row of ``area-send-2023.csv`` one 2023-framework inspection. A row
becomes the event (``inspection/<council>-<year>``, ``revisit/<council>-<year>``: the year of publication, as
the fact table's rows date an inspection) shared with every other source that describes it, and a claim
about it from the file with the row's words as evidence; its council gets the code it is joined on. A blank
cell gives no value (never zero, never "no").
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import yaml
from rdflib import URIRef

from graph.sources.records import DataError, Record
from graph.sources.rules import INSPECTION_EVENT, REVISIT_EVENT
from graph.terms import ONS_GEOGRAPHY

OFSTED = "organisation/ofsted"
PROGRESS = {"all": "skg:ProgressInAll", "some": "skg:ProgressInSome", "none": "skg:ProgressInNone"}
OUTCOMES = {"Typically positive experiences and outcomes": "skg:TypicallyPositive",
            "Inconsistent experiences and outcomes": "skg:Inconsistent",
            "Widespread and/or systemic failings": "skg:SystemicFailings"}
FILE_NOTE = ("Ofsted's data, taken from the DfE's SEND-AP-Inclusion-Dashboard repository at the commit given "
             "(schema:version); kept in data/inspections/ in the project's tidy form by `sendkg import`.")


class InspectionFile:
    """The records one tidy inspection file gives: its source, Ofsted, councils, events and claims."""

    def __init__(self, entry: dict, where: str):
        self.source = f"source/{entry['id']}"
        self.where = where
        self.records: dict[str, Record] = {}
        doc = self.record(self.source, "SourceDocument", where)
        for key, value in (("label", entry["title"]), ("dcterms:title", entry["title"]), ("schema:url", entry["url"]),
                           ("sourceKind", "government"), ("dcterms:publisher", OFSTED),
                           ("dcterms:license", URIRef(entry["licence"])), ("schema:version", entry["commit"]),
                           ("note", FILE_NOTE)):
            doc.add(key, value)
        if entry.get("published"):
            doc.add("published", dt.date.fromisoformat(str(entry["published"])))
        self.record(OFSTED, "Inspectorate", where).add("label", "Ofsted")

    def record(self, entity_id: str, cls: str, where: str) -> Record:
        """The file's record for ``entity_id`` (created on first use)."""
        if entity_id not in self.records:
            self.records[entity_id] = Record(id=entity_id, types=[cls], source=self.source, where=where)
        return self.records[entity_id]

    def council(self, row: dict, where: str) -> str:
        """Declare the row's council with its name and GSS code; its id."""
        council = self.record(row["council"], "Council", where)
        if not council.props:
            council.add("label", row["council_name"])
            council.add("gssCode", row["gss_code"])
            council.add("statisticalGeography", ONS_GEOGRAPHY[row["gss_code"]])
        return row["council"]

    def event(self, template: str, row: dict, published: str, cls: str, label: str, framework: str, where: str) -> Record:
        """The event a row describes, by the project's id rule, with its council and framework."""
        event_id = template.format(council=row["council"].split("/", 1)[1], year=published[:4])
        if event_id in self.records:
            raise DataError(where, f"a second row for {event_id} (first at {self.records[event_id].where})")
        event = self.record(event_id, cls, where)
        event.add("label", f"{row['council_name']} {label}")
        event.add("inspectionOf", self.council(row, where))
        event.add("framework", framework)
        return event

    def claim(self, event: Record, kind: str, fact_type: str, stated: str, row: dict, where: str) -> Record:
        """The file's claim about ``event``: the row's words as evidence, stated, high confidence."""
        claim = self.record(f"claim/{self.source.split('/')[1]}-{event.id.replace('/', '-')}", "SourcedFact", where)
        claim.add("label", f"{row['council_name']}: {kind} (Ofsted's data)")
        for key, value in (("factType", f"fact-type/{fact_type}"), ("about", event.id), ("statedValue", stated),
                           ("evidenceText", row["evidence"]), ("confidence", "high"), ("basis", "stated")):
            claim.add(key, value)
        return claim


def add_2016(file: InspectionFile, row: dict, where: str) -> None:
    """A 2016-framework row: the inspection and its claim, and the revisit and its claim if it was revisited."""
    inspection = file.event(INSPECTION_EVENT, row, row["inspection_published"], "AreaSENDInspection",
                            "area SEND inspection", "skg:Framework2016", where)
    required = row["wsoa_required"] == "yes"
    stated = f"written statement of action required: {row['wsoa_required']}"
    stated += f" ({row['wsoa_weaknesses']} significant weaknesses)" if required else ""
    claim = file.claim(inspection, "2016-framework area SEND inspection", "previous-send-inspection", stated, row, where)
    claim.add("visitStart", _date(row["inspection_start"]))
    claim.add("published", _date(row["inspection_published"]))
    claim.add("writtenStatementOfAction", required)
    if required:
        claim.add("significantWeaknesses", int(row["wsoa_weaknesses"]))
    if row["revisit_status"] == "not revisited yet":
        claim.add("note", "Not revisited by 31 August 2022, the end of the period the file covers.")
    if row["revisit_status"] != "revisited":
        return
    revisit = file.event(REVISIT_EVENT, row, row["revisit_published"], "AreaSENDRevisit", "area SEND revisit",
                         "skg:Framework2016", where)
    revisit.add("revisitOf", inspection.id)
    stated = (f"sufficient progress in {row['revisit_progress']} of the significant weaknesses "
              f"({row['weaknesses_progressed']} with, {row['weaknesses_not_progressed']} without)")
    claim = file.claim(revisit, "2016-framework area SEND revisit", "previous-send-inspection", stated, row, where)
    claim.add("visitStart", _date(row["revisit_start"]))
    claim.add("published", _date(row["revisit_published"]))
    claim.add("revisitOutcome", PROGRESS[row["revisit_progress"]])
    claim.add("weaknessesProgressed", int(row["weaknesses_progressed"]))
    claim.add("weaknessesNotProgressed", int(row["weaknesses_not_progressed"]))


def add_2023(file: InspectionFile, row: dict, where: str) -> None:
    """A 2023-framework row: the inspection and the file's claim of its outcome, dates and priority actions."""
    inspection = file.event(INSPECTION_EVENT, row, row["inspection_published"], "AreaSENDInspection",
                            "area SEND inspection", "skg:Framework2023", where)
    claim = file.claim(inspection, "area SEND inspection outcome", "area-send-inspection", row["outcome"], row, where)
    if row["outcome"] not in OUTCOMES:
        raise DataError(where, f"outcome {row['outcome']!r} is not one of the 2023 framework's")
    claim.add("outcome", OUTCOMES[row["outcome"]])
    claim.add("visitStart", _date(row["inspection_start"]))
    claim.add("published", _date(row["inspection_published"]))
    claim.add("priorityActionPlan", row["priority_action_plan"] == "yes")
    if row["priority_actions"]:
        claim.add("priorityActions", int(row["priority_actions"]))


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


READERS = {"area-send-2016.csv": add_2016, "area-send-2023.csv": add_2023}


def read_inspection_files(folder: Path, root: Path) -> list[Record]:
    """Every record of the inspection files in ``folder`` (none if it has no ``sources.yaml``)."""
    index = folder / "sources.yaml"
    if not index.exists():
        return []
    shown = str(index.relative_to(root))
    try:
        entries = yaml.safe_load(index.read_text(encoding="utf-8"))["sources"]
    except (yaml.YAMLError, KeyError, TypeError) as error:
        raise DataError(shown, f"not a list of sources under 'sources:' ({error})") from None
    records: list[Record] = []
    for entry in entries:
        if entry.get("file") not in READERS:
            raise DataError(shown, f"file {entry.get('file')!r} is not one of {sorted(READERS)}")
        path = folder / entry["file"]
        file = InspectionFile(entry, shown)
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                where = f"{path.relative_to(root)}:{line}"
                try:
                    READERS[entry["file"]](file, row, where)
                except (KeyError, ValueError) as error:
                    raise DataError(where, f"not a row as `sendkg import` writes it ({error!r}): rerun the import") from None
        records.extend(file.records.values())
    return records
