"""Home, ontology, mandates-vs-findings and query pages, their JSON twins, the CSP, and escaping of graph text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
import rdflib

from graph.terms import OWL, RDF, SKG
from graph.queries import canned_queries
from graph.paths import ROOT

HTML_PAGES = ["/", "/ontology", "/mandates", "/mandates/testshire", "/search?q=testshire", "/explore",
              "/explore?focus=https://w3id.org/sendkg/id/council/testshire", "/id/council/testshire", "/query",
              "/id/council/nowhere"]


class Elements(HTMLParser):
    """Every start tag and its attributes."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("path", HTML_PAGES)
def test_html_pages_send_csp_and_have_no_inline_script(web_client, path):
    response = web_client.get(path)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    for tag, attrs in elements(response.get_data(as_text=True)):
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "script":
            assert "src" in attrs or attrs.get("type") == "application/json", attrs


XSS_PAGES = ["/", "/id/council/evil", "/id/agreement/evil", "/id/improvement-area/evil", "/id/finding/evil",
             "/id/quote/evil", "/id/source/evil", "/id/inspection/evil", "/mandates/evil", "/search?q=evil",
             "/search?q=window", "/explore?focus=https://w3id.org/sendkg/id/council/evil&depth=2", "/query", "/mandates"]


@pytest.mark.parametrize("path", XSS_PAGES)
def test_hostile_graph_text_stays_text(xss_client, path):
    html = xss_client.get(path).get_data(as_text=True)
    assert "__xss" in html or path in ("/query", "/mandates")  # the text is there, escaped
    for tag, attrs in elements(html):
        assert tag not in ("img", "svg", "iframe", "b"), tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "javascript:" not in attrs.get("href", "").lower()
        if tag == "script":
            assert "src" in attrs or attrs.get("type") == "application/json"


def test_home_counts_link_to_listings_and_lists_councils(web_client):
    html = web_client.get("/").get_data(as_text=True)
    assert 'href="/search?type=https://w3id.org/sendkg/ontology%23Council">council</a>' in html
    assert ">Testshire</a>" in html and 'href="/mandates/testshire"' in html
    assert "safety valve" in html and 'role="search"' in html


def test_home_lists_every_canned_query(web_client):
    html = web_client.get("/").get_data(as_text=True)
    for query in canned_queries():
        assert f'href="/query?name={query.name}"' in html


def test_home_json(web_client):
    data = web_client.get("/index.json").get_json()
    counts = {c["node"]["label"]: c["count"] for c in data["classes"]}
    assert counts["council"] == 2 and counts["inspection finding"] == 3
    assert [c["node"]["label"] for c in data["councils"]] == ["Otherton", "Testshire"]
    assert data["facts"][0]["source"]["label"] == "An example article"


def test_ontology_lists_every_class_and_property(web_client):
    ontology = rdflib.Graph().parse(ROOT / "ontology" / "sendkg.ttl")
    data = web_client.get("/ontology.json").get_json()
    for kind, key in ((OWL.Class, "classes"), (OWL.ObjectProperty, "properties"), (OWL.DatatypeProperty, "properties")):
        expected = {str(t) for t in ontology.subjects(RDF.type, kind) if str(t).startswith(str(SKG._NS))}
        assert expected <= {t["node"]["iri"] for t in data[key]}


def test_ontology_shows_domain_range_and_usage(web_client):
    terms = {t["node"]["iri"]: t for t in web_client.get("/ontology.json").get_json()["properties"]}
    mandates = terms[str(SKG.mandates)]
    assert mandates["domain"]["label"] == "safety valve agreement" and mandates["range"]["label"] == "mandated improvement area"
    assert mandates["usage"] == 3
    html = web_client.get("/ontology").get_data(as_text=True)
    assert 'id="mandates"' in html and "skg:bearsOn" in html


def test_mandates_puts_findings_beside_the_area_they_bear_on(web_client):
    data = web_client.get("/mandates/testshire.json").get_json()
    areas = {a["node"]["label"]: [f["node"]["label"] for f in a["findings"]] for a in data["areas"]}
    assert areas == {"Early identification": ["Needs not identified early"], "Fewer EHC plans": ["EHC plans typically poor"],
                     "Mainstream placements": []}
    assert [i["outcome"]["label"] for i in data["inspections"]] == ["widespread and/or systemic failings"]
    assert [f["node"]["label"] for f in data["inspections"][0]["findings"]] == ["Long waits for therapy"]


def test_mandates_page_shows_outcome_sources_and_gaps(web_client):
    html = web_client.get("/mandates/testshire").get_data(as_text=True)
    assert "widespread and/or systemic failings" in html and ">Testshire inspection report</a>" in html
    assert "No inspection finding in the graph bears on this area." in html
    assert "Other findings" in html and ">Long waits for therapy</a>" in html


def test_mandates_unknown_council_is_404(web_client):
    assert web_client.get("/mandates/nowhere").status_code == 404


