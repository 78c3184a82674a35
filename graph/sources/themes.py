"""``data/themes/mapping.yaml``: which improvement themes each mandated improvement area is a case of.

The themes are the ontology's ``skg:ImprovementThemeScheme``; which area has which is the curator's reading,
so each link becomes a claim (basis inferred, with the curator's confidence and reason as its note) stating
``<area> skg:theme <theme>``, derived from the source that states the area and keeping that source's words as
its evidence. The build adds the link itself (``construct-claimed-links.rq``).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from graph.sources.records import DataError, Record

AREA_KEYS = {"area", "themes"}
LINK_KEYS = {"theme", "confidence", "reason"}
CONFIDENCES = ("high", "medium", "low")
THEME_NAME = re.compile(r"^[A-Z][A-Za-z]*Theme$")


def words(theme: str) -> str:
    """'EarlyInterventionTheme' -> 'early intervention'."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", theme.removesuffix("Theme")).lower().replace("e h c", "EHC")


def area_evidence(records: list[Record]) -> dict[str, tuple[str, str, str]]:
    """Area id -> (source id, evidence text, label) from the records that state each mandated area."""
    found: dict[str, tuple[str, str, str]] = {}
    labels = {r.id: str(r.props["label"][0]) for r in records if "ImprovementArea" in r.types and r.props.get("label")}
    for record in records:
        if "ImprovementArea" in record.types and record.props.get("evidenceText"):
            target = record.id
        elif "SourcedFact" in record.types and record.props.get("about", [None])[0] in labels \
                and record.props.get("evidenceText"):
            target = record.props["about"][0]
        else:
            continue
        found.setdefault(target, (record.source, str(record.props["evidenceText"][0]), labels.get(target, target)))
    return found


def read_themes(path: Path, shown: str, records: list[Record]) -> list[Record]:
    """One claim per (area, theme) link of the mapping file at ``path``; [] if there is none."""
    if not path.exists():
        return []
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise DataError(shown, f"YAML syntax error: {error}") from None
    evidence = area_evidence(records)
    claims: list[Record] = []
    seen: set[str] = set()
    for entry in document.get("areas", []):
        area = str(entry.get("area", ""))
        where = f"{shown}: area {area or '(no area)'}"
        if set(entry) - AREA_KEYS or not entry.get("themes"):
            raise DataError(where, f"needs 'area' and 'themes' (a list) and nothing else; has {sorted(entry)}")
        if area in seen:
            raise DataError(where, "is listed twice")
        seen.add(area)
        if area not in evidence:
            raise DataError(where, "is no mandated improvement area any data file states (with its evidence)")
        claims += [link_claim(area, link, evidence[area], where) for link in entry["themes"]]
    return claims


def link_claim(area: str, link: dict, stated: tuple[str, str, str], where: str) -> Record:
    """The claim that ``area`` has the theme ``link`` names, as the curator reads the area's source."""
    theme, confidence, reason = (str(link.get(k, "")) for k in ("theme", "confidence", "reason"))
    if set(link) != LINK_KEYS or not THEME_NAME.match(theme) or confidence not in CONFIDENCES or not reason:
        raise DataError(f"{where}, theme {theme or '?'}",
                        f"a theme link needs exactly {sorted(LINK_KEYS)}: an skg:...Theme name, a confidence "
                        f"{CONFIDENCES} and a reason")
    source, evidence, label = stated
    slug = re.sub(r"(?<!^)(?=[A-Z])", "-", theme.removesuffix("Theme")).lower()
    claim = Record(id=f"claim/theme-{area.split('/', 1)[1]}-{slug}", types=["SourcedFact"], source=source, where=where)
    claim.add("label", f"{label}: theme {words(theme)}")
    claim.add("factType", "fact-type/improvement-theme")
    claim.add("about", area)
    claim.add("rdf:subject", area)
    claim.add("rdf:predicate", "skg:theme")
    claim.add("rdf:object", f"skg:{theme}")
    claim.add("statedValue", f"theme: {words(theme)}")
    claim.add("evidenceText", evidence)
    claim.add("basis", "inferred")
    claim.add("confidence", confidence)
    claim.add("note", f"The curator's reading of the area's words (data/themes/mapping.yaml): {reason}")
    return claim
