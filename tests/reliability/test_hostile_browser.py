"""Hostile labels, quotes and URLs (``hostile.ttl``) on every page, the explorer and the query page, in Debian's
chromium: each is shown as text, no script from the data runs, no javascript:/data: link or injected element
exists, and nothing is fetched off the app's origin. The browser runs in ``hostile_browser.py``'s own process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from graph.store import EmbeddedStore
from bench.harness.live import serving
from reliability.hostile_browser import CHROMIUM, ENTITIES, ID, PAGES
from web import create_app

pytestmark = [pytest.mark.browser, pytest.mark.server]
HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "hostile.ttl"
ONTOLOGY = HERE.parents[1] / "ontology" / "sendkg.ttl"


@pytest.fixture(scope="module")
def labels() -> dict[str, str]:
    """Each fixture entity's label, as rdflib reads it (the text the pages must show unchanged)."""
    graph = Graph().parse(FIXTURE, format="turtle")
    return {entity: str(graph.value(URIRef(ID + entity), RDFS.label)) for entity in ENTITIES}


@pytest.fixture(scope="module")
def visits() -> dict[str, dict]:
    """What chromium saw on every page of a live server over the ontology and the hostile fixture."""
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install -y chromium"
    store = EmbeddedStore.from_rdf(ONTOLOGY.read_bytes() + b"\n" + FIXTURE.read_bytes())
    with serving(create_app({"TESTING": True}, store=store)) as base:
        run = subprocess.run([sys.executable, str(HERE / "hostile_browser.py"), base], capture_output=True, text=True,
                             timeout=400)
    assert run.returncode == 0, run.stderr[-3000:]
    return {visit["path"]: visit for visit in json.loads(run.stdout)}


@pytest.mark.parametrize("path", PAGES)
def test_page_runs_no_script_from_the_data(visits, path):
    visit = visits[path]
    assert visit["xss"] is None and visit["dialogs"] == []
    assert visit["bad"] == [], "markup from the data was parsed as HTML"
    assert visit["foreign"] == [] and visit["errors"] == []


@pytest.mark.parametrize("entity", ENTITIES)
def test_entity_page_shows_its_label_as_text(visits, labels, entity):
    assert visits[f"/id/{entity}"]["h1"] == labels[entity]


def test_explorer_nodes_were_hovered_and_clicked(visits):
    drawn = [v for path, v in visits.items() if path.startswith("/explore?")]
    assert drawn and all(v["touched"] >= 3 for v in drawn)


def test_query_results_show_labels_as_text(visits, labels):
    select = next(v for path, v in visits.items() if path.startswith("/query?query=SELECT"))
    for label in labels.values():
        assert label in select["text"]


def test_right_to_left_overrides_are_kept_as_characters(visits, labels):
    assert "\u202e" in labels["council/hostileshire"]
    assert visits["/id/council/hostileshire"]["h1"] == labels["council/hostileshire"]
    assert "\u202e" in visits["/mandates/hostileshire"]["h1"]