def test_real_bury_mandates(client):
    data = client.get("/mandates/bury.json").get_json()
    with_findings = [a for a in data["areas"] if a["findings"]]
    assert with_findings, "Bury's mandated areas should have findings bearing on them"


def test_query_page_prefills_prefixes_and_lists_canned_queries(web_client):
    html = web_client.get("/query").get_data(as_text=True)
    assert "PREFIX skg: \\u003chttps://w3id.org/sendkg/ontology#\\u003e" in html
    for query in canned_queries():
        assert query.title.replace("'", "&#39;").replace('"', "&#34;") in html or query.name in html


def test_query_permalink_and_canned_name_load_the_text(web_client):
    assert "ASK { ?s ?p ?o }" in web_client.get("/query", query_string={"query": "ASK { ?s ?p ?o }"}).get_data(as_text=True)
    first = canned_queries()[0]
    html = web_client.get("/query", query_string={"name": first.name}).get_data(as_text=True)
    assert first.title.split()[0] in html and web_client.get("/query?name=nope").status_code == 404


def test_queries_json_is_the_canned_queries(web_client):
    data = web_client.get("/queries.json").get_json()
    assert [(q["name"], q["title"], q["query"]) for q in data] == [(q.name, q.title, q.bind()) for q in canned_queries()]


def test_terms_json_offers_classes_properties_and_entities(web_client):
    data = web_client.get("/query/terms.json").get_json()
    assert {"curie": "skg:Council", "iri": str(SKG.Council), "label": "council"} in data["classes"]
    assert "skg:mandates" in {p["curie"] for p in data["properties"]}
    assert "Testshire" in {e["label"] for e in data["entities"]} and data["prefixes"]["skg"] == str(SKG._NS)


def test_draw_turns_ntriples_into_a_drawing(web_client):
    body = b"<https://w3id.org/sendkg/id/agreement/testshire> <https://w3id.org/sendkg/ontology#council> <https://w3id.org/sendkg/id/council/testshire> .\n"
    data = web_client.post("/query/draw", data=body, content_type="application/n-triples").get_json()
    assert {n["label"] for n in data["nodes"]} == {"Testshire safety valve agreement", "Testshire"}
    assert [e["label"] for e in data["edges"]] == ["council"]


@pytest.mark.parametrize("body,content_type,message", [
    (b"<a> <b> .", "application/n-triples", "not N-Triples"), (b"x", "text/plain", "send the result as application/n-triples"),
])
def test_draw_refuses_bad_input(web_client, body, content_type, message):
    response = web_client.post("/query/draw", data=body, content_type=content_type)
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_vendored_drawing_library_is_served_locally(web_client):
    response = web_client.get("/vendor/vis-network/vis-network.min.js")
    assert response.status_code == 200 and b"vis-network" in response.data[:200]
    assert web_client.get("/vendor/vis-network/../../__init__.py").status_code == 404


def test_editor_bundle_is_committed_with_its_lockfile():
    assert (ROOT / "web" / "static" / "vendor" / "editor" / "editor.bundle.js").stat().st_size > 100_000
    assert (ROOT / "web" / "frontend" / "package-lock.json").exists()


class CountingStore:
    """A store that counts the SPARQL queries run through it."""

    def __init__(self, store):
        self.store, self.count = store, 0

    def select(self, sparql):
        self.count += 1
        return self.store.select(sparql)

    def triples(self, sparql):
        self.count += 1
        return self.store.triples(sparql)


@pytest.mark.parametrize("path,most", [
    ("/", 3), ("/id/agreement/testshire", 4), ("/explore.json?focus=https://w3id.org/sendkg/id/council/testshire&depth=2", 2),
    ("/mandates/testshire", 4), ("/search?q=testshire", 2), ("/ontology", 2), ("/query/terms.json", 2),
])
def test_pages_run_a_handful_of_queries_not_one_per_row(web_store, path, most):
    from web import create_app
    counting = CountingStore(web_store)
    assert create_app({"TESTING": True}, store=counting).test_client().get(path).status_code == 200
    assert 0 < counting.count <= most


@pytest.mark.parametrize("accept,rdflib_format", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt")])
def test_ontology_iri_negotiates_the_ontology_document(client, accept, rdflib_format):
    from rdflib import Graph
    from rdflib.namespace import OWL, RDF
    from graph.terms import ONTOLOGY_IRI
    from graph.paths import ONTOLOGY_FILE
    response = client.get("/ontology", headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == accept and "Accept" in response.headers["Vary"]
    served = Graph().parse(data=response.data, format=rdflib_format)
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in served
    assert len(served) == len(Graph().parse(ONTOLOGY_FILE))


def test_ontology_by_suffix_and_unknown_suffix(client):
    assert client.get("/ontology.ttl").mimetype == "text/turtle"
    assert client.get("/ontology.docx").status_code == 404


def test_ontology_page_is_html_for_browsers_and_406_for_the_unservable(client):
    assert client.get("/ontology", headers={"Accept": "text/html,*/*;q=0.8"}).mimetype == "text/html"
    assert client.get("/ontology", headers={"Accept": "image/png"}).status_code == 406
