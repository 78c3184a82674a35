"""Where an IRI lives in this app: the one mapping between data IRIs and page URLs, and safe outbound links.

Data IRIs ``https://w3id.org/sendkg/id/<kind>/<slug>`` are served at ``/id/<kind>/<slug>``; ontology terms
at ``/ontology#<local name>``; anything else is not ours and is shown as text (or an outbound link).
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from flask import current_app, request, url_for

from graph.terms import DATA_BASE, DCTERMS, ORG, PREFIXES, PROV, RDF, RDFS, SDO, SKG, SKOS

ONTOLOGY_NS = str(SKG._NS)
SAFE_SCHEMES = ("http", "https")


# The one mapping from IRIs to app paths (the query page's script receives the same table).
LINK_RULES = ((DATA_BASE, "/id/", "/-_.~"), (ONTOLOGY_NS, "/ontology#", "-_.~"))


def iri_to_path(iri: str) -> str | None:
    """The app path (``/id/...`` or ``/ontology#...``) showing ``iri``, or None if the app does not serve it."""
    for base, path, safe in LINK_RULES:
        if iri.startswith(base) and len(iri) > len(base):
            return path + quote(iri[len(base):], safe=safe)
    return None


def path_to_iri(rest: str) -> str:
    """The data IRI served at ``/id/<rest>``."""
    return DATA_BASE + rest


def canonical_url(iri: str) -> str | None:
    """The absolute URL of ``iri``'s page on this deployment (PUBLIC_BASE_URL), or None when unset."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    path = iri_to_path(iri)
    return base.rstrip("/") + path if base and path else None


def base_url() -> str:
    """This deployment's root URL: PUBLIC_BASE_URL when set (behind a proxy), else the request's own root."""
    return (current_app.config.get("PUBLIC_BASE_URL") or request.url_root).rstrip("/")


def safe_href(url: str) -> str | None:
    """``url`` if it is an absolute http(s) URL safe to put in an href, else None (no javascript: links)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in SAFE_SCHEMES and parts.netloc else None


def curie(iri: str) -> str:
    """``iri`` shortened with the project's prefixes (``skg:Council``), or the IRI itself."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


# Plain-English names for the reused vocabularies' terms, whose ontologies are not in the graph.
KNOWN_LABELS = {
    str(PROV.wasDerivedFrom): "derived from", str(RDF.type): "type", str(RDFS.label): "label",
    str(RDFS.comment): "comment", str(DCTERMS.title): "title", str(DCTERMS.source): "source",
    str(DCTERMS.date): "date", str(DCTERMS.publisher): "publisher", str(SDO.url): "web address",
    str(SDO.jobTitle): "job title", str(SKOS.altLabel): "also known as", str(ORG.memberOf): "member of",
    str(PROV.wasAttributedTo): "attributed to", str(SKG.evidenceText): "evidence", str(SKG.quoteText): "quote",
    str(SKG.statedValue): "stated value", str(SKG.note): "note",
}


def known_label(iri: str) -> str:
    """A plain-English name for a reused vocabulary term, else its CURIE."""
    return KNOWN_LABELS.get(iri) or curie(iri)


def canned_query_links(name: str) -> dict[str, str]:
    """Where a canned query lives in this app: its editor page (``url``) and its results as SPARQL JSON (``results``)."""
    return {"url": url_for("editor.editor", name=name), "results": url_for("queries.results", name=name, extension="json")}
