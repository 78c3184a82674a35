"""``sendkg serve``: settings from a config file and the environment, a real process serving the built store."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from bench.harness.processes import descendants, wait_gone
from web.serve import load_settings

pytestmark = pytest.mark.server

CONFIG = """PUBLIC_BASE_URL = "https://sendkg.example.org/"
QUERY_TIMEOUT = 3.5
ROW_LIMIT = 7
"""


@pytest.fixture
def config_file(tmp_path) -> Path:
    path = tmp_path / "sendkg.cfg"
    path.write_text(CONFIG)
    return path


def test_settings_come_from_the_config_file(config_file, monkeypatch):
    monkeypatch.delenv("SENDKG_QUERY_TIMEOUT", raising=False)
    settings = load_settings(str(config_file))
    assert settings["PUBLIC_BASE_URL"] == "https://sendkg.example.org/"
    assert settings["QUERY_TIMEOUT"] == 3.5 and settings["ROW_LIMIT"] == 7


def test_environment_overrides_the_config_file(config_file, monkeypatch):
    monkeypatch.setenv("SENDKG_QUERY_TIMEOUT", "2")
    assert load_settings(str(config_file))["QUERY_TIMEOUT"] == 2.0


def start(args: list[str], env: dict) -> subprocess.Popen:
    command = [sys.executable, "-c", "from web.cli import main; raise SystemExit(main())", "serve", *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)


def first_line(process: subprocess.Popen, timeout: float = 60) -> str:
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    assert ready, "sendkg serve printed nothing"
    return process.stdout.readline()


def get(url: str, accept: str = "application/sparql-results+json"):
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=30) as response:
        return response.headers, response.read()


def test_serve_answers_queries_and_stops_its_workers(built, real_store, config_file):
    process = start(["--var", str(built.parent.parent), "--host", "127.0.0.1", "--port", "0", "--config", str(config_file)],
                    dict(os.environ))
    try:
        line = first_line(process)
        assert line.startswith("sendkg serving http://127.0.0.1:")
        base = line.split()[2]
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        headers, body = get(f"{base}sparql?{query}")
        assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == len(real_store)
        assert headers["X-Sendkg-Row-Limit"] == "7" and headers["X-Sendkg-Time-Limit"] == "3.5"
        _, void = get(f"{base}.well-known/void", "application/n-triples")
        assert b"<https://sendkg.example.org/sparql>" in void
        workers = descendants(process.pid)
        assert workers
        assert (built / ".held-by" / str(process.pid)).exists(), "the served build is marked in use"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
    assert not (built / ".held-by" / str(process.pid)).exists(), "the mark goes when the server stops"
    assert wait_gone(workers) == [], "the server stops its query workers"


def test_serve_without_a_build_fails_at_once(tmp_path):
    env = dict(os.environ, SENDKG_VAR=str(tmp_path))
    process = start(["--port", "0"], env)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert "sendkg build" in err
