"""What the benchmark measures of a running server beyond its answers: peak RSS and PSS of its process tree, and when it settles."""

from __future__ import annotations

import threading
import time

from bench.harness.processes import pss_mb, rss_mb, tree


class PeakRss:
    """Samples the RSS and PSS of a server's process and its descendants every 0.1 s in a thread; ``peak`` and
    ``peak_pss`` are the most seen, MiB. RSS counts a page shared by the workers once per process, PSS once in
    all (what the machine really gives them). The pid is read at each sample, so a server restarted meanwhile is
    still the one measured."""

    def __init__(self, server):
        self.server, self.peak, self.peak_pss = server, 0.0, 0.0
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
            pids = tree(self.server.pid)
            self.peak = max(self.peak, rss_mb(pids))
            self.peak_pss = max(self.peak_pss, pss_mb(pids))


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
