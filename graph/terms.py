"""Every IRI the code uses, in one module: the sendkg ontology and the vocabularies it reuses.

SKG mirrors ``ontology/sendkg.ttl`` term for term (tests/test_namespace.py fails if they drift);
it is a closed rdflib ``DefinedNamespace``, so a misspelt term raises instead of minting a new IRI.
"""

import pyoxigraph as ox
from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCAT, DCTERMS, FOAF, ORG, OWL, PROV, QB, RDF, RDFS, SDO, SH, SKOS, VANN, VOID, XSD, DefinedNamespace,
)

ONTOLOGY_IRI = URIRef("https://w3id.org/sendkg/ontology")
DATA_BASE = "https://w3id.org/sendkg/id/"
ID = Namespace(DATA_BASE)
DATASET_IRI = URIRef(DATA_BASE + "dataset/sendkg")
ONS_GEOGRAPHY = Namespace("http://statistics.data.gov.uk/id/statistical-geography/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
MEDIA_TYPES = Namespace("https://www.iana.org/assignments/media-types/")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
# The W3C Data Cube's companions for the DfE statistics: SDMX dimensions and attributes, UK government intervals
# (calendar and government years at reference.data.gov.uk), QUDT units, and the Open Government Licence.
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
CALENDAR_YEAR = Namespace("http://reference.data.gov.uk/id/year/")
GOVERNMENT_YEAR = Namespace("http://reference.data.gov.uk/id/government-year/")
INTERVALS = Namespace("http://reference.data.gov.uk/def/intervals/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
OGL = URIRef("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")


class SKG(DefinedNamespace):
    """The sendkg ontology (https://w3id.org/sendkg/ontology#)."""

    _NS = Namespace("https://w3id.org/sendkg/ontology#")
    _fail = True

    AgreementExtension: URIRef
    AgreementWave: URIRef
    AlternativeProvisionTheme: URIRef
    AreaSENDInspection: URIRef
    Bailout: URIRef
    Basis: URIRef
    BasisScheme: URIRef
    CapitalTopUp: URIRef
    Charity: URIRef
    CoProductionTheme: URIRef
    ConfidenceLevel: URIRef
    ConfidenceScheme: URIRef
    Confidential: URIRef
    Council: URIRef
    DeficitReductionTheme: URIRef
    DeprecatedRank: URIRef
    EHCProcessesTheme: URIRef
    EarlyInterventionTheme: URIRef
    EnhancedMonitoring: URIRef
    Event: URIRef
    FactType: URIRef
    FewerIndependentPlacementsTheme: URIRef
    FundingAndCommissioningTheme: URIRef
    FundingDecision: URIRef
    GovernmentDepartment: URIRef
    GovernmentIntervention: URIRef
    HighConfidence: URIRef
    ImprovementArea: URIRef
    ImprovementNotice: URIRef
    ImprovementTheme: URIRef
    ImprovementThemeScheme: URIRef
    Inconsistent: URIRef
    Inferred: URIRef
    InspectionFinding: URIRef
    InspectionOutcome: URIRef
    InspectionOutcomeScheme: URIRef
    Inspectorate: URIRef
    JointWorkingTheme: URIRef
    LegalChallenge: URIRef
    LocalSpecialistPlacesTheme: URIRef
    LowConfidence: URIRef
    MainstreamInclusionTheme: URIRef
    Measurement: URIRef
    MediumConfidence: URIRef
    NormalRank: URIRef
    NotApplicable: URIRef
    NotAvailable: URIRef
    ObservationStatus: URIRef
    ObservationStatusScheme: URIRef
    OffTrack: URIRef
    OnTrack: URIRef
    Organisation: URIRef
    OutcomeCount: URIRef
    Person: URIRef
    PhaseTransitionsTheme: URIRef
    PreferredRank: URIRef
    PreparationForAdulthoodTheme: URIRef
    Programme: URIRef
    ProgrammeInvitation: URIRef
    ProgressStatus: URIRef
    ProgressStatusScheme: URIRef
    Publisher: URIRef
    Quote: URIRef
    Rank: URIRef
    RankScheme: URIRef
    Region: URIRef
    RejectedProposal: URIRef
    ReportedSpeech: URIRef
    Restated: URIRef
    SafetyValveAgreement: URIRef
    SourceDocument: URIRef
    SourcedFact: URIRef
    Speech: URIRef
    Stated: URIRef
    StatutoryDirection: URIRef
    SupportServicesTheme: URIRef
    Suppressed: URIRef
    SystemicFailings: URIRef
    TypicallyPositive: URIRef
    Union: URIRef
    WithheldPayment: URIRef
    AreaSENDRevisit: URIRef
    Framework2016: URIRef
    Framework2023: URIRef
    InspectionFramework: URIRef
    InspectionFrameworkScheme: URIRef
    ProgressInAll: URIRef
    ProgressInNone: URIRef
    ProgressInSome: URIRef
    RevisitOutcome: URIRef
    RevisitOutcomeScheme: URIRef
    about: URIRef
    ageGroup: URIRef
    agreement: URIRef
    amount: URIRef
    amountInDoubt: URIRef
    asOf: URIRef
    basis: URIRef
    bearsOn: URIRef
    capitalAmount: URIRef
    conductedBy: URIRef
    confidence: URIRef
    council: URIRef
    councilContribution: URIRef
    councilCount: URIRef
    currency: URIRef
    deficitTargetYear: URIRef
    dfeCode: URIRef
    distinctFrom: URIRef
    dsgAllocation: URIRef
    dsgCumulativeBalancePct: URIRef
    ehcPlansInJanuary: URIRef
    ehcPlansWithin20WeeksPct: URIRef
    evidenceText: URIRef
    factType: URIRef
    financialYear: URIRef
    followsInspection: URIRef
    fromInspection: URIRef
    gssCode: URIRef
    inspectionOf: URIRef
    issuedBy: URIRef
    mandates: URIRef
    newEhcPlans: URIRef
    note: URIRef
    observationStatus: URIRef
    onBehalfOf: URIRef
    outcome: URIRef
    outcomeRank: URIRef
    partOfProgramme: URIRef
    progressStatus: URIRef
    published: URIRef
    quantity: URIRef
    quoteText: URIRef
    rank: URIRef
    rankReason: URIRef
    region: URIRef
    reportedAgreementCount: URIRef
    reportedText: URIRef
    saidBy: URIRef
    sendAppealRatePct: URIRef
    service: URIRef
    sourceCommit: URIRef
    sourceKind: URIRef
    speakerRole: URIRef
    statedValue: URIRef
    statistic: URIRef
    statisticalGeography: URIRef
    termYears: URIRef
    theme: URIRef
    unit: URIRef
    visitEnd: URIRef
    visitStart: URIRef
    visited: URIRef
    wave: URIRef
    framework: URIRef
    priorityActionPlan: URIRef
    priorityActions: URIRef
    revisitOf: URIRef
    revisitOutcome: URIRef
    significantWeaknesses: URIRef
    weaknessesNotProgressed: URIRef
    weaknessesProgressed: URIRef
    writtenStatementOfAction: URIRef

PREFIXES = {
    "skg": str(SKG._NS),
    "id": DATA_BASE,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "org": str(ORG),
    "schema": str(SDO),
    "foaf": str(FOAF),
    "void": str(VOID),
    "dcat": str(DCAT),
    "sh": str(SH),
    "vann": str(VANN),
    "sd": str(SD),
    "ons": str(ONS_GEOGRAPHY),
    "qb": str(QB),
    "sdmx-dimension": str(SDMX_DIMENSION),
    "sdmx-attribute": str(SDMX_ATTRIBUTE),
    "year": str(CALENDAR_YEAR),
    "gov-year": str(GOVERNMENT_YEAR),
    "interval": str(INTERVALS),
    "unit": str(UNIT),
}


def entity_iri(kind: str, slug: str) -> URIRef:
    """The data IRI for an entity of ``kind`` named ``slug``: https://w3id.org/sendkg/id/<kind>/<slug>."""
    return ID[f"{kind}/{slug}"]


def node(term) -> ox.NamedNode:
    """A term of this module (or any IRI) as a pyoxigraph ``NamedNode``, the project's result and export model."""
    return ox.NamedNode(str(term))
