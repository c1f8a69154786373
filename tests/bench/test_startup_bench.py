"""Benchmark: cold start to the main window, and the app's peak memory.

Each run spawns a fresh `python -c` that imports the app, unlocks the store (the
bench stores use the test key-derivation parameters, so the password check itself
is not in the figure), builds `ui.main_window.MainWindow`, shows it offscreen and
renders it once (`grab()`, which paints every visible widget). The parent times
from spawn to the child's "painted" line. Peak RSS is the child's own maximum
(`ru_maxrss`) after the People search list was filled page by page, as the view
asks when scrolled to its end, until every matching person was listed.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bench.figures import PASSWORD, USER, report

from coldwave_app.storage.keystore import KdfParams
from coldwave_app.storage.local_store import initialise

RUNS = int(os.environ.get("COLDWAVE_BENCH_STARTS", "5"))

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from coldwave_app.ui.application import create_application
from coldwave_app.storage.local_store import unlock
from coldwave_app.ui.session import Session
from coldwave_app.ui.main_window import MainWindow

app = create_application(sys.argv[:1])
store = unlock(Path(sys.argv[1]), username=sys.argv[2], password=sys.argv[3])
window = MainWindow(Session(store))
window.show()
while not window.isVisible():
    app.processEvents()
app.processEvents()
window.grab()
print("painted", flush=True)
if len(sys.argv) > 4:
    from PySide6.QtWidgets import QTableView
    from coldwave_app.services.people_pages import search_everything, search_people
    from coldwave_app.ui.people.search_model import SearchModel
    view = QTableView()
    model = SearchModel(view)
    view.setModel(model)
    view.resize(1000, 700)
    view.show()
    text = sys.argv[4]
    model.set_results(search_everything(store, text=text))
    listed = model.counts()["person"]
    while model.more_people:
        people, more = search_people(store, text=text, skip=listed)
        model.append_people(people, more)
        listed += len(people)
        view.scrollToBottom()
        app.processEvents()
    view.grab()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"listed": listed, "peak_rss_mb": round(rss_mb, 1)}), flush=True)
"""


def _start(data_dir: Path, *extra: str) -> tuple[float, list[str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), USER, PASSWORD, *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert child.stdout is not None
    first = child.stdout.readline()
    elapsed = time.perf_counter() - started
    rest, errors = child.communicate(timeout=1800)
    assert first.strip() == "painted", errors[-2000:]
    return elapsed * 1000, rest.splitlines()


@pytest.fixture(scope="module")
def empty_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("empty") / "data"
    initialise(data, admin=USER, password=PASSWORD, kdf=KdfParams.for_tests()).close()
    return data


def test_cold_start_with_an_empty_database(empty_dir: Path) -> None:
    _start(empty_dir)  # the first start compiles bytecode and warms the page cache
    samples = [_start(empty_dir)[0] for _ in range(RUNS)]
    report("cold_start_empty_db", samples, target_ms=1000, kdf="test parameters")


def test_cold_start_with_the_season_open(season_dir: Path) -> None:
    _start(season_dir)
    samples = [_start(season_dir)[0] for _ in range(RUNS)]
    report("cold_start_season", samples, target_ms=1500, kdf="test parameters")


def test_peak_memory_with_the_people_list_scrolled_to_the_end(season_dir: Path) -> None:
    _elapsed, lines = _start(season_dir, os.environ.get("COLDWAVE_BENCH_SCROLL_TEXT", "a"))
    figures = json.loads(lines[-1])
    line = {"figure": "peak_rss_people_list", **figures, "target_mb": 400}
    line["met"] = figures["peak_rss_mb"] <= 400
    print(json.dumps(line), flush=True)
    assert figures["listed"] > 0
    assert statistics.mean([figures["peak_rss_mb"]]) > 0
