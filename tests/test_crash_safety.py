"""kill -9 at random moments: during heavy writes, during a sync push, during a pull.

A real `heavy_writer` process registers people through the services and prints
each id once committed; a real `coldwave sync` process pushes or pulls against a
real server. Each is SIGKILLed at a random moment. After every kill the victim's
database must pass integrity_check, hold every id the writer printed exactly once,
and have an outbox that agrees with its rows; at the end, syncing both laptops
must complete and give each the same people, nothing lost or doubled.

COLDWAVE_KILLS sets the number of kills (10 in `make test`, 120 in `make soak`);
COLDWAVE_KILL_SEED makes a run repeatable.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers.cli import run_coldwave
from helpers.replicas import make_replica
from helpers.stores import ADMIN, PASSWORD
from helpers.sync_server import cli_create_campaign, cli_enrol_code

from coldwave_app.services.sync_service import enrol, sync_now
from coldwave_app.storage.local_store import unlock

KILLS = int(os.environ.get("COLDWAVE_KILLS", "10"))
SEED = int(os.environ.get("COLDWAVE_KILL_SEED", str(int(time.time()))))
WRITER = Path(__file__).parent / "helpers" / "heavy_writer.py"
ENV = {**os.environ, "COLDWAVE_PASSWORD": PASSWORD, "COLDWAVE_LANG": "fr"}


def _enrolled_laptop(template_dir: Path, target: Path, server_url: str, code: str) -> None:
    """A laptop of its own, enrolled and holding the campaign (first sync done)."""
    store = make_replica(template_dir, target)
    try:
        enrol(store, server_url=server_url, code=code)
        sync_now(store)
    finally:
        store.close()


def _kill_writer(data_dir: Path, rng: random.Random) -> list[str]:
    """Run the writer, kill it after a random number of saves plus a random delay."""
    process = subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), ADMIN],
        stdout=subprocess.PIPE,
        stderr=(data_dir.parent / "writer-stderr.log").open("a"),
        text=True,
        env={**ENV, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )
    assert process.stdout is not None
    ready = process.stdout.readline().strip()
    assert ready == "ready", (data_dir.parent / "writer-stderr.log").read_text()[-3000:]
    wanted = rng.randint(1, 40)
    saved = [process.stdout.readline().strip() for _ in range(wanted)]
    time.sleep(rng.uniform(0, 0.03))
    process.send_signal(signal.SIGKILL)
    saved += [line.strip() for line in process.stdout if line.strip()]
    process.wait()
    assert process.returncode == -signal.SIGKILL
    return [s for s in saved if s]


def _kill_sync(data_dir: Path, rng: random.Random) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "coldwave_app.cli", "sync", "--data-dir", str(data_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
    )
    # The command needs ~0.7 s to start; the sync itself a fraction of a second more.
    time.sleep(rng.uniform(0.5, 1.6))
    process.send_signal(signal.SIGKILL)
    process.wait()


def _check(data_dir: Path, saved: set[str]) -> None:
    store = unlock(data_dir, username=ADMIN, password=PASSWORD)
    try:
        db = store.db
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        counted = dict(db.execute("SELECT id, count(*) FROM person GROUP BY id").fetchall())
        assert saved <= set(counted), f"lost {len(saved - set(counted))} saved people"
        assert all(n == 1 for n in counted.values())
        # The outbox agrees with the data: each person has exactly one insert change...
        orphans = db.execute(
            "SELECT count(*) FROM person p WHERE (SELECT count(*) FROM change_log c "
            "WHERE c.table_name = 'person' AND c.row_id = p.id AND c.op = 'insert') != 1"
        ).fetchone()[0]
        assert orphans == 0
        # ... and no change announces a person that is not there.
        ghosts = db.execute(
            "SELECT count(*) FROM change_log c WHERE c.table_name = 'person' "
            "AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = c.row_id)"
        ).fetchone()[0]
        assert ghosts == 0
    finally:
        store.close()


def _people(data_dir: Path) -> tuple[set[str], int, int]:
    store = unlock(data_dir, username=ADMIN, password=PASSWORD)
    try:
        ids = {r[0] for r in store.db.execute("SELECT id FROM person")}
        rows = store.db.execute("SELECT count(*) FROM person").fetchone()[0]
        # Each login writes an audit entry; only the people must all be pushed.
        pending = store.db.execute(
            "SELECT count(*) FROM outbox WHERE table_name = 'person'"
        ).fetchone()[0]
    finally:
        store.close()
    return ids, rows, pending


def test_kill_nine_during_writes_push_and_pull_loses_and_doubles_nothing(
    template_dir: Path,
    tmp_path: Path,
    start_server,  # type: ignore[no-untyped-def]
) -> None:
    rng = random.Random(SEED)
    server = start_server()
    campaign = cli_create_campaign(data_dir=server.data_dir, database_url=None, name="Kill")
    writer, reader = tmp_path / "writer", tmp_path / "reader"
    for laptop in (writer, reader):
        code = cli_enrol_code(data_dir=server.data_dir, database_url=None, campaign_id=campaign)
        _enrolled_laptop(template_dir, laptop, server.url, code)
    saved: set[str] = set()
    kinds = {"write": 0, "push": 0, "pull": 0}
    for n in range(KILLS):
        kind = ("write", "push", "pull")[n % 3]
        kinds[kind] += 1
        if kind == "write":
            saved.update(_kill_writer(writer, rng))
            _check(writer, saved)
        elif kind == "push":
            _kill_sync(writer, rng)
            _check(writer, saved)
        else:
            _kill_sync(reader, rng)
            _check(reader, set())
    for laptop in (writer, reader, writer):
        done = run_coldwave("sync", "--data-dir", str(laptop), "--json")
        assert done.returncode == 0, done.stderr
    written, written_rows, written_pending = _people(writer)
    pulled, pulled_rows, _ = _people(reader)
    assert saved <= written
    assert written_pending == 0
    assert written == pulled
    assert written_rows == len(written) and pulled_rows == len(pulled)
    print(f"\nkill test: seed {SEED}, {KILLS} kills {kinds}, {len(saved)} people saved, all intact")
