"""The explorer: neighbourhood CONSTRUCTs, the networkx -> pyvis drawing, caps with "+N more", escaping."""

from __future__ import annotations

import json
import re

import pytest

from graph.terms import ID, SKG
from graph.exports.dumps import NO_LIMIT, neighbourhood
from graph.store import EmbeddedStore
from web.models.drawing import drawing
from web.models.nodes import describe_nodes

TESTSHIRE = str(ID["council/testshire"])
HUB = """@prefix skg: <https://w3id.org/sendkg/ontology#> . @prefix id: <https://w3id.org/sendkg/id/> .
id:finding\\/a a skg:InspectionFinding ; skg:confidence skg:HighConfidence .
id:finding\\/b a skg:InspectionFinding ; skg:confidence skg:HighConfidence ."""


def nodes_of(triples) -> set[str]:
    return {t.subject.value for t in triples} | {t.object.value for t in triples}


def test_depth_one_is_only_the_focus_triples(web_store):
    triples = neighbourhood(web_store, TESTSHIRE, 1)
    assert triples and all(TESTSHIRE in (t.subject.value, t.object.value) for t in triples)


def test_hops_do_not_pass_through_classes_or_shared_concepts():
    store = EmbeddedStore.from_rdf(HUB)
    reached = nodes_of(neighbourhood(store, str(ID["finding/a"]), 3))
    assert str(ID["finding/b"]) not in reached and str(SKG.HighConfidence) in reached


def test_depth_two_reaches_neighbours_of_neighbours(web_store):
    reached = nodes_of(neighbourhood(web_store, TESTSHIRE, 2))
    assert str(ID["improvement-area/testshire-ehcp"]) in reached  # council <- agreement -> area


def test_limit_caps_triples(web_store):
    assert len(neighbourhood(web_store, TESTSHIRE, 2, limit=3)) == 3


def test_no_limit_gives_the_whole_neighbourhood(web_store):
    whole = neighbourhood(web_store, TESTSHIRE, 3, limit=NO_LIMIT)
    assert whole and len(whole) == len(neighbourhood(web_store, TESTSHIRE, 3, limit=10**9))


@pytest.mark.parametrize("iri,depth,limit", [("x> } DROP ALL {", 1, None), (TESTSHIRE, 4, None), (TESTSHIRE, 1, 0)])
def test_bad_arguments_are_refused(web_store, iri, depth, limit):
    with pytest.raises(ValueError):
        neighbourhood(web_store, iri, depth, limit)


def draw(store, focus=TESTSHIRE, depth=1, cap=20, offset=0):
    return drawing(neighbourhood(store, focus, depth), focus, depth,
                   lambda iris: describe_nodes(iris, store), cap=cap, offset=offset)[0]


def test_nodes_are_labelled_and_styled_by_class(web_store):
    data = draw(web_store)
    by_id = {n["id"]: n for n in data["nodes"]}
    agreement = by_id[str(ID["agreement/testshire"])]
    assert agreement["label"] == "Testshire safety valve agreement"
    assert agreement["clsLabel"] == "safety valve agreement" and "(safety valve agreement)" in agreement["title"]
    assert by_id[TESTSHIRE]["focus"] is True and by_id[TESTSHIRE]["path"] == "/id/council/testshire"
    legend = {entry["label"]: entry for entry in data["legend"]}
    assert {"council", "safety valve agreement", "quote"} <= set(legend)
    assert len({(e["color"], e["shape"]) for e in data["legend"]}) == len(data["legend"])


def test_edges_carry_property_labels(web_store):
    data = draw(web_store)
    labels = {(e["from"], e["label"], e["to"]) for e in data["edges"]}
    assert (str(ID["agreement/testshire"]), "council", TESTSHIRE) in labels
    assert (TESTSHIRE, "derived from", str(ID["source/example"])) in labels


def test_cap_adds_a_more_node_and_offset_pages_the_rest(web_store):
    first = draw(web_store, cap=2)
    more = [n for n in first["nodes"] if n.get("moreOf") == TESTSHIRE]
    total = len([n for n in draw(web_store)["nodes"] if not n["id"].startswith("more:")]) - 1
    assert len(more) == 1 and more[0]["label"] == f"+{total - 2} more"
    rest = draw(web_store, cap=20, offset=more[0]["offset"])
    drawn = {n["id"] for n in first["nodes"]} | {n["id"] for n in rest["nodes"]}
    assert len([i for i in drawn if not i.startswith("more:")]) == total + 1


def test_explore_json(web_client):
    data = web_client.get("/explore.json", query_string={"focus": TESTSHIRE, "depth": 2}).get_json()
    assert data["focus"] == TESTSHIRE and data["depth"] == 2 and len(data["nodes"]) > 5


@pytest.mark.parametrize("query,status,message", [
    ({"focus": TESTSHIRE, "depth": "4"}, 400, "depth must be 1, 2 or 3"),
    ({"focus": "not an <iri>"}, 400, "focus: not an IRI"),
    ({"focus": TESTSHIRE, "offset": "-1"}, 400, "offset must be a whole number"),
    ({"focus": str(ID["council/nowhere"])}, 404, "says nothing about"),
])
def test_explore_json_errors_say_what_is_wrong(web_client, query, status, message):
    response = web_client.get("/explore.json", query_string=query)
    assert response.status_code == status and message in response.get_data(as_text=True)


def test_explore_page_embeds_data_as_json(web_client):
    html = web_client.get("/explore", query_string={"focus": TESTSHIRE}).get_data(as_text=True)
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S).group(1)
    assert json.loads(block)["focus"] == TESTSHIRE


def test_hostile_labels_cannot_close_the_json_block(xss_client):
    html = xss_client.get("/explore", query_string={"focus": str(ID["council/evil"]), "depth": 2}).get_data(as_text=True)
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    labels = {n["label"] for n in json.loads(block)["nodes"]}
    assert any("<script>" in label for label in labels)


def test_start_page_lists_councils(web_client):
    html = web_client.get("/explore").get_data(as_text=True)
    assert ">Testshire</a>" in html and ">Otherton</a>" in html
