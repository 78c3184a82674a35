"""HTTP/1.1 over a raw loopback socket, so a test can send what well-behaved clients refuse to (raw 0xFF in the
request line, 5 MB URLs) and still read the answer: the request is written by a second thread while the reply is
read, so a server that answers early (413, 431) and closes is heard instead of surfacing as a reset."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Reply:
    """A parsed HTTP response and how long it took; ``status`` 0 if the server closed before answering in full."""

    status: int
    body: bytes
    seconds: float
    headers: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def request_bytes(host: str, method: str, target: bytes, headers: dict, body: bytes | None) -> bytes:
    """The bytes of one ``Connection: close`` request."""
    lines = [method.encode() + b" " + target + b" HTTP/1.1", f"Host: {host}".encode(), b"Connection: close"]
    lines += [f"{k}: {v}".encode("latin-1") for k, v in headers.items()]
    if body is not None:
        lines.append(f"Content-Length: {len(body)}".encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + (body or b"")


def dechunk(data: bytes) -> bytes:
    """The payload of a chunked body."""
    out, at = bytearray(), 0
    while True:
        end = data.index(b"\r\n", at)
        size = int(data[at:end].split(b";")[0], 16)
        if size == 0:
            return bytes(out)
        out += data[end + 2:end + 2 + size]
        at = end + 2 + size + 2


def parse(raw: bytes, seconds: float) -> Reply:
    """A ``Reply`` from the raw bytes of a response."""
    if b"\r\n\r\n" not in raw:
        return Reply(0, raw, seconds)
    head, body = raw.split(b"\r\n\r\n", 1)
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (h.split(":", 1) for h in header_lines if ":" in h)}
    try:
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = dechunk(body)
    except ValueError:
        return Reply(0, body, seconds, headers)  # cut off mid-chunk: no complete answer
    if len(body) < int(headers.get("content-length", len(body))):
        return Reply(0, body, seconds, headers)  # cut off (the server died while writing): no complete answer
    return Reply(int(status_line.split()[1]), body, seconds, headers)


def send(base: str, method: str, target: str | bytes, headers: dict | None = None, body: bytes | None = None,
         timeout: float = 60, source: str | None = None) -> Reply:
    """Send one request to ``base`` (http://127.0.0.1:port), from loopback address ``source`` if given, and read
    the whole reply."""
    parts = urlsplit(base)
    target = target.encode("latin-1") if isinstance(target, str) else target
    data = request_bytes(parts.netloc, method, target, headers or {}, body)
    started = time.monotonic()
    address = (source, 0) if source else None
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout, source_address=address) as sock:
        writer = threading.Thread(target=_write, args=(sock, data), daemon=True)
        writer.start()
        chunks = []
        try:
            while chunk := sock.recv(1 << 16):
                chunks.append(chunk)
        except ConnectionResetError:
            pass  # the server answered and closed while the rest of an oversized request was still arriving
        writer.join(timeout)
    return parse(b"".join(chunks), time.monotonic() - started)


def _write(sock: socket.socket, data: bytes) -> None:
    try:
        sock.sendall(data)
    except OSError:
        pass  # the server stopped reading (it answered 413/431 already)
