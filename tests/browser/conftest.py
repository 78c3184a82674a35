"""Browser fixtures: a live server per session on a free loopback port, Debian's chromium through Playwright,
and a page per test that records console errors and every request (all must stay on the app's origin)."""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from graph.store import EmbeddedStore, Store
from web import create_app

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


class LiveServer:
    """A werkzeug server running ``app`` in a background thread on 127.0.0.1 and a free port."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


def fixture_store(name: str) -> Store:
    """The ontology plus ``tests/fixtures/<name>.ttl`` in memory."""
    data = (ROOT / "ontology" / "sendkg.ttl").read_bytes() + b"\n" + (ROOT / "tests" / "fixtures" / f"{name}.ttl").read_bytes()
    return EmbeddedStore.from_rdf(data)


@pytest.fixture(scope="session")
def live_server(real_store):
    """A fresh app over the real data, served for the session."""
    with LiveServer(create_app({"TESTING": True}, store=real_store)) as server:
        yield server


@pytest.fixture(scope="session")
def xss_server():
    """A fresh app over the hostile-text fixture, served for the session."""
    with LiveServer(create_app({"TESTING": True}, store=fixture_store("xss"))) as server:
        yield server


@pytest.fixture(scope="session")
def slow_server(real_store):
    """A fresh app over the real data whose query time limit is half a second."""
    with LiveServer(create_app({"TESTING": True, "QUERY_TIMEOUT": 0.5}, store=real_store)) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (the browser tests must run in CI)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item so fixtures can tell whether the test failed."""
    outcome = yield
    setattr(item, "report_" + outcome.get_result().when, outcome.get_result())


class Watched:
    """A page plus what it did: console errors, uncaught exceptions and requests off the app's origin."""

    def __init__(self, page, origins: set[str]):
        self.page, self.errors, self.foreign = page, [], []
        self.expected: list[str] = []  # parts of error messages a test provokes on purpose
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on("request", lambda r: self.check(r.url, origins))

    def check(self, url: str, origins: set[str]) -> None:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}" not in origins:
            self.foreign.append(url)


@pytest.fixture
def watched(browser, live_server, xss_server, slow_server, request):
    """A fresh browser context and page; after the test: no console errors, no request off the apps' origins."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    seen = Watched(page, {live_server.url, xss_server.url, slow_server.url})
    yield seen
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    if failed:
        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert seen.foreign == [], f"requests left the machine: {seen.foreign}"
    unexpected = [e for e in seen.errors if not any(part in e for part in seen.expected)]
    assert unexpected == [], f"the page logged errors: {unexpected}"
