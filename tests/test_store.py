"""The embedded store: opened from a build on disk or in memory, and reopened elsewhere."""

import pytest

from graph.store import EmbeddedStore
from graph.store.embedded import reopen


@pytest.mark.parametrize("in_memory", [False, True])
def test_build_opens_on_disk_and_in_memory_with_the_same_data(built, in_memory):
    assert len(EmbeddedStore.open_build(built, in_memory=in_memory)) == len(EmbeddedStore.open_build(built))


def test_reopen_gives_the_same_data(small_store):
    assert len(reopen(small_store.origin)) == len(small_store) > 0
