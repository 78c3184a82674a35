"""Fair turns at the query workers: no client can starve another.

A client is whatever the caller names it by (the web app: the peer's address, or the address a trusted
reverse proxy reports). ``Gate.enter`` refuses a client, before anything is queued, when it already has
``max_queries`` queries in flight or has used ``budget`` seconds of query time in the last ``window``
seconds (``TooManyRequests``, with the seconds to wait). Admitted queries wait for one of ``slots`` turns;
a free turn goes to the waiting client that is running fewest queries, then has used least time in the
window, then has waited longest (so one client's queue never sits in front of another's). No client runs
more than ``max_running`` queries at once, so with ``max_running < slots`` one client's work can never
take every worker: a client with nothing running finds a worker free, or the next one that frees.

Reserving capacity was chosen over stopping a running query to make room: stopping one kills its worker
and throws its work away, so every client would pay for one client's flood (a replacement is a fork of the
zygote's loaded copy, ``graph.store.zygote``, so it costs milliseconds, not a reload).
"""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from graph.store.errors import ServerBusy, TooManyRequests

SWEEP_AT = 1024  # clients remembered before idle ones are forgotten


@dataclass
class Limits:
    """Per-client bounds: queries in flight, queries running at once, query seconds per window (0: no bound)."""

    max_queries: int = 4
    max_running: int = 1
    budget: float = 60.0
    window: float = 60.0


@dataclass
class Client:
    """One client's state: queries running, waiting turns, and (end time, seconds) of recent queries."""

    running: int = 0
    waiting: deque = field(default_factory=deque)
    used: deque = field(default_factory=deque)
    total: float = 0.0  # the sum of the seconds in ``used``, kept as entries come and go (a client may have thousands)

    def charge(self, now: float, seconds: float) -> None:
        """Count ``seconds`` of query time ended at ``now``."""
        self.used.append((now, seconds))
        self.total += seconds

    def seconds_used(self, now: float, window: float) -> float:
        """Query seconds this client used in the last ``window`` seconds (older entries are dropped)."""
        while self.used and self.used[0][0] <= now - window:
            self.total -= self.used.popleft()[1]
        if not self.used:
            self.total = 0.0  # no rounding drift survives an empty window
        return max(self.total, 0.0)


class Turn:
    """An admitted query's place at the gate: wait for it, run, then leave (which charges the time used)."""

    def __init__(self, gate: "Gate", client: str, number: int):
        self.gate, self.client, self.number = gate, client, number
        self.granted = False
        self.started = 0.0

    def wait(self, timeout: float) -> None:
        """Block until this turn is granted; ``ServerBusy`` (turn given up) if ``timeout`` passes first."""
        self.gate.wait(self, timeout)

    def leave(self) -> None:
        """Give the turn back (charging the seconds it ran) and hand it to the next client in line."""
        self.gate.leave(self)

    def __enter__(self) -> "Turn":
        return self

    def __exit__(self, *exc) -> None:
        self.leave()


class Gate:
    """``slots`` turns shared fairly between clients under ``limits``; ``clock`` is injectable for tests."""

    def __init__(self, slots: int, limits: Limits, clock=time.monotonic):
        self.slots, self.limits, self.clock = max(1, slots), limits, clock
        self.free = self.slots
        self.clients: dict[str, Client] = {}
        self.condition = threading.Condition()
        self.numbers = itertools.count()

    def enter(self, client: str) -> Turn:
        """Admit one query of ``client`` to the line, or raise ``TooManyRequests`` saying why and for how long."""
        with self.condition:
            if len(self.clients) > SWEEP_AT:
                for name in list(self.clients):
                    self._forget(name)
            state = self.clients.setdefault(client, Client())
            in_flight = state.running + len(state.waiting)
            if self.limits.max_queries and in_flight >= self.limits.max_queries:
                raise TooManyRequests(
                    f"you already have {in_flight} queries running or waiting (at most {self.limits.max_queries} "
                    "per client); wait for an answer before sending more", retry_after=1)
            if self.limits.budget:
                self._check_budget(state)
            turn = Turn(self, client, next(self.numbers))
            state.waiting.append(turn)
            self._grant()
            return turn

    def _check_budget(self, state: Client) -> None:
        now = self.clock()
        used = state.seconds_used(now, self.limits.window)
        if used < self.limits.budget:
            return
        excess, wait = used - self.limits.budget, 0.0
        for ended, seconds in state.used:  # the time until enough old queries leave the window
            excess -= seconds
            wait = ended + self.limits.window - now
            if excess < 0:
                break
        raise TooManyRequests(
            f"you used {used:.1f} s of query time in the last {self.limits.window:g} s (at most "
            f"{self.limits.budget:g} s per client); try again later", retry_after=max(1, math.ceil(wait)))

    def _grant(self) -> None:
        """Give free turns to waiting clients, fewest running first, then least time used, then longest waiting."""
        now = self.clock()
        while self.free:
            cap = self.limits.max_running or self.slots
            ready = [(c.running, c.seconds_used(now, self.limits.window), c.waiting[0].number, c)
                     for c in self.clients.values() if c.waiting and c.running < cap]
            if not ready:
                return
            state = min(ready, key=lambda entry: entry[:3])[3]
            turn = state.waiting.popleft()
            state.running += 1
            self.free -= 1
            turn.granted, turn.started = True, now
            self.condition.notify_all()

    def wait(self, turn: Turn, timeout: float) -> None:
        """Block until ``turn`` is granted, or give it up and raise ``ServerBusy`` after ``timeout`` seconds."""
        with self.condition:
            if not self.condition.wait_for(lambda: turn.granted, timeout):
                self.clients[turn.client].waiting.remove(turn)
                self._forget(turn.client)
                raise ServerBusy(f"every query worker stayed busy for {timeout:g} s; try again")

    def leave(self, turn: Turn) -> None:
        """Charge ``turn``'s running time to its client, free its slot, and grant the next turns."""
        with self.condition:
            if not turn.granted:
                return
            state = self.clients[turn.client]
            now = self.clock()
            state.charge(now, now - turn.started)
            state.running -= 1
            turn.granted = False
            self.free += 1
            self._forget(turn.client)
            self._grant()

    def _forget(self, client: str) -> None:
        """Drop a client with nothing running, waiting or counted in the window (the table stays small)."""
        state = self.clients.get(client)
        if state and not state.running and not state.waiting and not state.seconds_used(self.clock(), self.limits.window):
            del self.clients[client]
