"""Running untrusted SPARQL safely: a time limit that really stops the work, a row cap, no SERVICE, no update.

Every untrusted query is scanned once, by ``admit`` (update, SERVICE and deep nesting refused), which gives
its form; the caller negotiates a format for that form and hands the executor a ``Job``, which it runs
without looking at the text again.

pyoxigraph has no query timeout and a running evaluation cannot be interrupted from Python, so queries on
the embedded store run in a small pool of worker processes (``graph.store.worker.serve_jobs``), forked by a
zygote that holds the store (``graph.store.zygote``: the workers share its memory copy). The caller waits at
most ``timeout`` seconds for the answer; past that the worker is killed (SIGKILL: its CPU use ends at once),
a fresh one is forked (nothing to reload), and ``QueryTimeout`` is raised. A remote store cannot be reopened elsewhere: its queries run in the calling thread and its own HTTP
timeout bounds the wait.
"""

from __future__ import annotations

import queue
import threading

from graph.queries.scan import scan
from graph.store.embedded import EmbeddedStore
from graph.store.errors import (
    QueryFailed, QueryRefused, QueryTimeout, QueryTooDeep, QueryUnsupported, RemoteStoreError, ServerBusy,
)
from graph.store.fairness import Gate, Limits
from graph.store.standard import check_standard
from graph.store.worker import Admission, Answer, Job, package
from graph.store.zygote import Zygotes

STARTUP_TIMEOUT = 120.0
# Deepest bracket nesting a query may have: real queries stay far below; Oxigraph's parser overflows its
# stack (a crashed worker) a few thousand levels down.
MAX_NESTING = 256
# Most operators and separators a query may have (the largest canned query has 76): a flat chain of ~8,000
# `+` crashes Oxigraph's parser (a segfault, measured with pyoxigraph 0.5.13), and real queries stay far below.
MAX_OPERATORS = 2000


def admit(sparql: str) -> Admission:
    """Scan untrusted ``sparql`` once: refuse SPARQL Update, SERVICE, too deep nesting and too long operator chains;
    else its ``Admission``."""
    found = scan(sparql)
    if found.depth > MAX_NESTING:
        raise QueryTooDeep(f"the query nests brackets {found.depth} levels deep; at most {MAX_NESTING} are allowed")
    if found.operators > MAX_OPERATORS:
        raise QueryTooDeep(f"the query chains {found.operators} operators and separators; at most {MAX_OPERATORS} "
                           "are allowed")
    if found.is_update:
        raise QueryRefused("SPARQL Update is not allowed: this endpoint is read-only")
    if found.service:
        raise QueryRefused("SERVICE (federated query) is not allowed: this endpoint never fetches remote data")
    return Admission(sparql, found.form)


def unpack(reply: tuple) -> Answer:
    """The answer in a worker's reply, or the error it reports raised."""
    if reply[0] == "ok":
        return reply[1]
    raise reply[1]


class Worker:
    """One worker process, forked by a zygote on first use, and the connection its jobs go over."""

    def __init__(self, zygotes: Zygotes, memory_mb: int):
        self.zygotes, self.memory_mb = zygotes, memory_mb
        self.process = self.connection = self.kind = None
        self.spent = False
        self.lock = threading.Lock()

    def ensure(self) -> None:
        """Fork the process if it is not running, and wait until its store is open."""
        with self.lock:
            if self.process is not None and self.process.poll() is None:
                return
            self._stop()
            try:
                self.process, self.connection, self.kind = self.zygotes.fork(self.memory_mb, STARTUP_TIMEOUT)
            except OSError as error:
                raise QueryFailed(f"a query worker failed to start ({error}; is the store readable?)") from None
            if not self.connection.poll(STARTUP_TIMEOUT) or self._receive() is None:
                self._stop()
                raise QueryFailed("a query worker failed to start (is the store readable?)")

    def _receive(self):
        try:
            return self.connection.recv()
        except (EOFError, OSError):
            return None

    def ask(self, job: Job, timeout: float) -> tuple:
        """Send ``job``; the reply, or ``QueryTimeout`` (worker killed) / ``QueryFailed`` (worker died)."""
        self.ensure()
        try:
            self.connection.send(job)
        except OSError:  # the process died while idle (killed from outside): start another, once
            self.kill()
            self.ensure()
            self.connection.send(job)
        if not self.connection.poll(timeout):
            self.kill()
            raise QueryTimeout(f"query exceeded the {timeout:g} s time limit and was stopped")
        reply = self._receive()
        if reply is None:
            self.kill()
            raise QueryFailed("the query worker stopped while running the query (out of memory?)")
        self.spent = len(reply) > 2  # it holds memory a big query left behind: replace it when it is idle
        return reply

    def _stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process.close()
            self.connection.close()
        self.process = self.connection = self.kind = None
        self.spent = False

    def kill(self) -> None:
        """Stop the process at once (SIGKILL) and wait until it is gone."""
        with self.lock:
            self._stop()

    @property
    def pid(self) -> int | None:
        """The running process's id, if any."""
        process = self.process
        return process.pid if process is not None and process.poll() is None else None


