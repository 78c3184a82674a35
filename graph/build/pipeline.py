"""``sendkg build``: data files -> RDF -> validation -> a new store, published only if valid.

Data flows one way: ``data/`` (YAML sources and the fact table) is read into records, records become
triples beside the ontology, the whole graph is checked (SHACL shapes, violation queries), and only
then written as a new build folder and made current. Any failure leaves the current build serving.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID

from graph.sources import fact_table as facts
from graph.sources import yaml_files as sources
from graph.terms import CC_BY, DATASET_IRI, ONTOLOGY_IRI, PREFIXES, SKG
from graph.paths import DATA_DIR, ONTOLOGY_FILE, ROOT, var_dir
from graph.build.rdfize import Ontology, to_graph
from graph.sources.records import DataError, DataErrors
from graph.store import is_held, publish_build
from graph.build.validate import Problem, query_problems, shacl_problems

KEEP_BUILDS = 2


class BuildFailed(Exception):
    """The data did not make a valid graph; ``problems`` says what and where, one line each."""

    def __init__(self, stage: str, problems: list[str]):
        super().__init__(f"{stage} failed with {len(problems)} problem(s)")
        self.stage = stage
        self.problems = problems


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load_ontology() -> Graph:
    """The ontology graph; a syntax error is a BuildFailed naming the file and line."""
    try:
        return Graph().parse(ONTOLOGY_FILE, format="turtle")
    except Exception as exc:  # rdflib raises several parser exception types; all mean a bad file
        raise BuildFailed("ontology", [f"{ONTOLOGY_FILE.relative_to(ROOT)}: {exc}"]) from exc


def compile_graph(data_dir: Path = DATA_DIR) -> Graph:
    """Read every data file and return ontology + data + dataset description as one rdflib Graph."""
    ontology = load_ontology()
    try:
        shown_from = data_dir.resolve().parent  # error locations read "data/sources/x.yaml:12"
        records = sources.read_sources(data_dir / "sources", shown_from)
        records += facts.read_facts(data_dir / "facts" / "safety_valve_facts.csv", shown_from,
                                    facts.source_urls(records))
        data = to_graph(records, Ontology(ontology))
    except DataErrors as exc:
        raise BuildFailed("reading data", [str(e) for e in exc.errors]) from exc
    except DataError as exc:
        raise BuildFailed("reading data", [str(exc)]) from exc
    graph = ontology + data
    _describe_dataset(graph)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def _describe_dataset(graph: Graph) -> None:
    graph.add((DATASET_IRI, RDF.type, VOID.Dataset))
    graph.add((DATASET_IRI, RDF.type, DCAT.Dataset))
    graph.add((DATASET_IRI, DCTERMS.title, Literal("sendkg: England's SEND safety valve programme")))
    graph.add((DATASET_IRI, DCTERMS.description, Literal(
        "A knowledge graph of the DfE's SEND 'safety valve' (DSG very high deficit intervention) programme: "
        "councils, agreements, mandated improvement areas, area SEND inspections and their findings, funding "
        "decisions, interventions and stakeholder quotes, every claim linked to its source document.")))
    graph.add((DATASET_IRI, DCTERMS.license, CC_BY))
    graph.add((DATASET_IRI, VOID.vocabulary, ONTOLOGY_IRI))
    graph.add((DATASET_IRI, VOID.uriSpace, Literal(str(DATASET_IRI).rsplit("dataset/", 1)[0])))
    for source in graph.subjects(RDF.type, SKG.SourceDocument):
        graph.add((DATASET_IRI, DCTERMS.source, source))


def check_graph(graph: Graph) -> list[Problem]:
    """All validation problems of ``graph``: SHACL first, then the violation queries."""
    problems = shacl_problems(graph)
    scratch = ox.Store()
    scratch.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return problems + query_problems(scratch)


def build(progress: Callable[[str], None] = _say, data_dir: Path = DATA_DIR) -> Path:
    """Compile, validate, write and publish a new build; return its folder. Raises BuildFailed."""
    started = time.perf_counter()
    progress("[1/4] reading data files and ontology")
    graph = compile_graph(data_dir)
    progress(f"[2/4] validating {len(graph)} triples (SHACL shapes, violation queries)")
    problems = check_graph(graph)
    if problems:
        raise BuildFailed("validation", [str(p) for p in problems])
    progress("[3/4] writing the new store")
    target = _write_build(graph)
    progress(f"[4/4] publishing {target.name}")
    publish_build(target)
    _prune_builds(target)
    progress(f"built {len(graph)} triples in {time.perf_counter() - started:.1f}s -> {target}")
    return target


def _write_build(graph: Graph) -> Path:
    builds = var_dir() / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    target = builds / f"{stamp}-{os.getpid()}"
    partial = builds / f".partial-{target.name}"
    partial.mkdir()
    dump = partial / "graph.nt"
    dump.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    store = ox.Store(str(partial / "store"))
    store.bulk_load(path=str(dump), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    triples = len(store)
    del store
    info = {"built_at": datetime.now(timezone.utc).isoformat(), "triples": triples,
            "prefixes": PREFIXES}
    (partial / "build.json").write_text(json.dumps(info, indent=2))
    os.replace(partial, target)
    return target


def _prune_builds(current: Path) -> None:
    """Remove partial builds and all but the newest KEEP_BUILDS complete ones (never the current, nor one a server holds)."""
    builds = sorted((p for p in (var_dir() / "builds").iterdir() if p.is_dir()), key=lambda p: p.name)
    complete = [p for p in builds if not p.name.startswith(".partial-")]
    stale = [p for p in builds if p.name.startswith(".partial-")] + complete[:-KEEP_BUILDS]
    for path in stale:
        if path.resolve() != current.resolve() and not is_held(path):
            shutil.rmtree(path, ignore_errors=True)
