"""The hostile corpus (``corpus.py``) against a real ``sendkg serve`` process: each request gets its status and
message within the time limit, the server answers an ordinary query correctly right after, no request reaches
the local listener, and the build folder and a full dump are byte for byte the same afterwards."""

from __future__ import annotations

import pytest

from bench.harness.live import Listener
from reliability.conftest import QUERY_TIMEOUT, canonical_dump, normal_answer
from reliability.corpus import LEAKS, corpus
from bench.harness.servers import sendkg_server
from reliability.folders import copy_build, folder_digest
from reliability.wire import send

pytestmark = pytest.mark.server
CORPUS = corpus()
SLACK = 4.0  # seconds beyond the time limit for a worker to be killed and the answer written


@pytest.fixture(scope="module")
def listener():
    """A local HTTP listener counting connections; nothing in the corpus may reach it."""
    with Listener() as listening:
        yield listening


@pytest.fixture(scope="module")
def var(built, tmp_path_factory):
    return copy_build(built, tmp_path_factory.mktemp("corpus") / "var")


@pytest.fixture(scope="module")
def server(var):
    server = sendkg_server(var, QUERY_TIMEOUT=QUERY_TIMEOUT, QUERY_WORKERS=2).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def before(server, var):
    """What must not change: every file of the build folder, the full dump, and the ordinary answers."""
    return {"files": folder_digest(var), "dump": canonical_dump(server.base), "answer": normal_answer(server.base)}


def test_the_corpus_is_big_enough():
    assert sum(1 for h in CORPUS if h.status >= 400) >= 40
    assert len({h.id for h in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("hostile", CORPUS, ids=[h.id for h in CORPUS])
def test_hostile_request_gets_its_answer_and_the_server_carries_on(hostile, server, listener, before):
    hostile = hostile.bind(listener.url)
    reply = send(server.base, hostile.method, hostile.target, hostile.headers, hostile.body)
    assert reply.status == hostile.status, reply.text()[:300]
    assert hostile.message in reply.text(), reply.text()[:300]
    assert LEAKS not in reply.text()
    if hostile.absent:
        assert hostile.absent not in reply.text()
    assert reply.seconds < QUERY_TIMEOUT + SLACK
    assert server.alive()
    assert normal_answer(server.base) == before["answer"]


def test_no_request_reached_the_listener(server, listener, before):
    assert listener.connections == []


def test_data_is_byte_for_byte_the_same_after_the_corpus(server, var, before):
    assert folder_digest(var) == before["files"]
    assert canonical_dump(server.base) == before["dump"]
    assert normal_answer(server.base) == before["answer"]
