"""Search through SPARQL only: the escaping helpers, matching, ranking, facets, highlighting, the JSON twin."""

from __future__ import annotations

import pytest

from graph.terms import ID, SKG
from graph.store import EmbeddedStore
from web.models.search import highlight
from graph.queries.text import iri_ref, string_literal


HOSTILE = ['plain', 'say "hi"', "back\\slash", "new\nline", "tab\tcr\r", 'x" } ; DROP ALL ; SELECT * { "',
           "\\\"", "'single'", "\u00a3 and \U0001F600", "\\u0022", ""]


@pytest.mark.parametrize("text", HOSTILE)
def test_string_literal_round_trips_through_sparql(text):
    rows = EmbeddedStore.from_rdf("").select(f"SELECT ({string_literal(text)} AS ?x) WHERE {{}}")
    assert rows[0]["x"].value == text


@pytest.mark.parametrize("iri", ["https://x/a>b", 'https://x/"', "https://x/ a", "https://x/{a}", "", "https://x/\\u"])
def test_iri_ref_refuses_characters_iriref_forbids(iri):
    with pytest.raises(ValueError):
        iri_ref(iri)


def test_iri_ref_keeps_good_iris():
    assert iri_ref(str(ID["council/bury"])) == "<https://w3id.org/sendkg/id/council/bury>"


def search(client, **query):
    response = client.get("/search.json", query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_exact_label_ranks_first(web_client):
    results = search(web_client, q="testshire")["results"]
    assert results[0]["iri"] == str(ID["council/testshire"]) and len(results) == 5


def test_finds_finding_and_quote_text(web_client):
    assert [r["iri"] for r in search(web_client, q="ROBUST approach")["results"]] == [str(ID["finding/testshire-2024-early-years"])]
    assert [r["iri"] for r in search(web_client, q="sorry")["results"]] == [str(ID["quote/testshire-leader"])]


def test_every_word_must_match(web_client):
    assert search(web_client, q="testshire zebra")["results"] == []


def test_facets_count_all_results_and_type_filters(web_client):
    everything = search(web_client, q="testshire")
    facets = {f["label"]: f["count"] for f in everything["facets"]}
    assert facets["council"] == 1 and facets["area SEND inspection"] == 1
    only = search(web_client, q="testshire", type=str(SKG.Council))
    assert [r["iri"] for r in only["results"]] == [str(ID["council/testshire"])]
    assert only["facets"] == everything["facets"]


def test_type_alone_lists_its_instances(web_client):
    results = search(web_client, type=str(SKG.Council))["results"]
    assert [r["label"] for r in results] == ["Otherton", "Testshire"]


def test_quotes_and_braces_in_queries_are_just_text(web_client):
    assert search(web_client, q='" } ; DROP ALL ; {')["results"] == []


def test_too_many_words_is_a_clear_400(web_client):
    response = web_client.get("/search.json", query_string={"q": " ".join("abcdefghij")})
    assert response.status_code == 400 and "at most 8 words" in response.get_data(as_text=True)


def test_highlight_marks_each_word_case_insensitively():
    assert highlight("Bury council in BURY", ["bury"]) == [("Bury", True), (" council in ", False), ("BURY", True)]


def test_highlight_cuts_long_text_around_the_match():
    parts = highlight("x" * 1000 + " needle " + "y" * 1000, ["needle"])
    assert ("needle", True) in parts and sum(len(p) for p, _ in parts) < 400


def test_html_highlights_and_escapes(web_client):
    html = web_client.get("/search", query_string={"q": "typically"}).get_data(as_text=True)
    assert "<mark>typically</mark>" in html and "&#34;" in html


@pytest.mark.parametrize("query", [{"type": "not an <iri>"}, {"q": "bury", "type": "not an <iri>"}, {"type": "relative"}])
def test_a_type_that_is_no_iri_is_a_clear_400(web_client, query):
    response = web_client.get("/search.json", query_string=query)
    assert response.status_code == 400 and "type: not a" in response.get_data(as_text=True)
