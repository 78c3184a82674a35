"""The load test, CI length: ``python -m bench.load --duration 12 --clients 16 --flood 8`` (the documented command,
shorter) against a private copy of the build, while one more address floods heavy queries. Zero errors, zero
answers differing from the single-client ones, every kind of request exercised, the flooder told to back off
(429), and the server's memory bounded across the run (RSS read from /proc, not timed)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graph.paths import ROOT
from reliability.folders import copy_build

pytestmark = pytest.mark.server
DURATION, CLIENTS, FLOOD = 12, 16, 8  # FLOOD: twice the queries one client may have in flight
GROWTH_MB = 64  # a leak of one page or result per request would pass this within seconds


@pytest.fixture(scope="module")
def result(built, tmp_path_factory):
    """The JSON report of one CI-length run (its stdout printed for the log)."""
    folder = tmp_path_factory.mktemp("load")
    var = copy_build(built, folder / "var")
    out = folder / "load.json"
    run = subprocess.run([sys.executable, "-m", "bench.load", "--duration", str(DURATION), "--clients", str(CLIENTS), "--flood", str(FLOOD),
                          "--var", str(var), "--json", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=240)
    print(run.stdout, run.stderr)
    assert out.exists(), run.stderr[-2000:]
    return {"exit": run.returncode, **json.loads(out.read_text())}


def test_no_errors_and_no_wrong_answers(result):
    assert result["errors"] == 0 and result["wrong"] == 0, result["examples"]
    assert result["exit"] == 0


def test_the_flooder_was_told_to_back_off(result):
    flood = result["flood"]
    assert flood["threads"] == FLOOD
    assert flood["by_status"].get("429", 0) > 0 and flood["retry_after_missing"] == 0
    assert set(flood["by_status"]) <= {"429", "503"}, flood  # refused, stopped at the time limit, or waited past it


def test_every_kind_of_request_ran_concurrently(result):
    assert result["clients"] == CLIENTS
    assert set(result["by_kind"]) == {"canned", "entity", "explore", "search"}
    assert all(kind["requests"] >= 10 for kind in result["by_kind"].values())
    assert result["p50_ms"] is not None and result["p95_ms"] >= result["p50_ms"]


def test_memory_stays_bounded(result):
    start, end = result["rss_start"], result["rss_end"]
    assert 0 < start["server_mb"] and 0 < end["server_mb"]
    assert end["server_mb"] - start["server_mb"] < GROWTH_MB
    assert end["with_workers_mb"] - start["with_workers_mb"] < GROWTH_MB


def test_a_wrong_answer_would_be_noticed(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))  # bench/ is a folder of scripts, not an installed package
    from bench.load import fingerprint
    rows = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"1"}},{"x":{"type":"literal","value":"2"}}]}}'
    swapped = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"2"}},{"x":{"type":"literal","value":"1"}}]}}'
    changed = rows.replace(b'"2"', b'"3"')
    kind = "application/sparql-results+json"
    assert fingerprint(kind, rows) == fingerprint(kind, swapped) != fingerprint(kind, changed)
    assert fingerprint("text/html", b"<p>a</p>") != fingerprint("text/html", b"<p>b</p>")
