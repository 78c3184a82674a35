"""What running user SPARQL in a killable worker process costs, against running it in-process.

Both sides run the query on the current build (in memory) and serialise the answer natively in the
same format; the worker side adds the pipe round trip, pickling, and the row-capped re-serialisation.
Usage: ``python -m bench.executor_overhead [--runs 200] [--row-limit 10000]``. Prints per-query medians
and their ratio. A script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import time

import pyoxigraph as ox

from graph.store.executor import ProcessExecutor
from graph.exports.formats import GRAPH_FORMATS, RESULT_FORMATS, by_name
from graph.terms import PREFIXES
from graph.store import Store
from graph.store.worker import Job

HEAD = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
QUERIES = {
    "ask": "ASK { ?s a skg:Council }",
    "councils": "SELECT ?c ?label WHERE { ?c a skg:Council ; rdfs:label ?label } ORDER BY ?label",
    "count by class": "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)",
    "all triples": "SELECT * WHERE { ?s ?p ?o }",
    "construct all": "CONSTRUCT WHERE { ?s ?p ?o }",
}


def in_process(store: Store, sparql: str) -> bytes:
    """The baseline: query and native serialisation in this process."""
    result = store.query(sparql)
    if isinstance(result, ox.QueryTriples):
        return ox.serialize(result, format=by_name("turtle", GRAPH_FORMATS).ox)
    return result.serialize(format=by_name("json", RESULT_FORMATS).ox)


def median_ms(run, runs: int) -> float:
    """Median wall time of ``run()`` in milliseconds, after two warm-up calls."""
    run(), run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    """Measure every query both ways and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--row-limit", type=int, default=10000)
    args = parser.parse_args()
    store = Store.open_build(in_memory=True)
    executor = ProcessExecutor(store.origin, workers=1, timeout=60)
    executor.warm()
    print(f"{len(store)} triples; {args.runs} runs each; row limit {args.row_limit}")
    print(f"{'query':<16}{'in-process ms':>15}{'worker ms':>12}{'ratio':>8}{'overhead ms':>13}")
    try:
        for name, body in QUERIES.items():
            sparql = HEAD + body
            job = Job(sparql, "json", "turtle", args.row_limit)
            local = median_ms(lambda: in_process(store, sparql), args.runs)
            remote = median_ms(lambda: executor.run(job), args.runs)
            print(f"{name:<16}{local:>15.3f}{remote:>12.3f}{remote / local:>8.1f}{remote - local:>13.3f}")
    finally:
        executor.close()


if __name__ == "__main__":
    main()
