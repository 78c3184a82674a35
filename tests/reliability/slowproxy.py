"""A remote SPARQL store that can be made slow: a loopback HTTP proxy in front of a real endpoint that sleeps
``delay`` seconds before forwarding each request (0: forwards at once). Stopping it wakes every sleeper."""

from __future__ import annotations

import http.server
import threading
import urllib.error
import urllib.request

FORWARDED = ("Content-Type", "Accept")


class Handler(http.server.BaseHTTPRequestHandler):
    """Waits the proxy's delay (unless it is stopping), then relays the request to the real endpoint."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.server.stopping.wait(self.server.delay):
            return
        request = urllib.request.Request(self.server.target, data=body, method="POST",
                                         headers={h: self.headers[h] for h in FORWARDED if self.headers[h]})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, content_type, payload = response.status, response.headers["Content-Type"], response.read()
        except urllib.error.HTTPError as error:
            status, content_type, payload = error.code, error.headers.get("Content-Type", "text/plain"), error.read()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


class SlowProxy:
    """``with SlowProxy(target_url) as proxy``: ``proxy.url`` is the slow endpoint; set ``proxy.delay`` at will."""

    def __init__(self, target: str, delay: float = 0.0):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.target, self.server.delay, self.server.stopping = target, delay, threading.Event()
        self.url = f"http://127.0.0.1:{self.server.server_port}/query"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True, name="slow-proxy")

    @property
    def delay(self) -> float:
        return self.server.delay

    @delay.setter
    def delay(self, seconds: float) -> None:
        self.server.delay = seconds

    def __enter__(self) -> "SlowProxy":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.stopping.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)
