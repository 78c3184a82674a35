"""``sendkg build``: data files -> RDF -> validation -> a new store, published only if valid.

Data flows one way: ``data/`` (YAML sources and the fact table) is read into records (``graph.sources``),
records become triples beside the ontology (``rdfize``), the build's ``derive/`` queries add what follows
from the claims (links they state, values events take), the whole graph is checked (``validate``: SHACL
shapes, violation queries), and only then written as a new build folder and made current
(``graph.store.builds``). Any failure leaves the current build serving.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable

from rdflib import Graph

from graph.build.cube import add_statistics
from graph.build.dataset import describe_dataset
from graph.build.rdfize import Ontology, to_graph
from graph.build.validate import Problem, query_problems, shacl_problems
from graph.exports.formats import N_TRIPLES, write_graph
from graph.paths import ONTOLOGY_FILE, ROOT
from graph.queries import derivations
from graph.sources import read_records
from graph.sources.stats import read_statistics
from graph.sources.records import DataError, DataErrors
from graph.store import builds
from graph.store.embedded import EmbeddedStore
from graph.terms import PREFIXES

import pyoxigraph as ox

KEEP_BUILDS = 2


class BuildFailed(Exception):
    """The data did not make a valid graph; ``problems`` says what and where, one line each."""

    def __init__(self, stage: str, problems: list[str]):
        super().__init__(f"{stage} failed with {len(problems)} problem(s)")
        self.stage = stage
        self.problems = problems


def say(message: str) -> None:
    """Print a progress line to standard error at once."""
    print(message, file=sys.stderr, flush=True)


def load_ontology() -> Graph:
    """The ontology graph; a syntax error is a BuildFailed naming the file and line."""
    try:
        return Graph().parse(ONTOLOGY_FILE, format="turtle")
    except Exception as exc:  # rdflib raises several parser exception types; all mean a bad file
        raise BuildFailed("ontology", [f"{ONTOLOGY_FILE.relative_to(ROOT)}: {exc}"]) from exc


def compile_graph(data_dir: Path) -> Graph:
    """Read every data file and return ontology + data + dataset description as one rdflib Graph."""
    ontology = load_ontology()
    try:
        data = to_graph(read_records(data_dir), Ontology(ontology))
        statistics = read_statistics(data_dir)
    except DataErrors as exc:
        raise BuildFailed("reading data", [str(e) for e in exc.errors]) from exc
    except DataError as exc:
        raise BuildFailed("reading data", [str(exc)]) from exc
    graph = ontology + data
    derive(graph)
    add_statistics(graph, statistics)  # after derive: no derive/ step reads the figures, so they stay out of its store
    describe_dataset(graph)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def derive(graph: Graph) -> None:
    """Add what the build's ``derive/`` queries construct from the claims (links they state, values events take)."""
    scratch = EmbeddedStore.from_rdf(n_triples(graph), ox.RdfFormat.N_TRIPLES)
    for step in derivations():
        derived = write_graph(scratch.triples(step.text), N_TRIPLES)
        graph.parse(data=derived.decode("utf-8"), format="nt")


def n_triples(graph: Graph) -> bytes:
    """The graph as N-Triples: the bridge from rdflib, where the graph is built, to Oxigraph, where it is served."""
    return graph.serialize(format="nt", encoding="utf-8")


def check_graph(graph: Graph, dump: bytes | None = None) -> list[Problem]:
    """All validation problems of ``graph`` (``dump``: its N-Triples, if already made): SHACL, then violation queries."""
    problems = shacl_problems(graph)
    scratch = EmbeddedStore.from_rdf(dump if dump is not None else n_triples(graph), ox.RdfFormat.N_TRIPLES)
    return problems + query_problems(scratch)


def build(data_dir: Path, var: Path, progress: Callable[[str], None] = say) -> Path:
    """Compile, validate, write and publish a new build of ``data_dir`` under ``var``; its folder. Raises BuildFailed."""
    started = time.perf_counter()
    progress("[1/4] reading data files and ontology")
    graph = compile_graph(data_dir)
    progress(f"[2/4] validating {len(graph)} triples (SHACL shapes, violation queries)")
    dump = n_triples(graph)
    problems = check_graph(graph, dump)
    if problems:
        raise BuildFailed("validation", [str(p) for p in problems])
    progress("[3/4] writing the new store")
    target = builds.write_build(var, lambda path: path.write_bytes(dump), {"prefixes": PREFIXES})
    progress(f"[4/4] publishing {target.name}")
    builds.publish_build(target, var)
    builds.prune_builds(var, KEEP_BUILDS)
    progress(f"built {len(graph)} triples in {time.perf_counter() - started:.1f}s -> {target}")
    return target
