"""Several replicas of one campaign, and a direct pipe between them (no server).

Each replica is a real encrypted data directory with its own device id. `ship`
delivers one replica's local changes to another through the same Merger that
sync uses, so merge rules can be tested without a network.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from coldwave_app.domain.ids import new_id
from coldwave_app.storage.local_store import LocalStore, unlock
from coldwave_app.storage.merge import IncomingChange, MergeCounts, Merger
from helpers.stores import ADMIN, PASSWORD


def make_replica(template_dir: Path, target: Path) -> LocalStore:
    """A copy of the template data directory that is a device of its own."""
    shutil.copytree(template_dir, target)
    store = unlock(target, username=ADMIN, password=PASSWORD)
    store.set_meta("device_id", new_id())
    # The template's own first changes (its admin and device rows) were made by the
    # template's device; a copy must not push them as its own.
    store.db.execute("UPDATE change_log SET push_state = 'accepted' WHERE origin = 'local'")
    store.close()
    return unlock(target, username=ADMIN, password=PASSWORD)


def local_changes(store: LocalStore, *, since_seq: int = 0) -> list[IncomingChange]:
    rows = store.db.execute(
        "SELECT seq, change_id, table_name, row_id, op, field, value, hlc, base_hlc, device_id, "
        "user_id, campaign_id, recorded_at FROM change_log WHERE origin = 'local' AND seq > ? "
        "ORDER BY seq",
        [since_seq],
    ).fetchall()
    return [
        IncomingChange(
            change_id=r[1],
            table=r[2],
            row_id=r[3],
            op=r[4],
            field=r[5],
            value=json.loads(r[6]),
            hlc=r[7],
            base_hlc=r[8],
            device_id=r[9],
            user_id=r[10],
            campaign_id=r[11],
            recorded_at=r[12],
            server_seq=r[0],
        )
        for r in rows
    ]


def ship(source: LocalStore, target: LocalStore, *, skip_users: bool = True) -> MergeCounts:
    """Apply every local change of `source` to `target`."""
    changes = [
        c for c in local_changes(source) if not (skip_users and c.table in ("app_user", "device"))
    ]
    merger = Merger(target.db, catalog=target.catalog, clock=target.clock)
    return merger.apply_page(changes)
