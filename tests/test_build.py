"""A build that fails at any stage leaves the previous store serving and intact."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph import build as build_module
from graph.paths import DATA_DIR, ROOT
from graph.store import EmbeddedStore
from graph.store.builds import current_build


@pytest.fixture
def var(tmp_path) -> Path:
    """A private build folder holding one good build of the real data."""
    build_module.build(DATA_DIR, tmp_path / "var", progress=lambda m: None)
    return tmp_path / "var"


@pytest.fixture
def data(tmp_path) -> Path:
    """A private copy of data/ that a test may break."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def _state(var: Path) -> tuple[Path, int, bytes]:
    build = current_build(var)
    return build, len(EmbeddedStore.open_build(build)), (build / "graph.nt").read_bytes()


def _seed_file(data: Path) -> Path:
    return sorted((data / "sources").glob("*.yaml"))[0]


BREAKAGES = {
    "yaml-syntax": lambda d: _seed_file(d).write_text(_seed_file(d).read_text() + "\n  - id: [unclosed\n"),
    "unknown-key": lambda d: _seed_file(d).write_text(_seed_file(d).read_text() + "\n  - id: council/zzz\n    type: Council\n    label: Z\n    colour: red\n"),
    "unknown-class": lambda d: _seed_file(d).write_text(_seed_file(d).read_text() + "\n  - id: council/zzz\n    type: Councill\n    label: Z\n"),
    "dangling-reference": lambda d: _seed_file(d).write_text(_seed_file(d).read_text() + "\n  - id: agreement/zzz\n    type: SafetyValveAgreement\n    label: Z agreement\n    council: council/nowhere\n"),
    "shacl-violation": lambda d: _seed_file(d).write_text(_seed_file(d).read_text() + "\n  - id: council/zzz\n    type: Council\n    label: Z\n    gssCode: X123\n"),
    "duplicate-id": lambda d: _seed_file(d).write_text(_seed_file(d).read_text() + "\n  - id: council/zzz\n    type: Council\n    label: Z\n  - id: council/zzz\n    type: Council\n    label: Z\n"),
    "missing-fact-table": lambda d: (d / "facts" / "safety_valve_facts.csv").unlink(),
    "bad-csv-header": lambda d: (d / "facts" / "safety_valve_facts.csv").write_text("council,value\nBury,1\n"),
    "not-utf8": lambda d: _seed_file(d).write_bytes(_seed_file(d).read_bytes() + b"\n# \xff\xfe\n"),
    "event-unknown-row": lambda d: _events(d, "  - id: funding/zzz\n    rows: [no-such-row]\n"),
    "event-row-twice": lambda d: _events(d, "  - id: funding/zzz\n    rows: [programme-withheld-total]\n"),
    "event-bad-id": lambda d: _events(d, "  - id: no-slash\n"),
    "event-unknown-key": lambda d: _events(d, "  - id: funding/zzz\n    colour: red\n"),
    "preferred-without-reason": lambda d: _events(d, "  - id: funding/zzz\n    preferred: bury-sv-funding\n"),
    "draft-claims": lambda d: (d / "sources" / "a-draft.yaml").write_text(
        "source:\n  id: a-draft\n  title: A draft\n  url: https://example.org/a\n  kind: news\nentities:\n"
        "  - id: draft/money-001\n    type: SourcedFact\n    label: £20 million\n    draft:\n      kind: money\n"
        "      start: 0\n      end: 11\n      text: £20 million\n", encoding="utf-8"),
}


def _events(data: Path, entry: str) -> None:
    """Append ``entry`` to the events file's list."""
    path = data / "facts" / "events.yaml"
    path.write_text(path.read_text() + "\n" + entry)


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_failed_build_keeps_previous_store(var, data, breakage):
    before = _state(var)
    BREAKAGES[breakage](data)
    with pytest.raises(build_module.BuildFailed) as failure:
        build_module.build(data, var, progress=lambda m: None)
    assert failure.value.problems, "a failed build must say what is wrong"
    assert _state(var) == before


