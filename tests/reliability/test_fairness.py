"""The fairness proof against a real ``sendkg serve``: while 127.0.0.2 floods heavy queries, every light query
from 127.0.0.3 answers correctly within 1.5 s, the flooder is told to back off (429 with Retry-After) before
its queries queue, and nothing else changes (the data, other routes)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.harness.servers import sendkg_server
from bench.load import FLOODER
from bench.measure import opener
from graph.queries import read_query

pytestmark = pytest.mark.server
LOAD = Path(__file__).resolve().parents[2] / "bench" / "queries" / "load"
HEAVY = read_query(LOAD / "heavy.rq", "bench").text
LIGHT = read_query(LOAD / "light.rq", "bench").text
OTHER = "127.0.0.3"
FLOOD = 24
PROMPT_S = 1.5


def post(base: str, sparql: str, source: str) -> tuple[int, dict, bytes]:
    """(status, headers, body) of a SPARQL POST sent from loopback address ``source``."""
    request = urllib.request.Request(f"{base}/sparql", data=sparql.encode(), method="POST", headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    try:
        with opener(source).open(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def get(base: str, path: str, source: str = OTHER) -> tuple[int, bytes]:
    with opener(source).open(base + path, timeout=30) as response:
        return response.status, response.read()


def councils(body: bytes) -> int:
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def flooded(built, tmp_path_factory):
    """Before, during and after one flood: the light client's answers with their times, the flooder's answers."""
    from reliability.folders import copy_build
    var = copy_build(built, tmp_path_factory.mktemp("fair") / "var")
    server = sendkg_server(var, QUERY_WORKERS=2, QUERY_TIMEOUT=4).start()
    try:
        base = server.base
        routes = ["/", "/id/council/bury", "/queries/10-council-summary.json"]
        before = {"councils": councils(post(base, LIGHT, OTHER)[2]), "routes": {r: get(base, r) for r in routes}}
        pool = ThreadPoolExecutor(FLOOD)
        flood = [pool.submit(post, base, HEAVY, FLOODER) for _ in range(FLOOD)]
        time.sleep(0.5)  # the flood is in: the flooder holds a worker and a queue
        light = []
        while not all(f.done() for f in flood) and len(light) < 40:
            started = time.perf_counter()
            status, _, body = post(base, LIGHT, OTHER)
            light.append((status, time.perf_counter() - started, body))
            time.sleep(0.1)
        answers = [f.result() for f in flood]
        pool.shutdown()
        after = {"councils": councils(post(base, LIGHT, OTHER)[2]), "routes": {r: get(base, r) for r in routes}}
        yield {"before": before, "after": after, "light": light, "flood": answers}
    finally:
        server.stop()


def test_the_other_clients_light_queries_all_answer_correctly_and_promptly(flooded):
    light = flooded["light"]
    assert len(light) >= 10, "the flood ended before the light client could ask much"
    assert all(status == 200 for status, _, _ in light), [s for s, _, _ in light]
    assert {councils(body) for _, _, body in light} == {flooded["before"]["councils"]}
    slowest = max(seconds for _, seconds, _ in light)
    assert slowest < PROMPT_S, f"slowest light query took {slowest:.2f} s"


def test_the_flooder_is_told_to_back_off_before_its_queries_queue(flooded):
    statuses = [status for status, _, _ in flooded["flood"]]
    refused = [(headers, body) for status, headers, body in flooded["flood"] if status == 429]
    assert len(refused) >= FLOOD - 4, statuses  # at most 4 in flight per client by default
    assert all(int(headers["Retry-After"]) >= 1 for headers, _ in refused)
    assert all(b"queries running or waiting" in body for _, body in refused)
    assert set(statuses) <= {429, 503}, "a heavy query runs to the time limit, or waits past it, or is refused"


def test_nothing_else_changes(flooded):
    assert flooded["after"]["councils"] == flooded["before"]["councils"]
    assert flooded["after"]["routes"] == flooded["before"]["routes"]
