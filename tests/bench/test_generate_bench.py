"""Benchmark: building a season with `coldwave generate`, against a raw-insert floor.

Run with `make bench` (not part of `make test`). Prints one JSON line per figure.
Scale comes from COLDWAVE_BENCH_PERSONS / COLDWAVE_BENCH_EVENTS (default: the
province season of the design, 100,000 persons and 1,000,000 events).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coldwave_app.storage.database import open_database

PERSONS = int(os.environ.get("COLDWAVE_BENCH_PERSONS", "100000"))
EVENTS = int(os.environ.get("COLDWAVE_BENCH_EVENTS", "1000000"))
ENV = {**os.environ, "COLDWAVE_PASSWORD": "benchmark-password", "COLDWAVE_LANG": "fr"}


def coldwave(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "coldwave_app.cli", *args], env=ENV, check=True, capture_output=True
    )
    return time.perf_counter() - started


def raw_insert_floor(path: Path, rows: int) -> float:
    """The same number of rows, plus one change row each, inserted straight into SQLCipher."""
    db = open_database(path, b"\x01" * 32, create=True, migrate=False)
    db.execute("CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT, b INTEGER, c TEXT)")
    db.execute("CREATE TABLE log (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, value TEXT)")
    started = time.perf_counter()
    batch = 5000
    for start in range(0, rows, batch):
        data = [(f"{n:032d}", "x" * 20, n, "2025-12-01") for n in range(start, start + batch)]
        with db.atomic():
            db.conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", data)
            db.conn.executemany(
                "INSERT INTO log (id, value) VALUES (?, ?)",
                [(f"c{r[0]}", json.dumps(r)) for r in data],
            )
    elapsed = time.perf_counter() - started
    db.conn.close()
    return elapsed


@pytest.mark.slow
def test_generate_season_at_province_scale(tmp_path: Path) -> None:
    init_times = []
    for n in range(3):
        init_times.append(
            coldwave("init", "--data-dir", str(tmp_path / f"init{n}"), "--admin", "bench")
        )
    print(
        json.dumps(
            {
                "figure": "init_seconds",
                "median": round(statistics.median(init_times), 3),
                "runs": len(init_times),
            }
        )
    )
    data = tmp_path / "init0"
    generate = coldwave(
        "generate",
        "--data-dir",
        str(data),
        "--persons",
        str(PERSONS),
        "--events",
        str(EVENTS),
        "--seed",
        "1",
    )
    shutil.rmtree(data)  # 2 GB at province scale; the other benches read bench-cache/
    floor = raw_insert_floor(tmp_path / "floor.db", PERSONS + EVENTS)
    (tmp_path / "floor.db").unlink()
    print(
        json.dumps(
            {
                "figure": "generate_seconds",
                "persons": PERSONS,
                "events": EVENTS,
                "value": round(generate, 2),
                "target": 60,
                "raw_insert_floor_seconds": round(floor, 2),
                "ratio_to_floor": round(generate / floor, 2),
            }
        )
    )
    assert generate > 0
