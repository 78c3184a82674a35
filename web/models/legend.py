"""How a drawn node looks: its kind (the legend entry), the kind's group, colour and shape.

Five groups, one colour each (Okabe-Ito and Tol colours, each at least 3:1 against the drawing's background,
tests/test_explorer_model.py checks), and a shape per kind within a group, so colour is never the only
carrier of meaning and no two kinds share both. A node's kind is the first kind in ``GROUPS`` order among its
types (the specific before the general: a bailout is drawn as a bailout, not as a funding decision); the
organisation subclasses (union, charity, inspectorate ...) are drawn as organisations.
"""

from __future__ import annotations

from graph.terms import SKG

SHAPES = ("dot", "square", "diamond", "triangle", "star", "triangleDown", "hexagon")
GROUPS = (
    ("Councils and agreements", "#0072B2",
     (SKG.Council, SKG.SafetyValveAgreement, SKG.ImprovementArea, SKG.AgreementWave, SKG.Programme)),
    ("Inspections and findings", "#C44E00",
     (SKG.AreaSENDInspection, SKG.InspectionFinding, SKG.Measurement, SKG.ImprovementNotice, SKG.StatutoryDirection,
      SKG.GovernmentIntervention, SKG.InspectionOutcome)),
    ("People, quotes and organisations", "#AA3377",
     (SKG.Quote, SKG.ReportedSpeech, SKG.Person, SKG.Organisation, SKG.Speech)),
    ("Money", "#117733",
     (SKG.Bailout, SKG.CapitalTopUp, SKG.WithheldPayment, SKG.AgreementExtension, SKG.RejectedProposal,
      SKG.FundingDecision)),
    ("Sources", "#5F5F5F",
     (SKG.SourceDocument, SKG.SourcedFact, SKG.FactType, SKG.ConfidenceLevel, SKG.Basis, SKG.Rank, SKG.OutcomeCount)),
)
OTHER_GROUP, OTHER = "Other", ("#6A6A6A", "ellipse")
DRAWN_AS = {str(c): str(SKG.Organisation) for c in (SKG.Union, SKG.Charity, SKG.Inspectorate, SKG.GovernmentDepartment,
                                                    SKG.Publisher)}
STYLES = {str(cls): (group, colour, SHAPES[i]) for group, colour, classes in GROUPS for i, cls in enumerate(classes)}
ORDER = [str(cls) for _, _, classes in GROUPS for cls in classes]
# Vocabulary "values": shown in the side panel of what links to them, not drawn, unless the visitor asks.
VALUE_KINDS = {str(c) for c in (SKG.InspectionOutcome, SKG.ConfidenceLevel, SKG.Rank, SKG.Basis, SKG.FactType)}
PLURALS = {"person": "people", "reported speech": "pieces of reported speech", "sourced fact": "claims",
           "quote": "quotes"}


def kind_of(types: list[str]) -> str | None:
    """The kind a node is drawn as: the first of ``ORDER`` among its types, else its first sendkg class, else any."""
    mapped = [DRAWN_AS.get(t, t) for t in types]
    return (next((k for k in ORDER if k in mapped), None) or next((t for t in mapped if t.startswith(str(SKG._NS))), None)
            or (mapped[0] if mapped else None))


def style_of(kind: str | None) -> tuple[str, str, str]:
    """The (group, colour, shape) of a kind; any kind outside the groups is grey, an ellipse, in "Other"."""
    return STYLES.get(kind or "", (OTHER_GROUP, *OTHER))


def plural(label: str, count: int) -> str:
    """``count`` things of the kind ``label``, in words: "11 inspection findings", "1 quote", "5 claims"."""
    if count == 1:
        return f"1 {label}"
    if label in PLURALS:
        return f"{count} {PLURALS[label]}"
    return f"{count} {label[:-1] + 'ies' if label.endswith('y') and label[-2:-1] not in 'aeiou' else label + 's'}"