@pytest.mark.parametrize("breakage,where", [
    ("yaml-syntax", ".yaml:"), ("unknown-key", "colour"), ("unknown-class", "Councill"),
    ("dangling-reference", "council/nowhere"), ("shacl-violation", "S11"), ("duplicate-id", "duplicate id"),
    ("missing-fact-table", "safety_valve_facts.csv"), ("bad-csv-header", "safety_valve_facts.csv:1"),
    ("not-utf8", "UTF-8"),
    ("event-unknown-row", "data/facts/events.yaml: names rows the fact table does not have: no-such-row"),
    ("event-row-twice", "row 'programme-withheld-total' is already a claim about withholding/2023-24-five-councils"),
    ("event-bad-id", "event no-slash: needs an id of the form kind/slug"),
    ("event-unknown-key", "event funding/zzz: unknown key(s) ['colour']"),
    ("preferred-without-reason", "a preferred claim needs its reason"),
    ("draft-claims", "data/sources/a-draft.yaml still holds 1 draft claim(s) from `sendkg ingest`"),
])
def test_failed_build_says_what_and_where(var, data, breakage, where):
    BREAKAGES[breakage](data)
    with pytest.raises(build_module.BuildFailed) as failure:
        build_module.build(data, var, progress=lambda m: None)
    assert any(where in problem for problem in failure.value.problems), failure.value.problems


def test_file_errors_carry_a_line_number(var, data):
    BREAKAGES["unknown-key"](data)
    with pytest.raises(build_module.BuildFailed) as failure:
        build_module.build(data, var, progress=lambda m: None)
    path = _seed_file(data)
    line = path.read_text().splitlines().index("    colour: red") + 1
    assert any(f"{path.name}:{line}:" in p for p in failure.value.problems), failure.value.problems


def test_successful_build_replaces_the_store(var):
    first = current_build(var)
    build_module.build(DATA_DIR, var, progress=lambda m: None)
    assert current_build(var) != first
    assert len(EmbeddedStore.open_build(current_build(var))) == len(EmbeddedStore.open_build(first))


def test_killed_build_never_leaves_a_broken_store(var):
    """SIGKILL the build process at points spread over its run; the current store always opens whole."""
    env = dict(os.environ, SENDKG_VAR=str(var))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "web.cli", "build"], env=env, cwd=ROOT, check=True, capture_output=True)
    duration = time.perf_counter() - started
    for fraction in (0.2, 0.5, 0.7, 0.85, 0.95):
        process = subprocess.Popen([sys.executable, "-m", "web.cli", "build"], env=env, cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        build = current_build(var)
        recorded = json.loads((build / "build.json").read_text())["triples"]
        assert len(EmbeddedStore.open_build(build)) == recorded > 0
    build_module.build(DATA_DIR, var, progress=lambda m: None)
    leftovers = [p.name for p in (var / "builds").iterdir() if p.name.startswith(".partial-")]
    assert leftovers == [], "a later successful build clears what killed builds left"


def test_a_build_a_server_holds_is_not_pruned(var):
    """A running server's workers reopen its build folder; later builds must leave it in place until it lets go."""
    from graph.store.builds import hold_build, release_build
    served = current_build(var)
    mark = hold_build(served)
    for _ in range(3):
        build_module.build(DATA_DIR, var, progress=lambda m: None)
    assert served.exists() and current_build(var) != served
    release_build(mark)
    build_module.build(DATA_DIR, var, progress=lambda m: None)
    assert not served.exists()


def test_marks_of_dead_processes_do_not_hold_a_build(var):
    from graph.store.builds import hold_build
    served = current_build(var)
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    hold_build(served, pid=int(finished.stdout))
    for _ in range(3):
        build_module.build(DATA_DIR, var, progress=lambda m: None)
    assert not served.exists()
