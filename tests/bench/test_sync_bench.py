"""Benchmark: sync of a province season through a real `coldwave-server` process.

Run with `make bench` (not part of `make test`). Prints one JSON line per figure.
Scale comes from COLDWAVE_BENCH_PERSONS / COLDWAVE_BENCH_EVENTS (default 100,000
persons and 1,000,000 events); the season is generated once and cached in
bench-cache/ (shared with test_workflow_bench). The figures, in order:

1. `sync_push_season`: the laptop holding the season pushes it to a fresh server;
2. `sync_first_pull`: a freshly enrolled laptop pulls everything, with the bytes
   on the wire and the ratio to a floor measured in the same run (the same rows
   and their change-log rows inserted straight into SQLCipher with executemany);
3. `sync_incremental`: 1,000 edits on one laptop, then it and the other sync, with
   the ratio to a floor: the same updates and change-log rows written straight into
   the receiving laptop's database (in a transaction rolled back afterwards);
4. `sync_server_throughput`: 20 devices pushing 500 changes each at once, on
   SQLite and PostgreSQL (COLDWAVE_BENCH_DEVICES / _DEVICE_CHANGES / _DEVICE_BATCH),
   with the ratio to a floor: the same change-log and merged-state rows inserted
   straight into the same server database (executemany, one transaction per batch).

Run only this file: `.venv/bin/python -m pytest tests/bench/test_sync_bench.py -q -s`.
Every figure is a single run (a season push takes minutes): on a shared machine
the figures move with the load.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from helpers.sync_server import HEADERS, RunningServer, insert_change, stamp
from requests.adapters import HTTPAdapter

from coldwave_app.server.app import open_engine
from coldwave_app.server.config import make_settings
from coldwave_app.server.db import changes as changes_table
from coldwave_app.server.db import field_state
from coldwave_app.server.store.campaigns import create_campaign
from coldwave_app.server.store.devices import add_pending_device, enrol_device
from coldwave_app.services.people import reindex_people
from coldwave_app.services.sync_service import enrol
from coldwave_app.services.synthetic_season import generate_season
from coldwave_app.storage.database import open_database
from coldwave_app.storage.geography import load_geography
from coldwave_app.storage.keystore import KdfParams
from coldwave_app.storage.local_store import LocalStore, initialise, unlock
from coldwave_app.sync.client import SyncClient
from coldwave_app.sync.engine import synchronise

PERSONS = int(os.environ.get("COLDWAVE_BENCH_PERSONS", "100000"))
EVENTS = int(os.environ.get("COLDWAVE_BENCH_EVENTS", "1000000"))
DEVICES = int(os.environ.get("COLDWAVE_BENCH_DEVICES", "20"))
DEVICE_CHANGES = int(os.environ.get("COLDWAVE_BENCH_DEVICE_CHANGES", "500"))
DEVICE_BATCH = int(os.environ.get("COLDWAVE_BENCH_DEVICE_BATCH", "50"))
EDITS = 1000
CACHE = Path(__file__).resolve().parents[2] / "bench-cache" / f"season-{PERSONS}-{EVENTS}"
PASSWORD = "benchmark-password"


def emit(figure: str, **values: object) -> None:
    print(json.dumps({"figure": figure, "persons": PERSONS, "events": EVENTS, **values}))


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class CountingAdapter(HTTPAdapter):
    """Counts the bytes of request bodies and of (compressed) response bodies."""

    def __init__(self) -> None:
        super().__init__()
        self.sent = 0
        self.received = 0
        self.requests = 0

    def send(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        body = request.body
        self.sent += len(body) if isinstance(body, bytes | str) else 0
        response = super().send(request, *args, **kwargs)
        self.requests += 1
        length = response.headers.get("Content-Length")
        self.received += int(length) if length is not None else len(response.content)
        return response


def season_copy(target: Path) -> LocalStore:
    if not (CACHE / "keys.json").exists():
        building = CACHE.with_name(CACHE.name + ".building")
        shutil.rmtree(building, ignore_errors=True)
        store = initialise(building, admin="bench", password=PASSWORD, kdf=KdfParams.for_tests())
        load_geography(store.db)
        generate_season(store, persons=PERSONS, events=EVENTS, seed=1)
        reindex_people(store)
        store.close()
        building.rename(CACHE)
    shutil.copytree(CACHE, target)
    return unlock(target, username="bench", password=PASSWORD)


@dataclass
class Server:
    running: RunningServer
    engine: Any

    def code(self, campaign_id: str) -> str:
        _device, code = add_pending_device(
            engine=self.engine, campaign_id=campaign_id, role="outreach_worker",
            scope="province:05.301", label="bench",
        )  # fmt: skip
        return code


def open_server(
    start_server: Callable[..., RunningServer], data_dir: Path, database_url: str | None = None
) -> Server:
    running = start_server(database_url=database_url, data_dir=data_dir)
    engine = open_engine(make_settings(data_dir=data_dir, database_url=database_url))
    return Server(running=running, engine=engine)


def sync(store: LocalStore, server: Server, adapter: CountingAdapter | None = None) -> Any:
    client = SyncClient(server.running.url, token=store.meta("sync_token"))
    if adapter is not None:
        client.session.mount("http://", adapter)
    try:
        return synchronise(store, client)
    finally:
        client.close()


def copy_floor(source: LocalStore, path: Path) -> float:
    """Seconds to insert `source`'s synced rows and change-log rows straight into SQLCipher."""
    db = open_database(path, b"\x02" * 32, create=True)
    db.execute("PRAGMA foreign_keys = OFF")
    elapsed = 0.0
    log_columns = [
        r[1] for r in source.db.execute("PRAGMA table_info(change_log)").fetchall() if r[1] != "seq"
    ]
    sources = [(t.name, sorted(t.columns)) for t in source.catalog.tables()]
    sources.append(("change_log", log_columns))
    for table, columns in sources:
        cursor = source.db.conn.execute(f"SELECT {', '.join(columns)} FROM {table}")
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        while True:
            rows = cursor.fetchmany(5000)
            if not rows:
                break
            started = time.perf_counter()
            with db.atomic():
                db.conn.executemany(sql, rows)
            elapsed += time.perf_counter() - started
    db.conn.close()
    return elapsed


