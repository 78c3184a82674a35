"""What the benchmark measures of a running server beyond its answers: peak RSS of its process tree, and when it settles."""

from __future__ import annotations

import threading
import time

from bench.harness.processes import rss_mb, tree


class PeakRss:
    """Samples the RSS of a server's process and its descendants every 0.1 s in a thread; ``peak`` is the most
    seen, MiB. The pid is read at each sample, so a server restarted meanwhile is still the one measured."""

    def __init__(self, server):
        self.server, self.peak = server, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True, name="peak-rss")

    def __enter__(self) -> "PeakRss":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, rss_mb(tree(self.server.pid)))


def settle(pid: int, window: float = 2.0, limit: float = 90.0) -> float:
    """Wait until the process tree's RSS stops growing (memory copies loaded); seconds waited."""
    started, samples = time.perf_counter(), []
    while time.perf_counter() - started < limit:
        samples.append(rss_mb(tree(pid)))
        recent = samples[-int(window / 0.25):]
        if len(recent) == int(window / 0.25) and max(recent) - min(recent) < 0.02 * max(recent):
            break
        time.sleep(0.25)
    return time.perf_counter() - started
