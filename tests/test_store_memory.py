"""An in-memory store answers from disk at once and from memory once its copy has loaded in the background."""

from __future__ import annotations

import shutil

import pytest

from graph.store import EmbeddedStore

pytestmark = pytest.mark.embedded_only
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_answers_before_and_after_the_memory_copy_has_loaded(built):
    store = EmbeddedStore.open_build(built, in_memory=True)
    before = store.select(COUNT)[0]["n"].value
    assert store.loaded.wait(60)
    assert store.description.startswith("in-memory copy")
    assert store.select(COUNT)[0]["n"].value == before == str(len(EmbeddedStore.open_build(built)))


def test_a_memory_copy_that_fails_to_load_leaves_the_disk_store_answering(built, tmp_path):
    build = tmp_path / "build"
    shutil.copytree(built, build)
    (build / "graph.nt").unlink()
    store = EmbeddedStore.open_build(build, in_memory=True)
    assert store.loaded.wait(60)
    assert "loading into memory failed" in store.description
    assert int(store.select(COUNT)[0]["n"].value) == len(EmbeddedStore.open_build(built)) > 0


def test_a_disk_store_is_loaded_from_the_start(built):
    store = EmbeddedStore.open_build(built)
    assert store.loaded.is_set() and store.description.startswith("on-disk store")
