"""The server checks the audit chains devices pushed, and names any tampering."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from helpers.sync_server import SyncApi, server_cli, stamp
from sqlalchemy import delete, update

from coldwave_app.domain.audit_chain import GENESIS, BreakKind, entry_hash
from coldwave_app.server.audit_chain import verify_campaign_audit
from coldwave_app.server.db import field_state


def audit_chain(device_id: str, n: int) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    prev = GENESIS
    for seq in range(1, n + 1):
        entry: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "campaign_id": None,  # a login before the laptop joined: no campaign
            "device_id": device_id,
            "seq": seq,
            "actor_id": "user-1",
            "actor_name": "amina",
            "action": "login" if seq == 1 else "export",
            "table_name": None,
            "row_id": None,
            "detail": None,
            "at": f"2026-01-05T10:00:0{seq}.000+00:00",
            "stamp": stamp(1_700_000_000_000 + seq, device_id),
            "prev_hash": prev,
        }
        entry["hash"] = entry_hash(entry, prev)
        prev = entry["hash"]
        entries.append(entry)
    return entries


def as_change(entry: dict[str, Any]) -> dict[str, Any]:
    value = {
        **entry,
        "created_at": entry["at"],
        "created_by": "user-1",
        "hlc": entry["stamp"],
    }
    return {
        "change_id": str(uuid.uuid4()),
        "table": "audit_entry",
        "row_id": entry["id"],
        "op": "insert",
        "value": value,
        "hlc": entry["stamp"],
        "device_id": entry["device_id"],
        "user_id": "user-1",
        "campaign_id": "",
        "recorded_at": "2026-01-05T10:00:00.000Z",
    }


@pytest.fixture
def pushed(api: SyncApi) -> tuple[SyncApi, str, list[dict[str, Any]]]:
    campaign_id = api.new_campaign()
    device = api.enrol(campaign_id)
    entries = audit_chain(device.id, 5)
    results = api.push(device, [as_change(e) for e in entries])
    assert [r["status"] for r in results] == ["accepted"] * 5
    return api, campaign_id, entries


def breaks(api: SyncApi, campaign_id: str) -> list[tuple[int, BreakKind]]:
    _count, found = verify_campaign_audit(engine=api.engine, campaign_id=campaign_id)
    return [(b.seq, b.kind) for b in found]


def set_field(api: SyncApi, row_id: str, field: str, value: Any) -> None:
    with api.engine.begin() as conn:
        conn.execute(
            update(field_state)
            .where(field_state.c.row_id == row_id, field_state.c.field == field)
            .values(value=json.dumps(value))
        )


def drop_row(api: SyncApi, row_id: str) -> None:
    with api.engine.begin() as conn:
        conn.execute(delete(field_state).where(field_state.c.row_id == row_id))


def test_a_pushed_chain_checks_out(pushed) -> None:  # type: ignore[no-untyped-def]
    api, campaign_id, _entries = pushed
    assert verify_campaign_audit(engine=api.engine, campaign_id=campaign_id) == (5, [])


def test_an_edited_entry_is_named(pushed) -> None:  # type: ignore[no-untyped-def]
    api, campaign_id, entries = pushed
    set_field(api, entries[2]["id"], "actor_name", "someone else")
    assert breaks(api, campaign_id) == [(3, BreakKind.EDITED)]


def test_a_removed_entry_is_named(pushed) -> None:  # type: ignore[no-untyped-def]
    api, campaign_id, entries = pushed
    drop_row(api, entries[1]["id"])
    assert breaks(api, campaign_id) == [(3, BreakKind.REMOVED)]


def test_reordered_entries_are_named(pushed) -> None:  # type: ignore[no-untyped-def]
    api, campaign_id, entries = pushed
    set_field(api, entries[1]["id"], "seq", 3)
    set_field(api, entries[2]["id"], "seq", 2)
    found = breaks(api, campaign_id)
    assert found[0] == (2, BreakKind.REORDERED)
    assert {kind for _seq, kind in found} == {BreakKind.REORDERED}


def test_a_cut_tail_is_named(pushed) -> None:  # type: ignore[no-untyped-def]
    api, campaign_id, entries = pushed
    drop_row(api, entries[4]["id"])
    drop_row(api, entries[3]["id"])
    assert breaks(api, campaign_id) == [(4, BreakKind.TRUNCATED)]


def test_the_command_says_where_and_fails(pushed, database_url: str | None, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    api, campaign_id, entries = pushed
    server_dir = tmp_path / "server"
    intact = server_cli("audit", "verify", "--campaign", campaign_id, data_dir=server_dir,
                        database_url=database_url)  # fmt: skip
    assert intact.returncode == 0, intact.stderr
    assert "5 entries" in intact.stdout
    set_field(api, entries[0]["id"], "action", "nothing to see")
    broken = server_cli("audit", "verify", "--campaign", campaign_id, data_dir=server_dir,
                        database_url=database_url)  # fmt: skip
    assert broken.returncode == 1
    assert f"device {entries[0]['device_id']}, entry 1: edited" in broken.stdout
    unknown = server_cli("audit", "verify", "--campaign", "nope", data_dir=server_dir,
                         database_url=database_url)  # fmt: skip
    assert unknown.returncode == 1 and "unknown campaign" in unknown.stderr
