"""The explorer's model: values and facts in side panels (not nodes) by default, like links bundled with true counts,
nodes sized by their degree in the whole graph, unfolding adding only neighbours, a grouped legend whose colours
pass contrast, and the JSON twin."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest

from fixture_data import fixture_bytes
from graph.exports.dumps import neighbourhood
from graph.store import EmbeddedStore
from graph.terms import ID, ONS_GEOGRAPHY, RDF, SKG
from web import create_app
from web.models.drawing import drawing
from web.models.explorer import size_for
from web.models.legend import GROUPS, STYLES, plural
from web.models.nodes import describe_nodes

HUBSHIRE, INSPECTION = str(ID["council/hubshire"]), str(ID["inspection/hubshire-2024"])
FINDINGS = {str(ID[f"finding/hubshire-{i}"]) for i in (1, 2, 3, 4)}
FACTS = {str(ID[f"fact/hubshire-{n}"]) for n in ("gss", "deficit", "target")}
VALUES = {str(SKG.HighConfidence), str(SKG.MediumConfidence), str(SKG.SystemicFailings), str(SKG.Stated),
          str(ID["fact-type/gss-code"]), str(ONS_GEOGRAPHY["E06999998"])}


@pytest.fixture
def hub_store() -> EmbeddedStore:
    """Ontology + tests/fixtures/explorer.ttl."""
    return EmbeddedStore.from_rdf(fixture_bytes("explorer"))


def draw(store, focus=HUBSHIRE, depth=2, values=False):
    return drawing(neighbourhood(store, focus, depth), focus, depth, lambda iris: describe_nodes(iris, store),
                   values=values)[0]


def every_id(data) -> set[str]:
    return {n["id"] for n in data["nodes"]} | {n["id"] for n in data["folded"]["nodes"]}


def test_values_and_facts_are_in_the_panel_not_drawn(hub_store):
    data = draw(hub_store)
    assert not every_id(data) & (VALUES | FACTS)
    panel = next(n for n in data["nodes"] if n["id"] == HUBSHIRE)["panel"]
    assert {label for label, _ in panel["facts"]} == {"Hubshire: GSS code: E06999998", "Hubshire: deficit: £9m",
                                                      "Hubshire: target: balanced by 2027"}
    assert ["statistical geography", "ons:E06999998", ""] in panel["values"]
    assert ["GSS code", "E06999998"] in panel["literals"]
    inspection = next(n for n in data["nodes"] if n["id"] == INSPECTION)["panel"]
    assert ["outcome", "widespread and/or systemic failings", "/ontology#SystemicFailings"] in inspection["values"]


def test_the_toggle_draws_values_and_facts_as_nodes(hub_store):
    drawn = every_id(draw(hub_store, values=True))
    assert FACTS <= drawn and {str(SKG.SystemicFailings), str(ONS_GEOGRAPHY["E06999998"])} <= drawn


def test_like_findings_are_bundled_and_the_counts_are_the_edges_behind_them(hub_store):
    data = draw(hub_store, focus=INSPECTION)
    group = next(n for n in data["nodes"] if n.get("members"))
    assert set(group["members"]) == FINDINGS and group["count"] == 4 and group["label"] == "4 inspection findings"
    assert str(ID["finding/hubshire-5"]) in {n["id"] for n in data["nodes"]}  # other links: drawn on its own
    assert {n["id"] for n in data["folded"]["nodes"]} == FINDINGS
    for edge in (e for e in data["edges"] if group["id"] in (e["from"], e["to"])):
        other = edge["to"] if edge["from"] == group["id"] else edge["from"]
        behind = [e for e in data["folded"]["edges"] if e["prop"] == edge["prop"] and other in (e["from"], e["to"])]
        assert edge["count"] == len(behind) == 4


def test_group_ids_are_the_same_on_every_request(hub_store):
    first, second = draw(hub_store), draw(hub_store)
    ids = lambda data: {n["id"] for n in data["nodes"] if n.get("members")}  # noqa: E731
    assert ids(first) == ids(second) and all(re.fullmatch(r"group:[0-9a-f]{12}", i) for i in ids(first))


def whole_graph_degree(store, iri: str) -> int:
    out = [t for t in store.triples(f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}")
           if not isinstance(t.object, ox.Literal) and t.predicate.value != str(RDF.type)]
    into = store.triples(f"CONSTRUCT {{ ?s ?p <{iri}> }} WHERE {{ ?s ?p <{iri}> }}")
    return len(out) + len(into)


def test_nodes_are_sized_by_their_degree_in_the_whole_graph(hub_store):
    nodes = [n for n in draw(hub_store, depth=1)["nodes"] if not n.get("members") and not n["id"].startswith("more:")]
    for node in nodes:
        assert node["degree"] == whole_graph_degree(hub_store, node["id"]), node["id"]
        assert node["size"] == size_for(node["degree"])
    by_degree = sorted(nodes, key=lambda n: n["degree"])
    assert [n["size"] for n in by_degree] == sorted(n["size"] for n in by_degree)
    assert by_degree[0]["size"] < by_degree[-1]["size"]


def test_unfolding_a_node_adds_only_it_and_its_neighbours(hub_store):
    data = draw(hub_store, focus=INSPECTION, depth=1)
    linked = {t.object.value for t in neighbourhood(hub_store, INSPECTION, 1)} | {
        t.subject.value for t in neighbourhood(hub_store, INSPECTION, 1)}
    drawn = {i for i in every_id(data) if not i.startswith(("group:", "more:"))}
    assert INSPECTION in drawn and drawn <= linked and FINDINGS <= drawn


def test_legend_is_grouped_with_colours_that_pass_contrast(hub_store):
    legend = draw(hub_store)["legend"]
    names = [name for name, _, _ in GROUPS]
    assert names == ["Councils and agreements", "Inspections and findings", "People, quotes and organisations",
                     "Money", "Sources"]
    assert [e["group"] for e in legend] == sorted((e["group"] for e in legend), key=names.index)
    colours = [colour for _, colour, _ in GROUPS]
    assert len(set(colours)) == len(colours) and all(contrast(c, "#fcfcfc") >= 3 for c in colours)
    assert len({(colour, shape) for _, colour, shape in STYLES.values()}) == len(STYLES)


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_plurals_read_as_words():
    assert [plural("inspection finding", 11), plural("sourced fact", 12), plural("person", 3), plural("quote", 1),
            plural("agreement wave", 2), plural("capital top-up", 2)] == [
        "11 inspection findings", "12 claims", "3 people", "1 quote", "2 agreement waves", "2 capital top-ups"]


@pytest.fixture
def hub_client(hub_store):
    return create_app({"TESTING": True}, store=hub_store).test_client()


def test_the_json_twin_is_the_data_the_page_draws(hub_client):
    query = {"focus": HUBSHIRE, "depth": 2}
    twin = json.loads(hub_client.get("/explore.json", query_string=query).get_data(as_text=True))
    html = hub_client.get("/explore", query_string=query).get_data(as_text=True)
    embedded = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S).group(1))
    assert twin == embedded
    assert {"nodes", "edges", "folded", "legend", "focus", "depth", "values"} <= set(twin) and twin["values"] is False


def test_the_values_switch_is_checked_and_said_wrong_plainly(hub_client):
    response = hub_client.get("/explore.json", query_string={"focus": HUBSHIRE, "values": "yes"})
    assert response.status_code == 400 and "values must be 0" in response.get_data(as_text=True)
    drawn = hub_client.get("/explore.json", query_string={"focus": HUBSHIRE, "values": "1"}).get_json()
    assert drawn["values"] is True and FACTS <= every_id(drawn)
