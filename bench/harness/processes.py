"""Child processes and what /proc says of them; ``ServerProcess``, a server run as a child on a loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 120.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stat_fields(pid: int) -> list[str]:
    """The fields of ``/proc/<pid>/stat`` after the command name (state first); OSError if the process is gone."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def parents() -> dict[int, list[int]]:
    """Every live process's children, by parent pid."""
    found: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found.setdefault(int(stat_fields(int(entry.name))[1]), []).append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid``."""
    return sorted(parents().get(pid, []))


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    known, found, todo = parents(), [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += known.get(current, [])
    return found


def descendants(pid: int) -> list[int]:
    """Process ids below ``pid`` (children, and the query workers its zygotes fork)."""
    return sorted(tree(pid)[1:])


def rss_kb(pid: int) -> int:
    """Resident memory of process ``pid`` in KiB (``VmRSS`` of /proc/<pid>/status); 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_mb(pids: list[int]) -> float:
    """Resident memory of ``pids`` together, in MiB (pages shared between them counted once per process)."""
    return sum(rss_kb(pid) for pid in pids) / 1024


def pss_kb(pid: int) -> int:
    """Proportional set size of ``pid`` in KiB (``Pss`` of /proc/<pid>/smaps_rollup: each shared page split
    between the processes sharing it); 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def pss_mb(pids: list[int]) -> float:
    """Memory ``pids`` use together, shared pages counted once, in MiB (the sum of their PSS)."""
    return sum(pss_kb(pid) for pid in pids) / 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process."""
    fields = stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_gone(pids: list[int], timeout: float = 10) -> list[int]:
    """Wait until none of ``pids`` exists (or ``timeout`` passes); the ones still there."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
        time.sleep(0.05)
    return [p for p in pids if Path(f"/proc/{p}").exists()]


def answers(url: str, timeout: float = 5) -> int | None:
    """The HTTP status ``url`` answers with now, or None if nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


class ServerProcess:
    """A server run as a child process on a loopback port, ready once ``probe`` (a URL path) answers 200.

    ``argv`` may hold ``{port}``; ``after_start(server)`` runs once the port answers anything (to load data
    into a server that only then accepts it). Its standard error goes to a temporary file, quoted on failure.
    """

    def __init__(self, name: str, argv: list[str], probe: str, env: dict | None = None, port: int | None = None,
                 after_start=None):
        self.name, self.argv, self.probe, self.after_start = name, argv, probe, after_start
        self.env = {**os.environ, **(env or {})}
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None
        self.stderr = None
        self.cold_start_s = 0.0

    @property
    def base(self) -> str:
        """The server's base URL (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """The server process's id."""
        return self.process.pid

    def start(self) -> "ServerProcess":
        """Start the process and return once ``probe`` answers 200 (``cold_start_s`` says after how long)."""
        started = time.perf_counter()
        argv = [a.replace("{port}", str(self.port)) for a in self.argv]
        self.stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen(argv, env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self.stderr)
        if self.after_start:
            self.wait_for(lambda: answers(self.base + "/") is not None)
            self.after_start(self)
        self.wait_for(lambda: answers(self.base + self.probe) == 200)
        self.cold_start_s = time.perf_counter() - started
        return self

    def wait_for(self, ready) -> None:
        """Poll ``ready()`` until it is true; RuntimeError (with the server's last words) if it exits or takes too long."""
        deadline = time.perf_counter() + READY_TIMEOUT
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {self.last_words()}")
            if ready():
                return
            time.sleep(0.02)
        self.kill()
        raise RuntimeError(f"{self.name} did not answer {self.base}{self.probe} within {READY_TIMEOUT} s: {self.last_words()}")

    def last_words(self) -> str:
        """The end of what the server wrote to standard error."""
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")[-2000:]

    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.process is not None and self.process.poll() is None

    def rss_kb(self) -> int:
        """The server process's resident memory (its children not included)."""
        return rss_kb(self.pid)

    def stop(self, timeout: float = 30, reap_children: bool = False) -> None:
        """SIGTERM and wait (SIGKILL if it lingers); ``reap_children``: also SIGKILL any child left behind."""
        if self.alive():
            left = tree(self.pid)[1:] if reap_children else []
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.close()

    def kill(self) -> None:
        """SIGKILL the server process at once (its children are left to notice on their own)."""
        if self.alive():
            self.process.kill()
            self.process.wait()
        self.close()

    def close(self) -> None:
        """Let go of the standard error file."""
        if self.stderr is not None:
            self.stderr.close()
            self.stderr = None
