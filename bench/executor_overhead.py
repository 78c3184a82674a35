"""What running user SPARQL in a killable worker process costs, against running it in-process.

Both sides run the query on the current build (in memory) and serialise the answer in the same format;
the worker side adds the pipe round trip, pickling, and the row-capped re-serialisation. The queries are
``bench/queries/overhead/*.rq``. Usage: ``python -m bench.executor_overhead [--runs 200] [--row-limit 10000]``.
Prints per-query medians and their ratio. A script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import pyoxigraph as ox

from graph.exports.formats import JSON, TURTLE, write_graph, write_results
from graph.paths import default_var_dir
from graph.queries import read_query
from graph.store import EmbeddedStore
from graph.store.builds import current_build
from graph.store.executor import ProcessExecutor, admit
from graph.store.worker import RESULT_FORMS, Job

QUERIES = Path(__file__).resolve().parent / "queries" / "overhead"


def in_process(store: EmbeddedStore, sparql: str) -> bytes:
    """The baseline: query and serialisation in this process."""
    result = store.query(sparql)
    return write_graph(result, TURTLE) if isinstance(result, ox.QueryTriples) else write_results(result, JSON)


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
    parser.add_argument("--var", type=Path, default=None, help="the builds folder (default: $SENDKG_VAR, else var/)")
    args = parser.parse_args()
    store = EmbeddedStore.open_build(current_build(args.var or default_var_dir()), in_memory=True)
    store.loaded.wait()
    executor = ProcessExecutor(store.origin, workers=1, timeout=60)
    executor.warm()
    print(f"{len(store)} triples; {args.runs} runs each; row limit {args.row_limit}")
    print(f"{'query':<16}{'in-process ms':>15}{'worker ms':>12}{'ratio':>8}{'overhead ms':>13}")
    try:
        for path in sorted(QUERIES.glob("*.rq")):
            query = read_query(path, "bench")
            admitted = admit(query.text)
            job = Job(admitted, JSON if admitted.form in RESULT_FORMS else TURTLE, args.row_limit)
            local = median_ms(lambda: in_process(store, query.text), args.runs)
            remote = median_ms(lambda: executor.run(job), args.runs)
            print(f"{query.title:<16}{local:>15.3f}{remote:>12.3f}{remote / local:>8.1f}{remote - local:>13.3f}")
    finally:
        executor.close()


if __name__ == "__main__":
    main()
