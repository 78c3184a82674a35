"""Debian's haproxy in front of ``sendkg serve`` replicas on loopback, and its request log read back as data.

``Balancer`` writes an haproxy configuration into a temporary folder (free 127.0.0.1 ports, the replicas'
ports), runs ``haproxy -db`` as a child and logs one line per request to its standard error. It adds
``X-Forwarded-For`` (so replicas started with ``TRUSTED_PROXIES=127.0.0.1`` key their per-client bounds on the
real client), checks each replica every 200 ms with ``GET /.well-known/void`` (``CHECK``), and retries a request whose connection
to a replica failed or closed without an answer on the other replica (``retry-on`` + ``option redispatch``):
every query a read-only replica answers is safe to send twice.

The check is a page that reads the store in-process, not a query on ``/sparql``: a SPARQL check is a user
query from the balancer's own address, so while a client floods, the checks wait in that address's line, reach
its in-flight bound, get 429, and haproxy takes every healthy replica out (seen: 503 "no server available" for
everyone).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.harness.processes import ServerProcess
from bench.harness.servers import ASK

MARK = "sendkg-request"
CHECK = "/.well-known/void"
LOG_FORMAT = f"{MARK} %ci %s %ST %tsc %rc %Ts.%ms %Tt %HM %HU"
CONFIG = """global
    log stderr format raw local0 info
    maxconn 512
defaults
    mode http
    log global
    timeout connect 1s
    timeout client 120s
    timeout server 120s
    timeout check 2s
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response junk-response response-timeout
frontend web
    bind 127.0.0.1:{port}
    option forwardfor
    log-format "{log_format}"
    default_backend replicas
backend replicas
    balance roundrobin
    option httpchk
    http-check send meth GET uri {check}
    http-check expect status 200
    default-server inter 200ms fastinter 100ms downinter 500ms fall 2 rise 2
{servers}
"""


def haproxy_binary() -> str:
    """Debian's ``haproxy`` executable (``apt-get install haproxy``; ``make test`` installs it)."""
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if not found:
        raise RuntimeError("the 'haproxy' load balancer is missing: apt-get install haproxy (make test installs it)")
    return found


@dataclass(frozen=True)
class Logged:
    """One request as haproxy logged it: client, final replica, status, termination state, retries, times."""

    client: str
    server: str
    status: int
    termination: str
    retries: str
    accepted: float
    total_ms: int
    method: str
    path: str

    @property
    def ended(self) -> float:
        """When the answer ended (wall clock, seconds)."""
        return self.accepted + max(self.total_ms, 0) / 1000

    @property
    def redispatched(self) -> bool:
        """Whether haproxy moved it to another replica after a failed attempt (``+`` before the retry count)."""
        return self.retries.startswith("+")

    def spans(self, moment: float) -> bool:
        """Whether it was in flight at wall-clock time ``moment``."""
        return self.accepted <= moment <= self.ended


def parse_line(line: str) -> Logged | None:
    """A ``Logged`` from one line of the balancer's log (None for any other line)."""
    fields = line.split()
    if len(fields) < 10 or fields[0] != MARK:
        return None
    _, client, server, status, termination, retries, accepted, total, method, path = fields[:10]
    return Logged(client, server, int(status), termination, retries, float(accepted), int(total), method, path)


class Balancer(ServerProcess):
    """haproxy on a free loopback port over ``replicas`` (``ServerProcess`` objects), ready once a replica answers."""

    def __init__(self, replicas: list[ServerProcess], port: int | None = None):
        self.folder = Path(tempfile.mkdtemp(prefix="sendkg-balancer-"))
        config = self.folder / "haproxy.cfg"
        super().__init__("haproxy", [haproxy_binary(), "-db", "-f", str(config)], "/sparql" + ASK, port=port)
        self.names = {f"r{n}": replica for n, replica in enumerate(replicas, 1)}
        servers = "\n".join(f"    server {name} 127.0.0.1:{r.port} check" for name, r in self.names.items())
        config.write_text(CONFIG.format(port=self.port, log_format=LOG_FORMAT, check=CHECK, servers=servers))

    def log(self) -> str:
        """Everything haproxy has written so far (read without moving the shared file offset it writes at)."""
        fd = self.stderr.fileno()
        return os.pread(fd, os.fstat(fd).st_size, 0).decode(errors="replace")

    def requests(self) -> list[Logged]:
        """Every request logged so far, in the order logged."""
        return [entry for entry in map(parse_line, self.log().splitlines()) if entry]

    def wait_down(self, name: str, timeout: float = 10) -> float | None:
        """Wait until haproxy says replica ``name`` is DOWN; the wall-clock time it was seen, None if never."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if f"replicas/{name} is DOWN" in self.log():
                return time.time()
            time.sleep(0.05)
        return None

    def stop(self, timeout: float = 10, reap_children: bool = False) -> None:
        """Stop haproxy and remove its configuration folder."""
        super().stop(timeout, reap_children)
        shutil.rmtree(self.folder, ignore_errors=True)
