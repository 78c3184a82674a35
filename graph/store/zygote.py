"""Query workers forked from a "zygote": one process that opens the store once, so workers share its memory copy.

A zygote is a fresh single-threaded interpreter (``python -c ZYGOTE_ENTRY``, never a fork of the threaded web
process) that prepares its store, says ready, then forks one worker per request. A ``memory`` zygote loads
the memory copy before it says ready: every worker it forks reads that copy through pages shared
copy-on-write (one copy for all workers, and a worker killed at the time limit is replaced in milliseconds,
with nothing to reload). A ``disk`` zygote opens nothing: each worker it forks opens the on-disk store after
the fork; it serves while a memory zygote loads. pyoxigraph starts no thread to load or query a memory
store, so the zygote is still single-threaded when it forks (``tests/test_zygote.py`` checks it).

Requests travel over a SEQPACKET socket: the web process sends one end of a fresh socket pair with each
request (``socket.send_fds``), the worker answers jobs on it, and the web process watches the worker
through a pidfd (it is the zygote's child, which reaps it: SIGCHLD is ignored there).
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

ZYGOTE_ENTRY = "from graph.store.zygote import main; main()"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
MESSAGE = 1 << 16
# A forked worker holding this many MiB beyond the shared copy (memory a big query freed but the allocator
# keeps) asks to be replaced by a fresh fork, which costs milliseconds.
GROW_MB = 96.0


class Forked:
    """A worker forked by a zygote, watched and killed through a pidfd (it is not this process's child)."""

    def __init__(self, pid: int):
        self.pid = pid
        self.pidfd = os.pidfd_open(pid)

    def poll(self) -> int | None:
        """None while the process runs, else -9 (its exit status belongs to the zygote)."""
        return -9 if select.select([self.pidfd], [], [], 0)[0] else None

    def wait(self, timeout: float | None = None) -> None:
        """Block until the process has ended (and is gone from /proc), or ``timeout`` seconds pass."""
        select.select([self.pidfd], [], [], timeout)
        deadline = time.monotonic() + 1.0
        while Path(f"/proc/{self.pid}").exists() and time.monotonic() < deadline:  # the zygote reaps it at once
            time.sleep(0.001)

    def kill(self) -> None:
        """SIGKILL the process (nothing if it has ended)."""
        try:
            signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def close(self) -> None:
        """Let go of the pidfd."""
        os.close(self.pidfd)


def environment() -> dict:
    """The environment of a zygote: this one, with the project importable whatever the working directory."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    return env


class Zygote:
    """The web process's handle on one zygote process over store ``origin`` (``kind``: memory or disk)."""

    def __init__(self, origin: tuple, kind: str):
        self.kind = kind
        self.control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.process = subprocess.Popen([sys.executable, "-c", ZYGOTE_ENTRY, str(theirs.fileno())],
                                        stdin=subprocess.PIPE, pass_fds=(theirs.fileno(),), env=environment())
        theirs.close()
        with Connection(os.dup(self.process.stdin.fileno()), readable=False) as config:
            config.send((origin, kind))
        self.process.stdin.close()
        self.lock = threading.Lock()
        self.state: str | None = None  # "ready", or why it failed

    def ready(self, timeout: float = 0.0) -> bool:
        """Whether the zygote has prepared its store (waiting up to ``timeout`` seconds for it to say so)."""
        with self.lock:
            if self.state is None and select.select([self.control], [], [], timeout)[0]:
                reply = self._receive()
                self.state = "ready" if reply and reply[0] == "ready" else (reply[1] if reply else "it exited")
            return self.state == "ready"

    def _receive(self):
        data = self.control.recv(MESSAGE)
        return pickle.loads(data) if data else None

    def fork(self, memory_mb: int) -> tuple[Forked, Connection]:
        """A new worker (capped at ``memory_mb`` MiB of address space) and the connection its jobs go over."""
        ours, theirs = socket.socketpair()
        with self.lock, theirs:
            socket.send_fds(self.control, [pickle.dumps(memory_mb)], [theirs.fileno()])
            reply = self._receive()
        if reply is None:
            ours.close()
            raise OSError(f"the {self.kind} zygote exited")
        return Forked(reply[1]), Connection(ours.detach())

    def close(self) -> None:
        """Stop the zygote (its idle workers see their pipes close; busy ones see it gone)."""
        self.control.close()
        self.process.kill()
        self.process.wait()


def prepare(origin: tuple, kind: str):
    """The store a zygote forks its workers over: the memory copy, or None (each disk worker opens its own)."""
    from graph.store.embedded import EmbeddedStore, load_memory_copy, reopen
    if kind == "disk":
        return None
    if origin[0] == "build":
        return load_memory_copy(Path(origin[1]))
    store = reopen(origin)
    assert isinstance(store, EmbeddedStore)
    return store


def become_worker(connection: Connection, memory_mb: int, origin: tuple, kind: str, store) -> None:
    """In a forked child: open the store if the zygote has none, then answer jobs until the pipe closes."""
    from graph.store.embedded import EmbeddedStore
    from graph.store.worker import die_with_parent, limit_memory, serve_jobs
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    die_with_parent()
    if store is None:
        store = EmbeddedStore.open_build(Path(origin[1]), in_memory=False)
    limit_memory(memory_mb)
    connection.send(("ready", os.getpid()))
    serve_jobs(store, connection, connection, GROW_MB if kind == "memory" else 0.0)


def main() -> None:
    """Entry point of a zygote: the origin and kind on stdin, then one fork per request on the control socket."""
    control = socket.socket(fileno=int(sys.argv[1]))
    origin, kind = Connection(os.dup(0), writable=False).recv()
    os.dup2(2, 1)  # stray prints go to stderr
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops us by closing the control socket
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the workers
    try:
        store = prepare(origin, kind)
    except (OSError, MemoryError, SyntaxError, ValueError) as error:
        control.send(pickle.dumps(("failed", str(error))))
        return
    control.send(pickle.dumps(("ready", os.getpid())))
    while True:
        data, fds, _, _ = socket.recv_fds(control, MESSAGE, 1)
        if not data:
            return
        pid = os.fork()
        if pid == 0:
            try:
                control.close()
                become_worker(Connection(fds[0]), pickle.loads(data), origin, kind, store)
            finally:
                os._exit(0)
        os.close(fds[0])
        control.send(pickle.dumps(("forked", pid)))


class Zygotes:
    """The zygotes of one store ``origin``, started on first use: a memory one (the copy the workers share) and,
    for a build, a disk one that forks at once (all of them for a disk-only build; while the copy loads, else)."""

    def __init__(self, origin: tuple):
        self.origin = origin
        self.memory: Zygote | None = None
        self.disk: Zygote | None = None
        self.lock = threading.Lock()
        self.started = False

    def start(self) -> None:
        """Start the zygotes now (the memory one begins loading its copy)."""
        with self.lock:
            if not self.started:
                self.started = True
                if self.origin[0] == "data" or self.origin[2]:
                    self.memory = Zygote(self.origin, "memory")
                if self.origin[0] == "build":
                    self.disk = Zygote(self.origin, "disk")

    def memory_ready(self, timeout: float = 0.0) -> bool:
        """Whether workers are forked from the memory copy now (waiting up to ``timeout`` s for it to load)."""
        self.start()
        return self.memory is not None and self.memory.ready(timeout)

    def fork(self, memory_mb: int, timeout: float) -> tuple[Forked, Connection, str]:
        """A new worker from the memory copy if it is loaded, else from disk; its process, connection and kind."""
        self.start()
        for zygote in (self.memory, self.disk):
            if zygote is None:
                continue
            if zygote.process.poll() is not None:  # killed from outside: start another (its workers follow it)
                zygote = self._restart(zygote)
            if zygote.ready(0.0 if zygote.kind == "memory" and self.disk else timeout):
                try:
                    return *zygote.fork(memory_mb), zygote.kind
                except OSError:
                    self._restart(zygote)
        raise OSError("no zygote is ready")

    def _restart(self, zygote: Zygote) -> Zygote:
        """Replace a zygote that has died (once, however many threads notice)."""
        with self.lock:
            if zygote is not self.memory and zygote is not self.disk:
                return self.memory if zygote.kind == "memory" else self.disk
            zygote.close()
            fresh = Zygote(self.origin, zygote.kind)
            if zygote is self.memory:
                self.memory = fresh
            else:
                self.disk = fresh
            return fresh

    def close(self) -> None:
        """Stop both zygotes."""
        with self.lock:
            for zygote in (self.memory, self.disk):
                if zygote is not None:
                    zygote.close()
            self.memory = self.disk = None
            self.started = False
