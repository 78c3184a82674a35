"""The SYNTHETIC benchmark graph: the requested size, the real graph's shape and checks, clearly marked, servable."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Graph

from bench import synthetic
from graph.build import check_graph
from graph.terms import DATA_BASE, DATASET_IRI, DCTERMS, RDF, SKG
from graph.paths import DATA_DIR
from graph.store import EmbeddedStore

SIZE = 4000
SHAPE = (SKG.Council, SKG.SafetyValveAgreement, SKG.ImprovementArea, SKG.AreaSENDInspection, SKG.InspectionFinding,
         SKG.Quote, SKG.Person, SKG.Measurement, SKG.Bailout, SKG.SourcedFact, SKG.SourceDocument, SKG.FactType)


@pytest.fixture(scope="module")
def triples() -> list[ox.Triple]:
    return list(synthetic.generate(SIZE, seed=7))


@pytest.fixture(scope="module")
def store(triples) -> ox.Store:
    inner = ox.Store()
    inner.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return inner


@pytest.mark.parametrize("text, size", [("10k", 10_000), ("100K", 100_000), ("1M", 1_000_000), ("2500", 2500), ("1.5m", 1_500_000)])
def test_sizes_are_read_with_k_and_m(text, size):
    assert synthetic.parse_size(text) == size


def test_a_size_that_is_not_a_number_is_refused():
    with pytest.raises(ValueError, match="not a size"):
        synthetic.parse_size("lots")


def test_graph_has_about_the_requested_size(triples):
    assert SIZE <= len(set(triples)) < SIZE + 400  # stops within one council unit of the target


def named(triples) -> list[ox.Triple]:
    """The triples without blank nodes (the ontology's blank nodes get fresh ids on every parse)."""
    return [t for t in triples if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)]


def test_same_seed_same_graph_other_seed_other_graph(triples):
    assert named(synthetic.generate(SIZE, seed=7)) == named(triples)
    assert set(named(synthetic.generate(SIZE, seed=8))) != set(named(triples))


@pytest.mark.parametrize("cls", SHAPE, ids=lambda c: c.fragment)
def test_every_kind_of_entity_is_there(store, cls):
    assert bool(store.query(f"ASK {{ ?x a <{cls}> }}"))


def test_findings_bear_on_areas_their_council_is_mandated(store):
    query = f"""ASK {{ ?f <{SKG.bearsOn}> ?a ; <{SKG.fromInspection}> ?i . ?i <{SKG.inspectionOf}> ?c .
                       ?g <{SKG.mandates}> ?a ; <{SKG.council}> ?c }}"""
    assert bool(store.query(query))


def test_every_data_entity_is_marked_synthetic(store):
    subjects = {q.subject.value for q in store.quads_for_pattern(None, None, None) if q.subject.value.startswith(DATA_BASE)}
    unmarked = {s for s in subjects if not s[len(DATA_BASE):].split("/", 1)[1].startswith("syn-")} - {str(DATASET_IRI)}
    assert subjects and not unmarked


def test_dataset_description_says_synthetic(store):
    titles = [q.object.value for q in store.quads_for_pattern(ox.NamedNode(str(DATASET_IRI)), ox.NamedNode(str(DCTERMS.title)), None)]
    assert titles and all(t.startswith("SYNTHETIC") for t in titles)


def test_graph_passes_the_project_checks(triples):
    graph = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert [str(p) for p in check_graph(graph)] == []


def test_write_build_makes_a_servable_build(tmp_path):
    folder = synthetic.write_build(tmp_path / "bench", 3000, seed=3)
    assert (tmp_path / "bench" / "current").resolve() == folder.resolve()
    info = json.loads((folder / "build.json").read_text())
    assert info["synthetic"] is True
    on_disk, in_memory = EmbeddedStore.open_build(folder), EmbeddedStore.open_build(folder, in_memory=True)
    assert len(on_disk) == len(in_memory) == info["triples"] >= 3000
    assert bool(on_disk.query(f"ASK {{ ?c a <{SKG.Council}> ; <{RDF.type}> ?t }}"))


def test_refuses_to_write_into_data(capsys):
    with pytest.raises(SystemExit) as stop:
        synthetic.main(["--size", "1k", "--out", str(DATA_DIR / "synthetic")])
    assert stop.value.code == 2 and "never goes into data/" in capsys.readouterr().err
    assert not (DATA_DIR / "synthetic").exists()
