"""Watching a live server while something happens to it: the answers it gives to a fixed set of requests.

``snapshot(base)`` is the server's answer (status and body digest) to each of ``REQUESTS``; ``Watcher`` keeps
asking from several threads until stopped and records every answer that differs from a reference, and every
request that got no answer at all (with when it started, so a test can say those fell in a restart's gap).
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from urllib.parse import quote, urlencode

from bench.measure import client_address
from reliability.wire import send

BURY = "https://w3id.org/sendkg/id/council/bury"
REQUESTS = (
    "/sparql?" + urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}),
    "/id/council/bury",
    "/id/council/bury.ttl",
    f"/explore?focus={quote(BURY, safe='')}&depth=2",
    "/search.json?q=ofsted",
    "/mandates/bury",
    "/store?default",
)
ACCEPT = {"Accept": "text/html, application/sparql-results+json, application/n-triples;q=0.9, */*;q=0.1"}


BLANK = re.compile(rb"_:\S+")


def answer(base: str, target: str, timeout: float = 30, source: str | None = None) -> tuple[int, str]:
    """(status, SHA-256 of the body) of one GET; status 0 when the server closed without answering.

    N-Triples is hashed with its lines sorted and blank-node labels blurred: a store loaded into memory labels
    blank nodes afresh in each process (the tests compare the full graph canonically as well).
    """
    reply = send(base, "GET", target, ACCEPT, timeout=timeout, source=source)
    body = reply.body
    if reply.headers.get("content-type", "").startswith("application/n-triples"):
        body = b"\n".join(sorted(BLANK.sub(b"_:b", line) for line in body.splitlines()))
    return reply.status, hashlib.sha256(body).hexdigest()


def snapshot(base: str) -> dict[str, tuple[int, str]]:
    """The server's answer to every request of ``REQUESTS``."""
    return {target: answer(base, target) for target in REQUESTS}


class Watcher:
    """``with Watcher(base, reference, clients)``: ask ``REQUESTS`` in a loop from ``clients`` threads.

    Each thread is a client of its own, on its own loopback address (127.0.0.10, 127.0.0.11, ...), as the users
    it stands for would be: the endpoint bounds each client's queries in flight (``CLIENT_MAX_QUERIES``), and a
    request given up after its timeout still counts until the server finishes it, so threads sharing one
    address could be told to back off (429) by the fairness gate, which is not what these tests watch.
    """

    def __init__(self, base: str, reference: dict, clients: int = 2):
        self.base, self.reference = base, reference
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.right: list[float] = []  # start times of answers equal to the reference
        self.wrong: list[tuple[str, tuple]] = []
        self.unanswered: list[float] = []  # start times of requests that got no answer
        self.threads = [threading.Thread(target=self._ask, args=(n,), daemon=True) for n in range(clients)]

    def _ask(self, number: int) -> None:
        turn = number
        while not self.stopping.is_set():
            target = REQUESTS[turn % len(REQUESTS)]
            turn += 1
            started = time.monotonic()
            try:
                got = answer(self.base, target, timeout=10, source=client_address(number))
            except OSError:
                got = (0, "")
            with self.lock:
                if got[0] == 0:
                    self.unanswered.append(started)
                elif got == self.reference[target]:
                    self.right.append(started)
                else:
                    self.wrong.append((target, got))
            if got[0] == 0:
                time.sleep(0.05)  # the server is away: do not spin

    def answered_right_after(self, since: float, timeout: float) -> bool:
        """Wait until a request started after ``since`` has been answered right (True), or ``timeout`` s (False).

        A fixed wait is not enough on a loaded machine: every thread may still be in a request sent before
        ``since`` (one the server took while starting, given up only at its timeout)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if any(t > since for t in self.right):
                    return True
            time.sleep(0.1)
        return False

    def __enter__(self) -> "Watcher":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(30)
