"""Cross-device checks on the server: double serving and likely duplicates become
review items every laptop pulls; nothing is merged (DESIGN.md §4 "Double serving", §5)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers.field_devices import Fleet, enrol_fleet
from helpers.outreach import DOUAR
from helpers.sync_server import Device, SyncApi, insert_change, stamp

from coldwave_app.server.checks import run_checks
from coldwave_app.server.db import changes
from coldwave_app.services.campaign_setup import add_standard_catalogue
from coldwave_app.services.entitlements import add_default_rules
from coldwave_app.services.outreach import record_distribution, record_distribution_event
from coldwave_app.services.people import register_person
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.sync.protocol import Change

# --- two laptops against a real server ------------------------------------------------


@pytest.fixture
def fleet(start_server, database_url, template_dir: Path, tmp_path: Path) -> Iterator[Fleet]:  # type: ignore[no-untyped-def]
    server = start_server(database_url=database_url)
    built = enrol_fleet(
        server=server, database_url=database_url, template_dir=template_dir,
        root=tmp_path, count=2,
    )  # fmt: skip
    yield built
    built.close()


def review_items(store: LocalStore, kind: str) -> list[dict[str, Any]]:
    cursor = store.db.execute("SELECT * FROM review_item WHERE kind = ? ORDER BY id", [kind])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def give_blanket(store: LocalStore, *, person_id: str, blanket: str, day: date) -> str:
    event_id = record_distribution_event(
        store, occurred_on=day, access_mode="4x4", geo_code=DOUAR, authority_present="moqaddem"
    )
    return record_distribution(
        store, event_id=event_id, person_id=person_id, item_id=blanket
    ).record_id


def test_a_blanket_given_on_two_laptops_offline_is_a_review_item_on_both(fleet: Fleet) -> None:
    a, b = fleet.devices
    ids = add_standard_catalogue(a)
    add_default_rules(a, ids)
    itto = register_person(
        a, sex="f", given_name_latn="Itto", family_name_latn="Ouali", birth_year=1970,
        province_code="05.301",
    ).id  # fmt: skip
    fleet.sync(0)
    fleet.sync(1)  # B knows the person and the rules, then both go offline
    line_a = give_blanket(a, person_id=itto, blanket=ids["BLANKET"], day=date(2025, 12, 3))
    line_b = give_blanket(b, person_id=itto, blanket=ids["BLANKET"], day=date(2025, 12, 4))
    fleet.sync(0)
    fleet.sync(1)
    fleet.sync(0)
    for device in (a, b):
        items = review_items(device, "double_serving")
        assert len(items) == 1
        item = items[0]
        assert {item["subject_id"], item["other_id"]} == {line_a, line_b}
        assert item["subject_table"] == "distribution_line"
        assert item["status"] == "open"
        assert item["created_by"] == "server"
        detail = json.loads(item["detail"])
        assert detail["rule_code"] == "ONE_BLANKET_PER_PERSON"
        assert detail["person_id"] == itto
        # Nothing undone: both lines stand.
        assert device.db.execute("SELECT count(*) FROM distribution_line").fetchone()[0] == 2
    fleet.sync_all()
    assert len(review_items(a, "double_serving")) == 1


def test_one_person_registered_on_two_laptops_is_a_likely_duplicate_on_both(
    fleet: Fleet,
) -> None:
    a, b = fleet.devices
    arabic = register_person(
        a, sex="m", given_name_ar="محمد", family_name_ar="أوحمو", birth_year=1980,
        province_code="05.301",
    ).id  # fmt: skip
    latin = register_person(
        b, sex="m", given_name_latn="Mohamed", family_name_latn="Ouhammou", birth_year=1982,
        province_code="05.301",
    ).id  # fmt: skip
    register_person(  # same name, other sex: another person
        b, sex="f", given_name_latn="Mohamed", family_name_latn="Ouhammou", birth_year=1980,
    )  # fmt: skip
    fleet.sync(0)
    fleet.sync(1)
    fleet.sync(0)
    for device in (a, b):
        items = review_items(device, "likely_duplicate")
        assert len(items) == 1
        assert {items[0]["subject_id"], items[0]["other_id"]} == {arabic, latin}
        assert json.loads(items[0]["detail"])["score"] >= 85
        persons = {r[0] for r in device.db.execute("SELECT id FROM person WHERE deleted = 0")}
        assert {arabic, latin} <= persons and len(persons) == 3  # nothing merged
        assert device.db.execute("SELECT count(*) FROM person_link").fetchone()[0] == 0


# --- raw pushes to the in-process server ------------------------------------------------

BLANKET = "item-blanket"


def row_change(device: Device, table: str, n: int = 0, **fields: Any) -> dict[str, Any]:
    change = insert_change(
        device_id=device.id,
        campaign_id=device.campaign_id,
        table=table,
        row_id=f"{table[:4]}-{uuid.uuid4().hex[:12]}",
        hlc=stamp(1_700_000_000_000 + n, device.id),
        created_by="user-1",
        deleted=0,
        **fields,
    )
    change["value"]["device_id"] = device.id  # the row's column, as a laptop writes it
    return change


def blanket_rule(device: Device, **overrides: Any) -> dict[str, Any]:
    fields = {
        "code": "ONE_BLANKET_PER_PERSON", "kind": "max_per_period", "per": "person",
        "period": "campaign", "item_id": BLANKET, "max_qty": 1, "active": 1,
    }  # fmt: skip
    return row_change(device, "entitlement_rule", **{**fields, **overrides})


def blanket_to(device: Device, person_id: str, day: str) -> list[dict[str, Any]]:
    event = row_change(device, "distribution_event", occurred_on=day, geo_code=DOUAR)
    line = row_change(
        device, "distribution_line", event_id=event["row_id"], person_id=person_id,
        item_id=BLANKET, qty=1,
    )  # fmt: skip
    return [event, line]


def server_review_items(api: SyncApi, campaign_id: str) -> list[dict[str, Any]]:
    with api.engine.connect() as conn:
        rows = conn.execute(
            changes.select().where(
                changes.c.campaign_id == campaign_id, changes.c.table_name == "review_item"
            )
        ).all()
    return [json.loads(r.value) for r in rows]


def test_pushing_the_same_changes_again_adds_no_second_review_item(api: SyncApi) -> None:
    campaign = api.new_campaign()
    one, two = api.enrol(campaign), api.enrol(campaign)
    person = row_change(one, "person", sex="f", birth_year=1970, name_quality="full")
    first = [blanket_rule(one), person, *blanket_to(one, person["row_id"], "2025-12-03")]
    second = blanket_to(two, person["row_id"], "2025-12-04")
    assert {r["status"] for r in api.push(one, first)} == {"accepted"}
    assert {r["status"] for r in api.push(two, second)} == {"accepted"}
    items = server_review_items(api, campaign)
    assert [(i["kind"], i["subject_id"], i["other_id"]) for i in items] == [
        ("double_serving", second[1]["row_id"], first[3]["row_id"])
    ]
    assert {r["status"] for r in api.push(two, second)} == {"duplicate"}
    assert {r["status"] for r in api.push(one, first)} == {"duplicate"}
    # Checking the same lines again (as a replay through another path would) finds
    # the same item, by its deterministic id, and adds nothing.
    with api.engine.begin() as conn:
        again = [Change.model_validate(c) for c in second]
        assert run_checks(conn=conn, campaign_id=campaign, accepted=again) == 0
    assert len(server_review_items(api, campaign)) == 1
    pulled = [c for c in api.pull(one)["changes"] if c["table"] == "review_item"]
    assert len(pulled) == 1 and pulled[0]["device_id"] == "server"


def test_a_malformed_rule_does_not_fail_the_push_nor_hide_the_good_rules(api: SyncApi) -> None:
    campaign = api.new_campaign()
    one, two = api.enrol(campaign), api.enrol(campaign)
    person = row_change(one, "person", sex="m", birth_year=1990, name_quality="full")
    bad = [
        blanket_rule(one, code="BAD_KIND", kind="at_most_sometimes"),
        blanket_rule(one, code="BAD_QTY", max_qty="lots"),
        blanket_rule(one, code="BAD_PERIOD", period="fortnight"),
    ]
    first = [*bad, blanket_rule(one), person, *blanket_to(one, person["row_id"], "2025-12-03")]
    assert {r["status"] for r in api.push(one, first)} == {"accepted"}
    second = blanket_to(two, person["row_id"], "2025-12-04")
    assert {r["status"] for r in api.push(two, second)} == {"accepted"}
    items = server_review_items(api, campaign)
    assert [json.loads(i["detail"])["rule_code"] for i in items] == ["ONE_BLANKET_PER_PERSON"]


def test_a_failing_check_is_logged_and_the_push_stands(
    api: SyncApi, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(**_kwargs: Any) -> list[Any]:
        raise RuntimeError("check bug")

    monkeypatch.setattr("coldwave_app.server.checks.double_serving", broken)
    campaign = api.new_campaign()
    one, two = api.enrol(campaign), api.enrol(campaign)
    person = row_change(one, "person", sex="m", birth_year=1990, name_quality="full")
    first = [blanket_rule(one), person, *blanket_to(one, person["row_id"], "2025-12-03")]
    second = blanket_to(two, person["row_id"], "2025-12-04")
    assert {r["status"] for r in api.push(one, first)} == {"accepted"}
    assert {r["status"] for r in api.push(two, second)} == {"accepted"}
    assert server_review_items(api, campaign) == []
    assert "check bug" in caplog.text
    pulled = {c["row_id"] for c in api.pull(one)["changes"]}
    assert {c["row_id"] for c in second} <= pulled
