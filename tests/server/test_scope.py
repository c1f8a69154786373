"""Device scope: a shelter desk (facility:ID) receives and may touch only its shelter's rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from helpers.sync_server import HEADERS, Device, SyncApi, insert_change, stamp, update_change
from sqlalchemy import insert, select

from coldwave_app.server.db import field_state, make_engine, row_scope
from coldwave_app.server.migrate import alembic_config, upgrade_to_head
from coldwave_app.server.store.devices import add_pending_device
from coldwave_app.server.store.scope import scope_facility


def enrol_scoped(api: SyncApi, campaign_id: str, scope: str) -> Device:
    _pending, code = add_pending_device(
        engine=api.engine, campaign_id=campaign_id, role="shelter_desk", scope=scope, label=""
    )
    device_id = str(uuid.uuid4())
    response = api.client.post(
        "/v1/enrol", json={"code": code, "device_id": device_id}, headers=HEADERS
    )
    assert response.status_code == 200, response.text
    return Device(id=device_id, token=response.json()["token"], campaign_id=campaign_id)


@dataclass
class Reader:
    """A device pulling page after page from its own cursor, as a laptop does."""

    device: Device
    cursor: int = 0
    rows: set[tuple[str, str]] = field(default_factory=set)
    change_ids: list[str] = field(default_factory=list)

    def pull(self, api: SyncApi, limit: int = 1000) -> list[dict[str, Any]]:
        got: list[dict[str, Any]] = []
        while True:
            page = api.pull(self.device, cursor=self.cursor, limit=limit)
            assert page["next_cursor"] >= self.cursor
            got += page["changes"]
            self.cursor = page["next_cursor"]
            if not page["more"]:
                break
        self.rows |= {(c["table"], c["row_id"]) for c in got}
        self.change_ids += [c["change_id"] for c in got]
        return got


@dataclass
class Shelters:
    campaign_id: str
    province: Device
    desk_a: Device
    desk_b: Device
    facility_a: str
    facility_b: str

    def insert(self, device: Device, table: str, **fields: Any) -> dict[str, Any]:
        return insert_change(
            device_id=device.id, campaign_id=self.campaign_id, table=table, **fields
        )


def set_up(api: SyncApi) -> Shelters:
    campaign_id = api.new_campaign()
    province = enrol_scoped(api, campaign_id, "province:05.301")
    facility_a, facility_b = str(uuid.uuid4()), str(uuid.uuid4())
    desk_a = enrol_scoped(api, campaign_id, f"facility:{facility_a}")
    desk_b = enrol_scoped(api, campaign_id, f"facility:{facility_b}")
    shelters = Shelters(campaign_id, province, desk_a, desk_b, facility_a, facility_b)
    results = api.push(
        province,
        [
            shelters.insert(province, "facility", row_id=facility_a, name="Dar Taliba"),
            shelters.insert(province, "facility", row_id=facility_b, name="Dar Chabab"),
        ],
    )
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    return shelters


def person(s: Shelters, device: Device, name: str) -> tuple[str, list[dict[str, Any]]]:
    person_id = str(uuid.uuid4())
    return person_id, [
        s.insert(device, "person", row_id=person_id, given_name_latn=name),
        s.insert(device, "person_name_variant", person_id=person_id, name=name.upper()),
        s.insert(device, "consent", person_id=person_id, purpose="registration"),
    ]


def stay_at(s: Shelters, device: Device, facility: str, person_id: str) -> list[dict[str, Any]]:
    stay = s.insert(device, "stay", facility_id=facility, person_id=person_id)
    night = s.insert(
        device, "bed_night", facility_id=facility, person_id=person_id,
        stay_id=stay["row_id"], night_date="2026-12-20",
    )  # fmt: skip
    return [stay, night]


def accepted(api: SyncApi, device: Device, batch: list[dict[str, Any]]) -> None:
    results = api.push(device, batch)
    assert [r["status"] for r in results] == ["accepted"] * len(batch), results


def rows_of(batch: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(c["table"], c["row_id"]) for c in batch}


def test_scope_strings() -> None:
    assert scope_facility("facility:abc") == "abc"
    assert scope_facility("province:05.301") is None


def test_each_shelter_pulls_its_own_stays_and_persons_the_province_everything(
    api: SyncApi,
) -> None:
    s = set_up(api)
    itto, itto_rows = person(s, s.province, "Itto")
    fadma, fadma_rows = person(s, s.province, "Fadma")
    stays_a = stay_at(s, s.province, s.facility_a, itto)
    stays_b = stay_at(s, s.province, s.facility_b, fadma)
    outsider, outsider_rows = person(s, s.province, "Touda")  # met in the street only
    encounter = [s.insert(s.province, "encounter", person_id=outsider)]
    accepted(api, s.province, itto_rows + fadma_rows + stays_a + stays_b)
    accepted(api, s.province, outsider_rows + encounter)
    night_b = [
        s.insert(
            s.desk_b, "bed_night", facility_id=s.facility_b, person_id=fadma,
            stay_id=stays_b[0]["row_id"], night_date="2026-12-21",
        )
    ]  # fmt: skip
    accepted(api, s.desk_b, night_b)

    a, b, province = Reader(s.desk_a), Reader(s.desk_b), Reader(s.province)
    a.pull(api)
    b.pull(api)
    province.pull(api)

    reference = {
        ("campaign", s.campaign_id), ("facility", s.facility_a), ("facility", s.facility_b),
    }  # fmt: skip
    assert a.rows == reference | rows_of(itto_rows + stays_a)
    assert b.rows == reference | rows_of(fadma_rows + stays_b)
    assert province.rows == {("campaign", s.campaign_id)} | rows_of(night_b)
    everything = Reader(enrol_scoped(api, s.campaign_id, "province:05.301"))
    everything.pull(api)
    assert everything.rows == reference | rows_of(
        itto_rows + fadma_rows + stays_a + stays_b + outsider_rows + encounter + night_b
    )
    assert len(a.change_ids) == len(set(a.change_ids))
    assert ("person", outsider) not in a.rows | b.rows


def test_a_person_arriving_at_another_shelter_brings_their_history(api: SyncApi) -> None:
    s = set_up(api)
    moha, moha_rows = person(s, s.desk_a, "Moha")
    first_stay = stay_at(s, s.desk_a, s.facility_a, moha)
    accepted(api, s.desk_a, moha_rows + first_stay)
    renamed = update_change(
        device_id=s.desk_a.id, campaign_id=s.campaign_id, row_id=moha,
        field_name="given_name_latn", value="Mohamed", hlc=stamp(1_700_000_100_000, s.desk_a.id),
    )  # fmt: skip
    accepted(api, s.desk_a, [renamed])

    b = Reader(s.desk_b)
    b.pull(api)
    assert ("person", moha) not in b.rows  # not B's business yet; B's cursor moves on

    second_stay = stay_at(s, s.province, s.facility_b, moha)  # the province desk checks him in
    accepted(api, s.province, second_stay)
    got = b.pull(api)

    history = {c["change_id"] for c in moha_rows} | {renamed["change_id"]}
    assert history <= {c["change_id"] for c in got}
    assert rows_of(second_stay) <= b.rows
    assert not rows_of(first_stay) & b.rows  # the stay at A stays A's
    assert b.pull(api) == []  # nothing twice


def test_pages_never_cut_a_catch_up_group(api: SyncApi) -> None:
    s = set_up(api)
    batch: list[dict[str, Any]] = []
    for name in ("Itto", "Fadma", "Moha"):
        person_id, rows = person(s, s.province, name)
        batch += rows + stay_at(s, s.province, s.facility_b, person_id)
    accepted(api, s.province, batch)
    whole, paged = Reader(s.desk_b), Reader(s.desk_b)
    whole.pull(api)
    paged.pull(api, limit=1)
    assert paged.change_ids == whole.change_ids
    assert rows_of(batch) <= whole.rows


def test_a_shelter_desk_cannot_touch_another_shelters_rows(api: SyncApi) -> None:
    s = set_up(api)
    itto, itto_rows = person(s, s.desk_b, "Itto")
    stay_b = stay_at(s, s.desk_b, s.facility_b, itto)
    accepted(api, s.desk_b, itto_rows + stay_b)

    foreign_stay = s.insert(s.desk_a, "stay", facility_id=s.facility_b, person_id=itto)
    closing = update_change(
        device_id=s.desk_a.id, campaign_id=s.campaign_id, table="stay",
        row_id=stay_b[0]["row_id"], field_name="checked_out_at", value="2026-12-21",
        hlc=stamp(1_700_000_200_000, s.desk_a.id),
    )  # fmt: skip
    moving = update_change(
        device_id=s.desk_a.id, campaign_id=s.campaign_id, table="stay",
        row_id=stay_b[0]["row_id"], field_name="facility_id", value=s.facility_a,
        hlc=stamp(1_700_000_200_001, s.desk_a.id),
    )  # fmt: skip
    own_stay = stay_at(s, s.desk_a, s.facility_a, itto)
    results = api.push(s.desk_a, [foreign_stay, closing, moving, *own_stay])
    assert [(r["status"], r.get("reason")) for r in results] == [
        ("rejected", "other_scope"),
        ("rejected", "other_scope"),
        ("rejected", "other_scope"),
        ("accepted", None),
        ("accepted", None),
    ]
    # The province device may touch any shelter's rows.
    province_close = update_change(
        device_id=s.province.id, campaign_id=s.campaign_id, table="stay",
        row_id=stay_b[0]["row_id"], field_name="checked_out_at", value="2026-12-21",
        hlc=stamp(1_700_000_300_000, s.province.id),
    )  # fmt: skip
    accepted(api, s.province, [province_close])


def test_upgrading_grants_the_rows_stored_before(database_url: str | None, tmp_path: Path) -> None:
    url = database_url or f"sqlite:///{tmp_path / 'server.sqlite'}"
    engine = make_engine(url)
    try:
        config = alembic_config(url=url)
        with engine.connect().execution_options(immediate=True) as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0003")
            connection.commit()
        state = [
            ("campaign", "c1", "name", '"Hiver"'),
            ("facility", "f1", "name", '"Dar Taliba"'),
            ("stay", "s1", "facility_id", '"f1"'),
            ("stay", "s2", "facility_id", "null"),
            ("person", "p1", "given_name_latn", '"Itto"'),
        ]
        with engine.begin() as conn:
            conn.execute(
                insert(field_state),
                [
                    {"campaign_id": "c1", "table_name": t, "row_id": r, "field": f,
                     "value": v, "hlc": "h"}
                    for t, r, f, v in state
                ],
            )  # fmt: skip
        upgrade_to_head(engine=engine)
        with engine.connect() as conn:
            grants = {
                (row.table_name, row.row_id, row.facility_id, row.granted_seq)
                for row in conn.execute(select(row_scope))
            }
        assert grants == {
            ("campaign", "c1", "", 0),
            ("facility", "f1", "", 0),
            ("stay", "s1", "f1", 0),
        }
    finally:
        engine.dispose()
