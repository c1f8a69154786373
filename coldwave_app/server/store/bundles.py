"""Bundles at the server: its key pair, and answering a laptop's bundle with a reply.

The server's private keys live in the `server_key` table, not in a file of the
data directory: the device public keys they pair with are in the same database,
so a backup, a restore or a second server process (another host on the same
PostgreSQL) always has matching keys, and the first use is made race-free by the
table's primary key rather than by file locking. The database already holds
every record of the campaign, so it is protected at least as well as a key file.

Importing a bundle verifies it with the laptop's stored key before anything is
stored, pushes its changes through the same code as `POST /v1/push` (replays come
back as duplicates), then collects what the laptop must pull after the bundle's
cursor, like `GET /v1/pull`, up to `MAX_REPLY_CHANGES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from coldwave_app.server.db import device as device_table
from coldwave_app.server.db import server_key
from coldwave_app.server.security import iso, utc_now
from coldwave_app.server.store.changes import pull_page
from coldwave_app.server.store.devices import Device, _device
from coldwave_app.server.store.push import push_changes
from coldwave_app.sync.bundle_format import (
    DEVICE_TO_SERVER,
    SERVER_TO_DEVICE,
    BundleRefused,
    KeyPair,
    new_key_pair,
    open_bundle,
    read_header,
    seal,
)
from coldwave_app.sync.protocol import MAX_PULL_LIMIT, MAX_PUSH_CHANGES

_KEY_ROW = 1
MAX_REPLY_CHANGES = 200_000
MAX_BUNDLE_CHANGES = 1_000_000


class BundleRejected(Exception):
    """A bundle the server refuses; the message is one line for the operator."""


@dataclass
class BundleImport:
    reply: bytes
    device_id: str
    bundle_id: str
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    sent: int = 0
    more: bool = False


def server_keys(*, engine: Engine) -> KeyPair:
    """The server's bundle key pair, made on first use."""
    with engine.connect() as conn:
        row = conn.execute(select(server_key).where(server_key.c.id == _KEY_ROW)).first()
    if row is None:
        fresh = new_key_pair()
        try:
            with engine.connect().execution_options(immediate=True) as conn, conn.begin():
                conn.execute(
                    insert(server_key),
                    {
                        "id": _KEY_ROW,
                        "signing_private_key": fresh.signing_private,
                        "box_private_key": fresh.box_private,
                        "created_at": iso(utc_now()),
                    },
                )
        except IntegrityError:
            pass  # another process made them first: use theirs
        with engine.connect() as conn:
            row = conn.execute(select(server_key).where(server_key.c.id == _KEY_ROW)).one()
    return KeyPair(signing_private=row.signing_private_key, box_private=row.box_private_key)


def _sender(*, engine: Engine, device_id: str) -> tuple[Device, str, str]:
    with engine.connect() as conn:
        row = conn.execute(select(device_table).where(device_table.c.id == device_id)).first()
    if row is None or row.status != "active":
        raise BundleRejected(
            f"the bundle comes from an unknown or revoked laptop ({device_id[:40]!r}), "
            "or was altered: nothing was imported"
        )
    if not row.signing_public_key or not row.box_public_key:
        raise BundleRejected(
            f"laptop {device_id} enrolled without bundle keys (an older version): "
            "it must sync over the network"
        )
    return _device(row), row.signing_public_key, row.box_public_key


def import_device_bundle(*, engine: Engine, data: bytes) -> BundleImport:
    """Verify and apply a laptop's bundle; the signed, encrypted reply it must import."""
    try:
        header = read_header(data)
        sender, signing_public, box_public = _sender(engine=engine, device_id=header.device_id)
        keys = server_keys(engine=engine)
        header, payload = open_bundle(
            data,
            kind=DEVICE_TO_SERVER,
            campaign_id=sender.campaign_id,
            device_id=sender.id,
            sender_signing_public_key=signing_public,
            recipient_box_key=keys.box_private,
        )
    except BundleRefused as refused:
        raise BundleRejected(str(refused).rstrip(".") + ": nothing was imported") from None
    raw_changes, cursor = _device_payload(payload)
    done = BundleImport(reply=b"", device_id=sender.id, bundle_id=header.bundle_id)
    results: list[dict[str, Any]] = []
    for start in range(0, len(raw_changes), MAX_PUSH_CHANGES):
        batch = raw_changes[start : start + MAX_PUSH_CHANGES]
        for result in push_changes(engine=engine, device=sender, raw_changes=batch):
            results.append(result.model_dump())
            if result.status == "accepted":
                done.accepted += 1
            elif result.status == "duplicate":
                done.duplicates += 1
            else:
                done.rejected += 1
    changes: list[dict[str, Any]] = []
    position = cursor
    while True:
        limit = min(MAX_PULL_LIMIT, MAX_REPLY_CHANGES - len(changes))
        page = pull_page(
            engine=engine,
            campaign_id=sender.campaign_id,
            device_id=sender.id,
            cursor=position,
            limit=limit,
        )
        changes.extend(change.model_dump() for change in page.changes)
        moved = page.next_cursor > position
        position = page.next_cursor
        done.more = page.more
        if not page.more or not moved or len(changes) >= MAX_REPLY_CHANGES:
            break
    done.sent = len(changes)
    reply = {
        "results": results,
        "changes": changes,
        "next_cursor": position,
        "more": done.more,
        "in_reply_to": header.bundle_id,
    }
    done.reply = seal(
        reply,
        kind=SERVER_TO_DEVICE,
        campaign_id=sender.campaign_id,
        device_id=sender.id,
        sender_signing_key=keys.signing_private,
        recipient_box_public_key=box_public,
    )
    return done


def _device_payload(payload: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    raw_changes = payload.get("changes")
    cursor = payload.get("cursor")
    if (
        not isinstance(raw_changes, list)
        or len(raw_changes) > MAX_BUNDLE_CHANGES
        or not isinstance(cursor, int)
        or isinstance(cursor, bool)
        or cursor < 0
    ):
        raise BundleRejected("the bundle's content is malformed: nothing was imported")
    return raw_changes, cursor
