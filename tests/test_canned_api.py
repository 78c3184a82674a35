"""Canned queries by name over HTTP: ``/queries.json`` lists them with their parameters, ``/queries/<name>.<ext>``
runs one with the query string's values, through the same executor and limits as /sparql."""

from __future__ import annotations

import csv
import io

import pytest

from graph.queries import canned_queries
from graph.terms import ID
from web import create_app
from web.shared.context import close_executor

BEXLEY_NOTICE = str(ID["inspection/bexley-2024"])


@pytest.fixture
def api(real_store):
    app = create_app({"TESTING": True, "QUERY_WORKERS": 1}, store=real_store)
    yield app.test_client()
    close_executor(app)


def bindings(response) -> list[dict]:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/sparql-results+json"
    return response.get_json()["results"]["bindings"]


def test_the_list_names_every_query_with_its_parameters_and_links(api):
    listed = api.get("/queries.json").get_json()
    assert [q["name"] for q in listed] == [q.name for q in canned_queries()]
    provenance = next(q for q in listed if q["name"] == "07-provenance")
    assert provenance["params"] == [{"name": "entity", "type": "iri", "default": str(ID["council/bury"]),
                                     "description": "the entity whose claims are listed"}]
    assert provenance["results"] == "/queries/07-provenance.json" and provenance["url"] == "/query?name=07-provenance"


def test_a_query_runs_with_its_defaults(api):
    rows = bindings(api.get("/queries/07-provenance.json"))
    assert any(r["claim"]["value"] == str(ID["council/bury"]) for r in rows)


def test_a_parameter_from_the_query_string_is_bound(api):
    bury = {r["claim"]["value"] for r in bindings(api.get("/queries/07-provenance.json"))}
    bexley = {r["claim"]["value"] for r in bindings(api.get("/queries/07-provenance.json", query_string={"entity": BEXLEY_NOTICE}))}
    assert bexley and bexley != bury and BEXLEY_NOTICE in bexley


def test_the_extension_names_the_format(api):
    response = api.get("/queries/21-councils-by-wave.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows and list(rows[0]) == ["council", "label", "wave", "wave_basis", "reported_agreements"]
    assert "X-Sendkg-Time-Limit" in response.headers and response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path, status, message", [
    ("/queries/99-nothing.json", 404, "No canned query called '99-nothing'"),
    ("/queries/07-provenance.ttl", 404, "no format has the extension .ttl"),
    ("/queries/07-provenance.json?entity=not%20an%20iri", 400, "entity: not an IRI"),
    ("/queries/07-provenance.json?council=x", 400, "07-provenance has no parameter council"),
])
def test_bad_requests_say_what_is_wrong(api, path, status, message):
    response = api.get(path, headers={"Accept": "text/plain"})
    assert response.status_code == status and message in response.get_data(as_text=True)


def test_the_query_page_loads_a_canned_query_with_its_parameters(api):
    page = api.get("/query", query_string={"name": "07-provenance", "entity": BEXLEY_NOTICE}).get_data(as_text=True)
    assert f"VALUES ?entity {{ <{BEXLEY_NOTICE}> }}" in page.replace("\\u003c", "<").replace("\\u003e", ">")
    assert api.get("/query", query_string={"name": "07-provenance", "entity": "x y"}).status_code == 400
    assert api.get("/query", query_string={"name": "01-agreements", "utm_source": "mail"}).status_code == 200
