"""Fair turns at the query workers (graph/store/fairness.py): per-client bounds answered before anything queues,
turns handed to the client running least, one client never holding every worker; and whose address a client is."""

from __future__ import annotations

import threading
import urllib.request

import pytest
from flask import Flask, request

from graph.store.errors import ServerBusy, TooManyRequests
from graph.store.fairness import Gate, Limits
from bench.harness.live import serving
from bench.load import opener
from web.shared.proxies import trust_proxies


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def gate(slots=2, clock=None, **limits) -> Gate:
    return Gate(slots, Limits(**{"max_queries": 4, "max_running": 1, "budget": 60.0, "window": 60.0, **limits}),
                clock or Clock())


def test_a_client_over_its_queries_in_flight_is_refused_before_queueing():
    g = gate()
    turns = [g.enter("a") for _ in range(4)]
    with pytest.raises(TooManyRequests) as refused:
        g.enter("a")
    assert refused.value.retry_after >= 1 and "4 queries running or waiting" in str(refused.value)
    assert sum(len(c.waiting) for c in g.clients.values()) == 3  # the refused one never joined the line
    assert g.enter("b").granted and turns[0].granted


def test_one_client_never_holds_every_worker():
    g = gate(slots=2)
    flood = [g.enter("flooder") for _ in range(4)]
    assert [t.granted for t in flood] == [True, False, False, False]
    light = g.enter("light")
    assert light.granted, "the worker the flooder may not take is free for another client"


def test_a_free_turn_goes_to_the_client_running_least_not_to_the_longest_queue():
    g = gate(slots=2, max_running=2)
    first = [g.enter("a") for _ in range(2)]  # a holds both workers
    queued_a = g.enter("a")
    b = g.enter("b")
    assert all(t.granted for t in first) and not queued_a.granted and not b.granted
    first[0].leave()
    assert b.granted and not queued_a.granted, "b runs nothing, so it goes before a's queue"


def test_between_equals_the_client_that_used_least_time_goes_first():
    clock = Clock()
    g = gate(slots=1, clock=clock, max_running=1)
    busy = g.enter("heavy")
    clock.now += 30
    busy.leave()  # heavy has used 30 s
    runner = g.enter("light")
    queued_heavy, queued_light = g.enter("heavy"), g.enter("light")
    runner.leave()
    assert queued_light.granted and not queued_heavy.granted


def test_the_query_time_budget_refuses_with_the_seconds_until_it_frees():
    clock = Clock()
    g = gate(clock=clock, budget=20.0, window=60.0)
    for seconds in (8, 8, 8):  # 24 s used, ended at 108, 116, 124
        turn = g.enter("a")
        clock.now += seconds
        turn.leave()
    with pytest.raises(TooManyRequests) as refused:
        g.enter("a")
    # 4 s over the budget: enough leaves the window when the first 8 s query (ended at 108) does, at 168
    assert refused.value.retry_after == 168 - 124
    assert "24.0 s of query time" in str(refused.value)
    assert g.enter("b").granted, "another client's budget is its own"
    clock.now = 169
    assert g.enter("a").granted


def test_waiting_past_the_timeout_gives_the_turn_up():
    g = gate(slots=1)
    g.enter("a")
    waiting = g.enter("b")
    with pytest.raises(ServerBusy):
        waiting.wait(0.05)
    assert "b" not in g.clients, "a client that gave up leaves nothing behind"


def test_a_granted_turn_is_handed_on_when_it_leaves():
    g = gate(slots=1)
    first, second = g.enter("a"), g.enter("b")
    released = threading.Event()

    def wait_for_second():
        second.wait(5)
        released.set()

    thread = threading.Thread(target=wait_for_second)
    thread.start()
    first.leave()
    thread.join(5)
    assert released.is_set() and second.granted and g.free == 0
    second.leave()
    assert g.free == 1


def test_no_bound_when_limits_are_zero():
    g = gate(slots=2, max_queries=0, max_running=0, budget=0)
    turns = [g.enter("a") for _ in range(20)]
    assert sum(t.granted for t in turns) == 2


def echo_app(trusted) -> Flask:
    app = Flask(__name__)
    app.config["TRUSTED_PROXIES"] = trusted
    app.add_url_rule("/who", "who", lambda: request.remote_addr or "")
    trust_proxies(app)
    return app


@pytest.mark.parametrize("trusted, peer, forwarded, client", [
    ((), "127.0.0.5", "10.1.2.3", "127.0.0.5"),  # no proxy trusted: the header is ignored
    (("127.0.0.9",), "127.0.0.5", "10.1.2.3", "127.0.0.5"),  # an untrusted peer cannot choose its identity
    (("127.0.0.9",), "127.0.0.9", "10.1.2.3", "10.1.2.3"),  # the trusted proxy names the client
    ("127.0.0.8, 127.0.0.9", "127.0.0.9", "10.0.0.1, 10.1.2.3", "10.1.2.3"),  # one hop: the proxy's own peer
])
def test_the_client_is_the_peer_unless_a_trusted_proxy_names_it(trusted, peer, forwarded, client):
    response = echo_app(trusted).test_client().get("/who", headers={"X-Forwarded-For": forwarded},
                                                     environ_base={"REMOTE_ADDR": peer})
    assert response.get_data(as_text=True) == client


@pytest.mark.parametrize("peer, client", [("127.0.0.1", "10.1.2.3"), ("127.0.0.5", "127.0.0.5")])
def test_under_waitress_the_trusted_proxy_still_names_the_client(peer, client):
    """waitress (what ``sendkg serve`` runs) strips X-Forwarded-For unless told not to: over real HTTP too."""
    app = echo_app(("127.0.0.1",))
    app.config["SERVER_THREADS"] = 2
    with serving(app) as base:
        request_ = urllib.request.Request(base + "/who", headers={"X-Forwarded-For": "10.1.2.3"})
        with opener(peer).open(request_, timeout=10) as response:
            assert response.read().decode() == client