def incremental_floor(store: LocalStore, people: list[str]) -> float:
    """Seconds to write the edits' rows straight into `store`'s database, rolled back:
    each person's two fields and one change-log row per field, with executemany."""
    columns = [
        r[1] for r in store.db.execute("PRAGMA table_info(change_log)").fetchall() if r[1] != "seq"
    ]
    template = store.db.execute(
        f"SELECT {', '.join(columns)} FROM change_log ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    log_rows = []
    for pid in people:
        for field in ("phone", "known_as"):
            row = dict(zip(columns, template, strict=True))
            row.update(change_id=str(uuid.uuid4()), row_id=pid, field=field)
            log_rows.append([row[c] for c in columns])
    marks = ", ".join("?" for _ in columns)
    conn = store.db.conn
    started = time.perf_counter()
    conn.execute("SAVEPOINT floor")
    conn.executemany(
        "UPDATE person SET phone = ?, known_as = ? WHERE id = ?",
        [("0600000000", f"f{n}", pid) for n, pid in enumerate(people)],
    )
    conn.executemany(f"INSERT INTO change_log ({', '.join(columns)}) VALUES ({marks})", log_rows)
    elapsed = time.perf_counter() - started
    conn.execute("ROLLBACK TO floor")
    conn.execute("RELEASE floor")
    return elapsed


def test_push_then_first_pull_then_incremental(
    start_server: Callable[..., RunningServer], tmp_path: Path
) -> None:
    source = season_copy(tmp_path / "source")
    campaign_id = source.campaign_id
    assert campaign_id
    server = open_server(start_server, tmp_path / "server")
    create_campaign(
        engine=server.engine, name="Bench", province_code="05.301", campaign_id=campaign_id,
        announce=False,
    )  # fmt: skip
    enrol(source, server_url=server.running.url, code=server.code(campaign_id))
    pending = int(source.db.execute("SELECT count(*) FROM outbox").fetchone()[0])

    # 1. The season's laptop pushes everything to the fresh server.
    started = time.perf_counter()
    pushed = sync(source, server)
    push_seconds = time.perf_counter() - started
    assert pushed.rejected == 0 and pushed.accepted == pending
    emit(
        "sync_push_season", changes=pending, seconds=round(push_seconds, 2),
        changes_per_second=round(pending / push_seconds), server="sqlite",
    )  # fmt: skip

    # 2. A fresh laptop enrols and pulls the whole campaign.
    fresh = initialise(
        tmp_path / "fresh", admin="bench", password=PASSWORD, kdf=KdfParams.for_tests()
    )
    load_geography(fresh.db)
    enrol(fresh, server_url=server.running.url, code=server.code(campaign_id))
    adapter = CountingAdapter()
    started = time.perf_counter()
    pulled = sync(fresh, server, adapter)
    pull_seconds = time.perf_counter() - started
    assert pulled.quarantined == 0 and pulled.applied >= pending - 2
    floor = copy_floor(fresh, tmp_path / "floor.db")
    emit(
        "sync_first_pull", changes=pulled.pulled, seconds=round(pull_seconds, 2),
        changes_per_second=round(pulled.pulled / pull_seconds), target_seconds=60,
        bytes_received=adapter.received, bytes_sent=adapter.sent, requests=adapter.requests,
        bytes_per_change=round(adapter.received / max(1, pulled.pulled), 1),
        raw_insert_floor_seconds=round(floor, 2), ratio_to_floor=round(pull_seconds / floor, 2),
        target_ratio=5,
    )  # fmt: skip

    # 3. 1,000 edits on the season's laptop; it pushes, the fresh laptop pulls.
    people = [r[0] for r in source.db.execute("SELECT id FROM person ORDER BY id LIMIT ?", [EDITS])]
    rng = random.Random(3)
    with source.db.atomic():
        writer = source.writer()
        for n, pid in enumerate(people):
            writer.update(
                "person", pid, {"phone": f"06{rng.randrange(10**8):08d}", "known_as": f"e{n}"}
            )
    started = time.perf_counter()
    edited = sync(source, server)
    push_seconds = time.perf_counter() - started
    started = time.perf_counter()
    received = sync(fresh, server)
    pull_seconds = time.perf_counter() - started
    assert edited.accepted == received.pulled == len(people) * 2
    floor = incremental_floor(fresh, people)
    emit(
        "sync_incremental", edits=len(people), changes=received.pulled,
        push_seconds=round(push_seconds, 3), pull_seconds=round(pull_seconds, 3),
        seconds=round(push_seconds + pull_seconds, 3), target_seconds=1,
        raw_write_floor_seconds=round(floor, 3),
        ratio_to_floor=round((push_seconds + pull_seconds) / floor, 1),
    )  # fmt: skip
    source.close()
    fresh.close()
    server.engine.dispose()


def _push_storm(server: Server, campaign_id: str) -> tuple[float, int, list[float], int]:
    """DEVICES threads, each its own token, pushing DEVICE_CHANGES inserts in batches."""
    # Enrolled straight in the database: the server rate-limits enrolment per address,
    # and enrolling is not what this figure measures.
    tokens = []
    for _ in range(DEVICES):
        device_id = str(uuid.uuid4())
        enrolled = enrol_device(
            engine=server.engine, code=server.code(campaign_id), device_id=device_id, label="bench"
        )
        tokens.append((device_id, enrolled.token))
    latencies: list[float] = []
    errors: list[str] = []
    accepted = [0]
    lock = threading.Lock()
    barrier = threading.Barrier(DEVICES)

    def device(device_id: str, token: str) -> None:
        session = requests.Session()
        headers = {**HEADERS, "Authorization": f"Bearer {token}"}
        changes = [
            insert_change(
                device_id=device_id,
                campaign_id=campaign_id,
                hlc=stamp(1_700_000_000_000 + n, device_id),
                known_as=f"p{n}",
                sex="f",
                name_quality="full",
                dob_quality="unknown",
            )
            for n in range(DEVICE_CHANGES)
        ]
        barrier.wait()
        for start in range(0, len(changes), DEVICE_BATCH):
            batch = changes[start : start + DEVICE_BATCH]
            began = time.perf_counter()
            try:
                response = session.post(
                    f"{server.running.url}/v1/push", json={"changes": batch}, headers=headers,
                    timeout=120,
                )  # fmt: skip
            except requests.RequestException as err:
                with lock:
                    errors.append(repr(err))
                continue
            took = time.perf_counter() - began
            with lock:
                latencies.append(took)
                if response.status_code != 200:
                    errors.append(f"{response.status_code}: {response.text[:200]}")
                    continue
                for result in response.json()["results"]:
                    if result["status"] == "accepted":
                        accepted[0] += 1
                    else:
                        errors.append(json.dumps(result))
        session.close()

    threads = [threading.Thread(target=device, args=pair) for pair in tokens]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    assert not errors, errors[:5]
    return elapsed, accepted[0], latencies, len(errors)


def storm_floor(server: Server, campaign_id: str) -> float:
    """Seconds to insert the storm's rows straight into the same server database: one
    `changes` row and its merged `field_state` rows per change, DEVICE_BATCH per
    transaction, executemany (what any server must write, without judging or checks)."""
    received = "2026-01-05T10:00:00.000Z"
    seconds = 0.0
    for n in range(DEVICES):
        device_id = f"floor-{n}"
        changes = [
            insert_change(
                device_id=device_id, campaign_id=campaign_id,
                hlc=stamp(1_700_000_000_000 + k, device_id), known_as=f"p{k}", sex="f",
                name_quality="full", dob_quality="unknown",
            )
            for k in range(DEVICE_CHANGES)
        ]  # fmt: skip
        for start in range(0, len(changes), DEVICE_BATCH):
            batch = changes[start : start + DEVICE_BATCH]
            log = [
                {
                    "change_id": c["change_id"], "campaign_id": campaign_id,
                    "table_name": c["table"], "row_id": c["row_id"], "op": c["op"],
                    "field": None, "value": json.dumps(c["value"]), "hlc": c["hlc"],
                    "base_hlc": None, "device_id": device_id, "user_id": c["user_id"],
                    "recorded_at": c["recorded_at"], "received_at": received,
                }
                for c in batch
            ]  # fmt: skip
            state = [
                {"campaign_id": campaign_id, "table_name": c["table"], "row_id": c["row_id"],
                 "field": name, "value": json.dumps(value), "hlc": c["hlc"]}
                for c in batch
                for name, value in c["value"].items()
            ]  # fmt: skip
            started = time.perf_counter()
            with server.engine.begin() as conn:
                conn.execute(changes_table.insert(), log)
                conn.execute(field_state.insert(), state)
            seconds += time.perf_counter() - started
    return seconds


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_server_throughput_with_devices_pushing_at_once(
    engine_name: str,
    start_server: Callable[..., RunningServer],
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    database_url = None if engine_name == "sqlite" else str(request.getfixturevalue("postgres_url"))
    server = open_server(start_server, tmp_path / "server", database_url)
    campaign_id = create_campaign(engine=server.engine, name="Storm", province_code="05.301").id
    elapsed, accepted, latencies, errors = _push_storm(server, campaign_id)
    assert accepted == DEVICES * DEVICE_CHANGES and errors == 0
    floor_campaign = create_campaign(engine=server.engine, name="Floor", province_code="05.301").id
    floor = storm_floor(server, floor_campaign)
    emit(
        "sync_server_throughput", server=engine_name, devices=DEVICES,
        changes_per_device=DEVICE_CHANGES, batch=DEVICE_BATCH, seconds=round(elapsed, 2),
        changes_per_second=round(accepted / elapsed), requests=len(latencies),
        median_ms=round(statistics.median(latencies) * 1000, 1),
        p99_ms=round(percentile(latencies, 0.99) * 1000, 1), errors=errors,
        target_changes_per_second=2000 if engine_name == "postgresql" else None,
        raw_insert_floor_seconds=round(floor, 2),
        raw_insert_changes_per_second=round(accepted / floor),
        ratio_to_floor=round(elapsed / floor, 2),
    )  # fmt: skip
    server.engine.dispose()
