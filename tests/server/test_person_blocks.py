"""The likely-duplicate check's blocking index follows the merged persons: renamed,
deleted and re-dated persons move in it, and a bulk push finds its duplicates."""

from __future__ import annotations

import json
import uuid
from typing import Any

from helpers.sync_server import Device, SyncApi, insert_change, stamp, update_change
from sqlalchemy import select

from coldwave_app.server.db import changes, person_block


def person(device: Device, n: int = 0, **fields: Any) -> dict[str, Any]:
    change = insert_change(
        device_id=device.id, campaign_id=device.campaign_id,
        row_id=f"pers-{uuid.uuid4().hex[:12]}", hlc=stamp(1_700_000_000_000 + n, device.id),
        sex="m", name_quality="full", province_code="05.301", deleted=0, **fields,
    )  # fmt: skip
    change["value"]["device_id"] = device.id
    return change


def edit(device: Device, row_id: str, field: str, value: Any, n: int) -> dict[str, Any]:
    return update_change(
        device_id=device.id, campaign_id=device.campaign_id, row_id=row_id, field_name=field,
        value=value, hlc=stamp(1_700_000_100_000 + n, device.id),
    )  # fmt: skip


def duplicate_pairs(api: SyncApi, campaign_id: str) -> set[frozenset[str]]:
    with api.engine.connect() as conn:
        rows = conn.execute(
            select(changes.c.value).where(
                changes.c.campaign_id == campaign_id, changes.c.table_name == "review_item"
            )
        ).scalars()
        items = [json.loads(value) for value in rows]
    return {
        frozenset({i["subject_id"], i["other_id"]})
        for i in items
        if i["kind"] == "likely_duplicate"
    }


def test_a_renamed_person_is_found_under_the_new_name_only(api: SyncApi) -> None:
    campaign = api.new_campaign()
    one, two = api.enrol(campaign), api.enrol(campaign)
    moha = person(one, given_name_latn="Moha", family_name_latn="Ouali", birth_year=1975)
    api.push(one, [moha])
    api.push(one, [edit(one, moha["row_id"], "given_name_latn", "Hammou", 1)])
    old_name = person(two, 2, given_name_latn="Moha", family_name_latn="Ouali", birth_year=1975)
    new_name = person(two, 3, given_name_latn="Hamou", family_name_latn="Wali", birth_year=1979)
    api.push(two, [old_name, new_name])
    assert duplicate_pairs(api, campaign) == {frozenset({moha["row_id"], new_name["row_id"]})}


def test_a_deleted_person_leaves_the_index(api: SyncApi) -> None:
    campaign = api.new_campaign()
    one, two = api.enrol(campaign), api.enrol(campaign)
    itto = person(one, given_name_latn="Itto", family_name_latn="Ait Baha", birth_year=1960)
    api.push(one, [itto, edit(one, itto["row_id"], "deleted", 1, 1)])
    with api.engine.connect() as conn:
        assert conn.execute(select(person_block.c.person_id)).all() == []
    again = person(two, 2, given_name_latn="Itto", family_name_latn="Ait Baha", birth_year=1961)
    api.push(two, [again])
    assert duplicate_pairs(api, campaign) == set()


def test_a_bulk_push_meets_each_earlier_namesake_within_five_years(api: SyncApi) -> None:
    campaign = api.new_campaign()
    one, two = api.enrol(campaign), api.enrol(campaign)
    years = [1950, 1960, 1970, 1980, 1990]
    earlier = [
        person(one, n, given_name_latn="Driss", family_name_latn="Alami", birth_year=year)
        for n, year in enumerate(years)
    ]
    others = [person(one, 10 + n, given_name_latn=f"Z{n}x", birth_year=1970) for n in range(50)]
    api.push(one, earlier + others)
    later = [
        person(two, 100 + n, given_name_ar="إدريس", family_name_ar="العلمي", birth_year=year + 5)
        for n, year in enumerate(years)
    ]
    api.push(two, later)
    # 1955 meets 1950 and 1960; 1995 meets 1990 only; ..., never the other names.
    expected = {
        frozenset({new["row_id"], old["row_id"]})
        for new in later
        for old in earlier
        if abs(new["value"]["birth_year"] - old["value"]["birth_year"]) <= 5
    }
    assert len(expected) == 9
    assert duplicate_pairs(api, campaign) == expected
