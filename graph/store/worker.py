"""Running one query job and serialising its answer natively, capped at a number of rows.

Used inside the killable worker processes of ``graph.executor`` and, for a remote store, in-thread.
The row cap stops Oxigraph's own serialiser: SELECT results are written as TSV and CONSTRUCT/DESCRIBE
triples as N-Triples (one row or triple per line, https://www.w3.org/TR/sparql11-results-csv-tsv/,
https://www.w3.org/TR/n-triples/) into a sink that interrupts the writer once it holds one line too many;
the lines kept are parsed back and written, again by Oxigraph, in the format the client negotiated.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from multiprocessing.connection import Connection

import pyoxigraph as ox

from graph.exports.formats import GRAPH_FORMATS, RESULT_FORMATS, by_name, rdf_options


@dataclass(frozen=True)
class Job:
    """A query to run: text, negotiated format names, row cap, protocol dataset (IRIs or None), base IRI."""

    sparql: str
    result_format: str | None = "json"
    graph_format: str | None = "turtle"
    row_limit: int = 0
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None


@dataclass(frozen=True)
class Answer:
    """A serialised answer: which table its format is from (results/graph), the format name, bytes, truncation."""

    kind: str
    format: str
    body: bytes
    truncated: bool = False


class Full(Exception):
    """Raised by ``LineSink`` to stop a serialiser once the cap is passed."""


class LineSink:
    """A binary write target that keeps at most ``limit`` lines and stops the writer when it sees more."""

    def __init__(self, limit: int):
        self.limit = limit
        self.buffer = bytearray()
        self.lines = 0

    def write(self, data: bytes) -> int:
        """Take ``data``; raise ``Full`` once more than ``limit`` lines have arrived."""
        data = bytes(data)
        self.buffer += data
        self.lines += data.count(b"\n")
        if self.lines > self.limit:
            raise Full
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: everything is in memory."""

    def head(self) -> bytes:
        """The first ``limit`` lines."""
        end = -1
        for _ in range(self.limit):
            end = self.buffer.index(b"\n", end + 1)
        return bytes(self.buffer[:end + 1])


def capped(write, limit: int) -> tuple[bytes, bool]:
    """Call ``write(sink)`` and return (at most ``limit`` lines, whether lines were cut off)."""
    sink = LineSink(limit)
    try:
        write(sink)
    except Full:
        return sink.head(), True
    return bytes(sink.buffer), False


def solutions_answer(results, name: str, limit: int) -> Answer:
    """Serialise SELECT solutions in format ``name``, keeping at most ``limit`` rows (0: all)."""
    fmt = by_name(name, RESULT_FORMATS).ox
    if not limit:
        return Answer("results", name, results.serialize(format=fmt))
    tsv, truncated = capped(lambda sink: results.serialize(sink, format=ox.QueryResultsFormat.TSV), limit + 1)
    kept = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    return Answer("results", name, kept.serialize(format=fmt), truncated)


def triples_answer(triples, name: str, limit: int) -> Answer:
    """Serialise CONSTRUCT/DESCRIBE triples in format ``name``, keeping at most ``limit`` triples (0: all)."""
    fmt = by_name(name, GRAPH_FORMATS).ox
    if not limit:
        return Answer("graph", name, ox.serialize(triples, format=fmt, **rdf_options(fmt)))
    nt, truncated = capped(lambda sink: ox.serialize(triples, sink, format=ox.RdfFormat.N_TRIPLES), limit)
    kept = ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
    return Answer("graph", name, ox.serialize(kept, format=fmt, **rdf_options(fmt)), truncated)


def boolean_answer(value: bool, name: str) -> Answer:
    """Serialise an ASK answer in result format ``name``."""
    source = b'{"head":{},"boolean":%s}' % (b"true" if value else b"false")
    parsed = ox.parse_query_results(source, format=ox.QueryResultsFormat.JSON)
    return Answer("results", name, parsed.serialize(format=by_name(name, RESULT_FORMATS).ox))


class NoFormat(ValueError):
    """The client accepts no format that can carry this kind of result."""


def package(result, job: Job) -> Answer:
    """Serialise any query result (solutions, boolean or triples) as ``job`` asks."""
    if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean, bool)):
        if job.result_format is None:
            raise NoFormat("query results (SELECT/ASK)")
        if isinstance(result, ox.QuerySolutions):
            return solutions_answer(result, job.result_format, job.row_limit)
        return boolean_answer(bool(result), job.result_format)
    if job.graph_format is None:
        raise NoFormat("an RDF graph (CONSTRUCT/DESCRIBE)")
    return triples_answer(result, job.graph_format, job.row_limit)


def query_options(job: Job) -> dict:
    """pyoxigraph ``query`` arguments: base IRI and protocol dataset (default-graph-uri / named-graph-uri)."""
    options = {"base_iri": job.base_iri} if job.base_iri else {}
    if job.default_graphs is not None:
        options["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
    if job.named_graphs is not None:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    return options


def run_local(store, job: Job) -> tuple:
    """Run ``job`` on an embedded ``Store``; a reply tuple ``("ok", Answer)`` or ``("error", kind, message)``."""
    try:
        result = store.inner.query(job.sparql, **query_options(job))
        return ("ok", package(result, job))
    except SyntaxError as error:
        return ("error", "syntax", str(error))
    except NoFormat as error:
        return ("error", "not-acceptable", str(error))
    except (OSError, RuntimeError, ValueError) as error:
        return ("error", "failed", str(error))


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (0: no cap), so a runaway query fails instead of exhausting the host."""
    if megabytes:
        import resource
        size = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))


def die_with_parent(interval: float = 0.5) -> None:
    """Exit at once if the parent process goes away (checked by a daemon thread every ``interval`` seconds)."""
    import threading
    import time
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)
    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def serve(requests: Connection, replies: Connection) -> None:
    """A worker's loop: open the store, say ready, answer one job per message until the pipe closes."""
    from graph.store import reopen
    origin, memory_mb = requests.recv()
    store = reopen(origin)
    limit_memory(memory_mb)
    replies.send(("ready", os.getpid()))
    while True:
        try:
            job = requests.recv()
        except EOFError:
            return
        replies.send(run_local(store, job))


def main() -> None:
    """Entry point of a worker process: jobs arrive on stdin, replies leave on stdout (stray prints go to stderr)."""
    die_with_parent()
    requests = Connection(os.dup(0), writable=False)
    replies = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)
    serve(requests, replies)
