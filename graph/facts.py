"""Read the curated fact table ``data/facts/safety_valve_facts.csv`` into ``Record``s.

Every row becomes a ``skg:SourcedFact`` keeping its value, date, evidence and confidence, derived
from a ``skg:SourceDocument`` for its URL. The entities rows are about (councils, the programme,
agreement waves, fact types) are declared here with the same ids and labels the YAML sources use:
``council/<slug>``, ``programme/safety-valve``, ``wave/<YYYY-YY>``, ``fact-type/<fact-type>``.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

from .records import DataError, Record

COLUMNS = ["id", "council", "fact_type", "value", "date", "source_url", "source_kind", "confidence", "evidence_snippet"]
PROGRAMME_ID = "programme/safety-valve"
PROGRAMME_LABEL = "Safety valve programme (DSG very high deficit intervention)"
WAVES = ("2020-21", "2021-22", "2022-23", "2023-24")
FACT_TYPE_LABELS = {
    "gss_code": "GSS code",
    "sv_wave": "agreement wave",
    "sv_funding": "safety valve funding",
    "sv_cabinet_decision": "council cabinet decision on safety valve funding",
    "sv_target": "deficit target",
    "sv_term": "agreement term",
    "deficit": "high-needs deficit",
    "deficit_projection": "projected high-needs deficit",
    "payment_delayed": "payment delayed",
    "agreement_extended": "agreement extended",
    "sv_capital_top_up": "capital top-up",
    "area_send_inspection": "area SEND inspection outcome",
    "ehcp_timeliness": "EHC plan timeliness",
    "improvement_notice": "improvement notice",
    "send_statutory_direction": "SEND statutory direction",
    "sv_proposal_rejected": "safety valve proposal rejected",
    "sv_under_review": "agreement under review",
    "sv_received": "safety valve money received",
    "sv_concluded": "agreement concluded",
    "dfe_page_published": "DfE programme page published",
    "agreements_by_year": "agreements by year",
    "first_wave_members": "first-wave members",
    "first_wave_total": "first-wave total funding",
    "total_after_2022_23_wave": "programme total after the 2022-23 wave",
    "wave_total_2022_23": "2022-23 wave total funding",
    "no_new_agreements": "no new agreements",
    "withheld_total": "money withheld",
    "withheld_in_limbo": "money in limbo",
    "under_review": "councils under review",
    "inspection_framework_outcomes": "inspection framework outcomes",
    "inspections_2023_stats": "inspection outcomes in 2023",
    "bailout_amount": "bailout amount",
}


def slugify(text: str) -> str:
    """Lower-case, hyphen-separated ASCII slug."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def council_id(name: str) -> str:
    """The entity id of a council as the fact table names it."""
    return f"council/{slugify(name)}"


def fact_type_id(fact_type: str) -> str:
    """The entity id of a fact type (``sv_funding`` -> ``fact-type/sv-funding``)."""
    return f"fact-type/{slugify(fact_type)}"


def source_id(url: str) -> str:
    """The entity id of the source document at ``url`` (stable: a hash of the URL)."""
    return "source/" + hashlib.sha1(url.encode()).hexdigest()[:12]


def shared_records(where: str, source: str) -> list[Record]:
    """The programme, its waves and the fact types, as the table's first source states them."""
    records = [Record(id=PROGRAMME_ID, types=["Programme"], source=source, where=where)]
    records[0].add("label", PROGRAMME_LABEL)
    for wave in WAVES:
        record = Record(id=f"wave/{wave}", types=["AgreementWave"], source=source, where=where)
        record.add("label", f"{wave} wave")
        record.add("financialYear", wave)
        record.add("partOfProgramme", PROGRAMME_ID)
        records.append(record)
    for fact_type, label in FACT_TYPE_LABELS.items():
        record = Record(id=fact_type_id(fact_type), types=["FactType"], where=where)
        record.add("label", label)
        record.add("skos:altLabel", fact_type)
        records.append(record)
    return records


def read_facts(path: Path, root: Path) -> list[Record]:
    """One SourcedFact record per row, one SourceDocument per distinct URL, and the entities rows are about."""
    if not path.exists():
        raise DataError(str(path), "the fact table is missing")
    rel = str(path.relative_to(root))
    records: list[Record] = []
    sources: dict[str, Record] = {}
    councils: dict[str, Record] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise DataError(f"{rel}:1", f"columns are {reader.fieldnames}; expected {COLUMNS}")
        for line, row in enumerate(reader, start=2):
            where = f"{rel}:{line}"
            url = row["source_url"]
            if url not in sources:
                doc = Record(id=source_id(url), types=["SourceDocument"], where=where)
                doc.source = doc.id
                doc.add("label", url)
                doc.add("dcterms:title", url)
                doc.add("schema:url", url)
                doc.add("sourceKind", row["source_kind"])
                sources[url] = doc
            subject = PROGRAMME_ID if row["council"] == "(programme)" else council_id(row["council"])
            if subject != PROGRAMME_ID and subject not in councils:
                council = Record(id=subject, types=["Council"], source=source_id(url), where=where)
                council.add("label", row["council"])
                councils[subject] = council
            if row["fact_type"] not in FACT_TYPE_LABELS:
                raise DataError(where, f"unknown fact_type {row['fact_type']!r}; known: {sorted(FACT_TYPE_LABELS)}")
            fact = Record(id=f"fact/{row['id']}", types=["SourcedFact"], source=source_id(url), where=where)
            fact.add("label", f"{row['council']}: {FACT_TYPE_LABELS[row['fact_type']]}: {row['value']}")
            fact.add("factType", fact_type_id(row["fact_type"]))
            fact.add("about", subject)
            fact.add("statedValue", row["value"])
            fact.add("evidenceText", row["evidence_snippet"])
            fact.add("confidence", row["confidence"])
            records.append(fact)
    first = next(iter(sources.values()))
    return shared_records(first.where, first.id) + list(sources.values()) + list(councils.values()) + records
