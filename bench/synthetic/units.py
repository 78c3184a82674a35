"""The pieces of the SYNTHETIC graph (see ``synthetic.py``): shared entities, and one council's worth of claims.

A council unit mirrors the real graph: source documents; an agreement in a wave mandating improvement
areas; inspections with findings that bear on those areas; quotes by people; measurements; funding
decisions; and sourced facts with fact types. Every entity is ``prov:wasDerivedFrom`` a source.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field
from decimal import Decimal

import pyoxigraph as ox

from graph.terms import DCTERMS, PROV, RDF, RDFS, SDO, SKG, XSD, entity_iri, node as n

A = ox.NamedNode(str(RDF.type))
LABEL = ox.NamedNode(str(RDFS.label))
DERIVED = ox.NamedNode(str(PROV.wasDerivedFrom))
WORDS = ("assessment", "plans", "timeliness", "transitions", "co-production", "health", "inclusion", "tribunal",
         "placements", "transport", "outreach", "alternative provision", "preparation for adulthood", "therapies")
OUTCOMES = (SKG.TypicallyPositive, SKG.Inconsistent, SKG.SystemicFailings)
CONFIDENCE = (SKG.HighConfidence, SKG.MediumConfidence, SKG.LowConfidence)
FUNDING = (SKG.Bailout, SKG.CapitalTopUp, SKG.WithheldPayment, SKG.AgreementExtension)
FACT_TYPES = 24


def typed(value, datatype) -> ox.Literal:
    """A typed literal."""
    return ox.Literal(str(value), datatype=n(datatype))


def syn(kind: str, slug: str) -> ox.NamedNode:
    """The IRI of a synthetic entity: its slug always starts ``syn-``."""
    return n(entity_iri(kind, f"syn-{slug}"))


@dataclass
class Shared:
    """Entities every council unit points at (programme, waves, inspectorate, department, fact types)."""

    programme: ox.NamedNode = field(default_factory=lambda: syn("programme", "safety-valve"))
    waves: tuple = field(default_factory=lambda: tuple(syn("wave", f"{y}-{(y + 1) % 100:02d}") for y in range(2020, 2024)))
    inspectorate: ox.NamedNode = field(default_factory=lambda: syn("organisation", "inspectorate"))
    department: ox.NamedNode = field(default_factory=lambda: syn("organisation", "department"))
    fact_types: tuple = field(default_factory=lambda: tuple(syn("fact-type", f"type-{i:02d}") for i in range(FACT_TYPES)))
    source: ox.NamedNode = field(default_factory=lambda: syn("source", "programme-page"))
    triples: list = field(default_factory=list)


def shared_entities() -> Shared:
    """The shared entities and their triples."""
    shared = Shared()
    t = shared.triples
    t += _source(shared.source, "Synthetic programme page", "government", 2021)
    t += _entity(shared.programme, SKG.Programme, "Synthetic safety valve programme", shared.source)
    for wave in shared.waves:
        t += _entity(wave, SKG.AgreementWave, f"Synthetic wave {wave.value[-7:]}", shared.source)
    t += _entity(shared.inspectorate, SKG.Inspectorate, "Synthetic inspectorate", shared.source)
    t += _entity(shared.department, SKG.GovernmentDepartment, "Synthetic department", shared.source)
    for fact_type in shared.fact_types:
        t += _entity(fact_type, SKG.FactType, f"Synthetic fact type {fact_type.value[-2:]}", shared.source)
    return shared


def _entity(iri, cls, label: str, source) -> list[ox.Triple]:
    return [ox.Triple(iri, A, n(cls)), ox.Triple(iri, LABEL, ox.Literal(label)), ox.Triple(iri, DERIVED, source)]


def _source(iri, title: str, kind: str, year: int) -> list[ox.Triple]:
    return [ox.Triple(iri, A, n(SKG.SourceDocument)), ox.Triple(iri, n(DCTERMS.title), ox.Literal(title)),
            ox.Triple(iri, LABEL, ox.Literal(title)),
            ox.Triple(iri, n(SDO.url), typed(f"https://example.org/synthetic/{iri.value.rsplit('/', 1)[1]}", XSD.anyURI)),
            ox.Triple(iri, n(SKG.sourceKind), ox.Literal(f"{kind} (synthetic)")),
            ox.Triple(iri, n(SKG.published), typed(f"{year}-{1 + zlib.crc32(iri.value.encode()) % 12:02d}", XSD.gYearMonth))]


def _money(iri, amount: int) -> list[ox.Triple]:
    return [ox.Triple(iri, n(SKG.amount), typed(Decimal(amount), XSD.decimal)),
            ox.Triple(iri, n(SKG.currency), ox.Literal("GBP"))]


def council_unit(index: int, rng: random.Random, shared: Shared) -> list[ox.Triple]:
    """One synthetic council and everything the graph says about it (about 250 triples)."""
    c = f"{index:05d}"
    council = syn("council", c)
    sources = [syn("source", f"{c}-{i}") for i in range(3)]
    t: list[ox.Triple] = []
    for i, source in enumerate(sources):
        t += _source(source, f"Synthetic report {i} on council {c}", ("government", "news", "secondary")[i], 2021 + i)
    t += _entity(council, SKG.Council, f"Synthetic council {c}", sources[0])
    t += [ox.Triple(council, n(SKG.gssCode), ox.Literal(f"E06{index:06d}")),
          ox.Triple(council, n(SKG.partOfProgramme), shared.programme)]
    areas = [syn("improvement-area", f"{c}-{i}") for i in range(rng.randint(3, 6))]
    for i, area in enumerate(areas):
        t += _entity(area, SKG.ImprovementArea, f"Synthetic area {c}-{i}: {rng.choice(WORDS)}", sources[0])
    agreement = syn("agreement", c)
    t += _entity(agreement, SKG.SafetyValveAgreement, f"Synthetic agreement with council {c}", sources[0])
    t += [ox.Triple(agreement, n(SKG.council), council), ox.Triple(agreement, n(SKG.wave), rng.choice(shared.waves)),
          ox.Triple(agreement, n(SKG.termYears), typed(rng.randint(4, 7), XSD.integer))]
    t += _money(agreement, rng.randrange(5_000_000, 400_000_000, 1000))
    t += [ox.Triple(agreement, n(SKG.mandates), area) for area in areas]
    t += _inspections(c, council, areas, sources, rng, shared)
    t += _voices_and_numbers(c, council, agreement, sources, rng, shared)
    return t


def _inspections(c, council, areas, sources, rng, shared) -> list[ox.Triple]:
    t = []
    for k in range(rng.randint(1, 2)):
        inspection = syn("inspection", f"{c}-{k}")
        t += _entity(inspection, SKG.AreaSENDInspection, f"Synthetic inspection {k} of council {c}", sources[1])
        t += [ox.Triple(inspection, n(SKG.inspectionOf), council), ox.Triple(inspection, n(SKG.conductedBy), shared.inspectorate),
              ox.Triple(inspection, n(SKG.outcome), n(rng.choice(OUTCOMES))),
              ox.Triple(inspection, n(DCTERMS.date), typed(f"{2022 + k}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", XSD.date))]
        for f in range(rng.randint(3, 6)):
            finding = syn("finding", f"{c}-{k}-{f}")
            t += _entity(finding, SKG.InspectionFinding, f"Synthetic finding {f}: {rng.choice(WORDS)}", sources[1])
            t += [ox.Triple(finding, n(SKG.fromInspection), inspection),
                  ox.Triple(finding, n(SKG.evidenceText), ox.Literal(f"Synthetic evidence: {' and '.join(rng.sample(WORDS, 3))} were weak.")),
                  ox.Triple(finding, n(SKG.confidence), n(rng.choice(CONFIDENCE)))]
            t += [ox.Triple(finding, n(SKG.bearsOn), area) for area in rng.sample(areas, rng.randint(1, 2))]
    return t


def _voices_and_numbers(c, council, agreement, sources, rng, shared) -> list[ox.Triple]:
    t = []
    for q in range(2):
        person, quote = syn("person", f"{c}-{q}"), syn("quote", f"{c}-{q}")
        t += _entity(person, SKG.Person, f"Synthetic person {c}-{q}", sources[2])
        t += _entity(quote, SKG.Quote, f"Synthetic quote {c}-{q}", sources[2])
        words = f"Synthetic words about {rng.choice(WORDS)}."
        t += [ox.Triple(quote, n(SKG.quoteText), ox.Literal(words)),
              ox.Triple(quote, n(SKG.evidenceText), ox.Literal(f"“{words}” said synthetic person {c}-{q}.")),
              ox.Triple(quote, n(SKG.saidBy), person), ox.Triple(quote, n(SKG.onBehalfOf), council),
              ox.Triple(quote, n(SKG.speakerRole), ox.Literal(rng.choice(("cabinet member", "parent", "director"))))]
    for m in range(3):
        measurement = syn("measurement", f"{c}-{m}")
        t += _entity(measurement, SKG.Measurement, f"Synthetic measurement {c}-{m}", sources[2])
        t += [ox.Triple(measurement, n(SKG.council), council),
              ox.Triple(measurement, n(SKG.statistic), ox.Literal(rng.choice(("EHC plans", "tribunal appeals", "deficit")))),
              ox.Triple(measurement, n(SKG.quantity), typed(Decimal(rng.randint(10, 9000)), XSD.decimal)),
              ox.Triple(measurement, n(SKG.unit), ox.Literal("count")),
              ox.Triple(measurement, n(SKG.financialYear), ox.Literal(f"20{21 + m}-{22 + m}"))]
    for d in range(rng.randint(1, 3)):  # an event, and the one claim about it that gives its values
        decision, claim = syn("funding-decision", f"{c}-{d}"), syn("claim", f"{c}-funding-{d}")
        amount = rng.randrange(1_000_000, 50_000_000, 1000)
        t += _entity(decision, FUNDING[d], f"Synthetic funding decision {c}-{d}", sources[0])
        t += [ox.Triple(decision, n(SKG.council), council), ox.Triple(decision, n(SKG.agreement), agreement),
              ox.Triple(decision, n(SKG.issuedBy), shared.department),
              ox.Triple(decision, n(SKG.financialYear), ox.Literal(f"20{21 + d}-{22 + d}"))]
        t += _money(decision, amount)
        t += _entity(claim, SKG.SourcedFact, f"Synthetic claim about funding decision {c}-{d}", sources[0])
        t += [ox.Triple(claim, n(SKG.about), decision), ox.Triple(claim, n(SKG.factType), shared.fact_types[d]),
              ox.Triple(claim, n(SKG.statedValue), ox.Literal(f"synthetic funding {amount // 1_000_000}m")),
              ox.Triple(claim, n(SKG.evidenceText), ox.Literal("Synthetic evidence of a funding decision.")),
              ox.Triple(claim, n(SKG.confidence), n(rng.choice(CONFIDENCE))),
              ox.Triple(claim, n(SKG.basis), n(SKG.Stated)),
              ox.Triple(claim, n(SKG.financialYear), ox.Literal(f"20{21 + d}-{22 + d}"))]
        t += _money(claim, amount)
    for f in range(6):
        fact = syn("fact", f"{c}-{f}")
        t += _entity(fact, SKG.SourcedFact, f"Synthetic council {c}: fact {f}", sources[f % 3])
        t += [ox.Triple(fact, n(SKG.about), council), ox.Triple(fact, n(SKG.factType), rng.choice(shared.fact_types)),
              ox.Triple(fact, n(SKG.statedValue), ox.Literal(f"synthetic value {rng.randint(1, 999)}")),
              ox.Triple(fact, n(SKG.evidenceText), ox.Literal("Synthetic evidence snippet.")),
              ox.Triple(fact, n(SKG.confidence), n(rng.choice(CONFIDENCE))),
              ox.Triple(fact, n(SKG.basis), n(SKG.Stated)),
              ox.Triple(fact, n(DCTERMS.date), typed(f"202{rng.randint(1, 4)}-0{rng.randint(1, 9)}-01", XSD.date))]
    return t
