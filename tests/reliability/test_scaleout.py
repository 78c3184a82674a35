"""Scale out: two ``sendkg serve`` replicas over one published build behind Debian's haproxy (bench/harness/balancer.py).

Through the balancer, two clients are still told apart (the replicas trust its ``X-Forwarded-For``): one over
its in-flight bound gets 429 while another is served. Then 8 clients (bench/load.py's, each from its own loopback
address) load the balancer, one replica is SIGKILLed mid-run, and no request is lost beyond those in flight on
it at the kill: every failure was sent before the replica died, there are no more of them than the balancer's
log shows in flight on it, and every request after it is answered right by the live replica.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.harness.balancer import Balancer
from bench.harness.processes import tree, wait_gone
from bench.harness.servers import sendkg_server
from bench.load import FLOODER, Tally, client, probes, references
from reliability.folders import copy_build
from reliability.test_fairness import HEAVY, LIGHT, OTHER, councils, post

pytestmark = pytest.mark.server
CLIENTS, DURATION, KILL_AFTER = 8, 8.0, 3.0
QUERY_TIMEOUT = 6  # also how long a query waits for a worker: the survivor carries all 8 clients within it
FLOOD = 16  # 8 per replica: twice the 4 queries one client may have in flight on each


class TimedTally(Tally):
    """bench.load's tally that also keeps when each failed request was sent and ended (wall clock)."""

    def __init__(self):
        super().__init__()
        self.failures: list[tuple[float, float, str]] = []

    def record(self, probe, seconds, problem, wrong) -> None:
        super().record(probe, seconds, problem, wrong)
        if problem:
            ended = time.time()
            with self.lock:
                self.failures.append((ended - seconds, ended, problem))


@pytest.fixture(scope="module")
def cluster(built, tmp_path_factory):
    """Two replicas over one copy of the build, trusting the balancer at 127.0.0.1, and haproxy in front."""
    var = copy_build(built, tmp_path_factory.mktemp("scaleout") / "var")
    replicas = [sendkg_server(var, name=f"replica {n}", QUERY_WORKERS=2, QUERY_TIMEOUT=QUERY_TIMEOUT, TRUSTED_PROXIES="127.0.0.1")
                for n in (1, 2)]
    balancer = None
    try:
        with ThreadPoolExecutor(len(replicas)) as pool:
            list(pool.map(lambda replica: replica.start(), replicas))  # side by side: half the wait on 2 cores
        balancer = Balancer(replicas).start()
        yield balancer, replicas
    finally:
        if balancer:
            balancer.stop()
        for replica in replicas:
            replica.stop(reap_children=True)


@pytest.fixture(scope="module")
def two_clients(cluster):
    """While 127.0.0.2 sends 16 heavy queries at once through the balancer: 127.0.0.3's light answers, the flood's."""
    balancer, _ = cluster
    with ThreadPoolExecutor(FLOOD) as pool:
        flood = [pool.submit(post, balancer.base, HEAVY, FLOODER) for _ in range(FLOOD)]
        time.sleep(0.5)
        light = [post(balancer.base, LIGHT, OTHER) for _ in range(5)]
        answers = [f.result() for f in flood]
    return {"light": light, "flood": answers, "log": balancer.requests()}


def test_two_clients_behind_the_balancer_are_still_told_apart(two_clients):
    statuses = [status for status, _, _ in two_clients["flood"]]
    refused = [{k.lower(): v for k, v in headers.items()} for status, headers, _ in two_clients["flood"] if status == 429]
    assert len(refused) >= FLOOD - 8, statuses  # at most 4 in flight per client on each replica
    assert all(int(headers["retry-after"]) >= 1 for headers in refused)
    assert [status for status, _, _ in two_clients["light"]] == [200] * 5
    assert len({councils(body) for _, _, body in two_clients["light"]}) == 1
    seen = {entry.client for entry in two_clients["log"]}
    assert {FLOODER, OTHER} <= seen  # the balancer saw (and forwarded) the real addresses


@pytest.fixture(scope="module")
def killed(cluster, two_clients):
    """bench.load's mix from 8 clients through the balancer, replica 1 SIGKILLed after 3 s of an 8 s run."""
    balancer, replicas = cluster
    mix = probes(balancer.base)
    answers = references(mix)  # each fetched twice, round robin: both replicas give the same answers
    tally, deadline = TimedTally(), time.monotonic() + DURATION
    load_started = time.time()
    threads = [threading.Thread(target=client, args=(n, mix, answers, tally, deadline, 100_000)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(KILL_AFTER)
    orphans = tree(replicas[0].pid)[1:]
    kill_sent = time.time()
    replicas[0].kill()  # SIGKILL, then reaped: dead once this returns
    dead = time.time()
    down = balancer.wait_down("r1")
    for thread in threads:
        thread.join()
    left = wait_gone(orphans)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    log = [entry for entry in balancer.requests() if entry.accepted >= load_started]
    return {"tally": tally, "kill_sent": kill_sent, "dead": dead, "down": down, "log": log, "orphans": orphans, "left": left}


def in_flight_on_the_killed(killed) -> list:
    """The logged requests that were on replica 1 (or moved off it) while it was being killed."""
    return [e for e in killed["log"] if (e.server == "r1" or e.redispatched)
            and e.accepted <= killed["dead"] and e.ended >= killed["kill_sent"]]


def test_both_replicas_served_before_the_kill(killed):
    before = [e.server for e in killed["log"] if e.ended < killed["kill_sent"]]
    assert before.count("r1") >= 5 and before.count("r2") >= 5


def test_the_balancer_took_the_killed_replica_out_within_two_seconds(killed):
    assert killed["down"] is not None and killed["down"] - killed["dead"] < 2.0


def test_the_killed_replicas_query_workers_went_with_it(killed):
    assert killed["orphans"] and killed["left"] == []


def test_no_request_lost_beyond_those_in_flight_on_the_killed_replica(killed):
    failures, in_flight = killed["tally"].failures, in_flight_on_the_killed(killed)
    print(json.dumps({"in_flight_on_killed": len(in_flight), "failed": len(failures),
                      "retried_elsewhere": sum(e.redispatched and e.status == 200 for e in in_flight),
                      "requests": len(killed["log"]), "failed_as": [problem[-90:] for _, _, problem in failures]}))
    assert in_flight, "the kill hit no request in flight: it proved nothing"
    assert len(failures) <= len(in_flight), failures[:5]
    assert all(sent <= killed["dead"] for sent, _, _ in failures), failures[:5]
    assert killed["tally"].wrong == []
    broken = [e for e in killed["log"] if e.status >= 500 or e.termination[0] == "S"]  # refused, or cut off
    assert len(broken) == len(failures)  # the clients and the balancer agree


def test_every_request_after_the_kill_is_answered_by_the_live_replica(killed):
    after = [e for e in killed["log"] if e.accepted > killed["dead"]]
    assert len(after) >= 20, "the load did not go on after the kill"
    assert {e.server for e in after} == {"r2"} and {e.status for e in after} == {200}
    assert set(killed["tally"].latency) == {"canned", "entity", "explore", "search"}
