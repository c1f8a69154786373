"""The audit log on this laptop: appending chained entries and checking every chain.

`append_entry` adds one entry to this device's chain (domain.audit_chain) through
the RecordWriter, so it syncs like any event, and moves the device's head (app_meta
`audit_head:<device>`, never synced) in the same transaction. Entries of other
devices arrive by sync and are checked the same way, without a head: a cut tail of
another device's chain shows on the server (server.audit_chain), not here.

Hazard: the head is read from app_meta, not from the last entry, so an entry
appended after a cut tail still links to the real head and the cut stays visible.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from coldwave_app.domain.audit_chain import (
    GENESIS,
    ChainBreak,
    entry_hash,
    format_head,
    parse_head,
    verify_chains,
)
from coldwave_app.domain.ids import new_id
from coldwave_app.storage.record_writer import RecordWriter

if TYPE_CHECKING:
    from sqlite_utils import Database

    from coldwave_app.storage.local_store import LocalStore

ENTRY_COLUMNS = (
    "id",
    "campaign_id",
    "device_id",
    "seq",
    "actor_id",
    "actor_name",
    "action",
    "table_name",
    "row_id",
    "detail",
    "at",
    "stamp",
    "prev_hash",
    "hash",
)


HEAD_PREFIX = "audit_head:"


def _head(db: Database, device_id: str) -> tuple[int, str]:
    row = db.execute("SELECT value FROM app_meta WHERE key = ?", [HEAD_PREFIX + device_id])
    found = row.fetchone()
    head = parse_head(found[0] if found else None)
    if head is not None:
        return head
    # No head recorded yet: start from the entries themselves (none: the genesis).
    last = db.execute(
        "SELECT seq, hash FROM audit_entry WHERE device_id = ? ORDER BY seq DESC LIMIT 1",
        [device_id],
    ).fetchone()
    return (int(last[0]), str(last[1])) if last else (0, GENESIS)


def append_entry(
    store: LocalStore,
    *,
    action: str,
    table: str | None = None,
    record_id: str | None = None,
    detail: Mapping[str, Any] | None = None,
    actor_id: str | None = None,
    actor_name: str | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """Chain one entry for this device; returns the stored entry.

    The actor defaults to the logged-in user; `at` (wall clock) to now. Call it in
    the same transaction as the action it records when there is one.
    """
    with store.db.atomic():
        seq, prev_hash = _head(store.db, store.device_id)
        # A current campaign not pulled yet (just enrolled) must not make logging,
        # and so logging in, fail on the foreign key: such entries carry none.
        campaign_id = store.campaign_id
        if (
            campaign_id
            and not store.db.execute(
                "SELECT 1 FROM campaign WHERE id = ?", [campaign_id]
            ).fetchone()
        ):
            campaign_id = None
        entry: dict[str, Any] = {
            "id": new_id(),
            "campaign_id": campaign_id,
            "device_id": store.device_id,
            "seq": seq + 1,
            "actor_id": actor_id if actor_id is not None else store.user.id,
            "actor_name": actor_name if actor_name is not None else store.user.username,
            "action": action,
            "table_name": table,
            "row_id": record_id,
            "detail": None if not detail else json.dumps(dict(detail), sort_keys=True),
            "at": (at or datetime.now(UTC)).isoformat(timespec="milliseconds"),
            "stamp": store.clock.now(),
            "prev_hash": prev_hash,
        }
        entry["hash"] = entry_hash(entry, prev_hash)
        writer = RecordWriter(
            store.db,
            clock=store.clock,
            device_id=store.device_id,
            user_id=store.user.id,
            campaign_id=campaign_id,
            catalog=store.catalog,
        )
        # The writer stamps campaign and device itself, with the same values.
        writer.insert(
            "audit_entry",
            {k: v for k, v in entry.items() if k not in ("campaign_id", "device_id")},
        )
        store.set_meta(HEAD_PREFIX + store.device_id, format_head(entry["seq"], entry["hash"]))
    return entry


def entries(db: Database, *, device_id: str | None = None) -> list[dict[str, Any]]:
    """The audit entries on this laptop (of one device, or all), by device and seq."""
    where, params = ("WHERE device_id = ?", [device_id]) if device_id else ("", [])
    rows = db.execute(
        f"SELECT {', '.join(ENTRY_COLUMNS)} FROM audit_entry {where} ORDER BY device_id, seq",
        params,
    ).fetchall()
    return [dict(zip(ENTRY_COLUMNS, row, strict=True)) for row in rows]


def heads(db: Database) -> dict[str, tuple[int, str] | None]:
    """The recorded head of each chain this laptop appends to (its own device ids)."""
    rows = db.execute(
        "SELECT substr(key, ?), value FROM app_meta WHERE key LIKE ?",
        [len(HEAD_PREFIX) + 1, HEAD_PREFIX + "%"],
    )
    return {str(d): parse_head(h) for d, h in rows}


def verify(db: Database) -> tuple[int, list[ChainBreak]]:
    """(number of entries checked, every break found) over every device's chain."""
    found = entries(db)
    return len(found), verify_chains(found, heads(db))
