"""Query workers forked from a zygote: they share its store, are replaced by forks with nothing to reload, and move
from the on-disk store to the memory copy once it has loaded."""

from __future__ import annotations

import os
from multiprocessing import Pipe

import pytest

from bench.harness.processes import stat_fields, wait_gone
from graph.exports.formats import JSON
from graph.store.errors import QueryTimeout
from graph.store.executor import ProcessExecutor, admit
from graph.store.worker import Job, serve_jobs

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def count(executor, store) -> int:
    """The triple count a pool's worker answers."""
    body = executor.run(Job(admit(COUNT), JSON)).body
    return int(body.split(b'"value":"')[1].split(b'"')[0])


def parent(pid: int) -> int:
    return int(stat_fields(pid)[1])


def threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


@pytest.fixture
def memory_pool(small_store):
    pool = ProcessExecutor(small_store.origin, workers=2, timeout=1.0)
    yield pool
    pool.close()


def test_workers_are_forks_of_one_single_threaded_zygote_and_answer_from_its_copy(memory_pool, small_store):
    assert count(memory_pool, small_store) == len(small_store)
    memory_pool.warm()
    zygote = memory_pool.zygotes.memory.process.pid
    assert len(memory_pool.pids()) == 2
    assert {parent(pid) for pid in memory_pool.pids()} == {zygote}
    assert {w.kind for w in memory_pool.workers} == {"memory"}
    assert threads(zygote) == 1, "a zygote must have no other thread when it forks"


def test_a_worker_killed_at_the_time_limit_is_replaced_by_a_fork_of_the_same_zygote(memory_pool, small_store):
    memory_pool.warm()
    zygote = memory_pool.zygotes.memory.process.pid
    before = set(memory_pool.pids())
    with pytest.raises(QueryTimeout):
        memory_pool.run(Job(admit(CARTESIAN), JSON))
    assert count(memory_pool, small_store) == len(small_store)
    after = set(memory_pool.pids())
    assert after != before and {parent(pid) for pid in after} == {zygote}  # no zygote was restarted


def test_a_zygote_killed_from_outside_is_started_again(memory_pool, small_store):
    memory_pool.warm()
    zygote = memory_pool.zygotes.memory.process
    zygote.kill()
    zygote.wait()
    for worker in memory_pool.workers:  # its forks see it gone; stop them at once rather than in 0.5 s
        worker.kill()
    assert count(memory_pool, small_store) == len(small_store)
    assert memory_pool.zygotes.memory.process.pid != zygote.pid
    assert {parent(pid) for pid in memory_pool.pids()} <= {memory_pool.zygotes.memory.process.pid}


def test_a_build_is_served_from_disk_until_its_memory_copy_loads(built):
    pool = ProcessExecutor(("build", str(built), True), workers=2, timeout=10.0)
    try:
        pool.warm()  # forks from whichever zygote is ready, waits for the copy, then moves idle workers onto it
        assert {w.kind for w in pool.workers} == {"memory"}
        assert pool.zygotes.disk is not None  # it answered while the copy loaded (and forks nothing now)
        assert {parent(pid) for pid in pool.pids()} == {pool.zygotes.memory.process.pid}
    finally:
        pool.close()


def test_a_disk_only_build_forks_workers_that_open_the_store_themselves(built):
    pool = ProcessExecutor(("build", str(built), False), workers=1, timeout=10.0)
    try:
        pool.warm()
        assert pool.zygotes.memory is None and pool.workers[0].kind == "disk"
        assert pool.run(Job(admit("ASK { ?s ?p ?o }"), JSON)).body == b'{"head":{},"boolean":true}'
    finally:
        pool.close()


def test_closing_the_pool_stops_the_zygotes_and_their_workers(small_store):
    pool = ProcessExecutor(small_store.origin, workers=2, timeout=5.0)
    pool.warm()
    pids = pool.pids() + [pool.zygotes.memory.process.pid]
    pool.close()
    assert wait_gone(pids) == []


@pytest.mark.parametrize(("grow_mb", "flagged"), [(-1.0, True), (0.0, False), (1e6, False)])
def test_a_worker_that_keeps_grown_memory_says_so(small_store, grow_mb, flagged):
    sending, receiving = Pipe()
    replies, answers = Pipe()
    sending.send(Job(admit(COUNT), JSON))
    sending.close()
    serve_jobs(small_store, receiving, replies, grow_mb)  # answers the one job, then sees the pipe close
    reply = answers.recv()
    assert reply[0] == "ok" and (len(reply) > 2) is flagged
