"""The app served live in this process: waitress on a free loopback port in a thread, for real HTTP clients.

``serving(app)`` starts ``web.serve.make_server`` (the server ``sendkg serve`` runs) on 127.0.0.1:0,
yields the base URL, then stops the server and the app's query workers. ``Listener`` is a local HTTP
server that counts the connections it accepts (to prove a query made none).
"""

from __future__ import annotations

import http.server
import logging
import threading
from contextlib import contextmanager

from web.shared.context import close_executor
from web.serve import make_server


def close_everything(server) -> None:
    """Close every channel of ``server`` (run in its loop thread, so no socket closes under a select)."""
    for channel in list(server._map.values()):
        channel.handle_close()


def stop(server, thread: threading.Thread) -> None:
    """Stop a running waitress server: request threads first (so none pulls a closed trigger), then its loop."""
    server.logger.setLevel(logging.FATAL)
    server.task_dispatcher.shutdown(cancel_pending=True, timeout=10)
    try:
        server.trigger.pull_trigger(lambda: close_everything(server))
    except OSError:  # the loop already closed its trigger: close what is left from here
        close_everything(server)
    thread.join(10)


@contextmanager
def serving(app):
    """Serve ``app`` on a free loopback port for the duration of the block; yields the base URL (no slash)."""
    server = make_server(app, "127.0.0.1", 0, asyncore_loop_timeout=0.05)
    thread = threading.Thread(target=server.run, daemon=True, name="live-server")
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        stop(server, thread)
        close_executor(app)


class CountingServer(http.server.ThreadingHTTPServer):
    """An HTTP server that records every connection it accepts, before reading anything from it."""

    def __init__(self, *args):
        super().__init__(*args)
        self.connections: list[tuple] = []

    def process_request(self, request, client_address):
        self.connections.append(client_address)
        super().process_request(request, client_address)


class Quiet(http.server.BaseHTTPRequestHandler):
    """Answers 200 with an empty body to any GET or POST, logging nothing."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


class Listener:
    """A local HTTP listener (127.0.0.1, free port) counting the connections it receives."""

    def __init__(self):
        self.server = CountingServer(("127.0.0.1", 0), Quiet)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True, name="listener")

    @property
    def connections(self) -> list[tuple]:
        """Every connection accepted so far."""
        return self.server.connections

    def __enter__(self) -> "Listener":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)
