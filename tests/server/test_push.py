"""Push: one verdict per change, replays harmless, bad changes never sink the batch."""

from __future__ import annotations

import json

from helpers.sync_server import SyncApi, insert_change, stamp, update_change
from sqlalchemy import func, select

from coldwave_app.server.db import changes, field_state
from coldwave_app.sync.protocol import MAX_PUSH_CHANGES


def _count_changes(api: SyncApi) -> int:
    with api.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(changes)).scalar_one())


def _state(api: SyncApi, row_id: str, field_name: str) -> object:
    with api.engine.connect() as conn:
        value = conn.execute(
            select(field_state.c.value).where(
                field_state.c.row_id == row_id, field_state.c.field == field_name
            )
        ).scalar_one()
    return json.loads(value)


def test_push_is_accepted_then_the_same_push_is_all_duplicates(api: SyncApi) -> None:
    campaign_id = api.new_campaign()
    device = api.enrol(campaign_id)
    batch = [insert_change(device_id=device.id, campaign_id=campaign_id) for _ in range(3)]
    before = _count_changes(api)
    first = api.push(device, batch)
    assert [r["status"] for r in first] == ["accepted"] * 3
    seqs = [r["server_seq"] for r in first]
    assert seqs == sorted(seqs)
    again = api.push(device, batch)
    assert [r["status"] for r in again] == ["duplicate"] * 3
    assert [r["server_seq"] for r in again] == seqs
    assert _count_changes(api) == before + 3


def test_a_change_repeated_within_one_batch_is_stored_once(api: SyncApi) -> None:
    campaign_id = api.new_campaign()
    device = api.enrol(campaign_id)
    change = insert_change(device_id=device.id, campaign_id=campaign_id)
    results = api.push(device, [change, change])
    assert [r["status"] for r in results] == ["accepted", "duplicate"]
    assert results[0]["server_seq"] == results[1]["server_seq"]


def test_a_malformed_change_is_rejected_with_its_reason_and_the_others_accepted(
    api: SyncApi,
) -> None:
    campaign_id = api.new_campaign()
    device = api.enrol(campaign_id)
    good = [insert_change(device_id=device.id, campaign_id=campaign_id) for _ in range(2)]
    unknown_table = {**insert_change(device_id=device.id, campaign_id=campaign_id), "table": "x"}
    bad_stamp = {**insert_change(device_id=device.id, campaign_id=campaign_id), "hlc": "yesterday"}
    not_a_change = {"change_id": "42"}
    results = api.push(device, [good[0], unknown_table, bad_stamp, not_a_change, good[1]])
    assert [(r["status"], r["reason"]) for r in results] == [
        ("accepted", None),
        ("rejected", "unknown_table"),
        ("rejected", "bad_stamp"),
        ("rejected", "invalid"),
        ("accepted", None),
    ]
    assert results[1]["change_id"] == unknown_table["change_id"]


def test_changes_of_another_campaign_or_device_are_rejected(api: SyncApi) -> None:
    mine, theirs = api.new_campaign(), api.new_campaign(name="Hiver Ifrane", province="08.311")
    device = api.enrol(mine)
    other = api.enrol(theirs)
    their_row = insert_change(device_id=other.id, campaign_id=theirs)
    assert api.push(other, [their_row])[0]["status"] == "accepted"
    results = api.push(
        device,
        [
            insert_change(device_id=device.id, campaign_id=theirs),
            insert_change(device_id=other.id, campaign_id=mine),
            update_change(
                device_id=device.id, campaign_id=mine, row_id=their_row["row_id"],
                field_name="given_name", value="Hmad", hlc=stamp(1_800_000_000_000, device.id),
            ),
            insert_change(device_id=device.id, campaign_id="", table="app_user", username="said"),
        ],
    )  # fmt: skip
    assert [(r["status"], r["reason"]) for r in results] == [
        ("rejected", "other_campaign"),
        ("rejected", "invalid"),
        ("rejected", "other_campaign"),
        ("accepted", None),
    ]


def test_field_state_keeps_the_later_stamp_whatever_the_arrival_order(api: SyncApi) -> None:
    campaign_id = api.new_campaign()
    device = api.enrol(campaign_id)
    row = insert_change(
        device_id=device.id, campaign_id=campaign_id, hlc=stamp(1_000, device.id), given_name="A"
    )
    api.push(device, [row])

    def edit(value: str, wall_ms: int) -> dict[str, object]:
        return update_change(
            device_id=device.id, campaign_id=campaign_id, row_id=row["row_id"],
            field_name="given_name", value=value, hlc=stamp(wall_ms, device.id),
        )  # fmt: skip

    api.push(device, [edit("late", 3_000), edit("early", 2_000)])
    assert _state(api, row["row_id"], "given_name") == "late"
    api.push(device, [edit("later still", 4_000)])
    assert _state(api, row["row_id"], "given_name") == "later still"
    # An insert replayed late (older stamp) does not overwrite newer fields.
    stale = insert_change(
        device_id=device.id, campaign_id=campaign_id, row_id="row-b", hlc=stamp(9_000, device.id),
        given_name="new",
    )  # fmt: skip
    older = {
        **stale,
        "change_id": "00000000-0000-4000-8000-000000000001",
        "hlc": stamp(500, device.id),
        "value": {**stale["value"], "given_name": "old"},
    }
    api.push(device, [stale, older])
    assert _state(api, "row-b", "given_name") == "new"


def test_a_gzip_request_body_is_accepted(api: SyncApi) -> None:
    campaign_id = api.new_campaign()
    device = api.enrol(campaign_id)
    batch = [insert_change(device_id=device.id, campaign_id=campaign_id) for _ in range(5)]
    results = api.push(device, batch, gzipped=True)
    assert [r["status"] for r in results] == ["accepted"] * 5


def test_an_unreadable_gzip_body_or_an_oversized_batch_is_refused(api: SyncApi) -> None:
    campaign_id = api.new_campaign()
    device = api.enrol(campaign_id)
    headers = {**device.auth, "Content-Encoding": "gzip", "Content-Type": "application/json"}
    broken = api.client.post("/v1/push", content=b"not gzip", headers=headers)
    assert broken.status_code == 422
    assert broken.json()["error"] == "unreadable_body"
    too_many = [{"change_id": str(i)} for i in range(MAX_PUSH_CHANGES + 1)]
    oversized = api.client.post("/v1/push", json={"changes": too_many}, headers=device.auth)
    assert oversized.status_code == 413
    assert oversized.json()["error"] == "batch_too_large"
