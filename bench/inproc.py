"""The in-process floor, measured in a child process so a query past the time cap can be killed.

The child opens the build (disk or memory) once and times each query it is sent with ``measure.latency``
(pyoxigraph cannot interrupt a running query, so the parent kills the child past ``cap`` seconds and
starts a fresh one for the next query).
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from .measure import latency


def child(conn, build: str, in_memory: bool, reps: int, budget: float) -> None:
    """Open the store, then answer ("query", text) and ("page", path) messages with latency dicts."""
    from graph.store import EmbeddedStore
    from .backends import page_queries
    started = time.perf_counter()
    store = EmbeddedStore.open_build(Path(build), in_memory=in_memory)
    store.loaded.wait()  # time the memory copy itself, not the disk store that answers while it loads
    conn.send(round(time.perf_counter() - started, 2))
    while True:
        try:
            kind, text = conn.recv()
        except EOFError:
            return
        if kind == "query":
            conn.send(latency(lambda: list(store.query(text)), reps, budget))
            continue
        try:
            recorded = page_queries(store, text)
        except RuntimeError as error:
            conn.send({"error": str(error)})
            continue
        result = latency(lambda: [list(store.query(q)) for q in recorded], reps, budget)
        conn.send(result | {"queries": len(recorded)})


class Floor:
    """A child process holding one store; ``ask`` returns a latency dict or ``{"error": ...}`` past the cap."""

    def __init__(self, build: Path, in_memory: bool, reps: int, budget: float, cap: float):
        self.args, self.cap = (str(build), in_memory, reps, budget), cap
        self.context = multiprocessing.get_context("spawn")
        self.process = self.conn = None
        self.open_s = 0.0

    def start(self) -> None:
        self.conn, theirs = self.context.Pipe()
        self.process = self.context.Process(target=child, args=(theirs, *self.args), daemon=True)
        self.process.start()
        self.open_s = self.conn.recv()

    def ask(self, kind: str, text: str) -> dict:
        if self.process is None:
            self.start()
        self.conn.send((kind, text))
        if self.conn.poll(self.cap):
            return self.conn.recv()
        self.stop()
        return {"error": f"over the {self.cap:g} s cap"}

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join()
            self.conn.close()
        self.process = self.conn = None
