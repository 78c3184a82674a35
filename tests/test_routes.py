"""The UI's route table (datasette's lesson): each path is served by the view named here."""

from __future__ import annotations

import pytest

from web import create_app

ROUTES = [
    ("/", "pages.home"),
    ("/index.json", "pages.home_json"),
    ("/ontology", "pages.ontology"),
    ("/ontology.json", "pages.ontology_json"),
    ("/ontology.ttl", "pages.ontology_file"),
    ("/sparql", "sparql.endpoint"),
    ("/store", "data.graph_store"),
    ("/dump/sendkg.ttl", "data.dump"),
    ("/.well-known/void", "data.void"),
    ("/id/council/bury", "entities.entity"),
    ("/id/council/bury.ttl", "entities.entity"),
    ("/explore", "explore.explore"),
    ("/explore.json", "explore.explore_json"),
    ("/mandates", "mandates.index"),
    ("/mandates/bury", "mandates.council"),
    ("/mandates/bury.json", "mandates.council_json"),
    ("/search", "search.search"),
    ("/search.json", "search.search_json"),
    ("/query", "editor.editor"),
    ("/queries.json", "queries.queries_json"),
    ("/queries/07-provenance.json", "queries.results"),
    ("/query/terms.json", "editor.terms_json"),
    ("/vendor/vis-network/vis-network.min.js", "site.vis_network"),
    ("/timeline/bury", "timeline.timeline_page"),
    ("/timeline/bury.json", "timeline.timeline_json"),
    ("/programme", "programme.overview"),
    ("/programme.json", "programme.overview_json"),
    ("/compare", "compare.compare"),
    ("/compare.json", "compare.compare_json"),
]


@pytest.fixture
def adapter():
    return create_app({"TESTING": True}, store=object()).url_map.bind("localhost")


@pytest.mark.parametrize("path,endpoint", ROUTES)
def test_path_is_served_by_view(adapter, path, endpoint):
    assert adapter.match(path)[0] == endpoint


def test_draw_is_post_only(adapter):
    assert adapter.match("/query/draw", method="POST")[0] == "editor.draw"


def test_labels_is_post_only(adapter):
    assert adapter.match("/query/labels", method="POST")[0] == "editor.labels"