class ProcessExecutor:
    """Runs jobs in ``workers`` killable processes over the store ``origin`` names, ``timeout`` seconds each."""

    def __init__(self, origin: tuple, workers: int = 2, timeout: float = 10.0, memory_mb: int = 0):
        self.timeout = timeout
        self.zygotes = Zygotes(origin)
        self.workers = [Worker(self.zygotes, memory_mb) for _ in range(max(1, workers))]
        self.idle: queue.Queue[Worker] = queue.Queue()
        for worker in self.workers:
            self.idle.put(worker)

    def run(self, job: Job) -> Answer:
        """Run the admitted ``job`` in an idle worker and return its answer (``QueryError`` subclasses on failure)."""
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            raise ServerBusy(f"every query worker stayed busy for {self.timeout:g} s; try again") from None
        try:
            self._refresh(worker)
            return unpack(worker.ask(job, self.timeout))
        finally:
            if worker.spent:
                worker.kill()
            if worker.pid is None:
                threading.Thread(target=worker.ensure, daemon=True).start()
            self.idle.put(worker)

    def _refresh(self, worker: Worker) -> None:
        """Replace a worker forked from disk by one forked from the memory copy, once that has loaded."""
        if worker.kind == "disk" and self.zygotes.memory_ready():
            worker.kill()

    def warm(self) -> None:
        """Start every worker now instead of on first use; once the memory copy loads, move the idle ones onto it."""
        for worker in self.workers:
            worker.ensure()
        if any(worker.kind == "disk" for worker in self.workers) and self.zygotes.memory_ready(STARTUP_TIMEOUT):
            for _ in self.workers:
                try:
                    worker = self.idle.get_nowait()
                except queue.Empty:
                    return
                try:
                    self._refresh(worker)
                    worker.ensure()
                finally:
                    self.idle.put(worker)

    def pids(self) -> list[int]:
        """Process ids of the running workers."""
        return [w.pid for w in self.workers if w.pid is not None]

    def close(self) -> None:
        """Stop every worker, then the zygotes."""
        for worker in self.workers:
            worker.kill()
        self.zygotes.close()


class FairExecutor:
    """Any executor behind a ``Gate``: each query first takes a fair turn for its client (``fairness.py``)."""

    def __init__(self, pool, gate: Gate, timeout: float):
        self.pool, self.gate, self.timeout = pool, gate, timeout

    def run(self, job: Job, client: str = "") -> Answer:
        """Run ``job`` for ``client`` once it is its turn; ``TooManyRequests`` if the client is over its share."""
        turn = self.gate.enter(client)
        turn.wait(self.timeout)
        with turn:
            return self.pool.run(job)

    def warm(self) -> None:
        """Start the pool's workers now."""
        self.pool.warm()

    def pids(self) -> list[int]:
        """Process ids of the pool's running workers (none for a remote store)."""
        return self.pool.pids() if hasattr(self.pool, "pids") else []

    def close(self) -> None:
        """Stop the pool's workers."""
        self.pool.close()


class ThreadExecutor:
    """Runs jobs in the calling thread on a store that bounds its own wait (a remote SPARQL server)."""

    def __init__(self, store):
        self.store = store

    def run(self, job: Job) -> Answer:
        """Run ``job`` on the store once it proves standard SPARQL 1.1 (``standard.py``); the protocol dataset cannot be
        passed on, so it is refused."""
        if job.default_graphs is not None or job.named_graphs is not None:
            raise QueryUnsupported("default-graph-uri / named-graph-uri are not supported with a remote store")
        check_standard(job.sparql, job.base_iri)
        try:
            return package(self.store.query(job.sparql), job)
        except SyntaxError as error:  # the remote answer stopped parsing part-way (pyoxigraph reads it lazily)
            raise RemoteStoreError(f"the SPARQL server's answer does not parse: {error}") from None
        except (OSError, RuntimeError, ValueError) as error:
            raise QueryFailed(str(error)) from None

    def warm(self) -> None:
        """Nothing to start."""

    def close(self) -> None:
        """Nothing to stop."""


def make_executor(store, workers: int = 2, timeout: float = 10.0, memory_mb: int = 0, limits: Limits | None = None,
                  remote_slots: int = 8):
    """A process pool for an embedded store (its workers reopen its data), else an in-thread executor with
    ``remote_slots`` queries at once; either behind a fair ``Gate`` under the per-client ``limits``."""
    if isinstance(store, EmbeddedStore):
        inner, slots = ProcessExecutor(store.origin, workers, timeout, memory_mb), workers
    else:
        inner, slots = ThreadExecutor(store), remote_slots
    return FairExecutor(inner, Gate(slots, limits or Limits()), timeout)
