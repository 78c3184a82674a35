"""Running one admitted query job and serialising its answer, capped at a number of rows.

Used inside the killable worker processes of ``graph.store.executor`` and, for a remote store, in-thread.
The row cap stops the serialiser: SELECT results are written as TSV and CONSTRUCT/DESCRIBE triples as
N-Triples (one row or triple per line, https://www.w3.org/TR/sparql11-results-csv-tsv/,
https://www.w3.org/TR/n-triples/) into a sink that interrupts the writer once it holds one line too many;
the lines kept are parsed back and written in the format the client negotiated. All writing goes through
``graph.exports.formats``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from multiprocessing.connection import Connection

import pyoxigraph as ox

from graph.exports.formats import N_TRIPLES, TSV, Format, write_graph, write_results
from graph.store.errors import NotAcceptable, QueryError, QueryFailed, QuerySyntaxError

RESULT_FORMS = ("SELECT", "ASK")


@dataclass(frozen=True)
class Admission:
    """An untrusted query text that passed ``executor.admit`` (made nowhere else), with the form the scan found."""

    sparql: str
    form: str | None


@dataclass(frozen=True)
class Job:
    """An admitted query, the negotiated format, row cap, protocol dataset and base IRI: all an executor runs.

    ``format`` is a result format for SELECT/ASK and a graph format for CONSTRUCT/DESCRIBE; None when the
    form is unknown (the text does not parse, and the parser will say why). A job holds no text of its
    own, only its ``Admission``, so nothing reaches a worker without having been scanned.
    """

    admission: Admission
    format: Format | None
    row_limit: int = 0
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None

    @property
    def sparql(self) -> str:
        """The admitted query text."""
        return self.admission.sparql

    @property
    def form(self) -> str | None:
        """SELECT, ASK, CONSTRUCT, DESCRIBE, or None (text that will not parse)."""
        return self.admission.form


@dataclass(frozen=True)
class Answer:
    """A serialised answer: its format, bytes, and whether rows were cut off by the cap."""

    format: Format
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
        self.buffer += data
        self.lines += self.buffer.count(b"\n", len(self.buffer) - len(data))
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


def solutions_answer(results, fmt: Format, limit: int) -> Answer:
    """SELECT solutions in ``fmt``, keeping at most ``limit`` rows (0: all)."""
    if not limit:
        return Answer(fmt, write_results(results, fmt))
    tsv, truncated = capped(lambda sink: write_results(results, TSV, sink), limit + 1)  # + the header line
    if fmt == TSV:  # the capped lines are the answer: no second pass
        return Answer(fmt, tsv, truncated)
    kept = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    return Answer(fmt, write_results(kept, fmt), truncated)


def triples_answer(triples, fmt: Format, limit: int) -> Answer:
    """CONSTRUCT/DESCRIBE triples in ``fmt``, keeping at most ``limit`` triples (0: all)."""
    if not limit:
        return Answer(fmt, write_graph(triples, fmt))
    nt, truncated = capped(lambda sink: write_graph(triples, N_TRIPLES, sink), limit)
    if fmt == N_TRIPLES:  # the capped lines are the answer: no second pass
        return Answer(fmt, nt, truncated)
    kept = ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
    return Answer(fmt, write_graph(kept, fmt), truncated)


def package(result, job: Job) -> Answer:
    """Serialise any query result (solutions, boolean or triples) in the job's format."""
    graph = isinstance(result, ox.QueryTriples)
    if job.format is None or (job.form in RESULT_FORMS) == graph:
        raise NotAcceptable(f"no acceptable format can carry {'an RDF graph' if graph else 'query results'}")
    if isinstance(result, ox.QuerySolutions):
        return solutions_answer(result, job.format, job.row_limit)
    if graph:
        return triples_answer(result, job.format, job.row_limit)
    return Answer(job.format, write_results(result, job.format))


def query_options(job: Job) -> dict:
    """pyoxigraph ``query`` arguments: base IRI and protocol dataset (default-graph-uri / named-graph-uri)."""
    options = {"base_iri": job.base_iri} if job.base_iri else {}
    if job.default_graphs is not None:
        options["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
    if job.named_graphs is not None:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    return options


def run_local(store, job: Job) -> tuple:
    """Run ``job`` on an embedded store; a reply ``("ok", Answer)`` or ``("error", QueryError)``."""
    try:
        return ("ok", package(store.query(job.sparql, **query_options(job)), job))
    except QueryError as error:
        return ("error", error)
    except SyntaxError as error:  # raised while results stream (lazy evaluation)
        return ("error", QuerySyntaxError(str(error)))
    except (OSError, RuntimeError, ValueError) as error:
        return ("error", QueryFailed(str(error)))


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


def resident_mb() -> float:
    """This process's resident memory in MiB (/proc/self/statm: cheap enough to read after every job)."""
    with open("/proc/self/statm", "rb") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1 << 20)


def serve_jobs(store, requests: Connection, replies: Connection, grow_mb: float = 0.0) -> None:
    """A worker's loop: answer one job per message on ``store`` until the pipe closes. With ``grow_mb``, a reply
    also says when the process holds more than ``grow_mb`` MiB beyond what it started with (freed memory that
    the allocator keeps), so the executor can replace it by a fresh fork."""
    start = resident_mb() if grow_mb else 0.0
    while True:
        try:
            job = requests.recv()
        except EOFError:
            return
        reply = run_local(store, job)
        replies.send((*reply, True) if grow_mb and resident_mb() - start > grow_mb else reply)
