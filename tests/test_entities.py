"""Entity pages: readable HTML, the same data as Turtle / JSON-LD / N-Triples by suffix or Accept, real 404s."""

from __future__ import annotations

import pytest
import rdflib

from graph.store import EmbeddedStore
from graph.terms import ID
from web.views.entities import split_suffix
from rdfcompare import assert_isomorphic, store_graph
from fixture_data import FIXTURES

AGREEMENT = ID["agreement/testshire"]
PAGE = "/id/agreement/testshire"


def expected_triples(iri) -> rdflib.Graph:
    """Every fixture triple with ``iri`` as subject or object, as a store holds them (canonical literals)."""
    stored = EmbeddedStore.from_rdf((FIXTURES / "web.ttl").read_bytes())
    source, result = store_graph(stored), rdflib.Graph()
    for triple in source.triples((iri, None, None)):
        result.add(triple)
    for triple in source.triples((None, None, iri)):
        result.add(triple)
    return result


@pytest.mark.parametrize("suffix,rdflib_format,media_type", [
    ("ttl", "turtle", "text/turtle"), ("jsonld", "json-ld", "application/ld+json"), ("nt", "nt", "application/n-triples"),
])
def test_suffix_serves_the_entity_triples(web_client, suffix, rdflib_format, media_type):
    response = web_client.get(f"{PAGE}.{suffix}")
    assert response.status_code == 200 and response.mimetype == media_type
    assert_isomorphic(rdflib.Graph().parse(data=response.data, format=rdflib_format), expected_triples(AGREEMENT))


@pytest.mark.parametrize("accept,media_type", [
    ("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"), ("text/html,application/xhtml+xml,*/*;q=0.8", "text/html"),
    ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
])
def test_accept_header_negotiates(web_client, accept, media_type):
    response = web_client.get(PAGE, headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]


def test_unacceptable_type_is_406(web_client):
    response = web_client.get(PAGE, headers={"Accept": "application/pdf"})
    assert response.status_code == 406 and "text/turtle" in response.get_data(as_text=True)


def test_html_shows_labels_and_formatted_literals(web_client):
    html = web_client.get(PAGE).get_data(as_text=True)
    assert "<h1>Testshire safety valve agreement</h1>" in html
    assert "£12.5m (£12,500,000)" in html
    assert ">Testshire</a>" in html and ">Early identification</a>" in html
    assert ">Testshire payment withheld</a>" in html  # incoming link, by label


def test_provenance_block_shows_evidence_confidence_and_source(web_client):
    html = web_client.get("/id/finding/testshire-2024-ehcp").get_data(as_text=True)
    assert "plans are &#34;typically poor&#34; and often out of date" in html
    assert "Confidence:" in html and ">medium</a>" in html
    assert ">Testshire inspection report</a>" in html and "9 May 2024" in html
    assert 'href="https://example.org/report.pdf"' in html


def test_council_page_links_to_mandates_view(web_client):
    html = web_client.get("/id/council/testshire").get_data(as_text=True)
    assert 'href="/mandates/testshire"' in html


def test_page_offers_downloads(web_client):
    html = web_client.get(PAGE).get_data(as_text=True)
    for suffix in ("ttl", "jsonld", "nt"):
        assert f'href="{PAGE}.{suffix}"' in html


@pytest.mark.parametrize("path", ["/id/council/nowhere", "/id/council/nowhere.ttl", "/id/"])
def test_unknown_iri_is_a_real_404(web_client, path):
    response = web_client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "Not found" in response.get_data(as_text=True)


@pytest.mark.parametrize("rest,stem,extension", [
    ("council/bury", "council/bury", None), ("council/bury.ttl", "council/bury", "ttl"),
    ("council/bury.nt", "council/bury", "nt"), ("council/bury.exe", "council/bury.exe", None),
    ("council/bury.turtle", "council/bury.turtle", None),
])
def test_split_suffix(rest, stem, extension):
    got_stem, fmt = split_suffix(rest)
    assert (got_stem, fmt.extension if fmt else None) == (stem, extension)


def test_real_bury_page(client):
    html = client.get("/id/council/bury").get_data(as_text=True)
    assert "<h1>Bury</h1>" in html and 'href="/mandates/bury"' in html


@pytest.mark.parametrize("iri,path", [
    ("https://w3id.org/sendkg/id/council/bury", "/id/council/bury"),
    ("https://w3id.org/sendkg/ontology#Council", "/ontology#Council"),
    ("https://w3id.org/sendkg/id/", None), ("https://example.org/x", None),
])
def test_one_mapping_from_iris_to_paths(iri, path):
    from web.shared.links import iri_to_path, path_to_iri
    assert iri_to_path(iri) == path
    if path and path.startswith("/id/"):
        assert path_to_iri(path[len("/id/"):]) == iri


@pytest.mark.parametrize("url,safe", [
    ("https://example.org/a", "https://example.org/a"), ("http://x.org", "http://x.org"),
    ("javascript:alert(1)", None), (" JavaScript:alert(1)", None), ("data:text/html,x", None), ("//evil.org", None),
])
def test_only_web_addresses_become_links(url, safe):
    from web.shared.links import safe_href
    assert safe_href(url) == safe


@pytest.mark.parametrize("value,datatype,prop,text", [
    ("12500000.0", "decimal", "amount", "£12.5m (£12,500,000)"), ("250000", "decimal", "amount", "£250,000"),
    ("3780514", "integer", "capitalAmount", "£3.78m (£3,780,514)"), ("18.50", "decimal", "quantity", "18.5"),
    ("2024-05-09", "date", None, "9 May 2024"), ("2024-05", "gYearMonth", None, "May 2024"),
    ("2024-13-40", "date", None, "2024-13-40"), ("2020-21", "string", "financialYear", "2020-21"),
])
def test_literals_are_formatted_for_people(value, datatype, prop, text):
    from graph.terms import SKG, XSD
    from web.shared.formatting import format_literal
    assert format_literal(value, str(XSD[datatype]), str(SKG[prop]) if prop else None)[0] == text


def test_canonical_link_uses_public_base_url(web_store):
    from web import create_app
    client = create_app({"TESTING": True, "PUBLIC_BASE_URL": "https://sendkg.example/"}, store=web_store).test_client()
    assert '<link rel="canonical" href="https://sendkg.example/id/council/testshire">' in client.get("/id/council/testshire").get_data(as_text=True)


def test_external_iris_link_out_and_unsafe_ones_do_not(client):
    """An ONS statistical geography is a link to the ONS IRI; nothing else gains an href."""
    page = client.get("/id/council/bury").get_data(as_text=True)
    assert 'href="http://statistics.data.gov.uk/id/statistical-geography/E08000002"' in page
    from web.models.nodes import Node
    assert Node("javascript:alert(1)", "x").external_href is None
    assert Node("_:b0", "x").external_href is None
